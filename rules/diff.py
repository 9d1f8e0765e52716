"""Impact of a policy change before it ships: `python -m rules diff OLD NEW`.

OLD and NEW are policy folders (like rules/policy) or git revisions (the
policy as committed there). Both are run on the case suite and on a
population of applicants (synthetic by default, or --population FILE), on
one date, and every difference in status, recommendation and referrals is
counted, with a few examples of each.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from rules.applicants import read_applicants
from rules.cases import load_cases
from rules.evaluator import Evaluator
from rules.inputs import load_policy, project_lists
from rules.policy import POLICY_DIR, POLICY_FILES, Policy
from rules.population import population

ROOT = POLICY_DIR.parent.parent
EXAMPLES = 3
# Facts shown with an example: enough to see why it changed.
SHOWN = (
    "age",
    "employment_status",
    "education",
    "monthly_income",
    "household_head",
    "children",
    "work_experience_years",
    "occupation",
    "goal",
)


def load_version(ref: str) -> Policy:
    """A policy folder, or the policy committed at a git revision (checked out to a temporary folder)."""
    path = Path(ref)
    if path.is_dir():
        return load_policy(path)
    from knowledge.sources import FILES, SOURCES_DIR

    scratch = Path(tempfile.mkdtemp(prefix="policy-"))
    folder = scratch / "policy"
    folder.mkdir()
    for name in POLICY_FILES:
        (folder / name).write_bytes(_git_show(ref, f"{POLICY_DIR.relative_to(ROOT).as_posix()}/{name}"))
    # The lists the policy reads from the knowledge base's sources, as committed at that revision.
    sources = scratch / "sources"
    sources.mkdir()
    profiles = FILES["profiles"]
    (sources / profiles).write_bytes(_git_show(ref, f"{SOURCES_DIR.relative_to(ROOT).as_posix()}/{profiles}"))
    return load_policy(folder, project_lists(sources))


def _git_show(ref: str, path: str) -> bytes:
    result = subprocess.run(["git", "show", f"{ref}:{path}"], cwd=ROOT, capture_output=True)
    if result.returncode != 0:
        raise ValueError(
            f"{ref!r} is neither a policy folder nor a git revision with {path}: {result.stderr.decode().strip()}"
        )
    return result.stdout


def default_date(old: Policy, new: Policy) -> dt.date:
    """Today, or the last date either version changes a value if that is later (a change from 2027 shows in 2027)."""
    return max([dt.date.today(), *old.change_dates(), *new.change_dates()])


def outcome(decision) -> dict:
    return {
        "status": {cid: c.status for cid, c in decision.components.items()},
        "recommended": decision.recommended,
        "referrals": list(decision.referrals),
    }


def compare(old: Policy, new: Policy, applicants: list[dict], on: dt.date, cases=None) -> dict:
    before, after = Evaluator(old), Evaluator(new)
    try:
        transitions: dict[str, Counter] = {cid: Counter() for cid in sorted(set(old.components) | set(new.components))}
        recommended, referrals = Counter(), Counter()
        examples: dict[str, list] = defaultdict(list)
        changed = 0
        for facts in applicants:
            a, b = outcome(before.evaluate(facts, on=on)), outcome(after.evaluate(facts, on=on))
            if a == b:
                continue
            changed += 1
            for cid in transitions:
                was, now = a["status"].get(cid, "absent"), b["status"].get(cid, "absent")
                if was != now:
                    key = f"{was} -> {now}"
                    transitions[cid][key] += 1
                    _example(examples, f"{cid}: {key}", facts)
            if a["recommended"] != b["recommended"]:
                key = f"{a['recommended']} -> {b['recommended']}"
                recommended[key] += 1
                _example(examples, f"recommended: {key}", facts)
            if a["referrals"] != b["referrals"]:
                referrals[f"{a['referrals']} -> {b['referrals']}"] += 1
        report = {
            "on": on.isoformat(),
            "old": {"version": old.version, "digest": old.digest},
            "new": {"version": new.version, "digest": new.digest},
            "population": {
                "size": len(applicants),
                "changed": changed,
                "components": {cid: dict(counts.most_common()) for cid, counts in transitions.items()},
                "recommended": dict(recommended.most_common()),
                "referrals": dict(referrals.most_common()),
                "examples": dict(examples),
            },
        }
        if cases is not None:
            differing = []
            for case in cases:
                when = case.on or on
                a, b = outcome(before.evaluate(case.facts, on=when)), outcome(after.evaluate(case.facts, on=when))
                if a != b:
                    differing.append({"case": case.name, "where": case.where, "old": a, "new": b})
            report["cases"] = {"total": len(cases), "changed": len(differing), "differences": differing}
        return report
    finally:
        before.close()
        after.close()


def _example(examples: dict, key: str, facts: dict) -> None:
    if len(examples[key]) < EXAMPLES:
        examples[key].append({k: facts[k] for k in SHOWN if k in facts})


def explain(report: dict) -> str:
    pop = report["population"]
    lines = [
        f"Policy {report['old']['version']} ({report['old']['digest']}) -> {report['new']['version']} "
        f"({report['new']['digest']}), evaluated on {report['on']}",
        "",
    ]
    if "cases" in report:
        cases = report["cases"]
        lines.append(f"Case suite: {cases['changed']} of {cases['total']} cases change")
        for item in cases["differences"][:10]:
            lines.append(f"  {item['where']} {item['case']}")
        lines.append("")
    share = 100 * pop["changed"] / pop["size"] if pop["size"] else 0
    lines.append(f"Population: {pop['changed']} of {pop['size']} applicants change ({share:.1f}%)")
    for cid, counts in pop["components"].items():
        for key, count in counts.items():
            lines.append(f"  {cid:<22} {key:<28} {count:>6}")
    for key, count in pop["recommended"].items():
        lines.append(f"  {'recommendation':<22} {key:<28} {count:>6}")
    for key, count in pop["referrals"].items():
        lines.append(f"  {'referrals':<22} {key} {count:>6}")
    if pop["examples"]:
        lines.append("\nExamples:")
        for key, items in pop["examples"].items():
            lines.append(f"  {key}")
            lines.extend(f"    {item}" for item in items)
    return "\n".join(lines)


def run(
    old_ref: str, new_ref: str, population_file: str | None = None, on=None, size: int = 10_000, seed: int = 0
) -> dict:
    old, new = load_version(old_ref), load_version(new_ref)
    applicants = read_applicants(population_file) if population_file else population(size, seed)
    when = on or default_date(old, new)
    return compare(old, new, applicants, when, cases=load_cases())
