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

from rules.yamlfile import LineDict, SourceError, load

CASES_DIR = Path(__file__).resolve().parent / "cases"
EXPECTED_KEYS = {"status", "missing", "reasons", "recommended", "referrals", "flags"}


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


def load_cases(path: str | Path | None = None) -> list[Case]:
    cases = []
    for file in case_files(path):
        doc = load(file)
        if not isinstance(doc, list):
            raise SourceError(file, 1, "a case file is a list of cases")
        for item in doc:
            if not isinstance(item, LineDict):
                raise SourceError(file, doc.line, "each case is a mapping with name, on, facts, expected")
            for key in ("name", "facts", "expected"):
                if key not in item:
                    raise SourceError(file, item.line, f"case has no {key!r}")
            unknown = set(item["expected"]) - EXPECTED_KEYS
            if unknown:
                raise SourceError(file, item.line_of("expected"), f"unknown expectation {sorted(unknown)[0]!r}")
            on = item.get("on")
            cases.append(
                Case(
                    str(item["name"]),
                    str(on) if on else None,
                    dict(item["facts"] or {}),
                    dict(item["expected"]),
                    str(file),
                    item.line,
                )
            )
    return cases


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
