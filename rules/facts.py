"""Checking an applicant's facts against the public schema (policy/facts.yml).

Bad input is refused with a message a member of staff understands; nothing
is guessed. `None` means "not known" and is dropped, like a missing key.
"""

from __future__ import annotations

import difflib

from rules.policy import Policy


class FactError(ValueError):
    """An unknown fact name or a value of the wrong kind."""


def clean_facts(policy: Policy, facts: dict) -> dict:
    """Return the known facts, checked and normalised (ints as ints, text stripped)."""
    if not isinstance(facts, dict):
        raise FactError(f"an applicant's facts must be a mapping of fact names to values, not {type(facts).__name__}")
    out = {}
    for name, value in facts.items():
        spec = policy.facts.get(name) if isinstance(name, str) else None
        if spec is None:
            close = difflib.get_close_matches(str(name), policy.facts, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f"; known facts: {', '.join(policy.facts)}"
            raise FactError(f"unknown fact {name!r}{hint}")
        if value is None:
            continue
        out[name] = _check(spec, value)
    return out


def _check(spec, value):
    name, kind = spec.name, spec.type
    if kind in ("integer", "number"):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise FactError(f"{name} must be a number, not {value!r}")
        if value != value or value in (float("inf"), float("-inf")):
            raise FactError(f"{name} must be a finite number, not {value!r}")
        if kind == "integer":
            if value != int(value):
                raise FactError(f"{name} must be a whole number, not {value!r}")
            value = int(value)
        if spec.min is not None and value < spec.min or spec.max is not None and value > spec.max:
            raise FactError(f"{name} must be between {spec.min} and {spec.max}, not {value!r}")
        return value
    if kind == "boolean":
        if not isinstance(value, bool):
            raise FactError(f"{name} must be true or false, not {value!r}")
        return value
    if kind == "choice":
        if not isinstance(value, str) or value not in spec.choices:
            raise FactError(f"{name} must be one of {', '.join(spec.choices)}, not {value!r}")
        return value
    if kind == "choice_list":
        values = [value] if isinstance(value, str) else value
        if not isinstance(values, list):
            raise FactError(f"{name} must be a list of {', '.join(spec.choices)}")
        unknown = [v for v in values if not isinstance(v, str) or v not in spec.choices]
        if unknown:
            raise FactError(f"{name}: {unknown[0]!r} is not one of {', '.join(spec.choices)}")
        return list(dict.fromkeys(values))
    if kind == "text":
        if not isinstance(value, str) or not value.strip():
            raise FactError(f"{name} must be a non-empty text, not {value!r}")
        return value.strip()
    raise FactError(f"{name}: unsupported type {kind}")
