"""Many simulated conversations at once, and their table."""

from __future__ import annotations

import json
import statistics
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tests.simulation.conversation import Report, RestBot, simulate_one


def simulate(url: str, n: int, seed: int, workers: int = 8, progress=None, banks=("dev", "heldout")) -> list[Report]:
    """`n` conversations, their phrase banks taken in turn."""
    bot = RestBot(url)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(simulate_one, bot, seed, i, banks[i % len(banks)]) for i in range(n)]
        reports = []
        for future in futures:
            reports.append(future.result())
            if progress:
                progress(reports[-1])
    return reports


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def summary(reports: list[Report]) -> dict:
    n = len(reports)
    screened = [r for r in reports if not r.declined]
    turns = [r.turns for r in screened if r.reached]
    plain = [r.turns for r in screened if r.reached and not r.digressions]
    faqs = sum(r.faqs for r in reports)
    return {
        "conversations": n,
        "reached a result": sum(r.reached for r in screened),
        "correct statuses and recommendation": sum(r.reached and r.statuses_ok and r.recommendation_ok
                                                   for r in screened),
        "correct centre": sum(r.reached and r.centre_ok for r in screened),
        "fully correct": sum(r.correct for r in reports),
        "declined consent (acknowledged)": f"{sum(r.declined and r.correct for r in reports)}"
                                           f"/{sum(r.declined for r in reports)}",
        "dead": sum(r.dead for r in reports),
        "looped": sum(r.looped for r in reports),
        "language kept": sum(r.language_kept for r in reports),
        "messages to result p50": statistics.median(turns) if turns else float("nan"),
        "messages to result p90": percentile(turns, 0.9),
        # the same without the digressions the simulator adds on purpose (a FAQ, a greeting, an unclear
        # answer, a correction): what the screening itself costs
        "… without digressions p50": statistics.median(plain) if plain else float("nan"),
        "… without digressions p90": percentile(plain, 0.9),
        "re-asks (total)": sum(r.reasks for r in reports),
        "FAQ answers right": f"{sum(r.faqs_right for r in reports)}/{faqs}",
    }


def by_bank(reports: list[Report]) -> str:
    """The headline figures for each phrase bank (the held-out bank was never used to fix the parser)."""
    from bench.table import table as render

    rows = []
    for name in sorted({r.bank for r in reports}):
        mine = [r for r in reports if r.bank == name]
        n = len(mine)
        rows.append([name, n, f"{100.0 * sum(r.correct for r in mine) / n:.1f}%", sum(r.dead for r in mine),
                     sum(r.looped for r in mine), f"{100.0 * sum(r.language_kept for r in mine) / n:.1f}%"])
    return render(["phrase bank", "conversations", "fully correct", "dead", "looped", "language kept"], rows)


def table(stats: dict) -> str:
    n = stats["conversations"]
    width = max(len(k) for k in stats)
    lines = [f"{'measure':<{width}}  value", f"{'-' * width}  -----"]
    for key, value in stats.items():
        shown = value
        if isinstance(value, int) and "p50" not in key and "p90" not in key and key not in (
                "conversations", "re-asks (total)") and n:
            shown = f"{value} ({100.0 * value / n:.1f}%)"
        lines.append(f"{key:<{width}}  {shown}")
    return "\n".join(lines)


def write_faq_misses(reports: list[Report], path: Path) -> None:
    """Questions asked mid-way that did not get their FAQ's answer, for error analysis."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for r in reports:
            for question, expected, pending, said in r.faq_misses:
                out.write(json.dumps({"lang": r.lang, "question": question, "expected": expected,
                                      "pending": pending, "said": said}, ensure_ascii=False) + "\n")


def write_failures(reports: list[Report], path: Path) -> int:
    bad = [r for r in reports if not r.correct or r.dead or r.looped or not r.language_kept]
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for r in bad:
            out.write(json.dumps({"sender": r.sender, "lang": r.lang, "problems": r.problems,
                                  "transcript": r.transcript}, ensure_ascii=False) + "\n")
    return len(bad)
