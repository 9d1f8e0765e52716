"""Trades: the certifiable profile a trade names, or the trade itself as free text.

The profile comes from the knowledge base (profile names and synonyms, knowledge/sources/profiles.yml):
"soy carpintero", "trabajo en madera" -> carpintero_industrial. Any other trade is kept as typed,
cleaned of its lead-in: "soy mototaxista" -> "mototaxista", "I sell food at the market".
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from rapidfuzz.distance import OSA

import knowledge
from actions.understanding.message import Message

log = logging.getLogger(__name__)
_WARNED: set[str] = set()
SYNONYM_SCORE = 95.0  # the knowledge base's score for a synonym found in the text (100: the text is one)
MAX_ANSWER_WORDS = 12  # a free-text trade longer than this is a story, not a trade
# A word this long, this many slips (a letter left out, changed, added or two swapped) from a word of
# `vocab.not_trades`, is that word mistyped: "experiecia", "esperiencia" are no trades. Shorter words
# stay exact ("dia" is no trade, "guia" is one).
NOT_TRADE_SLIPS = ((7, 1), (10, 2))


def trade(msg: Message, i: int, j: int, strict: bool, around: tuple | None = None) -> tuple[str, tuple] | None:
    """The occupation tokens [i, j) name, with the token span kept: a profile id, else (unless
    `strict`, which takes only known trades) the words as typed, in lower case. `around` is the
    span of the whole phrase: a synonym that includes its lead-in ("trabajo en madera") counts."""
    lex = msg.lex
    occ = lex.occupation
    norms = msg.ctx.norms
    while i < j and norms[i] in occ["trim_leading"]:
        i += 1
    j = _without_ending(msg, i, j)
    while j > i and norms[j - 1] in occ["trim_trailing"]:
        j -= 1
    if i >= j or any(msg.toks[k].kind != "w" for k in range(i, j)):
        return None
    words = norms[i:j]
    if not_a_trade(msg, words[0]) or _function_word(msg, words[0]):
        return None
    if all(w in lex.small_talk or msg.negated(i) for w in words):
        return None
    # The rest of the sentence tells more: "soy jornalera en el espárrago, en cosecha" (a cue names the
    # profile), "carpintero metálico, hago puertas de fierro" (a not-cue rules it out).
    end = msg.sentence_end(i)
    sentence = msg.text_of(i, end)
    ruled_out = ruled_out_by(msg, msg.sentence_of(i))
    if around is not None:
        whole = profile(msg, msg.text_of(*around), exact=True)
        if whole and whole not in ruled_out:
            return whole, (i, j)
    found = profile(msg, " ".join(words))
    if found and found not in ruled_out:
        return found, (i, j)
    found = profile(msg, sentence, exact=True) if end > j else None
    if found:
        return found, (i, j)
    if strict:
        for k in range(j, i, -1):
            if tuple(norms[i:k]) in lex.trades:
                if k + 1 < j and norms[k] in occ["complements"]:
                    k = j  # "vendedora de golosinas", "profesora de primaria": the trade with what it is of
                return msg.text_of(i, k).lower(), (i, k)
        return None
    return msg.text_of(i, j).strip(" .,;:!?¿¡\"'").lower() or " ".join(words), (i, j)


def not_a_trade(msg: Message, word: str) -> bool:
    """The word starts no trade: a word of `vocab.not_trades`, or a long one mistyped (NOT_TRADE_SLIPS)."""
    not_trades = msg.lex.occupation["not_trades"]
    if word in not_trades:
        return True
    if word in msg.lex.trades or any(t[0] == word for t in msg.lex.trades):
        return False
    return any(len(w) >= size and OSA.distance(word, w, score_cutoff=slips) <= slips
               for w in not_trades for size, slips in NOT_TRADE_SLIPS)


def _function_word(msg: Message, word: str) -> bool:
    """"de", "the", "que" never start a trade (unless a trade starts with them)."""
    return word in msg.lex.language["all"] and not any(t[0] == word for t in msg.lex.trades)


def profile(msg: Message, text: str, exact: bool = False) -> str | None:
    """The certifiable profile the text names (asked once per message); with `exact`, only when a
    synonym is the text or inside it, never a near spelling."""
    key = (text, exact)
    if key not in msg.profiles:
        msg.profiles[key] = _lookup(text, msg.language, exact)
    return msg.profiles[key]


def ruled_out_by(msg: Message, text: str) -> set[str]:
    """The profiles the text rules out (the knowledge base's not-cues)."""
    key = ("ruled out", text)
    if key in msg.profiles:
        return msg.profiles[key]
    try:
        msg.profiles[key] = knowledge.occupation_ruled_out(text, msg.language)
        return msg.profiles[key]
    except Exception as error:  # no knowledge base: nothing is ruled out
        warn_once("occupation", error)
        return set()


def _lookup(text: str, lang: str | None, exact: bool) -> str | None:
    try:
        if exact:
            best = knowledge.occupation_candidates(text, lang, 1)
            return best[0]["id"] if best and best[0]["score"] >= SYNONYM_SCORE else None
        return knowledge.occupation_to_profile(text, lang)
    except Exception as error:  # no knowledge base: the trade stays free text
        warn_once("occupation", error)
        return None


def warn_once(what: str, error: Exception) -> None:
    if what not in _WARNED:
        _WARNED.add(what)
        log.warning("understanding without the knowledge base (%s): %s", what, error)


def answer(msg: Message, a: int, b: int, is_place: Callable[[int, int], bool] | None = None) -> str | None:
    """The trade a bare answer to "what is your trade?" names, in tokens [a, b) (its clause, up to
    other facts): lead-ins ("soy", "trabajo de", "I'm a") and trailing chatter removed. A place's
    name alone (`is_place` of the trade's tokens: "Lima", "en Arequipa pe") answers the wrong question."""
    lex = msg.lex
    occ = lex.occupation
    if msg.whole(occ["none"], msg.ctx.norms[a:b]) or _is_chatter(msg, a, b):
        return None
    i = a
    while True:
        end = msg.starts_with(occ["frames"], i)
        if end == i or end >= b:
            break
        i = end
    j = _without_fillers(msg, i, _without_ending(msg, i, _without_fillers(msg, i, b)))
    if i >= j or j - i > MAX_ANSWER_WORDS or not any(msg.toks[k].kind == "w" for k in range(i, j)):
        return None
    if any(i <= k < j for k in msg.ctx.number_starts) or any(msg.toks[k].kind == "n" for k in range(i, j)):
        return None  # "unos 2 años", "900 soles": an amount or a time, not a trade
    norms = msg.ctx.norms
    while i < j and (norms[i] in occ["trim_leading"] or (norms[i],) in lex.fillers and norms[i] in lex.small_talk):
        i += 1  # "un gasfitero", "ehh gasfitero"
    if i >= j or not_a_trade(msg, norms[i]):
        return None  # "en casa", "de noche"
    # The profile from the answer's clause, else from the whole message ("evaluador de campo, veo las
    # plagas de los cultivos": the cue is in the second clause).
    ruled_out = ruled_out_by(msg, msg.text)
    found = next((p for p in (profile(msg, msg.text_of(a, b), exact=True), profile(msg, " ".join(norms[i:j])),
                              profile(msg, msg.text, exact=True)) if p and p not in ruled_out), None)
    if not found and is_place is not None and tuple(norms[i:j]) not in lex.trades and is_place(i, j):
        return None
    return found or msg.text_of(i, j).strip(" .,;:!?¿¡\"'").lower() or None


def _without_fillers(msg: Message, i: int, j: int) -> int:
    """Where tokens [i, j) end without the fillers and punctuation that close them ("gasfitero nomas.")."""
    while j > i and (msg.ctx.norms[j - 1] in msg.lex.answer_fillers or msg.toks[j - 1].kind == "p"):
        j -= 1
    return j


def _without_ending(msg: Message, i: int, j: int) -> int:
    """Where tokens [i, j) end without the longest lexicon ending that closes them ("cuidadora de oficio",
    "gasfitero, ese es mi oficio", "tapicero by trade"): `i` when the ending is all there is."""
    return next((k for k in range(i, j) if msg.starts_with(msg.lex.occupation["endings"], k) == j), j)


def _is_chatter(msg: Message, a: int, b: int) -> bool:
    """Small talk, yes/no words and fillers only: "jaja ok", "gracias!"."""
    words = [w for w, k in zip(msg.ctx.norms[a:b], msg.ctx.kinds[a:b], strict=True) if k != "p"]
    return not words or all(w in msg.lex.chatter for w in words)
