"""The declared shape of every file in knowledge/sources/, as JSON Schema checked by `datafiles`
(every problem at once, file:line:column, unknown keys refused; `amount`, `blank`, `hint` are its keywords).

What a schema cannot say (an id another file refers to exists, a centre lies at its city, an alias does
not shadow a real place) is checked in sources.py and places_check.py.
"""

from __future__ import annotations

ID = {"type": "string", "pattern": r"^[a-z][a-z0-9_]*$", "hint": "an id: lower case letters, digits and _"}
TEXT = {"type": "string", "blank": False}
BLANK_OK = {"type": "string", "hint": 'leave it "" when unknown: never guess'}
WHOLE = {"type": "integer", "minimum": 0}
TEXTS = {"type": "array", "minItems": 1, "items": TEXT}
# Keywords may be numbers ("1500"); a number written 1.500 is refused (it reads 1.5).
KEYWORDS = {"type": "array", "minItems": 1,
            "items": {"anyOf": [TEXT, {"type": "number", "minimum": 0, "amount": True}]}}
IDS = {"type": "array", "minItems": 1, "uniqueItems": True, "items": ID}
SOURCE = {"type": "string", "blank": False,
          "hint": "chapter section ids, 'maintainer' or a dataset, separated by commas"}
CENTRE_KINDS = ("zone_unit", "headquarters")


def row(required: dict, optional: dict | None = None) -> dict:
    properties = {**required, **(optional or {})}
    return {"type": "object", "additionalProperties": False, "required": list(required), "properties": properties}


def bilingual(*names: str) -> dict:
    return {f"{name}_{lang}": TEXT for name in names for lang in ("es", "en")}


STAGE = row(bilingual("name", "description"))
MODULE = row({**bilingual("name"), "hours": {**WHOLE, "minimum": 1, "maximum": 2000}}, bilingual("description"))
FAQ_LANG = row({"questions": {**TEXTS, "minItems": 2, "hint": "give at least 2 phrasings"}, "answer": TEXT},
               {"keywords": KEYWORDS})

ROWS = {
    "chapter": row({"id": ID, "title": TEXT}),
    "sectors": row({"id": ID, **bilingual("name"), "source": SOURCE}, {"parent": ID}),
    "components": row(
        {"id": ID, **bilingual("name", "summary", "audience", "offers", "duration", "cost", "delivered_by"),
         "cost_source": SOURCE, "source": SOURCE},
        {"hours_total": {**WHOLE, "minimum": 1, "maximum": 5000}, "stages": {"type": "array", "items": STAGE},
         "modules": {"type": "array", "items": MODULE}}),
    "courses": row(
        {"id": ID, "sector": ID, "component": ID, **bilingual("name", "description", "delivered_by"),
         "source": SOURCE},
        {"weeks_min": {**WHOLE, "minimum": 1}, "weeks_max": {**WHOLE, "minimum": 1, "maximum": 104},
         "keywords_es": KEYWORDS, "keywords_en": KEYWORDS}),
    # cues_* / not_*: words that point to a profile from inside a description of a trade, or rule it
    # out (main's occupations.py, merged from the simulator's work); optional.
    "profiles": row({"id": ID, **bilingual("name"), "sector": ID, "synonyms_es": TEXTS, "synonyms_en": TEXTS,
                     "source": SOURCE},
                    {**bilingual("description"), "cues_es": TEXTS, "cues_en": TEXTS, "not_es": TEXTS,
                     "not_en": TEXTS}),
    "centres": row(
        {"id": ID, "kind": {"enum": list(CENTRE_KINDS)}, **bilingual("name"), "region": TEXT, "city": TEXT,
         "lat": {"type": "number", "minimum": -90, "maximum": 90},
         "lon": {"type": "number", "minimum": -180, "maximum": 180},
         "coords_source": SOURCE, "address": BLANK_OK, "phone": BLANK_OK, "hours": BLANK_OK, "source": SOURCE},
        {"address_source": SOURCE}),
    "programmes": row({"id": ID, **bilingual("name", "purpose", "refer_when"), "source": SOURCE}),
    "faqs": row({"id": ID, "es": FAQ_LANG, "en": FAQ_LANG, "source": SOURCE},
                {"programmes": IDS, "components": IDS, "profiles": IDS, "see_also": IDS}),
    "place_aliases": row({
        "alias": TEXT,
        "ubigeo": {"type": "string", "pattern": r"^\d{2}(\d{2}(\d{2})?)?$",
                   "hint": 'the INEI code, quoted ("150132"): 2 digits a department, 4 a province, 6 a district'},
        "means": TEXT, "source": SOURCE}),
}


def collection_file(collection: str) -> dict:
    """A source file: one top-level key, the collection, holding a list of rows."""
    return {"type": "object", "additionalProperties": False, "required": [collection],
            "properties": {collection: {"type": "array", "items": ROWS[collection]}}}


_WORD = {"type": "string", "blank": False}
SEARCH_WORDS_FILE = {
    "type": "object", "additionalProperties": False, "required": ["words"],
    "properties": {"words": {
        "type": "object", "additionalProperties": False,
        "properties": {lang: {"type": "object", "additionalProperties": _WORD,
                              "hint": "a mapping of word: meaning"} for lang in ("es", "en")},
        "hint": "one mapping per language, es and en",
    }},
    "hint": "the file holds one mapping, words: (with es: and en:)",
}
