"""`python -m reports build [--db PATH] [--out FILE] [--demo]`: write the HTML report."""

import argparse
import sys

from reports.report import build


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reports")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="write the screenings report (HTML, charts embedded)")
    b.add_argument("--db", help="decision log (default: $DECISION_LOG_DB or var/decisions.db)")
    b.add_argument("--out", help="HTML file to write (default: var/report.html)")
    b.add_argument("--demo", action="store_true", help="use a demo log from the synthetic population")
    args = parser.parse_args(argv)
    path = build(args.db, args.out, force_demo=args.demo)
    print(f"report written to {path}")
    return 0


sys.exit(main())
