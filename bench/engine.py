"""Engine benchmark: durable_rules against the plain-Python reference, same applicants, same run.

    python -m bench.engine [--memory-evals N]

Targets on a 2-core machine: p50 single evaluation <= 0.5 ms; >= 5,000
decisions/s on a batch of 10,000; memory flat over 10^6 evaluations.
"""

from __future__ import annotations

import argparse
import gc
import resource
import statistics
import time

from bench.table import ratio, table, verdict
from rules import Evaluator, load_policy, reference
from rules.population import population

ON = "2024-05-01"


def rss_mib() -> float:
    """Current resident memory (from /proc; ru_maxrss would only give the peak)."""
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def latencies(func, applicants) -> list[float]:
    out = []
    for facts in applicants:
        start = time.perf_counter_ns()
        func(facts)
        out.append((time.perf_counter_ns() - start) / 1e6)
    return out


def percentile(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--single", type=int, default=5000, help="applicants timed one by one")
    parser.add_argument("--batch", type=int, default=10_000, help="applicants in the batch")
    parser.add_argument("--memory-evals", type=int, default=1_000_000, help="evaluations for the memory check")
    args = parser.parse_args(argv)

    policy = load_policy()
    engine = Evaluator(policy)
    applicants = population(max(args.single, args.batch), seed=7)

    def with_engine(facts):
        return engine.evaluate(facts, on=ON)

    def with_reference(facts):
        return reference.evaluate(policy, facts, on=ON)

    for facts in applicants[:500]:  # warm up: compile the rulesets, fill caches
        with_engine(facts), with_reference(facts)

    single = {
        name: latencies(func, applicants[: args.single])
        for name, func in (("engine", with_engine), ("reference", with_reference))
    }
    batch = {}
    for name, func in (("engine", with_engine), ("reference", with_reference)):
        start = time.perf_counter()
        for facts in applicants[: args.batch]:
            func(facts)
        batch[name] = args.batch / (time.perf_counter() - start)

    p50 = {name: percentile(v, 50) for name, v in single.items()}
    p99 = {name: percentile(v, 99) for name, v in single.items()}
    per_second = {name: len(v) / (sum(v) / 1000) for name, v in single.items()}
    print(f"Engine: policy {policy.version}, {args.single:,} single evaluations, batch of {args.batch:,}")
    print(
        table(
            ["measure", "durable_rules", "reference (plain Python)", "ratio"],
            [
                ["single p50 (ms)", p50["engine"], p50["reference"], ratio(p50["engine"], p50["reference"])],
                ["single p99 (ms)", p99["engine"], p99["reference"], ratio(p99["engine"], p99["reference"])],
                [
                    "single decisions/s",
                    per_second["engine"],
                    per_second["reference"],
                    ratio(per_second["engine"], per_second["reference"]),
                ],
                ["batch decisions/s", batch["engine"], batch["reference"], ratio(batch["engine"], batch["reference"])],
            ],
        )
    )

    # Memory: the same applicants over and over; resident memory sampled every tenth of the run.
    gc.collect()
    samples = []
    step = max(args.memory_evals // 10, 1)
    start = time.perf_counter()
    for n in range(args.memory_evals):
        with_engine(applicants[n % len(applicants)])
        if n % step == 0:
            samples.append((n, rss_mib()))
    samples.append((args.memory_evals, rss_mib()))
    elapsed = time.perf_counter() - start
    # Flat: after the first tenth (caches filled), growth stays under 5 MiB.
    settled = samples[1][1] if len(samples) > 2 else samples[0][1]
    growth = samples[-1][1] - settled
    print(f"\nMemory over {args.memory_evals:,} evaluations ({elapsed:.0f} s), resident MiB:")
    print(table(["evaluations", "RSS (MiB)"], [[n, f"{m:.1f}"] for n, m in samples]))

    print("\nTargets:")
    print(
        table(
            ["target", "measured", "verdict"],
            [
                ["single p50 <= 0.5 ms", f"{p50['engine']:.3f} ms", verdict(p50["engine"] <= 0.5)],
                [">= 5,000 decisions/s in batch", f"{batch['engine']:,.0f}/s", verdict(batch["engine"] >= 5000)],
                ["memory flat (< 5 MiB growth after warm-up)", f"{growth:+.1f} MiB", verdict(growth < 5)],
                [
                    "no durable session left behind",
                    f"{engine.live_sessions()} live",
                    verdict(engine.live_sessions() == 0),
                ],
            ],
        )
    )
    engine.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
