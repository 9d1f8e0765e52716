"""`python -m tests.data_files [--all]`: run the mutation suite and print the outcomes, as issue 14's table.

By default the same mutations as `make test` (tests/data_files/test_mutations.py); --all adds the rest
(every generated mutation: about three times as many, four to five minutes)."""

from __future__ import annotations

import argparse
import sys
import time

from tests.data_files.mutations import generate
from tests.data_files.runner import GOOD, Workspace, run, table
from tests.data_files.test_mutations import selected


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.data_files")
    parser.add_argument("--all", action="store_true", help="every generated mutation, not only make test's")
    parser.add_argument("--show", action="store_true", help="print each mutation that did not end well")
    parser.add_argument("--area", action="append", help="only these areas (policy, cases, knowledge, lexicon, texts)")
    args = parser.parse_args(argv)
    mutations = generate() if args.all else selected()
    mutations = [m for m in mutations if not args.area or m.area in args.area]
    ws = Workspace()
    started = time.perf_counter()
    try:
        results = [run(ws, m) for m in mutations]
    finally:
        ws.close()
    print(table((r.mutation.area, r.outcome) for r in results))
    print(f"\n{len(results)} mutations in {time.perf_counter() - started:.0f} s")
    bad = [r for r in results if r.outcome not in GOOD]
    for r in bad if args.show else []:
        print(f"\n--- {r.mutation.id} ({r.mutation.kind}, expect {r.mutation.expect}): {r.outcome}\n{r.detail[:800]}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
