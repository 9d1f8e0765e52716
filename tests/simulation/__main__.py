"""python -m tests.simulation --n 1000 --seed 1 [--url URL]: simulated applicants against the bot."""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from tests import servers
from tests.simulation.run import by_bank, simulate, summary, table, write_failures, write_faq_misses

ROOT = Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.simulation", description=__doc__)
    parser.add_argument("--n", type=int, default=1000, help="conversations (default 1000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=8, help="conversations at once")
    parser.add_argument("--url", help="a bot already running (default: start one on free ports)")
    parser.add_argument("--failures", default=str(ROOT / "test-output" / "simulation" / "failures.jsonl"))
    args = parser.parse_args(argv)

    started = time.monotonic()
    running, log = None, ""
    if not args.url:
        workdir = Path(tempfile.mkdtemp(prefix="simulation-"))
        print(f"Starting the bot (logs in {workdir}/logs) ...", flush=True)
        running = servers.start(workdir, {"KNOWLEDGE_DB": str(ROOT / "var" / "knowledge.db")})
    try:
        done = [0]

        def progress(_report) -> None:
            done[0] += 1
            if done[0] % max(1, args.n // 20) == 0 or done[0] == args.n:
                print(f"  {done[0]}/{args.n} conversations", flush=True)

        reports = simulate(args.url or running.url, args.n, args.seed, args.workers, progress)
        if running:
            log = running.log("rasa")
    finally:
        if running:
            servers.stop(running)
    stats = summary(reports)
    stats["circuit-breaker lines in the Rasa log"] = log.count("Circuit breaker tripped") if running else "n/a"
    print()
    print(table(stats))
    print()
    print(by_bank(reports))
    bad = write_failures(reports, Path(args.failures))
    write_faq_misses(reports, Path(args.failures).with_name("faq_misses.jsonl"))
    print(f"\n{bad} conversations with a problem written to {args.failures}; {time.monotonic() - started:.0f} s")
    return 0 if bad == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
