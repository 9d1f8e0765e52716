"""Compile one period of the policy into a durable_rules ruleset (JSON form).

Every requirement becomes one rule per outcome, named `CODE|OUTCOME`:

    held     the fact is known and passes the test
    failed   the fact is known and fails it
    missing  the fact is not known
    pending  (requirements with `when`) the `when` fact is not known yet
    skipped  (requirements with `when`) the `when` fact is known and false
    held_by  (requirements with `also_held_by`) the fact is not known and the
             other fact is known and passes the same test

Exactly one of a requirement's rules matches any applicant, so the engine
fires one rule per requirement (assert_fact fires all matching rules; post
would fire only one). Referral conditions become `referral|ID` rules.

How each test is matched is the operator's (operators.py): durable_rules has no `$in`, so
membership becomes `$or` of equalities (held) and `$and` of `$neq` (failed). Every rule also requires the anchor
`_applicant == 1`: a rule made only of `$neq`/`$nex` conditions would match
the session's own state object and could fire on it again and again.
"""

from __future__ import annotations

from rules.operators import OPERATORS, Resolved
from rules.policy import Period

ANCHOR = "_applicant"
RESERVED = {ANCHOR, "sid", "id", "$s"}


def rule_name(code: str, outcome: str) -> str:
    return f"{code}|{outcome}"


def parse_rule_name(name: str) -> tuple[str, str]:
    code, _, outcome = name.rpartition("|")
    return code, outcome


def compile_period(period: Period) -> dict:
    """The JSON ruleset for one period: {rule name: {"all": [{"m": {...}}]}}."""
    policy = period.policy
    clash = RESERVED & set(policy.facts)
    if clash:
        raise ValueError(f"fact names {sorted(clash)} are reserved by the engine")
    rules: dict = {}
    for code, requirement in policy.requirements.items():
        test = period.tests[code]
        fact = requirement.fact
        guard: list = []
        if requirement.when:
            when_fact, when_test = requirement.when.fact, period.conditions[code]
            rules[rule_name(code, "pending")] = _rule([_missing(when_fact)])
            skipping = _fails(when_fact, when_test)
            if skipping is not None:
                rules[rule_name(code, "skipped")] = _rule(skipping)
            guard = _holds(when_fact, when_test)
        rules[rule_name(code, "held")] = _rule(guard + _holds(fact, test))
        failing = _fails(fact, test)
        if failing is not None:
            rules[rule_name(code, "failed")] = _rule(guard + failing)
        lacking = guard + [_missing(fact)]
        if requirement.also_held_by:
            other = requirement.also_held_by
            rules[rule_name(code, "held_by")] = _rule(lacking + _holds(other, test))
            other_fails = _fails(other, test)
            # Still missing while the other fact is unknown or fails the test.
            lacking.append({"$or": [_missing(other), {"$and": other_fails}]} if other_fails else _missing(other))
        rules[rule_name(code, "missing")] = _rule(lacking)
    for referral in policy.referrals:
        if referral.when:
            test = period.referral_tests[referral.id]
            rules[rule_name(referral.id, "referral")] = _rule(_holds(referral.when.fact, test))
    return rules


def _rule(conditions: list) -> dict:
    return {"all": [{"m": {"$and": [{ANCHOR: 1}, *conditions]}}]}


def _missing(fact: str) -> dict:
    return {"$nex": {fact: 1}}


def _holds(fact: str, test: Resolved) -> list:
    return OPERATORS[test.test].holds(fact, test)


def _fails(fact: str, test: Resolved) -> list | None:
    return OPERATORS[test.test].fails(fact, test)
