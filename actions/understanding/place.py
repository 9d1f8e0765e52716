"""Where the applicant lives: a place as typed, for knowledge.resolve_place.

"vivo en el distrito de Comas" -> "Comas"; a bare answer "arequipa", "en Satipo", "in tarapoto".
A weak hint ("soy de X", "estoy en X") counts only when the knowledge base knows X.
"""

from __future__ import annotations

import knowledge
from actions.understanding.message import Message
from actions.understanding.occupation import warn_once
from knowledge.text import normalise_name

MAX_PLACE_WORDS = 8
_TRIM = " .,;:!?¿¡\"'"


def clean_place(msg: Message, a: int, b: int, weak: bool, groups: list[str], spans: list | None = None) -> str | None:
    """The place tokens [a, b) name, without "distrito de" and the like; a priority area ("VRAEM")
    goes to `groups` instead. None when it is no place. A name longer than [a, b) adds its token span
    to `spans` (its words are the place's, not other facts': "Parado" in "María Parado de Bellido")."""
    lex = msg.lex
    i = _strip(msg, a, b)
    if i >= b:
        return None
    words = tuple(msg.ctx.norms[i:b])
    if words in lex.place["groups"]:
        if lex.place["groups"][words] not in groups:
            groups.append(lex.place["groups"][words])
        return None
    place = msg.text_of(i, b).strip(_TRIM)
    content = [w for w, k in zip(words, msg.ctx.kinds[i:b], strict=True) if k == "w"]
    rejected = _rejects(msg, i, b) or not content or all(w in lex.chatter for w in content)
    # The longest whole name from here wins: "vivo en María Parado de Bellido" (the name runs past where
    # the phrase stopped), "Santa Lenoor" (a typo of Santa Leonor, not the province Santa).
    longest = longest_resolvable(msg, i)
    if longest is not None and (rejected or len(longest[0]) >= len(place)):
        if spans is not None:
            spans.append((i, longest[1]))
        return longest[0]
    if not rejected and resolves(place):
        return place
    span = named(msg, i, b)
    if span is not None and span[0] == i:  # a real name ("Casa Grande", "Mi Perú"), whatever its first word
        return with_qualifier(msg, span, b)
    if rejected or (weak and not known_place(place)):
        return None
    return place or None


def longest_resolvable(msg: Message, i: int) -> tuple[str, int] | None:
    """The longest text from token i, up to a stop word or punctuation ("y gano", "cerca al"), that the
    knowledge base reads as a place by its whole name (a typo included): ("María Parado de Bellido", end)."""
    stops = msg.lex.match_words.stops["place"]
    end = i
    while end < len(msg.toks) and end - i < MAX_PLACE_WORDS and msg.toks[end].kind != "p":
        if end > i and (msg.toks[end].norm in stops[0]
                        or any(tuple(msg.ctx.norms[end:end + len(w)]) == w for w in stops[1])):
            break
        end += 1
    for j in range(end, i, -1):
        if msg.toks[j - 1].kind == "w" and resolves(msg.text_of(i, j)):
            return msg.text_of(i, j).strip(_TRIM), j
    return None


def resolves(text: str) -> bool:
    """The knowledge base reads the text as a place by its whole name (exact, alias, qualified or a
    typo of one), not by a shorter name found inside it."""
    try:
        return knowledge.resolve_place(text).get("how") != "contained"
    except knowledge.UnknownPlace:
        return False
    except Exception as error:  # no knowledge base
        warn_once("places", error)
        return False


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


def named(msg: Message, a: int, b: int) -> tuple[int, int] | None:
    """The longest run of tokens in [a, b) that is exactly a place's name, or None. At the question
    "where do you live?", a real name is the answer whatever surrounds it ("ps en Casa Grande",
    "Mi Perú", "living in La Cuesta, Peru"), even where a word of it would otherwise end or reject one."""
    try:
        known = knowledge.place_names()
    except Exception as error:  # no knowledge base: the lexicon's reading still works
        warn_once("places", error)
        return None
    words = [k for k in range(a, b) if msg.toks[k].kind == "w"]
    folded = [normalise_name(msg.text_of(k, k + 1)) for k in words]
    for size in range(min(MAX_PLACE_WORDS, len(words)), 0, -1):
        for start in range(len(words) - size + 1):
            i, j = words[start], words[start + size - 1] + 1
            if j - i != size:
                continue  # a name does not run across punctuation
            name = " ".join(folded[start:start + size])
            if len(name) >= 3 and name in known:
                return i, j
    return None


def with_qualifier(msg: Message, span: tuple[int, int], b: int) -> str:
    """The name in `span`, with a department or province after a comma ("Miraflores, Arequipa")."""
    i, j = span
    if j < b and msg.toks[j].norm == ",":
        after = named(msg, j + 1, b)
        if after is not None and after[0] == j + 1:
            j = after[1]
    return msg.text_of(i, j).strip(_TRIM)


def answer(msg: Message, a: int, b: int, groups: list[str], names: list | None = None) -> str | None:
    """A bare answer to "where do you live?" in tokens [a, b): "Chiclayo", "en Lima pe",
    "Miraflores, Arequipa" (commas kept), up to chatter ("nomas", "gracias"). A real place's name
    anywhere in it is the answer; its tokens go to `names` (a name says nothing of the language)."""
    lex = msg.lex
    if msg.whole(lex.place["none"]):
        return None
    typed, typed_span = _typed(msg, a, b, groups)
    if typed is not None and resolves(typed):
        if names is not None:
            names.append(typed_span)
        return typed
    # After "en" / "in" ("estoy viviendo en Santa Lenoor"), or from the start, the longest whole name.
    for k in range(a, b):
        if k == a or msg.ctx.norms[k - 1] in lex.place["after"]:
            found = longest_resolvable(msg, k)
            if found is not None:
                if names is not None:
                    names.append((k, found[1]))
                return found[0]
    span = named(msg, a, b)
    if span is not None:
        if names is not None:
            names.append(span)
        return with_qualifier(msg, span, b)
    if typed is not None and names is not None:
        names.append(typed_span)
    return typed


def _typed(msg: Message, a: int, b: int, groups: list[str]) -> tuple[str | None, tuple[int, int]]:
    """The answer's words up to a stop word or punctuation, as the lexicon reads a place, and their span."""
    lex = msg.lex
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
        return None, (i, j)
    return clean_place(msg, i, j, weak=False, groups=groups), (i, j)
