"""The order in which the assistant asks for facts: computed from the population, kept as data.

Every question loses some applicants, so the facts are asked in the order that,
over the synthetic population (rules/population.py), reaches a decision for every
component after the fewest questions on average. `rules.ordering.compute` finds that order
(greedy, then adjacent swaps while they help) with the plain-Python reference
evaluator; `python -m rules ask-order --write` stores it in
rules/policy/ask_order.yml, and a test fails when the stored order is no longer
what the policy and population give. A maintainer never orders questions by hand.

`stored(policy)` is what the decision uses: the stored order when it names
exactly the policy's facts, else the order of facts.yml (and a warning), so an
edit of facts.yml never breaks the assistant, it only asks in the file's order
until the order is recomputed.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

import datafiles

FILE = "ask_order.yml"
SCHEMA = {
    "type": "object",
    "required": ["order"],
    "additionalProperties": False,
    "properties": {"order": {"type": "array", "items": {"type": "string"}, "uniqueItems": True}},
}
POPULATION = {"size": 2000, "seed": 0}

log = logging.getLogger(__name__)


def stored(policy) -> list[str]:
    """The policy's facts in asking order (see the module's docstring)."""
    return list(_stored(policy.folder, tuple(policy.facts)))


@lru_cache(maxsize=16)
def _stored(folder: Path, facts: tuple) -> tuple:
    path = Path(folder) / FILE
    if not path.exists():
        return facts
    try:
        order = datafiles.load(path, SCHEMA).data["order"]
    except datafiles.DataFileError as error:
        log.warning("ask order not used, asking in the order of facts.yml: %s", error)
        return facts
    if sorted(order) != sorted(facts):
        log.warning("%s names other facts than facts.yml: asking in the order of facts.yml until "
                    "`python -m rules ask-order --write` is run", path)
        return facts
    return tuple(order)


def write(policy, order: list[str], mean: float, baseline: float) -> Path:
    path = Path(policy.folder) / FILE
    lines = [
        "# The order in which the assistant asks for facts. GENERATED: do not edit by hand.",
        "# Written by `python -m rules ask-order --write` from the policy and the synthetic population",
        f"# (rules/population.py, {POPULATION['size']} applicants, seed {POPULATION['seed']}): the order that",
        "# reaches a decision after the fewest questions on average",
        f"# ({mean:.2f} questions, against {baseline:.2f} in the order of facts.yml).",
        "order:",
        *[f"  - {fact}" for fact in order],
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _stored.cache_clear()
    return path
