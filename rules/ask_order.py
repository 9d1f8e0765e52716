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
from dataclasses import dataclass
from pathlib import Path

import datafiles

FILE = "ask_order.yml"
TOGETHER_FILE = "asked_together.yml"
FILES = (FILE, TOGETHER_FILE)  # read with the policy, watched by the policy store
SCHEMA = {
    "type": "object",
    "required": ["order"],
    "additionalProperties": False,
    "properties": {"order": {"type": "array", "items": {"type": "string"}, "uniqueItems": True}},
}
TOGETHER_SCHEMA = {
    "type": "object",
    "required": ["groups"],
    "additionalProperties": False,
    "properties": {"groups": {"type": "array", "items": {
        "type": "object",
        "required": ["facts", "text"],
        "additionalProperties": False,
        "properties": {
            "facts": {"type": "array", "items": {"type": "string"}, "minItems": 2, "uniqueItems": True},
            "text": {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"},
        },
    }}},
}
POPULATION = {"size": 2000, "seed": 0}
PLACE = "place"  # where the applicant lives: asked by the screening for the nearest centre, no fact of the rules

log = logging.getLogger(__name__)


def stored(policy) -> list[str]:
    """The policy's facts in asking order (see the module's docstring)."""
    return list(policy.asking or policy.facts)


def together(policy) -> tuple:
    """The policy's groups of facts asked together (rules/policy/asked_together.yml), read with the policy."""
    return policy.groups


@dataclass(frozen=True)
class Group:
    """Facts asked in one question (rules/policy/asked_together.yml), and the text that asks them."""

    facts: tuple
    text: str


def read(folder: Path, facts: tuple, texts=None) -> tuple:
    """(order, groups, problems) of a policy folder, read when the policy is loaded (rules/loading.py), so
    the policy store watches both files and serves an edit of either with the policy it belongs to.

    The order is generated, so a stale or broken one is no problem: the order of facts.yml is used, with a
    warning. The groups are edited by hand: a broken groups file is a problem of the policy, refused with
    file and line like any other (the last good version keeps serving). `texts`: the keys a question's
    `text` may name (bot/texts), None when not known."""
    groups, problems = _read_together(Path(folder), facts, texts)
    return _read_order(Path(folder), facts), groups, problems


def _read_order(folder: Path, facts: tuple) -> tuple:
    path = folder / FILE
    if not path.exists():
        return ()
    try:
        order = datafiles.load(path, SCHEMA).data["order"]
    except datafiles.DataFileError as error:
        log.warning("ask order not used, asking in the order of facts.yml: %s", error)
        return ()
    if sorted(order) != sorted(facts):
        log.warning("%s names other facts than facts.yml: asking in the order of facts.yml until "
                    "`python -m rules ask-order --write` is run", path)
        return ()
    return tuple(order)


def _read_together(folder: Path, facts: tuple, texts) -> tuple:
    path = folder / TOGETHER_FILE
    if not path.exists():
        return (), []
    try:
        doc = datafiles.load(path, TOGETHER_SCHEMA)
    except datafiles.DataFileError as error:
        return (), list(error.problems)
    groups, seen, problems = [], {}, []
    for i, entry in enumerate(doc.data["groups"]):
        for j, fact in enumerate(entry["facts"]):
            if fact not in facts and fact != PLACE:
                problems.append(doc.problem(("groups", i, "facts", j), f"{fact!r} is no fact of facts.yml"))
        if texts is not None and entry["text"] not in texts:
            problems.append(doc.problem(("groups", i, "text"), f"{entry['text']!r} is no text of bot/texts: "
                                        "the question is said with it"))
        same = frozenset(entry["facts"])
        if same in seen:
            problems.append(doc.problem(("groups", i, "facts"), f"the same facts as group {seen[same] + 1}"))
        seen.setdefault(same, i)
        groups.append(Group(tuple(entry["facts"]), entry["text"]))
    return (() if problems else tuple(groups)), problems


def group_of(policy, fact: str, known=lambda other: False):
    """The group `fact` is asked in (see `largest_group`), with the policy's groups."""
    return largest_group(together(policy), fact, known)


def largest_group(groups, fact: str, known):
    """Of `groups`, the largest with `fact` none of whose other facts is `known`, or None: the one question
    that asks `fact` (the screening asks it, rules.ordering counts it)."""
    fitting = [g for g in groups if fact in g.facts and not any(known(o) for o in g.facts if o != fact)]
    return max(fitting, key=lambda g: len(g.facts), default=None)


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
    return path

