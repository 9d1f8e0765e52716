"""Command line for staff and maintainers: `python -m rules COMMAND`.

    evaluate FILE [--on YYYY-MM-DD] [--lang es|en] [--json] [--trace]
    evaluate --interactive [--from-code CODE] [--lang es|en]
    case CODE [--json] [--lang es|en] [--on YYYY-MM-DD] [--place PLACE]
    test [PATH]
    validate
    diff OLD NEW [--population FILE] [--on YYYY-MM-DD] [--json]
    population [--size N] [--seed S] [--assumptions]

Exit codes: 0 fine, 1 a case failed or the policy is broken, 2 bad input.
"""

from __future__ import annotations

import argparse
import json
import sys

from datafiles import DataFileError
from rules.applicants import ListOfOne, read_applicants
from rules.cases import check, load_cases
from rules.dates import as_date
from rules.evaluator import Evaluator, verify
from rules.explain import explain
from rules.facts import FactError
from rules.inputs import load_policy


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m rules", description="Impulsa Perú eligibility engine")
    sub = parser.add_subparsers(dest="command", required=True)

    ev = sub.add_parser("evaluate", help="decide for one applicant or a list (YAML or JSON; - for stdin)")
    ev.add_argument("file", nargs="?")
    ev.add_argument("--interactive", action="store_true", help="ask the facts one by one (staff case checker)")
    ev.add_argument("--on", help="evaluation date YYYY-MM-DD (default: today)")
    ev.add_argument("--lang", choices=("es", "en"), default="es")
    ev.add_argument("--json", action="store_true", help="machine-readable output")
    ev.add_argument("--trace", action="store_true", help="also show which requirements held")
    ev.add_argument("--policy", help="policy folder (default: rules/policy)")
    ev.add_argument("--from-code", metavar="CODE", help="with --interactive: start from a case code's answers")

    ca = sub.add_parser("case", help="read an applicant's case code and decide again under the policy in force")
    ca.add_argument("code")
    ca.add_argument("--lang", choices=("es", "en"), default="es")
    ca.add_argument("--json", action="store_true")
    ca.add_argument("--on", help="evaluation date YYYY-MM-DD (default: today)")
    ca.add_argument("--place", help="district, province or region where they live: shows the nearest centre")
    ca.add_argument("--policy", help="policy folder (default: rules/policy)")

    te = sub.add_parser("test", help="run YAML case files (default: rules/cases)")
    te.add_argument("path", nargs="?")
    te.add_argument("--policy", help="policy folder (default: rules/policy)")

    va = sub.add_parser("validate", help="check the policy files")
    va.add_argument("--policy", help="policy folder (default: rules/policy)")

    di = sub.add_parser("diff", help="impact of a policy change: OLD and NEW are folders or git revisions")
    di.add_argument("old")
    di.add_argument("new")
    di.add_argument("--population", help="applicants (YAML/JSON list); default: 10,000 synthetic ones")
    di.add_argument("--size", type=int, default=10_000)
    di.add_argument("--seed", type=int, default=0)
    di.add_argument("--on", help="evaluation date (default: today, or the last change date if later)")
    di.add_argument("--json", action="store_true")

    po = sub.add_parser("population", help="synthetic applicants (JSON list), from the chapter's figures")
    po.add_argument("--size", type=int, default=10_000)
    po.add_argument("--seed", type=int, default=0)
    po.add_argument("--assumptions", action="store_true", help="print the figures and assumptions used")

    ao = sub.add_parser("ask-order", help="the question order that reaches a decision soonest, over the population")
    ao.add_argument("--write", action="store_true", help="store it in the policy folder (ask_order.yml)")
    ao.add_argument("--policy", help="policy folder (default: rules/policy)")

    args = parser.parse_args(argv)
    if args.command == "diff":
        return cmd_diff(args)
    if args.command == "population":
        return cmd_population(args)
    try:
        policy = load_policy(args.policy)
    except DataFileError as error:
        print(f"policy refused ({len(error.problems)} problem(s)):\n{error}", file=sys.stderr)
        return 1
    commands = {"evaluate": cmd_evaluate, "case": cmd_case, "test": cmd_test, "validate": cmd_validate,
                "ask-order": cmd_ask_order}
    return commands[args.command](policy, args)


def cmd_case(policy, args) -> int:
    from rules import case_command
    from rules.casecode import CaseCodeError

    try:
        print(case_command.run(policy, args.code, args.lang, on=as_date(args.on), place=args.place,
                               as_json=args.json))
    except CaseCodeError as error:
        print(f"error: {case_command.error_message(error, args.lang)}", file=sys.stderr)
        return 2
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


