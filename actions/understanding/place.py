"""Where the applicant lives: a place as typed, for knowledge.resolve_place.

"vivo en el distrito de Comas" -> "Comas"; a bare answer "arequipa", "en Satipo", "in tarapoto".
A weak hint ("soy de X", "estoy en X") counts only when the knowledge base knows X.
"""

from __future__ import annotations

import knowledge
from actions.understanding.message import Message
from actions.understanding.occupation import warn_once

MAX_PLACE_WORDS = 8
_TRIM = " .,;:!?¿¡\"'"


def clean_place(msg: Message, a: int, b: int, weak: bool, groups: list[str]) -> str | None:
    """The place tokens [a, b) name, without "distrito de" and the like; a priority area ("VRAEM")
    goes to `groups` instead. None when it is no place."""
    lex = msg.lex
    i = _strip(msg, a, b)
    if i >= b:
        return None
    words = tuple(msg.ctx.norms[i:b])
    if words in lex.place["groups"]:
        if lex.place["groups"][words] not in groups:
            groups.append(lex.place["groups"][words])
        return None
    if _rejects(msg, i, b):
        return None
    content = [w for w, k in zip(words, msg.ctx.kinds[i:b], strict=True) if k == "w"]
    if not content or all(w in lex.chatter for w in content):
        return None
    place = msg.text_of(i, b).strip(_TRIM)
    if weak and not known_place(place):
        return None
    return place or None


def _strip(msg: Message, a: int, b: int) -> int:
    """Skip "distrito de", "en", "in" at the front (repeatedly, leaving at least one word)."""
    i = a
    while True:
        end = msg.starts_with(msg.lex.place["strip"], i)
        if end == i or end >= b:
            return i
        i = end


def _rejects(msg: Message, i: int, b: int) -> bool:
    """A reject phrase at the start covers the place's first words ("un cuarto", "mi casa")."""
    return any(m.i == i and m.j <= b for m in msg.find(msg.lex.place["reject_starts"]))


def known_place(text: str) -> bool:
    try:
        return knowledge.resolve_place(text).get("how") != "contained"
    except knowledge.UnknownPlace:
        return False
    except Exception as error:  # no knowledge base: a capitalised name passes
        warn_once("places", error)
        return text[:1].isupper()


def answer(msg: Message, a: int, b: int, groups: list[str]) -> str | None:
    """A bare answer to "where do you live?" in tokens [a, b): "Chiclayo", "en Lima pe",
    "Miraflores, Arequipa" (commas kept), up to chatter ("nomas", "gracias")."""
    lex = msg.lex
    if msg.whole(lex.place["none"]):
        return None
    i = _strip(msg, a, b)
    j = i
    stops = lex.match_words.stops["place"]
    while j < b:
        t = msg.toks[j]
        if t.kind == "p" and t.norm != ",":
            break
        if t.norm in stops[0] or any(tuple(msg.ctx.norms[j:j + len(s)]) == s for s in stops[1]):
            break
        j += 1
    while j > i and (msg.toks[j - 1].kind == "p" or msg.ctx.norms[j - 1] in lex.answer_fillers):
        j -= 1
    if i >= j or j - i > MAX_PLACE_WORDS:
        return None
    return clean_place(msg, i, j, weak=False, groups=groups)
