"""Understanding on the held-out set (tests/nlu/heldout.yml, never used in training).

    python -m bench.nlu [--model models/impulsa.tar.gz]

Intent accuracy: the trained model's intent (after the fallback threshold)
against the label. Slot F1: the facts and place the assistant reads from each
message (actions/understanding, with the question just asked as context)
against the labels, micro-averaged over (slot, value) pairs; places count as
equal when they resolve to the same place. The set labels an occupation only
when it is one of the certifiable profiles, so a trade kept as free text
("mototaxista") is not scored. Target: >= 0.95 for both.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import functools
from pathlib import Path

import yaml

import knowledge
from actions.extract import checked_facts
from actions.understanding import parse
from bench.table import table, verdict

ROOT = Path(__file__).resolve().parent.parent
HELDOUT = ROOT / "tests" / "nlu" / "heldout.yml"


def load_heldout(path: Path = HELDOUT) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["examples"]


@functools.lru_cache(maxsize=1)
def profile_ids() -> frozenset:
    return frozenset(knowledge.certifiable_profile_ids())


def place_key(text: str | None):
    if not text:
        return None
    try:
        return knowledge.resolve_place(text)["id"]
    except (knowledge.UnknownPlace, knowledge.KnowledgeBaseError):
        return ("unresolved", text.strip().lower())


def _same(a, b) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return abs(a - b) < 1e-6
    return a == b


def slot_pairs(facts: dict, place) -> list[tuple]:
    pairs = [(k, tuple(v) if isinstance(v, list) else v) for k, v in facts.items()]
    if place is not None:
        pairs.append(("place", place))
    return pairs


def score_slots(example: dict) -> tuple[int, int, int, list]:
    """(true positives, false positives, false negatives, details) for one example."""
    parsed = parse(example["text"], asked=example.get("asked"), intent=example["intent"])
    facts = checked_facts(parsed.facts)
    if facts.get("occupation") not in profile_ids():
        facts.pop("occupation", None)
    predicted = slot_pairs(facts, place_key(parsed.place))
    expected = slot_pairs(example.get("facts") or {}, place_key(example.get("place")))
    if example.get("asked") == "consent":
        predicted, expected = [], []  # consent is a yes/no, not a slot value here
    tp = sum(1 for p in predicted if any(p[0] == e[0] and _same(p[1], e[1]) for e in expected))
    fp = len(predicted) - tp
    fn = sum(1 for e in expected if not any(p[0] == e[0] and _same(p[1], e[1]) for p in predicted))
    return tp, fp, fn, (predicted, expected)


def f1(tp: int, fp: int, fn: int) -> float:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def classify(model: Path, texts: list[str]) -> list[str]:
    import logging

    import structlog
    from rasa.core.agent import Agent

    # Rasa's structured logger prints every parse at debug level unless told otherwise.
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    agent = Agent.load(str(model))

    async def all_intents():
        return [(await agent.parse_message(text))["intent"]["name"] for text in texts]

    return asyncio.run(all_intents())


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", default=str(ROOT / "models" / "impulsa.tar.gz"))
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args(argv)

    examples = load_heldout()
    intents = classify(Path(args.model), [e["text"] for e in examples])
    by_lang = collections.defaultdict(lambda: [0, 0, 0, 0, 0])  # correct, total, tp, fp, fn
    confusions = collections.Counter()
    errors = []
    for example, predicted in zip(examples, intents, strict=True):
        row = by_lang[example["lang"]]
        row[1] += 1
        if predicted == example["intent"]:
            row[0] += 1
        else:
            confusions[(example["intent"], predicted)] += 1
            errors.append(f"intent  {example['text']!r}: {example['intent']} -> {predicted}")
        tp, fp, fn, detail = score_slots(example)
        row[2] += tp
        row[3] += fp
        row[4] += fn
        if fp or fn:
            errors.append(f"slots   {example['text']!r}: got {detail[0]} expected {detail[1]}")

    rows = []
    total = [0, 0, 0, 0, 0]
    for lang in sorted(by_lang):
        c, n, tp, fp, fn = by_lang[lang]
        total = [a + b for a, b in zip(total, by_lang[lang], strict=True)]
        rows.append([lang, n, c / n, f1(tp, fp, fn), tp + fn])
    c, n, tp, fp, fn = total
    accuracy, slot_f1 = c / n, f1(tp, fp, fn)
    rows.append(["all", n, accuracy, slot_f1, tp + fn])
    print(f"NLU on the held-out set ({HELDOUT.relative_to(ROOT)}, never trained on)")
    print(table(["language", "messages", "intent accuracy", "slot F1", "labelled slots"], rows))
    if confusions:
        print("\nMost frequent intent confusions (label -> predicted):")
        print(table(["label", "predicted", "count"], [[a, b, k] for (a, b), k in confusions.most_common(8)]))
    print("\nTargets:")
    print(
        table(
            ["target", "measured", "verdict"],
            [
                ["intent accuracy >= 0.95", f"{accuracy:.3f}", verdict(accuracy >= 0.95)],
                ["slot F1 >= 0.95", f"{slot_f1:.3f}", verdict(slot_f1 >= 0.95)],
            ],
        )
    )
    if args.show_errors:
        print("\n" + "\n".join(errors))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
