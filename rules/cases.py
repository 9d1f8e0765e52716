"""YAML test cases for the policy, in the manner of `openfisca test`.

A case file holds a list of cases:

    - name: adult of 35 who meets everything
      on: 2024-05-01                 # evaluation date
      facts: {age: 35, education: secondary_complete, ...}
      expected:                      # only what is written is checked
        status: {capacitacion_laboral: eligible, certificacion: needs_info}
        missing: {certificacion: [work_experience_years, occupation, occupation_experience_years]}
        reasons: {certificacion: [min_work_experience]}   # the codes, in any order
        recommended: capacitacion_laboral                  # or null
        referrals: [centro_empleo]
        flags: [fisher]

Staff and maintainers run them with `python -m rules test [PATH]`; pytest
collects the same files (tests/rules/test_cases.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import datafiles
from datafiles import DataFileError, Problem
from rules.facts import FactError, clean_facts
from rules.schemas import CASES_FILE

CASES_DIR = Path(__file__).resolve().parent / "cases"
EXPECTED_KEYS = set(CASES_FILE["items"]["properties"]["expected"]["properties"])


@dataclass
class Case:
    name: str
    on: str
    facts: dict
    expected: dict
    path: str
    line: int

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


def case_files(path: str | Path | None = None) -> list[Path]:
    path = Path(path) if path else CASES_DIR
    if path.is_dir():
        return sorted(p for p in path.rglob("*.y*ml"))
    return [path]


def load_cases(path: str | Path | None = None, policy=None) -> list[Case]:
    """Every case of every file; DataFileError lists every problem of every file at once.

    With a policy, the cases are also checked against it: fact names and values, component ids,
    requirement codes, referral ids and flags that the policy does not know are refused at their line."""
    cases: list[Case] = []
    problems: list[Problem] = []
    files = case_files(path)
    if not files:
        raise DataFileError([Problem(str(path or CASES_DIR), 0, 0, "no case files (*.yml) found")])
    for file in files:
        try:
            doc = datafiles.read(file)
        except DataFileError as error:
            problems += error.problems
            continue
        found = doc.problems + datafiles.validate(doc, CASES_FILE)
        problems += found
        if found:
            continue
        for index, item in enumerate(doc.data):
            if policy is not None:
                problems += _against_policy(doc, index, item, policy)
            cases.append(Case(item["name"], item["on"].isoformat(), dict(item["facts"]), dict(item["expected"]),
                              str(file), doc.where((index,))[0]))
    if problems:
        raise DataFileError(problems)
    return cases


def _against_policy(doc, index: int, item: dict, policy) -> list[Problem]:
    at = (index,)
    out = []
    for name, value in item["facts"].items():
        try:
            clean_facts(policy, {name: value})
        except FactError as error:
            key = name not in policy.facts
            out.append(doc.problem((*at, "facts", name), f"case {item['name']!r}: {error}", key=key))
            continue
        if policy.facts[name].money:  # `1.500` reads as 1.5 where an amount in soles is meant
            out += datafiles.validate(doc.part((*at, "facts", name)), {"amount": True})
    expected = item["expected"]
    known = {"components": policy.components, "requirements": policy.requirements, "facts": policy.facts,
             "referrals": [r.id for r in policy.referrals],
             "flags": policy.facts["priority_group"].choices if "priority_group" in policy.facts else {}}
    for part in ("status", "missing", "reasons"):
        for cid, listed in (expected.get(part) or {}).items():
            if cid not in policy.components:
                out.append(doc.problem((*at, "expected", part, cid), f"unknown component {cid!r}", key=True))
            kind = {"missing": "facts", "reasons": "requirements"}.get(part)
            for n, name in enumerate(listed if kind else []):
                if name not in known[kind]:
                    out.append(doc.problem((*at, "expected", part, cid, n), f"unknown {kind[:-1]} {name!r}"))
    if expected.get("recommended") is not None and expected["recommended"] not in policy.components:
        out.append(doc.problem((*at, "expected", "recommended"), f"unknown component {expected['recommended']!r}"))
    for part in ("referrals", "flags"):
        for n, name in enumerate(expected.get(part) or []):
            if name not in known[part]:
                out.append(doc.problem((*at, "expected", part, n), f"unknown {part[:-1]} {name!r}"))
    return out


def check(case: Case, result: dict) -> list[str]:
    """Differences between what a case expects and a decision (as a dict); empty when it passes."""
    problems = []
    expected = case.expected
    components = result["components"]
    for cid, status in (expected.get("status") or {}).items():
        got = components.get(cid, {}).get("status")
        if got != status:
            problems.append(f"{cid}: expected {status}, got {got}")
    for cid, missing in (expected.get("missing") or {}).items():
        got = components.get(cid, {}).get("missing")
        if got != list(missing):
            problems.append(f"{cid} missing: expected {list(missing)}, got {got}")
    for cid, codes in (expected.get("reasons") or {}).items():
        got = sorted(r["code"] for r in components.get(cid, {}).get("reasons", []))
        if got != sorted(codes):
            problems.append(f"{cid} reasons: expected {sorted(codes)}, got {got}")
    for key in ("recommended", "referrals", "flags"):
        if key in expected and result[key] != expected[key]:
            problems.append(f"{key}: expected {expected[key]!r}, got {result[key]!r}")
    return problems
