"""Scoring what the assistant reads from held-out messages against their labels.

Each example: text, lang, intent, and the facts a careful human reads from it (engine names and
values), `asked` (the question the bot had just asked), `place` (as written), `consent` (the answer
to the data-protection question), `range: true` (an income given as a range: no income expected),
`approx: true` (a length of time below one year: any value in [0, 1) is right).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import yaml

import knowledge
from actions.dialogue.reading import checked_facts
from actions.understanding import parse
from knowledge.text import normalise_name

ROOT = Path(__file__).resolve().parent.parent
# (file, whether a trade is labelled only when it is a certifiable profile)
HELDOUT = [
    (ROOT / "tests" / "nlu" / "heldout.yml", True),
    (ROOT / "tests" / "nlu" / "heldout_chats.yml", False),
]
DURATIONS = ("work_experience_years", "occupation_experience_years")


def load(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["examples"]


def available() -> list[tuple[Path, bool]]:
    return [(path, profiles_only) for path, profiles_only in HELDOUT if path.exists()]


@functools.lru_cache(maxsize=1)
def profile_ids() -> frozenset:
    return frozenset(knowledge.certifiable_profile_ids())


@functools.lru_cache(maxsize=4096)
def place_key(text: str | None):
    if not text:
        return None
    try:
        return knowledge.resolve_place(text)["id"]
    except (knowledge.UnknownPlace, knowledge.KnowledgeBaseError):
        return ("unresolved", text.strip().lower())


@dataclass
class Score:
    tp: int
    fp: int
    fn: int
    predicted: list
    expected: list

    @property
    def exact(self) -> bool:
        """All facts right and nothing extra."""
        return self.fp == 0 and self.fn == 0


def score(example: dict, profiles_only: bool) -> Score:
    parsed = parse(example["text"], asked=example.get("asked"), intent=example["intent"])
    predicted = _pairs(checked_facts(parsed.facts), parsed.place, profiles_only)
    expected = _pairs(example.get("facts") or {}, example.get("place"), profiles_only)
    if "consent" in example:
        expected.append(("consent", example["consent"]))
        if parsed.yes_no is not None and example.get("asked") == "consent":
            predicted.append(("consent", parsed.yes_no))
    approx = bool(example.get("approx"))
    tp = sum(1 for p in predicted if any(_same(p, e, approx) for e in expected))
    fn = sum(1 for e in expected if not any(_same(p, e, approx) for p in predicted))
    return Score(tp, len(predicted) - tp, fn, predicted, expected)


def _pairs(facts: dict, place, profiles_only: bool) -> list[tuple]:
    pairs = []
    for name, value in facts.items():
        if name == "occupation":
            if profiles_only and value not in profile_ids():
                continue  # this set labels a trade only when it is a certifiable profile
            value = value if value in profile_ids() else normalise_name(str(value))
        pairs.append((name, tuple(value) if isinstance(value, list) else value))
    if place is not None:
        pairs.append(("place", place_key(place)))
    return pairs


def _same(p: tuple, e: tuple, approx: bool) -> bool:
    if p[0] != e[0]:
        return False
    a, b = p[1], e[1]
    if approx and p[0] in DURATIONS and isinstance(a, (int, float)):
        return 0 <= a < 1
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return abs(a - b) < 1e-6
    return a == b


def f1(tp: int, fp: int, fn: int) -> float:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
