"""The declared shape of each file maintainers edit in rules/: the four policy files and the cases.

JSON Schema, checked by `datafiles` (every problem at once, as file:line:column, unknown keys refused,
with our `hint`, `amount`, `blank` and `date` keywords). What a schema cannot say (a requirement names a
fact that exists, a band is in order) is checked in loading.py and cases.py.

The values of a parameter have no fixed shape here: the test that reads a parameter says what its
values must be (operators.py), and loading.py checks them against that.
"""

from __future__ import annotations

from rules.operators import test_schema
from rules.policy import FACT_TYPES, LANGS, RANGE_KINDS

NAME = r"^[a-z][a-z0-9_]*$"  # fact names, parameter names, codes, ids
DATE_KEY = r"^\d{4}-\d{2}-\d{2}$"

TEXT = {"type": "string", "blank": False}
BILINGUAL = {"type": "object", "additionalProperties": False, "required": list(LANGS),
             "properties": {lang: TEXT for lang in LANGS}, "hint": f"a text for each of {' and '.join(LANGS)}"}
NAMES = {"type": "array", "uniqueItems": True, "items": {"type": "string", "pattern": NAME}}


def _named(item: dict, what: str) -> dict:
    """A mapping of names (lower case letters, digits, _) to items."""
    return {"type": "object", "minProperties": 1, "patternProperties": {NAME: item}, "additionalProperties": False,
            "hint": f"each {what} is named with lower case letters, digits and _"}


FACT = {
    "type": "object",
    "additionalProperties": False,
    "required": ["type", "label", "sensitive"],
    "properties": {
        "type": {"enum": list(FACT_TYPES)},
        "label": BILINGUAL,
        "choices": _named(BILINGUAL, "choice"),
        "min": {"type": "number", "minimum": 0, "hint": "facts are ages, counts, years and amounts: never below 0"},
        "max": {"type": "number", "minimum": 0},
        "unit": BILINGUAL,
        "sensitive": {"type": "boolean", "hint": "true for income, health and the like: asked after consent"},
        "money": {"type": "boolean", "hint": "true for an amount in soles"},
    },
}
FACTS_FILE = {"type": "object", "additionalProperties": False, "required": ["facts"],
              "properties": {"facts": _named(FACT, "fact")}}

DATED_VALUES = {"type": "object", "minProperties": 1, "patternProperties": {DATE_KEY: {}},
                "additionalProperties": False,
                "hint": "each value is keyed by the date it takes effect, YYYY-MM-DD"}
PARAMETER = {
    "type": "object",
    "additionalProperties": False,
    "required": ["description", "reference", "values"],
    "properties": {"description": TEXT, "unit": TEXT, "reference": TEXT, "values": DATED_VALUES},
}
PARAMETERS_FILE = _named(PARAMETER, "parameter")
# A dated value may name a list that another part of the project owns (the certifiable profiles):
# the policy loader is given those lists; it never reads another package's files.
INJECTED = {"type": "object", "additionalProperties": False, "required": ["injected"],
            "properties": {"injected": {"type": "string", "pattern": NAME}}}

CONDITION = {"type": "object", "additionalProperties": False, "required": ["fact", "test"],
             "properties": {"fact": {"type": "string", "pattern": NAME}, "test": test_schema()}}
REQUIREMENT = {
    "type": "object",
    "additionalProperties": False,
    "required": ["code", "fact", "test", "messages"],
    "properties": {
        "code": {"type": "string", "pattern": NAME},
        "fact": {"type": "string", "pattern": NAME},
        "test": test_schema(),
        "when": CONDITION,
        "also_held_by": {"type": "string", "pattern": NAME},
        "messages": {"type": "object", "additionalProperties": False, "required": ["held", "failed"],
                     "properties": {"held": BILINGUAL, "failed": BILINGUAL, "held_by": BILINGUAL}},
    },
}
REQUIREMENTS_FILE = {
    "type": "object",
    "additionalProperties": False,
    "required": ["ranges", "requirements"],
    "properties": {
        "ranges": {"type": "object", "additionalProperties": False, "required": list(RANGE_KINDS),
                   "properties": {kind: BILINGUAL for kind in RANGE_KINDS}},
        "requirements": {"type": "array", "minItems": 1, "items": REQUIREMENT},
    },
}

COMPONENTS_FILE = {
    "type": "object",
    "additionalProperties": False,
    "required": ["version", "general_requirements", "components", "recommendation", "referrals"],
    "properties": {
        "version": {"type": "string", "pattern": r"^\d{4}\.\d{2}\.\d+$", "hint": "YEAR.MONTH.N, quoted"},
        "general_requirements": NAMES,
        "components": _named({"type": "object", "additionalProperties": False, "required": ["name", "requirements"],
                              "properties": {"name": BILINGUAL, "requirements": NAMES}}, "component"),
        "recommendation": {
            "type": "object", "additionalProperties": False, "required": ["by_goal", "order"],
            "properties": {"by_goal": {"type": "object", "patternProperties": {NAME: {"type": "string"}},
                                       "additionalProperties": False},
                           "order": NAMES},
        },
        "referrals": {"type": "array", "items": {"type": "object", "additionalProperties": False, "required": ["id"],
                                                 "properties": {"id": {"type": "string", "pattern": NAME},
                                                                "when": CONDITION}}},
    },
}

SCHEMAS = {"facts.yml": FACTS_FILE, "parameters.yml": PARAMETERS_FILE, "requirements.yml": REQUIREMENTS_FILE,
           "components.yml": COMPONENTS_FILE}

STATUS = {"enum": ["eligible", "needs_info", "not_eligible"]}
CASE = {
    "type": "object",
    "additionalProperties": False,
    "required": ["name", "on", "facts", "expected"],
    "properties": {
        "name": TEXT,
        "on": {"date": True},
        "facts": {"type": "object", "patternProperties": {NAME: {}}, "additionalProperties": False},
        "expected": {
            "type": "object", "minProperties": 1, "additionalProperties": False,
            "properties": {
                "status": {"type": "object", "minProperties": 1, "patternProperties": {NAME: STATUS},
                           "additionalProperties": False},
                "missing": {"type": "object", "patternProperties": {NAME: NAMES}, "additionalProperties": False},
                "reasons": {"type": "object", "patternProperties": {NAME: NAMES}, "additionalProperties": False},
                "recommended": {"anyOf": [{"type": "null"}, {"type": "string", "pattern": NAME}]},
                "referrals": NAMES,
                "flags": NAMES,
            },
            "hint": "what the decision must show: status, missing, reasons, recommended, referrals, flags",
        },
    },
}
CASES_FILE = {"type": "array", "minItems": 1, "items": CASE}
