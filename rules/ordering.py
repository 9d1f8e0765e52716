"""Computing the asking order over the synthetic population (stored by rules/ask_order.py).

See rules/ask_order.py for why; this module does the search, with the plain-Python
reference evaluator, so that reading the stored order needs none of it.
"""

from __future__ import annotations

from rules import ask_order, reference
from rules.ask_order import POPULATION
from rules.population import population


def mean_questions(policy, order: list[str], applicants: list[dict], on=None, groups=None) -> float:
    """Over these applicants, the mean number of questions asked in `order` before nothing is needed.

    A fact of a group (`groups`, default the policy's asked_together.yml) whose other facts are all still
    unknown is asked with them, in one question."""
    groups = ask_order.together(policy) if groups is None else groups
    memo: dict = {}

    def needed(index: int, known: frozenset) -> set:
        key = (index, known)
        if key not in memo:
            facts = {f: applicants[index].get(f) for f in known if applicants[index].get(f) is not None}
            decision = reference.evaluate(policy, facts, on=on)
            missing = {f for c in decision["components"].values() for f in c["missing"]}
            memo[key] = missing - known
        return memo[key]

    total = 0
    for index in range(len(applicants)):
        known: frozenset = frozenset()
        while True:
            wanted = needed(index, known)
            nxt = next((f for f in order if f in wanted), None)
            if nxt is None:
                break
            # One question asks the fact and the rest of its group; a fact the applicant does not have (no
            # children) is an answer all the same.
            group = ask_order.largest_group(groups, nxt, known.__contains__)
            known |= set(group.facts if group else (nxt,))
            total += 1
    return total / max(len(applicants), 1)


def compute(policy, applicants: list[dict] | None = None, on=None) -> tuple[list[str], float, float]:
    """(the best order found, its mean number of questions, the mean in facts.yml's order)."""
    applicants = applicants if applicants is not None else population(**POPULATION)
    file_order = list(policy.facts)
    cost = lambda order: mean_questions(policy, order, applicants, on)  # noqa: E731
    order: list[str] = []
    rest = list(file_order)
    while rest:  # greedy: the next fact is the one after which the file's order does best
        best = min(rest, key=lambda f: (cost([*order, f, *[r for r in rest if r != f]]), rest.index(f)))
        order.append(best)
        rest.remove(best)
    current = cost(order)
    improved = True
    while improved:  # then swap neighbours while that helps
        improved = False
        for i in range(len(order) - 1):
            trial = [*order[:i], order[i + 1], order[i], *order[i + 2:]]
            value = cost(trial)
            if value < current - 1e-9:
                order, current, improved = trial, value, True
    return order, current, cost(file_order)
