"""The eligibility policy as data: the model of rules/policy/*.yml (loading.py reads and checks them).

A `Policy` is everything the maintainers wrote, validated; `Policy.at(on)`
resolves the dated parameters for a date into a `Period`, whose requirement
tests carry concrete values that both executors (durable_rules and the plain
Python reference) evaluate. Nothing here decides eligibility.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from datafiles import DataFileError
from rules import ask_order
from rules.operators import OPERATORS, Resolved

POLICY_DIR = Path(__file__).resolve().parent / "policy"
POLICY_FILES = ("parameters.yml", "facts.yml", "requirements.yml", "components.yml")
LANGS = ("es", "en")
FACT_TYPES = ("integer", "number", "boolean", "choice", "choice_list", "text")
OUTCOMES = ("held", "held_by", "failed", "missing", "pending", "skipped")
RANGE_KINDS = ("closed", "at_least", "at_most")

class PolicyError(DataFileError):
    """Policy files that cannot be used: every problem, each as `file:line:column: reason`.

    `path`, `line` and `reason` are those of the first problem, for callers that show one."""

    @property
    def line(self) -> int:
        return self.problems[0].line if self.problems else 0

    @property
    def reason(self) -> str:
        return self.problems[0].reason if self.problems else str(self)


# --- the model ---------------------------------------------------------------


@dataclass(frozen=True)
class Fact:
    name: str
    type: str
    label: dict
    choices: dict = field(default_factory=dict)  # value -> {es, en}
    min: float | None = None
    max: float | None = None
    sensitive: bool = False
    money: bool = False  # an amount in soles: `1.500` is refused where it is read


@dataclass(frozen=True)
class Parameter:
    name: str
    description: str
    reference: str
    values: tuple  # ((date, value), ...) sorted by date

    def at(self, on: dt.date):
        found = None
        for start, value in self.values:
            if start <= on:
                found = value
        if found is None:
            raise ValueError(f"parameter {self.name} has no value on {on} (first: {self.values[0][0]})")
        return found


@dataclass(frozen=True)
class Test:
    """A requirement's test as written: an operator and its argument (parameter names)."""

    op: str
    arg: object


@dataclass(frozen=True)
class Condition:
    fact: str
    test: Test


@dataclass(frozen=True)
class Requirement:
    code: str
    fact: str
    test: Test
    messages: dict  # {"held": {es, en}, "failed": {es, en}} and "held_by" with `also_held_by`
    when: Condition | None = None
    # Another fact that, passing the same test, also meets the requirement while this one is unknown
    # (years in one trade are years of work): the fact is then not asked.
    also_held_by: str | None = None


@dataclass(frozen=True)
class Component:
    id: str
    name: dict
    requirements: tuple  # codes, the general ones first


@dataclass(frozen=True)
class Referral:
    id: str
    when: Condition | None = None


@dataclass(frozen=True, eq=False)
class Period:
    """The policy as it stands from `start` until the next change."""

    policy: Policy
    start: dt.date
    tests: dict  # requirement code -> Resolved
    conditions: dict  # requirement code -> Resolved (for `when`)
    referral_tests: dict  # referral id -> Resolved


@dataclass(frozen=True, eq=False)  # compared and hashed by identity (cache key)
class Policy:
    folder: Path
    version: str
    digest: str
    facts: dict  # name -> Fact, in asking order
    parameters: dict  # name -> Parameter
    requirements: dict  # code -> Requirement, in file order
    components: dict  # id -> Component
    general_requirements: tuple  # codes checked for every component, in order
    by_goal: dict
    order: tuple
    referrals: tuple
    ranges: dict  # closed/at_least/at_most -> {es, en}: how a band is worded
    labels: dict = field(default_factory=dict)  # an injected list's value -> {es, en} (a profile's name)
    sources: tuple = ()  # every file the policy was read from (for reloading on change)
    asking: tuple = ()  # the stored asking order (ask_order.yml); () when stale or missing: facts.yml's order
    groups: tuple = ()  # ask_order.Group: facts asked in one question (asked_together.yml)

    def change_dates(self) -> list[dt.date]:
        return sorted({start for p in self.parameters.values() for start, _ in p.values})

    def period_start(self, on: dt.date) -> dt.date:
        dates = [d for d in self.change_dates() if d <= on]
        if not dates:
            raise ValueError(f"the policy has no values before {self.change_dates()[0]}; asked for {on}")
        return dates[-1]

    def at(self, on: dt.date) -> Period:
        return _period(self, self.period_start(on))

    def ask_order(self) -> list[str]:
        """The facts in asking order: computed from the population and stored (rules/ask_order.py)."""
        return ask_order.stored(self)


@lru_cache(maxsize=64)
def _period(policy: Policy, start: dt.date) -> Period:
    return Period(
        policy=policy,
        start=start,
        tests={code: resolve(policy, r.test, start) for code, r in policy.requirements.items()},
        conditions={code: resolve(policy, r.when.test, start) for code, r in policy.requirements.items() if r.when},
        referral_tests={r.id: resolve(policy, r.when.test, start) for r in policy.referrals if r.when},
    )


def resolve(policy: Policy, test: Test, on: dt.date) -> Resolved:
    """Turn a test written against parameters into concrete values for a date."""
    return OPERATORS[test.op].resolve(test.arg, lambda name: policy.parameters[name].at(on))
