"""Check the lexicon, or see how a message is read.

    python -m actions.understanding check [bot/lexicon.yml]
    python -m actions.understanding parse "tengo 35 años" [--asked age] [--intent inform]
"""

from __future__ import annotations

import argparse
import json
import sys


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m actions.understanding", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="list every problem of the lexicon as file:line:column: reason")
    check.add_argument("path", nargs="?")
    read = sub.add_parser("parse", help="print what a message gives")
    read.add_argument("text")
    read.add_argument("--asked")
    read.add_argument("--intent")
    args = parser.parse_args(argv)

    from actions.understanding import lexicon, parse
    from datafiles import DataFileError

    if args.command == "check":
        try:
            lex = lexicon.load(args.path or lexicon.LEXICON_PATH)
        except DataFileError as error:
            print(error, file=sys.stderr)
            print(f"{len(error.problems)} problem(s); the running assistant keeps its last good lexicon",
                  file=sys.stderr)
            return 1
        print(f"{lex.path}: OK ({len(lex.rules)} phrases for facts)")
        return 0
    parsed = parse(args.text, asked=args.asked, intent=args.intent)
    print(json.dumps(parsed.__dict__, ensure_ascii=False, indent=2, default=list))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
