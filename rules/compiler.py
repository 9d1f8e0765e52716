"""Compile one period of the policy into a durable_rules ruleset (JSON form).

Every requirement becomes one rule per outcome, named `CODE|OUTCOME`:

    held     the fact is known and passes the test
    failed   the fact is known and fails it
    missing  the fact is not known
    pending  (requirements with `when`) the `when` fact is not known yet
    skipped  (requirements with `when`) the `when` fact is known and false

Exactly one of a requirement's rules matches any applicant, so the engine
fires one rule per requirement (assert_fact fires all matching rules; post
would fire only one). Referral conditions become `referral|ID` rules.

durable_rules has no `$in`: membership becomes `$or` of equalities (held)
and `$and` of `$neq` (failed). Every rule also requires the anchor
`_applicant == 1`: a rule made only of `$neq`/`$nex` conditions would match
the session's own state object and could fire on it again and again.
"""

from __future__ import annotations

from rules.policy import Period, Resolved

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
        rules[rule_name(code, "missing")] = _rule(guard + [_missing(fact)])
    for referral in policy.referrals:
        if referral.when:
            test = period.referral_tests[referral.id]
            rules[rule_name(referral.id, "referral")] = _rule(_holds(referral.when.fact, test))
    return rules


def _rule(conditions: list) -> dict:
    return {"all": [{"m": {"$and": [{ANCHOR: 1}, *conditions]}}]}


def _exists(fact: str) -> dict:
    return {"$ex": {fact: 1}}


def _missing(fact: str) -> dict:
    return {"$nex": {fact: 1}}


def _holds(fact: str, test: Resolved) -> list:
    """Conditions true exactly when the fact is known and passes the test."""
    if test.op == ">=":
        return [{"$gte": {fact: test.operand}}]
    if test.op == "<":
        return [{"$lt": {fact: test.operand}}]
    if test.op == "between":
        low, high = test.operand
        bounds = []
        if low is not None:
            bounds.append({"$gte": {fact: low}})
        if high is not None:
            bounds.append({"$lte": {fact: high}})
        return bounds or [_exists(fact)]
    if test.op == "in":
        return [{"$or": [{fact: value} for value in test.operand]}]
    if test.op == "==":
        return [{fact: test.operand}]
    raise ValueError(f"cannot compile test {test.op}")


def _fails(fact: str, test: Resolved) -> list | None:
    """Conditions true exactly when the fact is known and fails the test (None: it never fails)."""
    if test.op == ">=":
        return [{"$lt": {fact: test.operand}}]
    if test.op == "<":
        return [{"$gte": {fact: test.operand}}]
    if test.op == "between":
        low, high = test.operand
        outside = []
        if low is not None:
            outside.append({"$lt": {fact: low}})
        if high is not None:
            outside.append({"$gt": {fact: high}})
        if not outside:
            return None
        return [{"$or": outside}] if len(outside) > 1 else outside
    if test.op == "in":
        return [_exists(fact), *({"$neq": {fact: value}} for value in test.operand)]
    if test.op == "==":
        return [_exists(fact), {"$neq": {fact: test.operand}}]
    raise ValueError(f"cannot compile test {test.op}")
