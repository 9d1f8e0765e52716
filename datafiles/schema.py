"""Checking a Document against a declared JSON Schema (draft 2020-12), every error at once.

Errors name the file, line and column of the offending value (or key), the path of keys that leads
to it, and what to write instead. Two additions to JSON Schema, both optional:

- `"hint": "..."` on any schema: said after the reason when a value fails that schema;
- `"amount": true` on a number: `1.500` written without quotes is refused, since YAML reads 1.5
  where Peruvians mean one thousand five hundred.
- `"blank": false` on text: text made only of spaces is refused (JSON Schema would need a pattern);
- `"date": true`: the value must be a date written YYYY-MM-DD (not a date and time, not quoted text).
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import json
import re
from typing import Any

import jsonschema
from jsonschema.exceptions import ValidationError, best_match

from datafiles.problems import Problem
from datafiles.reading import Document

_YAML11_BOOLEANS = {"yes", "no", "on", "off", "y", "n"}
_SEXAGESIMAL = re.compile(r"[-+]?\d+(?::[0-5]?\d)+(?:\.\d*)?")
_THOUSANDS_DOT = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+")
_TYPE_NAMES = {"string": "text", "integer": "a whole number", "number": "a number", "boolean": "true or false",
               "array": "a list", "object": "a mapping of keys to values", "null": "nothing (empty)"}


class _Written(float):
    """A float that remembers how it was written, while the `amount` keyword looks at it."""

    text: str = ""


def _amount(validator, wanted, instance, schema):
    if wanted and isinstance(instance, _Written) and _THOUSANDS_DOT.fullmatch(instance.text):
        whole = instance.text.replace(".", "")
        yield ValidationError(f"{instance.text} reads as {float(instance):g}; for an amount of {whole} write {whole}")


def _blank(validator, allowed, instance, schema):
    if allowed is False and isinstance(instance, str) and not instance.strip():
        yield ValidationError("is blank; write the text")


def _date(validator, wanted, instance, schema):
    if wanted and not (isinstance(instance, dt.date) and not isinstance(instance, dt.datetime)):
        shown = json.dumps(instance, default=str, ensure_ascii=False)[:60]
        quoted = " (it is quoted, so it is text: remove the quotes)" if isinstance(instance, str) else ""
        yield ValidationError(f"expected a date (YYYY-MM-DD), not {shown}{quoted}")


@functools.lru_cache(maxsize=256)
def _validator(schema_json: str):
    schema = json.loads(schema_json)
    cls = jsonschema.validators.extend(jsonschema.Draft202012Validator, {"amount": _amount, "blank": _blank,
                                                                                  "date": _date})
    cls.check_schema(schema)
    return cls(schema)


def validate(doc: Document, schema: dict) -> list[Problem]:
    """Every way the document breaks the schema, as problems in file order."""
    validator = _validator(json.dumps(schema, sort_keys=True))
    shadow = _with_written_floats(doc, doc.data, ())
    errors = [e for e in validator.iter_errors(shadow) if tuple(e.absolute_path) not in doc.flagged]
    renamed = _renamed(errors)
    problems: list[Problem] = []
    for error in errors:  # those already refused while reading are left out
        if error.validator == "required" and (tuple(error.absolute_path), _missing(error)) in renamed:
            continue  # "unknown key 'phrase'; did you mean 'phrases'?" says it
        problems.extend(_problems(doc, error))
    return sorted(set(problems))


def _missing(error: ValidationError) -> str | None:
    found = re.match(r"'([^']*)' is a required property", error.message)
    return found.group(1) if found else None


def _renamed(errors: list[ValidationError]) -> set:
    """(path, key) of required keys that an unknown key nearby looks like a misspelling of."""
    out = set()
    for error in errors:
        if error.validator == "additionalProperties" and error.validator_value is False:
            for name, allowed in _unknown_keys(error):
                for close in difflib.get_close_matches(name, allowed, n=1, cutoff=0.7):
                    out.add((tuple(error.absolute_path), close))
    return out


def _with_written_floats(doc: Document, value: Any, keys: tuple) -> Any:
    if isinstance(value, dict):
        return {k: _with_written_floats(doc, v, (*keys, k)) for k, v in value.items()}
    if isinstance(value, list):
        return [_with_written_floats(doc, v, (*keys, i)) for i, v in enumerate(value)]
    if isinstance(value, float) and doc.plain_text(keys) is not None:
        written = _Written(value)
        written.text = doc.plain_text(keys)
        return written
    return value


def _problems(doc: Document, error: ValidationError) -> list[Problem]:
    while error.context and error.validator in ("anyOf", "oneOf"):
        # the branch that got furthest into the value says best what is wrong; "or nothing" (a null
        # branch) never does: `max: [29]` wants a number, not to be left empty
        branches = [e for e in error.context if not (e.validator == "type" and e.validator_value == "null")]
        branches = branches or error.context
        error = max(branches, key=lambda e: (len(e.absolute_path), e is best_match(branches)))
    keys = tuple(error.absolute_path)
    at = _dotted(keys)
    hint = error.schema.get("hint") if isinstance(error.schema, dict) else None
    if error.validator == "additionalProperties" and error.validator_value is False:
        return [doc.problem((*keys, name), f"{at}unknown key {name!r}{_suggest(name, allowed)}", key=True)
                for name, allowed in _unknown_keys(error)]
    if error.validator == "required":
        missing = _missing(error)
        reason = f"{at}missing key {missing!r}" if missing else f"{at}{error.message}"
    elif error.validator == "type":
        reason = f"{at}{_type_reason(doc, keys, error)}"
    elif error.validator == "enum":
        options = [str(v) for v in error.validator_value]
        reason = f"{at}{error.instance!r} is not one of {', '.join(options)}{_suggest(str(error.instance), options)}"
    else:
        reason = f"{at}{error.message}"
    if hint:
        reason += f" ({hint})"
    return [doc.problem(keys, reason)]


def _unknown_keys(error: ValidationError) -> list[tuple[str, list[str]]]:
    allowed = list((error.schema.get("properties") or {}).keys())
    patterns = [re.compile(p) for p in (error.schema.get("patternProperties") or {})]
    return [(name, allowed) for name in error.instance
            if name not in allowed and not any(p.search(str(name)) for p in patterns)]


def _type_reason(doc: Document, keys: tuple, error: ValidationError) -> str:
    wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
    names = " or ".join(_TYPE_NAMES.get(t, t) for t in wanted)
    written = doc.plain_text(keys)
    shown = written if written else json.dumps(error.instance, default=str, ensure_ascii=False)
    if written == "" and error.instance is None:
        shown = "an empty value"  # `key:` with nothing after it
    shown = " ".join(shown.split())  # a value written over several lines is quoted on one (file:line: reason)
    reason = f"expected {names}, not {shown[:60]}"
    if written is not None and written.lower() in _YAML11_BOOLEANS and "boolean" in wanted:
        reason += f" (write true or false: `{written}` is a boolean only in YAML 1.1)"
    elif written is not None and _SEXAGESIMAL.fullmatch(written) and {"number", "integer"} & set(wanted):
        reason += f" (`{written}` is text here; YAML 1.1 reads it as a base-60 number: write the number itself)"
    elif written is None and isinstance(error.instance, str) and {"number", "integer", "boolean"} & set(wanted):
        reason += " (it is quoted, so it is text: remove the quotes)"
    return reason


def _suggest(name: str, options: list[str]) -> str:
    close = difflib.get_close_matches(name, options, n=1, cutoff=0.7)
    if close:
        return f"; did you mean {close[0]!r}?"
    if options and len(options) <= 12:
        return f"; expected one of {', '.join(options)}"
    return ""


def _dotted(keys: tuple) -> str:
    if not keys:
        return ""
    parts = "".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in keys).lstrip(".")
    return f"{parts}: "
