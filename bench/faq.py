"""FAQ answers: top-1 on the fresh questions and the dev paraphrases, and search time, against bm25 alone.

    python -m bench.faq

The baseline, measured in the same run, is the knowledge base's bm25 ranking on its own (what the
search was before the FAQ classifier): the same candidates, no classifier.
"""

from __future__ import annotations

import collections
import statistics
import time
from pathlib import Path

import yaml

import knowledge
from bench.table import ratio, table
from knowledge import fts
from tests.knowledge.paraphrases import PARAPHRASES

ROOT = Path(__file__).resolve().parent.parent


def questions() -> dict[str, list[tuple[str, str, list[str]]]]:
    fresh = yaml.safe_load((ROOT / "tests" / "knowledge" / "fresh_questions.yml").read_text(encoding="utf-8"))
    sets: dict[str, list] = collections.defaultdict(list)
    for q in fresh["questions"]:
        sets[f"fresh, {q['style']}"].append((q["text"], q["lang"], q["expect"]))
    sets["dev paraphrases"] = [(t, lang, [fid]) for fid, langs in PARAPHRASES.items()
                               for lang, texts in langs.items() for t in texts]
    return sets


def top1(items, classifier_weight: float) -> tuple[int, list[float]]:
    """How many questions get their FAQ first, and the time each search took."""
    fts.CLASSIFIER_WEIGHT = classifier_weight
    right, times = 0, []
    for text, lang, expected in items:
        start = time.perf_counter()
        hits = knowledge.search(text, lang=lang, limit=1)
        times.append(time.perf_counter() - start)
        right += bool(hits) and hits[0]["id"] in expected
    return right, times


def main() -> int:
    chosen = fts.CLASSIFIER_WEIGHT
    knowledge.search("calentar", lang="es")  # the classifier is learned on first use: not timed
    rows, all_times = [], {"search": [], "bm25 alone": []}
    fresh_totals = {"search": [0, 0], "bm25 alone": [0, 0]}
    for name, items in questions().items():
        ours, times = top1(items, chosen)
        base, base_times = top1(items, 0.0)
        all_times["search"] += times
        all_times["bm25 alone"] += base_times
        if name.startswith("fresh"):
            for key, right in (("search", ours), ("bm25 alone", base)):
                fresh_totals[key][0] += right
                fresh_totals[key][1] += len(items)
        rows.append([name, len(items), base / len(items), ours / len(items), ratio(ours, base)])
    fts.CLASSIFIER_WEIGHT = chosen
    ours = fresh_totals["search"][0] / fresh_totals["search"][1]
    base = fresh_totals["bm25 alone"][0] / fresh_totals["bm25 alone"][1]
    rows.append(["fresh, all", fresh_totals["search"][1], base, ours, ratio(ours, base)])
    print("FAQ top-1 (tests/knowledge/fresh_questions.yml, written apart from the FAQ phrasings)")
    print(table(["questions", "n", "bm25 alone", "search", "ratio"], rows))
    ms = {k: [t * 1000 for t in v] for k, v in all_times.items()}
    print("\nSearch time per question")
    print(table(["", "p50 ms", "p95 ms", "ratio p50"], [
        [k, statistics.median(v), sorted(v)[int(0.95 * (len(v) - 1))],
         ratio(statistics.median(v), statistics.median(ms["bm25 alone"]))] for k, v in ms.items()]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
