"""A small reference evaluator of the same policy files, in plain Python.

It shares only the loading (policy.py) and the wording of messages with the
durable_rules path, and decides everything else on its own (its `passes` is its own reading of each
test on purpose, not operators.py's), so that the
differential tests (hypothesis) catch a mistake in either: the compiler, the
engine wrapper or the aggregation in decision.py. It is also the baseline of
`make bench`.
"""

from __future__ import annotations

from rules.dates import as_date
from rules.decision import render
from rules.facts import clean_facts
from rules.operators import Resolved
from rules.policy import Policy


def passes(value, test: Resolved) -> bool:
    if test.op == ">=":
        return value >= test.operand
    if test.op == "<":
        return value < test.operand
    if test.op == "between":
        low, high = test.operand
        return (low is None or value >= low) and (high is None or value <= high)
    if test.op == "in":
        return value in test.operand
    if test.op == "==":
        return value == test.operand
    raise ValueError(test.op)


def evaluate(policy: Policy, facts: dict, on=None, lang: str = "es") -> dict:
    """The same JSON shape as Decision.to_dict(), computed without durable_rules."""
    on = as_date(on)
    facts = clean_facts(policy, facts)
    period = policy.at(on)

    def outcome(code: str) -> tuple[str, str | None]:
        """(outcome, the fact it lacks or None)."""
        requirement = policy.requirements[code]
        if requirement.when:
            known = facts.get(requirement.when.fact)
            if known is None:
                return "pending", requirement.when.fact
            if not passes(known, period.conditions[code]):
                return "skipped", None
        value = facts.get(requirement.fact)
        if value is None:
            other = facts.get(requirement.also_held_by) if requirement.also_held_by else None
            if other is not None and passes(other, period.tests[code]):
                return "held_by", None
            return "missing", requirement.fact
        return ("held" if passes(value, period.tests[code]) else "failed"), None

    def message(code: str, kind: str) -> dict:
        requirement = policy.requirements[code]
        fact = requirement.also_held_by if kind == "held_by" else requirement.fact
        text = render(period, requirement, facts.get(fact), kind, lang)
        return {"code": code, "message": text, "values": {fact: facts.get(fact), **period.tests[code].values}}

    components = {}
    for cid, component in policy.components.items():
        results = [(code, *outcome(code)) for code in component.requirements]
        failed = [code for code, result, _ in results if result == "failed"]
        lacking = {fact for _, _, fact in results if fact}
        if failed:
            components[cid] = {
                "status": "not_eligible",
                "reasons": [message(c, "failed") for c in failed],
                "missing": [],
            }
        elif lacking:
            ordered = [f for f in policy.facts if f in lacking]
            components[cid] = {"status": "needs_info", "reasons": [], "missing": ordered}
        else:
            held = [(code, result) for code, result, _ in results if result in ("held", "held_by")]
            components[cid] = {"status": "eligible", "reasons": [message(c, kind) for c, kind in held],
                               "missing": []}

    eligible = [cid for cid in components if components[cid]["status"] == "eligible"]
    goal_pick = policy.by_goal.get(facts.get("goal"))
    if goal_pick in eligible:
        recommended = goal_pick
    else:
        recommended = next((cid for cid in policy.order if cid in eligible), None)

    referrals = []
    if all(c["status"] == "not_eligible" for c in components.values()):
        for referral in policy.referrals:
            if referral.when is None:
                referrals.append(referral.id)
            else:
                value = facts.get(referral.when.fact)
                if value is not None and passes(value, period.referral_tests[referral.id]):
                    referrals.append(referral.id)

    return {
        "components": components,
        "recommended": recommended,
        "referrals": referrals,
        "flags": list(facts.get("priority_group", [])),
        "policy_version": policy.version,
        "on": on.isoformat(),
    }
