"""Command line that mirrors the API. Its interface is stable: tests outside the project use it.

Exit codes: 0 done, 1 source errors (build/check), 2 usage, 3 unknown place,
4 knowledge base not built.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import api, build
from .db import DatabaseMissing, use_database
from .paths import database_path, shown
from .places import UnknownPlace
from .sources import SourceErrors

EXIT_SOURCES, EXIT_USAGE, EXIT_UNKNOWN_PLACE, EXIT_NO_DATABASE = 1, 2, 3, 4
LISTINGS = ("profiles", "courses", "centres", "programmes", "components")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m knowledge",
                                     description="Impulsa Perú knowledge base: build it and query it.")
    # --db is accepted before or after the command; SUPPRESS keeps the sub-parser from
    # overwriting a value given before the command with its own default.
    parser.add_argument("--db", help="database file (default: $KNOWLEDGE_DB or var/knowledge.db)")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", default=argparse.SUPPRESS, help="database file")
    output = argparse.ArgumentParser(add_help=False)
    output.add_argument("--json", action="store_true", help="print JSON")
    output.add_argument("--lang", choices=("es", "en"), default="es", help="language of texts (default es)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("build", parents=[common], help="build the database from the sources")
    p.add_argument("--sources", type=Path, help="sources folder (default: knowledge/sources)")
    p = sub.add_parser("check", help="validate the sources without building")
    p.add_argument("--sources", type=Path, help="sources folder (default: knowledge/sources)")

    p = sub.add_parser("search", parents=[common, output], help="FAQs answering a question, best first")
    p.add_argument("question")
    p.add_argument("--limit", type=int, default=5, help="at most this many hits (default 5)")

    p = sub.add_parser("nearest", parents=[common, output], help="nearest employment centre")
    p.add_argument("place", nargs="?", help="department, province or district, as typed")
    p.add_argument("--lat", type=float)
    p.add_argument("--lon", type=float)

    for name in LISTINGS:
        sub.add_parser(name, parents=[common, output], help=f"list the {name}")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "build":
            return _build(args)
        if args.command == "check":
            return _check(args)
        use_database(args.db)
        if args.command == "search":
            return _search(args)
        if args.command == "nearest":
            if (args.lat is None) != (args.lon is None) or (args.place is None) == (args.lat is None):
                parser.error("nearest needs a PLACE, or both --lat and --lon")
            return _nearest(args)
        return _listing(args)
    except DatabaseMissing as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_NO_DATABASE
    finally:
        use_database(None)


def _errors(exc: SourceErrors) -> None:
    for error in exc.errors:
        print(error, file=sys.stderr)


def _build(args) -> int:
    target = database_path(args.db)
    try:
        report = build.build(target, args.sources)
    except SourceErrors as exc:
        _errors(exc)
        kept = "the previous database is unchanged" if target.exists() else "no database was written"
        print(f"build stopped: {len(exc.errors)} error(s) in the sources; {kept}", file=sys.stderr)
        return EXIT_SOURCES
    counts = ", ".join(f"{n} {name}" for name, n in report.counts.items())
    print(f"built {shown(report.path)} in {report.seconds:.2f} s: {counts}")
    return 0


def _check(args) -> int:
    try:
        sources, places, _ = build.validate(args.sources)
    except SourceErrors as exc:
        _errors(exc)
        print(f"check failed: {len(exc.errors)} error(s) in the sources", file=sys.stderr)
        return EXIT_SOURCES
    counts = ", ".join(f"{len(sources[c])} {c}" for c in ("faqs", "profiles", "courses", "centres", "programmes",
                                                          "components", "place_aliases"))
    print(f"sources OK ({shown(sources.directory)}): {counts}; {len(places)} places")
    return 0


def _emit(data, as_json: bool, text: str) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2) if as_json else text)


def _search(args) -> int:
    hits = api.search(args.question, lang=args.lang, limit=args.limit)
    lines = [f"{i}. [{h['id']}] {h['question']}\n   {h['answer']}" for i, h in enumerate(hits, start=1)]
    none = "Sin resultados." if args.lang == "es" else "No results."
    _emit(hits, args.json, "\n".join(lines) or none)
    return 0


def _nearest(args) -> int:
    try:
        result = api.nearest(args.place, args.lat, args.lon, lang=args.lang)
    except UnknownPlace as exc:
        guess = f" ¿quisiste decir {', '.join(exc.suggestions)}?" if exc.suggestions else ""
        message = f"No conozco el lugar «{exc.query}».{guess}"
        if args.json:
            print(json.dumps({"error": "unknown_place", "query": exc.query, "suggestions": exc.suggestions,
                              "message": message}, ensure_ascii=False, indent=2))
        print(message, file=sys.stderr)
        return EXIT_UNKNOWN_PLACE
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    place, centre = result["place"], result["centre"]
    text = (f"{place['name']} ({place['kind']}, {place['lat']:.4f}, {place['lon']:.4f})\n"
            f"-> {centre['name']}, {centre['city']} ({centre['region']}) [{centre['id']}]: "
            f"{result['distance_km']:.1f} km")
    _emit(result, args.json, text)
    return 0


def _listing(args) -> int:
    rows = getattr(api, args.command)()
    lang = args.lang
    if args.command == "profiles":
        lines = [f"{r['id']}: {r[f'name_{lang}']} — {', '.join(r[f'synonyms_{lang}'])}" for r in rows]
    elif args.command == "courses":
        lines = [f"{r['id']}: {r[f'name_{lang}']} ({r[f'sector_name_{lang}']}, "
                 f"{r['weeks_min']}-{r['weeks_max']} sem.)" for r in rows]
    elif args.command == "centres":
        lines = [f"{r['id']}: {r[f'name_{lang}']}, {r['city']} ({r['region']}) {r['lat']:.4f}, {r['lon']:.4f}"
                 + (f" — {r['address']}" if r["address"] else "") for r in rows]
    elif args.command == "programmes":
        lines = [f"{r['id']}: {r[f'name_{lang}']} — {r[f'purpose_{lang}']}" for r in rows]
    else:
        lines = [f"{r['id']}: {r[f'name_{lang}']} — {r[f'duration_{lang}']}" for r in rows]
    _emit(rows, args.json, "\n".join(lines))
    return 0
