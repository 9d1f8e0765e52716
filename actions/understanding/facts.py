"""Facts stated in a message: every lexicon rule that matches, then the readings that do not clash.

"tengo 3 hijos y 35 años, vivo en Comas": each fact is found where it is said, in any order; when
readings overlap, the longest wins ("no tengo trabajo fijo" is underemployed, not unemployed).
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from actions.understanding.lexicon import Rule
from actions.understanding.match import Match
from actions.understanding.message import Message
from actions.understanding.numbers import Quantity
from actions.understanding.occupation import ruled_out_by as occupation_ruled_out
from actions.understanding.occupation import trade
from actions.understanding.place import clean_place


class Found(NamedTuple):
    facts: dict  # what the reading gives ("place" -> ((a, b), weak))
    span: tuple  # token span of the whole reading
    kind: str  # phrase, number, capture, soft
    number: tuple | None  # token span of the number it read
    capture: tuple | None  # token span of the trade or place it read
    strength: int  # a school year beats a bare school level
    rank: int
    ranges: dict = {}  # number facts given as a range: fact -> (low, high)
    weak: bool = False  # a bare number with little context ("tengo 45"): it yields to every other reading


def candidates(msg: Message, asked: str | None, goal: bool = True, skip: tuple = ()) -> list[Found]:
    """Every reading of the lexicon's rules. In a question, a bare number ("tengo 28") counts only
    outside the clauses that ask, and only for the facts `questions.statements` lists; a goal counts
    only when `goal` (a question about the programme is not a wish). Token spans in `skip` (commands)
    give nothing."""
    lex = msg.lex
    numbers = lex.schema.of_type("integer", "number")
    out: list[Found] = []
    for rule in lex.rules_for(msg.ctx.positions):
        if rule.kind == "weak" and ((asked in numbers and asked != rule.fact) or
                                    (msg.question and rule.fact not in lex.questions["statements"])):
            continue
        if rule.fact == "goal" and not goal:
            continue
        for m in msg.ctx.find(rule.phrase):
            if msg.in_hypothesis(m.i) or _inside(m, skip):
                continue
            if rule.guard and msg.negated(m.i):
                if rule.kind == "phrase":  # a negated statement says nothing, nor do its parts:
                    out.append(_said_nothing(m, rule))  # "no quiero trabajar en planilla" is not "en planilla"
                continue
            if rule.kind == "weak" and msg.in_question(m.i):
                continue
            found = interpret(rule, m, msg)
            if found is not None:
                out.append(found)
    from actions.understanding.schooling import schooling

    out.extend(f for f in schooling(msg, len(lex.rules)) if not any(a <= f.span[0] < b for a, b in skip))
    return out


def _said_nothing(m: Match, rule: Rule) -> Found:
    """A reading that gives no fact but keeps shorter phrases inside it from being read."""
    return Found({}, (m.i, m.j), "phrase", None, None, 1, rule.rank)


def _inside(m: Match, spans: tuple) -> bool:
    return any(a <= m.i < b for a, b in spans)


def interpret(rule: Rule, m: Match, msg: Message) -> Found | None:
    """The facts one match gives, or None when its number or its trade does not hold."""
    facts: dict = {}
    ranges: dict = {}
    number = capture = None
    strength = 1
    q: Quantity | None = m.slots.get("n") or m.slots.get("years")
    if q is not None and rule.kind not in ("phrase", "zero", "grade"):
        number = (q.i, q.j)
        if rule.fact == "monthly_income" and (foreign_money(msg, q) or not monthly(msg, q)):
            # dollars, or pay per day or week: the number is read (no other fact takes it) but gives no income
            return Found({}, (m.i, m.j), "number", number, None, 1, rule.rank)
        if q.is_range:
            ranges[rule.fact] = (q.low, q.high)
        elif q.below and not q.unit:  # "gano menos de 1000": asked again, not guessed
            ranges[rule.fact] = (msg.lex.limits[rule.fact][0], q.value)
        else:
            value = _birth_age(q.value) if rule.kind == "birth" else q.value
            checked = valid(msg, rule.fact, value)
            if checked is None:
                return None
            facts[rule.fact] = checked
    elif rule.kind == "zero":
        facts[rule.fact] = 0
    elif rule.kind == "grade":
        years, complete, incomplete = rule.value
        dropout = msg.found(msg.lex.dropout)
        facts["education"] = complete if m.slots["ord"] >= years and not dropout else incomplete
        strength = 2
    elif rule.kind == "phrase":
        if rule.fact == "occupation" and rule.value in occupation_ruled_out(msg, msg.sentence_of(m.i)):
            return None  # "hago puertas de fierro": a not-cue of the knowledge base rules the profile out
        facts[rule.fact] = [rule.value] if rule.fact == "priority_group" else rule.value
    end = m.j
    for slot in ("trade", "job"):
        if slot in m.slots:
            read = trade(msg, *m.slots[slot], strict=slot == "trade", around=(m.i, m.j))
            if read is None:
                return None
            facts["occupation"], capture = read
            if m.slots[slot][1] == m.j:
                end = capture[1]  # "I'm a baker from Piura": the reading ends with the trade it kept
    if rule.kind in ("place", "weak_place"):
        capture = m.slots["place"]
        if rule.kind == "weak_place" and not facts and _no_place(msg, capture):
            return None  # "mire, en el mes junto 900 soles": no place, so it keeps no words from other readings
        facts["place"] = (capture, rule.kind == "weak_place")
    if not facts and not ranges:
        return None
    kind = "number" if number else ("capture" if capture else "phrase")
    return Found(facts, (m.i, end), kind, number, capture, strength, rule.rank, ranges, rule.kind == "weak")


def _no_place(msg: Message, capture: tuple[int, int]) -> bool:
    """A weak hint ("estoy en X", ", en X") names no place the knowledge base knows, nor a priority area."""
    groups: list[str] = []
    return clean_place(msg, *capture, True, groups) is None and not groups


def _birth_age(year: float) -> float | None:
    today = dt.date.today()  # read at every message: the age moves on with the calendar
    return today.year - year if 1900 <= year <= today.year else None


def valid(msg: Message, fact: str, value: float | None) -> int | float | None:
    """The value as the engine reads it, or None when it is outside what an applicant means."""
    if value is None or fact not in msg.lex.limits:
        return None
    lo, hi = msg.lex.limits[fact]
    if not lo <= value <= hi:
        return None
    if msg.lex.schema.facts[fact].type == "integer":
        return int(value) if value == int(value) else None
    value = round(value, 2)
    return int(value) if value == int(value) else value


def foreign_money(msg: Message, q: Quantity) -> bool:
    """Dollars, euros: "300 dolares", "$ 300", "US$ 300" (the amount is not in soles)."""
    near = [msg.ctx.norms[k] for k in (q.i - 1, q.j, q.j + 1) if 0 <= k < msg.ctx.size]
    return any(w in msg.lex.foreign_money for w in near)


def monthly(msg: Message, q: Quantity) -> bool:
    """The amount is per month or has no period: the period word nearest it in its clause is not one
    of another period ("40 soles diarios", "300 a la semana"). An amount written across a comma ("one
    thousand, one hundred a week") is in the clauses of both its ends."""
    a, b = msg.clause(q.i)[0], msg.clause(q.j - 1)[1]
    nearest: tuple[int, bool] | None = None
    for is_month, phrases in zip((True, False), msg.lex.periods, strict=True):
        for m in msg.find(phrases):
            if m.i < a or m.j > b:
                continue
            distance = m.i - q.j if m.i >= q.j else q.i - m.j + 1  # after the amount first
            if nearest is None or distance < nearest[0]:
                nearest = (distance, is_month)
    return nearest is None or nearest[1]


def resolve(found: list[Found]) -> list[Found]:
    """Keep the readings that do not clash: longest first; phrases, then numbers, then captures, then
    weak numbers. A soft reading (a school level and its verdict, words apart) yields to a phrase of its
    fact and blocks nothing."""
    kept: list[Found] = []

    def by_length(f: Found):
        return -(f.span[1] - f.span[0]), f.rank

    for f in sorted((f for f in found if f.kind == "phrase"), key=by_length):
        if not any(_overlap(f.span, k.span) for k in kept):
            kept.append(f)
    phrases = list(kept)
    for f in sorted((f for f in found if f.kind == "number" and not f.weak), key=by_length):
        if not any(_overlap(f.span, k.span) for k in kept if k.kind == "number"):
            kept.append(f)
    for f in sorted((f for f in found if f.kind == "capture"), key=by_length):
        f = _place_before_phrase(f, phrases)
        clash = any(_overlap(f.capture, k.span) for k in kept if k.kind != "capture")
        clash = clash or any(_overlap(f.span, k.span) for k in kept if k.kind == "capture")
        if not (clash or any(_overlap(f.capture, k.number) or _overlap(f.number, k.number) for k in kept)):
            kept.append(f)
    for f in sorted((f for f in found if f.kind == "number" and f.weak), key=by_length):
        if not any(_overlap(f.span, k.span) for k in kept if k.kind == "number") \
                and not any(_overlap(f.number, k.number) or _overlap(f.span, k.capture) for k in kept):
            kept.append(f)
    soft: list[Found] = []
    for f in sorted((f for f in found if f.kind == "soft"), key=by_length):
        rivals = [k for k in phrases if set(k.facts) & set(f.facts)] + soft
        if not any(_overlap(f.span, k.span) for k in rivals):
            soft.append(f)
    return sorted(kept + soft, key=lambda f: f.span)


def _overlap(a: tuple | None, b: tuple | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def _place_before_phrase(f: Found, phrases: list[Found]) -> Found:
    """A place read up to a phrase ends before it: "vivo en Pichari zona del VRAEM" -> "Pichari"."""
    if "place" not in f.facts or f.capture is None:
        return f
    a, b = f.capture
    cut = min((k.span[0] for k in phrases if a < k.span[0] < b), default=None)
    if cut is None:
        return f
    _, weak = f.facts["place"]
    return f._replace(facts=dict(f.facts, place=((a, cut), weak)), capture=(a, cut), span=(f.span[0], cut))


def facts_from(found: list[Found], msg: Message) -> tuple[dict, str | None, dict]:
    """(facts, place as typed, ranges) from the kept readings, in text order: a later statement of a
    fact replaces an earlier one unless `prevails` says otherwise."""
    facts: dict = {}
    strength: dict = {}
    groups: list[str] = []
    places: list[tuple] = []
    ranges: dict = {}
    named: list[tuple[int, int]] = []  # token spans of place names longer than their phrase's capture
    for f in found:
        for fact, value in f.facts.items():
            if fact == "place":
                (a, b), weak = value
                place = clean_place(msg, a, b, weak, groups, named)
                if place:
                    places.append((weak, a, place))
    for f in found:
        if any(a <= f.span[0] and f.span[1] <= b for a, b in named):
            continue  # read inside a place's name: "Parado" in "María Parado de Bellido" is no unemployment
        ranges.update(f.ranges)
        for fact, value in f.facts.items():
            if fact == "place":
                continue
            if fact == "priority_group":
                groups.extend(v for v in value if v not in groups)
            elif fact not in facts or _replaces(msg, fact, value, facts[fact], f.strength - strength[fact]) \
                    or _in_present(msg, f.span[0]):
                facts[fact] = value
                strength[fact] = f.strength
    if groups:
        order = msg.lex.schema.choices("priority_group")
        facts["priority_group"] = sorted(groups, key=lambda g: order.index(g) if g in order else len(order))
    for fact in list(ranges):
        facts.pop(fact, None)  # a range is asked again, never guessed
    return facts, (min(places)[2] if places else None), ranges


def _replaces(msg: Message, fact: str, new, old, stronger: int) -> bool:
    """A later value replaces the earlier one unless `prevails` says the earlier one wins ("tengo chamba
    pero gano poco" is underemployed) or it was read more precisely."""
    prevails = msg.lex.prevails.get(fact, {})
    if isinstance(new, str) and old in prevails.get(new, ()):
        return True
    if isinstance(old, str) and new in prevails.get(old, ()):
        return False
    return stronger >= 0


def _in_present(msg: Message, pos: int) -> bool:
    """The clause around token `pos` says it is about now: "ahora tengo trabajo fijo"."""
    a, b = msg.clause(pos)
    return any(a <= m.i and m.j <= b for m in msg.find(msg.lex.present))
