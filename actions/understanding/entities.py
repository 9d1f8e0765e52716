"""Facts from button payloads and NLU entities: '/inform{"education": "secondary_complete"}'."""

from __future__ import annotations

import json
import re
from typing import Any

from actions.understanding.facts import valid
from actions.understanding.message import Message

_PAYLOAD = re.compile(r"/(\w+)\s*(\{.*\})?\s*", re.S)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")
_JSON_TRUTH = {"true": True, "false": False, "1": True, "0": False}


def payload(text: str) -> tuple[str | None, list[dict]]:
    """Rasa button payloads: '/affirm', '/inform{"education": "secondary_complete"}'."""
    m = _PAYLOAD.fullmatch(text)
    if not m:
        return None, []
    entities = []
    if m.group(2):
        try:
            data = json.loads(m.group(2))
        except ValueError:
            data = {}
        if isinstance(data, dict):
            entities = [{"entity": str(k), "value": v} for k, v in data.items()]
    return m.group(1), entities


def from_entities(entities: list[dict], lex, message) -> dict:
    """{fact: value} for the entities that name an engine fact with an allowed value, plus "place"
    and "consent"."""
    out: dict = {}
    for e in entities:
        name, value = e.get("entity"), e.get("value")
        if not isinstance(name, str):
            continue
        if name == "place":
            if isinstance(value, str) and value.strip() and len(value) <= 200:
                out["place"] = _CONTROL.sub(" ", value).strip()
        elif name == "consent":
            b = boolean(value, lex, message)
            if b is not None:
                out["consent"] = b
        elif name in lex.schema.facts:
            v = coerce(name, value, lex, message)
            if v is not None:
                out[name] = v
    return out


def boolean(value: Any, lex, message) -> bool | None:
    """true/false as JSON writes it, or a yes/no word of the lexicon ("si", "no")."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip():
        text = value.strip().lower()
        if text in _JSON_TRUTH:
            return _JSON_TRUTH[text]
        return lex.yes_no.get(tuple(message(text[:100]).content))
    return None


def coerce(fact: str, value: Any, lex, message) -> Any:
    """An entity value as the engine reads it, or None when it is not an allowed value."""
    kind = lex.schema.facts[fact].type
    if kind in ("integer", "number"):
        return _number(fact, value, lex, message)
    if kind == "boolean":
        return boolean(value, lex, message)
    if kind == "choice_list":
        return _choice_list(fact, value, lex)
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        return None
    text = str(value).strip()[:200]
    if kind == "choice":
        return _choice(fact, text, lex, message)
    if kind == "text" and text:
        from actions.understanding.occupation import profile

        found = profile(message(text), text) if fact == "occupation" else None
        return found or _CONTROL.sub(" ", text).lower()
    return None


def _number(fact: str, value: Any, lex, message) -> Any:
    if isinstance(value, bool) or value is None:
        return None
    msg: Message = message(str(value)[:100]) if isinstance(value, str) else message("")
    if isinstance(value, (int, float)):
        return valid(msg, fact, float(value))
    if isinstance(value, str):
        numbers = [q for qs in msg.ctx.numbers.values() for q in qs if not q.is_range]
        return valid(msg, fact, numbers[0].value) if len(numbers) == 1 else None
    return None


def _choice_list(fact: str, value: Any, lex) -> list | None:
    if isinstance(value, str):
        try:
            decoded = json.loads(value)
            value = decoded if isinstance(decoded, list) else [value]
        except ValueError:
            value = [value]
    if not isinstance(value, (list, tuple)):
        return None
    given = {str(x) for x in value}
    groups = [v for v in lex.schema.choices(fact) if v in given]
    return groups or None


def _choice(fact: str, text: str, lex, message) -> str | None:
    if text.lower() in lex.schema.choices(fact):
        return text.lower()
    from actions.understanding.answers import choice
    from actions.understanding.facts import candidates, resolve

    msg = message(text)  # an NLU entity in words: "secundaria completa"
    for f in resolve(candidates(msg, fact)):
        if fact in f.facts:
            return f.facts[fact]
    found: dict = {}
    choice(msg, fact, found)
    return found.get(fact)