def cmd_evaluate(policy, args) -> int:
    if args.interactive:
        from rules import case_command, interactive
        from rules.casecode import CaseCodeError

        try:
            facts = case_command.read(args.from_code, policy).facts if args.from_code else {}
        except CaseCodeError as error:
            print(f"error: {case_command.error_message(error, args.lang)}", file=sys.stderr)
            return 2
        return interactive.run(policy, lang=args.lang, on=args.on, facts=facts)
    if not args.file:
        print("error: give a FILE (or - for stdin), or --interactive", file=sys.stderr)
        return 2
    try:
        on = as_date(args.on)
        applicants = read_applicants(args.file, policy)
    except (ValueError, DataFileError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    evaluator = Evaluator(policy)
    decisions = []
    for index, facts in enumerate(applicants):
        try:
            decisions.append(evaluator.evaluate(facts, on=on, lang=args.lang))
        except (FactError, ValueError) as error:
            where = f"applicant {index + 1}: " if len(applicants) > 1 else ""
            print(f"error: {where}{error}", file=sys.stderr)
            return 2
    if args.json:
        out = [d.to_dict(trace=args.trace) for d in decisions]
        print(json.dumps(out[0] if isinstance(applicants, ListOfOne) else out, ensure_ascii=False, indent=2))
    else:
        for number, decision in enumerate(decisions):
            if len(decisions) > 1:
                print(f"--- {number + 1} ---")
            print(explain(policy, decision, args.lang, args.trace))
    return 0


def cmd_test(policy, args) -> int:
    try:
        cases = load_cases(args.path, policy)
    except DataFileError as error:
        print(f"cases refused ({len(error.problems)} problem(s)):\n{error}", file=sys.stderr)
        return 2
    evaluator = Evaluator(policy)
    failures = 0
    for case in cases:
        try:
            problems = check(case, evaluator.evaluate(case.facts, on=case.on).to_dict())
        except (FactError, ValueError) as error:
            problems = [f"cannot evaluate: {error}"]
        if problems:
            failures += 1
            print(f"FAIL {case.where} {case.name}")
            for problem in problems:
                print(f"     {problem}")
    print(f"{len(cases) - failures} passed, {failures} failed ({len(cases)} cases, policy {policy.version})")
    return 1 if failures else 0


def cmd_validate(policy, args) -> int:
    # Loading rendered every message; now compile every period and evaluate sample applicants on each
    # change date and today, with durable_rules and the reference evaluator: they must agree.
    evaluator = Evaluator(policy)
    try:
        verify(evaluator)
    except Exception as error:  # noqa: BLE001 - whatever stops an evaluation stops this policy
        print(f"policy refused: it loads but cannot be evaluated ({type(error).__name__}: {error})", file=sys.stderr)
        return 1
    finally:
        evaluator.close()
    periods = ", ".join(d.isoformat() for d in policy.change_dates())
    print(
        f"policy {policy.version} OK: {len(policy.parameters)} parameters, {len(policy.requirements)} requirements, "
        f"{len(policy.components)} components; periods start {periods}"
    )
    return 0


def cmd_diff(args) -> int:
    from rules import diff

    try:
        report = diff.run(
            args.old,
            args.new,
            args.population,
            on=as_date(args.on) if args.on else None,
            size=args.size,
            seed=args.seed,
        )
    except DataFileError as error:
        print(f"policy refused ({len(error.problems)} problem(s)):\n{error}", file=sys.stderr)
        return 1
    except (ValueError, FactError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(json.dumps(report, ensure_ascii=False, indent=2) if args.json else diff.explain(report))
    return 0


def cmd_ask_order(policy, args) -> int:
    from rules import ask_order, ordering

    order, mean, baseline = ordering.compute(policy)
    stored = ask_order.stored(policy)
    print(f"computed: {', '.join(order)}\n  {mean:.2f} questions on average (facts.yml's order: {baseline:.2f})")
    print(f"stored:   {', '.join(stored)}" + ("  (the same)" if stored == order else "  (differs)"))
    if args.write:
        print(f"written to {ask_order.write(policy, order, mean, baseline)}")
    return 0


def cmd_population(args) -> int:
    from rules.population import ASSUMPTIONS, population

    if args.assumptions:
        print(ASSUMPTIONS)
        return 0
    print(json.dumps(population(args.size, args.seed), ensure_ascii=False))
    return 0
