"""What a message does in the conversation, beside its facts: a yes or a no, a command, a correction,
a language, small talk."""

from __future__ import annotations

from actions.understanding.message import Message

COMMANDS = ("erase", "restart", "handoff")
SENTENCE_WORDS = 3  # a whole sentence has at least this many words
SENTENCE_SHARE = 1 / 3  # and at least this share of them are typical of its language


def yes_no(msg: Message) -> bool | None:
    """Yes or no when the message (or its first clauses) is only yes/no words and fillers:
    "si", "no gracias", "si, tengo 2 hijos" (yes). "no tengo hijos" is a statement."""
    lex = msg.lex
    longest = max((len(k) for k in [*lex.yes_no, *lex.fillers]), default=1)
    polarity = None
    for a, b in msg.clauses():
        words = msg.ctx.norms[a:b]
        seen: set[bool] = set()
        i = 0
        while i < len(words):
            for size in range(min(longest, len(words) - i), 0, -1):
                key = tuple(words[i:i + size])
                if key in lex.yes_no:
                    seen.add(lex.yes_no[key])
                    break
                if key in lex.fillers:
                    break
            else:
                return polarity  # a clause with other words: a statement from here on
            i += size
        if len(seen) == 2:
            return polarity
        if seen:
            polarity = seen.pop()
    return polarity


def command(msg: Message) -> tuple[str | None, list[tuple[int, int]]]:
    """("erase" | "restart" | "handoff" | None, the clauses it takes). A command counts only when a
    clause is its phrase alone, maybe with fillers ("por favor", "quiero", "hola"), and not negated:
    "quiero empezar de nuevo mi negocio" and "no borres mis datos" are no commands."""
    fillers = msg.lex.commands["fillers"] | msg.lex.small_talk
    best: tuple | None = None
    for name in COMMANDS:
        for m in msg.find(msg.lex.commands[name]):
            a, b = msg.clause(m.i)
            rest = msg.ctx.norms[a:m.i] + msg.ctx.norms[m.j:b]
            if m.j > b or msg.negated(m.i) or any(w not in fillers for w in rest):
                continue
            if best is None or m.i < best[1]:
                best = (name, m.i, (a, b))
    return (best[0], [best[2]]) if best else (None, [])


def is_correction(msg: Message) -> bool:
    return any(not msg.negated(m.i) for m in msg.find(msg.lex.corrections))


def correction_span(msg: Message, a: int, b: int) -> bool:
    """Tokens [a, b) are a correction marker and nothing else ("me equivoqué", "sorry, I meant")."""
    return any(m.i <= a and b <= m.j for m in msg.find(msg.lex.corrections))


def language_request(msg: Message) -> str | None:
    """"in English please", "hablame en castellano", "english" alone."""
    requested = None
    fillers = msg.lex.language["fillers"]
    rest = tuple(w for w in msg.content if w not in fillers)
    for lang, phrases, alone in msg.lex.language["requests"]:
        if any(not msg.negated(m.i) for m in msg.find(phrases)) or (rest and rest in alone):
            requested = lang
    return requested


def sentence_language(msg: Message, skip: list[tuple[int, int]]) -> str | None:
    """"es"/"en" when the message is a whole sentence in that language: at least three words, and
    clearly more of that language's typical words than of the other's. Words in `skip` (places and
    trades named) do not count, nor do numbers."""
    words = [t.norm for k, t in enumerate(msg.toks)
             if t.kind == "w" and not any(a <= k < b for a, b in skip)]
    if len(words) < SENTENCE_WORDS:
        return None
    counts = {lang: sum(1 for w in words if w in msg.lex.language[lang]) for lang in ("es", "en")}
    for lang, other in (("es", "en"), ("en", "es")):
        n = counts[lang]
        if n >= 2 and n >= 2 * counts[other] and n >= SENTENCE_SHARE * len(words):
            return lang
    return None


def small_talk(msg: Message) -> bool:
    """Only greetings, thanks, goodbyes, fillers, emoji and punctuation ("hola", "gracias 🙏", "ok")."""
    return small_talk_span(msg, 0, msg.ctx.size)


def small_talk_span(msg: Message, a: int, b: int) -> bool:
    """Tokens [a, b) are small talk only."""
    return all(k != "n" and w in msg.lex.small_talk
               for w, k in zip(msg.ctx.norms[a:b], msg.ctx.kinds[a:b], strict=True) if k != "p")


def unclear_span(msg: Message, a: int, b: int) -> bool:
    """Tokens [a, b) only say the applicant did not understand or needs a moment ("no entiendo",
    "wait", "sorry, I don't understand"): the lexicon's `unclear` phrases, fillers aside."""
    words = [w for w, k in zip(msg.ctx.norms[a:b], msg.ctx.kinds[a:b], strict=True) if k != "p"]
    return bool(words) and msg.whole(msg.lex.unclear, words)
