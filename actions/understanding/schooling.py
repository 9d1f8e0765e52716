"""Schooling told in the applicant's own order: a school level near a word saying whether it was finished.

"estudié en un instituto pero no terminé" (higher_incomplete), "la secundaria la dejé en 4to"
(secondary_incomplete), "soy técnico titulado" (higher_complete). Each such word goes to the nearest
level (a comma counts as two words), within `school_levels.window`; phrases of `phrases.education`
win where they match.
"""

from __future__ import annotations

from actions.understanding.message import Message


def schooling(msg: Message, rank: int) -> list:
    from actions.understanding.facts import Found

    school = msg.lex.school
    mentions = _mentions(msg, school["levels"])
    if not mentions:
        return []
    verdicts = _verdicts(msg, school)
    out, used_m, used_v = [], set(), set()
    for _, mi, vi in sorted(_pairs(msg, mentions, verdicts, school["window"])):
        if mi in used_m or vi in used_v:
            continue
        used_m.add(mi)
        used_v.add(vi)
        i, j, complete, incomplete = mentions[mi]
        a, b, finished = verdicts[vi]
        span = (min(i, a), max(j, b))
        if msg.in_hypothesis(span[0]):
            continue
        out.append(Found({"education": complete if finished else incomplete}, span, "soft", None, None, 1, rank))
    return out


def _mentions(msg: Message, levels: list) -> list[tuple]:
    mentions: list[tuple] = []
    for phrases, complete, incomplete in levels:
        for m in msg.find(phrases):
            if not any(m.i < b and a < m.j for a, b, _, _ in mentions):
                mentions.append((m.i, m.j, complete, incomplete))
    return mentions


def _verdicts(msg: Message, school: dict) -> list[tuple]:
    verdicts: list[tuple] = []
    for phrases, finished in ((school["unfinished"], False), (school["finished"], True)):
        for m in msg.find(phrases):
            if not any(m.i < b and a < m.j for a, b, _ in verdicts):
                verdicts.append((m.i, m.j, finished and not msg.negated(m.i)))
    return verdicts


def _pairs(msg: Message, mentions: list, verdicts: list, window: int) -> list[tuple]:
    pairs = []
    for mi, (i, j, _, _) in enumerate(mentions):
        for vi, (a, b, _) in enumerate(verdicts):
            if (i < b and a < j) or max(a - j, i - b) > window:
                continue
            between = msg.toks[j:a] if a >= j else msg.toks[b:i]
            if any(t.kind == "p" and t.norm != "," for t in between):
                continue
            distance = sum(2 if t.kind == "p" else 1 for t in between)
            if distance <= window:
                pairs.append((distance, mi, vi))
    return pairs
