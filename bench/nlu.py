"""Understanding on the held-out sets (tests/nlu/heldout*.yml, never used in training), and parse time.

    python -m bench.nlu [--model models/impulsa.tar.gz] [--show-errors]

Intent accuracy: the trained model's intent (after the fallback threshold) against the label.
Slot F1: the facts, place and consent the assistant reads from each message (actions/understanding,
with the question just asked as context) against the labels, micro-averaged over (slot, value)
pairs; places count as equal when they resolve to the same place. Message accuracy: the share of
messages read exactly (all facts right and nothing extra). Targets: intent accuracy >= 0.96, slot
F1 >= 0.98, message accuracy >= 0.95; parse time median <= 5 ms and worst <= 50 ms on messages of
up to 1,000 characters.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
from pathlib import Path

from bench import heldout, parsetime
from bench.table import ratio, table, verdict

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"intent": 0.96, "slot_f1": 0.98, "message": 0.95, "median_ms": 5.0, "worst_ms": 50.0}


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

    sets = [(path, profiles_only, heldout.load(path)) for path, profiles_only in heldout.available()]
    examples = [(e, profiles_only) for _, profiles_only, items in sets for e in items]
    intents = classify(Path(args.model), [e["text"] for e, _ in examples])
    rows, errors, confusions, total = _score(sets, intents)
    names = ", ".join(p.relative_to(ROOT).as_posix() for p, _, _ in sets)
    print(f"NLU on the held-out sets ({names}; never trained on)")
    print(table(["set", "language", "messages", "intent accuracy", "slot F1", "message accuracy", "labelled slots"],
                rows))
    if confusions:
        print("\nMost frequent intent confusions (label -> predicted):")
        print(table(["label", "predicted", "count"], [[a, b, k] for (a, b), k in confusions.most_common(8)]))

    times = _parse_times([(e["text"], e.get("asked")) for e, _ in examples])
    accuracy, slot_f1, exact = total
    print("\nTargets:")
    print(table(["target", "measured", "verdict"], [
        [f"intent accuracy >= {TARGETS['intent']}", f"{accuracy:.3f}", verdict(accuracy >= TARGETS["intent"])],
        [f"slot F1 >= {TARGETS['slot_f1']}", f"{slot_f1:.3f}", verdict(slot_f1 >= TARGETS["slot_f1"])],
        [f"message accuracy >= {TARGETS['message']}", f"{exact:.3f}", verdict(exact >= TARGETS["message"])],
        [f"parse time median <= {TARGETS['median_ms']:g} ms", f"{times['median']:.2f} ms",
         verdict(times["median"] <= TARGETS["median_ms"])],
        [f"parse time worst <= {TARGETS['worst_ms']:g} ms", f"{times['worst']:.2f} ms",
         verdict(times["worst"] <= TARGETS["worst_ms"])],
    ]))
    if args.show_errors:
        print("\n" + "\n".join(errors))
    return 0


def _score(sets, intents):
    by = collections.defaultdict(lambda: [0, 0, 0, 0, 0, 0])  # intent right, messages, tp, fp, fn, exact
    confusions: collections.Counter = collections.Counter()
    errors = []
    predicted = iter(intents)
    for path, profiles_only, items in sets:
        for example in items:
            row = by[(path.name, example["lang"])]
            intent = next(predicted)
            row[1] += 1
            if intent == example["intent"]:
                row[0] += 1
            else:
                confusions[(example["intent"], intent)] += 1
                errors.append(f"intent  {example['text']!r}: {example['intent']} -> {intent}")
            s = heldout.score(example, profiles_only)
            row[2:6] = [row[2] + s.tp, row[3] + s.fp, row[4] + s.fn, row[5] + s.exact]
            if not s.exact:
                errors.append(f"slots   {example['text']!r} (asked {example.get('asked')}): got {s.predicted} "
                              f"expected {s.expected}")
    rows, total = [], [0] * 6
    for (name, lang), r in sorted(by.items()):
        total = [a + b for a, b in zip(total, r, strict=True)]
        rows.append([name, lang, r[1], r[0] / r[1], heldout.f1(*r[2:5]), r[5] / r[1], r[2] + r[4]])
    rows.append(["all", "", total[1], total[0] / total[1], heldout.f1(*total[2:5]), total[5] / total[1],
                 total[2] + total[4]])
    return rows, errors, confusions, (total[0] / total[1], heldout.f1(*total[2:5]), total[5] / total[1])


def _parse_times(messages: list[tuple[str, str | None]]) -> dict:
    short = parsetime.measure(messages)
    long = parsetime.measure(parsetime.long_messages())
    print("\nParse time (CPU ms per message, fastest of 3 runs; baseline: cutting the message into tokens)")
    print(table(["messages", "count", "median", "worst", "baseline median", "median / baseline"], [
        ["held-out", short["messages"], short["median"], short["worst"], short["baseline"],
         ratio(short["median"], short["baseline"])],
        [f"{parsetime.LONG} characters, built to be hard", long["messages"], long["median"], long["worst"],
         long["baseline"], ratio(long["median"], long["baseline"])],
    ]))
    # The median is over real messages (the held-out ones); the worst over every message measured.
    return {"median": short["median"], "worst": max(short["worst"], long["worst"])}


if __name__ == "__main__":
    raise SystemExit(main())
