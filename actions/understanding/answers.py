"""Bare answers, read only for the question the bot just asked: "35", "ninguno", "secundaria", "Cusco",
"mototaxista". Whatever the intent classifier said: a question, a command or small talk is no answer."""

from __future__ import annotations

from actions.understanding import occupation, place
from actions.understanding.facts import foreign_money, monthly, valid
from actions.understanding.message import Message
from actions.understanding.numbers import Quantity


def bare_number(msg: Message, target: str, facts: dict, ranges: dict, taken: list[tuple], correction: bool) -> None:
    """The number that answers `target` ("35", "cero", "unos 2 años", "entre 800 y 1000"), if the
    message holds one reading of it; in a correction the last one not rejected ("tengo 39 no 29")."""
    zero = msg.lex.zero_answers.get(target)
    if zero and msg.whole(zero):  # "ninguno", "ni un sol": before numbers, since "un sol" holds one
        facts[target] = 0
        return
    free = _free_quantities(msg, target, taken)
    if not free:
        return
    ranged = [q for q in free if q.is_range or (q.below and not q.unit)]
    if ranged:
        q = ranged[0]
        ranges[target] = (q.low, q.high) if q.is_range else (msg.lex.limits[target][0], q.value)
        return
    if correction:
        kept = [q for q in free if not msg.negated(q.i)]
        if not kept:
            return
        q = kept[-1]
    elif len({q.value for q in free}) == 1:
        q = free[0]
    else:
        return  # several numbers: which one answers is a guess
    if target == "monthly_income" and (foreign_money(msg, q) or not monthly(msg, q)):
        return
    checked = valid(msg, target, q.value)
    if checked is not None:
        facts[target] = checked


def _free_quantities(msg: Message, target: str, taken: list[tuple]) -> list[Quantity]:
    """The readings of numbers no phrase took, longest first where they overlap, in text order;
    lengths of time for a fact counted in years."""
    durations = [q for qs in msg.ctx.durations.values() for q in qs]
    pool = [q for qs in msg.ctx.numbers.values() for q in qs]
    if target in msg.lex.durations:
        pool += durations
    else:  # "unos 2 años" answers no amount, and no count of children
        pool = [q for q in pool if not any(d.i <= q.i and q.j <= d.j for d in durations)]
    pool = [q for q in pool if not any(a < q.j and q.i < b for a, b in taken) and not msg.in_hypothesis(q.i)]
    pool.sort(key=lambda q: (q.i - q.j, q.unit is None))
    kept: list[Quantity] = []
    for q in pool:
        if not any(k.i < q.j and q.i < k.j for k in kept):
            kept.append(q)
    return sorted(kept)


def choice(msg: Message, target: str, facts: dict) -> None:
    """A choice or a yes/no fact in everyday words ("secundaria", "cachuelos nomas", "mi esposo"),
    as the bot's own wording of the option, or as its id ("secondary_complete")."""
    for value, phrases in msg.lex.asked.get(target, []):
        if msg.whole(phrases):
            facts[target] = value
            return
    typed = tuple(msg.content)
    value = msg.lex.choice_labels.get(target, {}).get(typed)
    if value is None and len(typed) == 1 and typed[0].replace(" ", "") in msg.lex.schema.choices(target):
        value = typed[0]
    if value is None and msg.text.strip().lower() in msg.lex.schema.choices(target):
        value = msg.text.strip().lower()
    if value is not None:
        facts[target] = value


def clause_choice(msg: Message, target: str, facts: dict) -> None:
    """A clause that answers the question just asked, among others and even beside a question or as one:
    "¿qué certificado? no tengo nada de eso", "no sé, ¿qué me recomienda?" (the lexicon's `asked_clauses`).
    Clauses that give different values give none."""
    values = set()
    for a, b in msg.clauses():
        words = [w for w, k in zip(msg.ctx.norms[a:b], msg.ctx.kinds[a:b], strict=True) if k != "p"]
        for value, phrases in msg.lex.asked_clauses.get(target, []):
            if words and msg.whole(phrases, words):
                values.add(value)
    if len(values) == 1:
        facts[target] = values.pop()


def free_text(msg: Message, target: str, facts: dict, result, clause: tuple[int, int]) -> None:
    """A trade or a place in the words of the answer's clause (up to what other readings took)."""
    a, b = clause
    if target == "occupation":
        found = occupation.answer(msg, a, b, lambda i, j: place.named(msg, i, j) == (i, j))
        if found:
            facts["occupation"] = found
    else:
        groups: list[str] = []
        found = place.answer(msg, a, b, groups, result.answer_spans)
        if found:
            result.place = found
        if groups:
            facts.setdefault("priority_group", [])
            facts["priority_group"] += [g for g in groups if g not in facts["priority_group"]]
