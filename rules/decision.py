"""From requirement outcomes to a Decision: statuses, reasons, missing facts,
recommendation, referrals, flags and the trace that explains them.

The rules engine says, for each requirement, whether it held, failed or
lacks a fact; this module applies the policy's fixed logic on top:

- a component is `not_eligible` as soon as one of its requirements failed
  (no more facts are then needed for it), else `needs_info` while one lacks
  a fact (listed in the order the assistant asks), else `eligible`;
- the recommendation is the eligible component the goal points to, else the
  first eligible one in the policy's order, else none;
- referrals are given only when every component is not eligible.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from functools import lru_cache

from rules.operators import OPERATORS, Resolved
from rules.policy import Period, Policy, Requirement
from rules.wording import agree

STATUSES = ("eligible", "needs_info", "not_eligible")
YES_NO = {"es": ("sí", "no"), "en": ("yes", "no")}


@dataclass
class Reason:
    code: str
    message: str
    values: dict


@dataclass
class ComponentDecision:
    status: str
    reasons: list = field(default_factory=list)
    missing: list = field(default_factory=list)


@dataclass
class TraceStep:
    requirement: str
    outcome: str  # held, held_by, failed, missing, pending, skipped
    fact: str
    value: object
    test: str
    components: list


@dataclass
class Decision:
    components: dict  # id -> ComponentDecision
    recommended: str | None
    referrals: list
    flags: list
    policy_version: str
    on: str
    trace: list = field(default_factory=list)
    # Facts still needed by any component that may yet be eligible, in asking
    # order: what the assistant asks next. Not part of the JSON interface.
    needed: list = field(default_factory=list)

    def to_dict(self, trace: bool = False) -> dict:
        out = {
            "components": {cid: asdict(c) for cid, c in self.components.items()},
            "recommended": self.recommended,
            "referrals": list(self.referrals),
            "flags": list(self.flags),
            "policy_version": self.policy_version,
            "on": self.on,
        }
        if trace:
            out["trace"] = [asdict(step) for step in self.trace]
        return out


def decide(period: Period, facts: dict, outcomes: dict, referrals_fired: set, on: dt.date, lang: str) -> Decision:
    """Build the Decision from the outcome of each requirement (code -> outcome)."""
    policy = period.policy
    components = {}
    rendered: dict = {}  # a requirement's reason is the same for every component that uses it
    for cid, component in policy.components.items():
        failed, missing, held = [], [], []
        for code in component.requirements:
            outcome = outcomes.get(code)
            requirement = policy.requirements[code]
            if outcome == "failed":
                failed.append(code)
            elif outcome == "missing":
                missing.append(requirement.fact)
            elif outcome == "pending":
                missing.append(requirement.when.fact)
            elif outcome in ("held", "held_by"):
                held.append(code)
        if failed:
            status, codes, needed = "not_eligible", failed, []
        elif missing:
            status, codes, needed = "needs_info", [], missing
        else:
            status, codes, needed = "eligible", held, []
        reasons = []
        for code in codes:
            if code not in rendered:
                rendered[code] = reason(period, policy.requirements[code], facts, outcomes[code], lang)
            reasons.append(rendered[code])
        components[cid] = ComponentDecision(status, reasons, [f for f in policy.facts if f in needed])

    decision = Decision(
        components=components,
        recommended=recommend(policy, components, facts.get("goal")),
        referrals=[],
        flags=list(facts.get("priority_group", [])),
        policy_version=policy.version,
        on=on.isoformat(),
        trace=trace(period, facts, outcomes),
    )
    wanted = {f for c in components.values() for f in c.missing}
    decision.needed = [f for f in policy.ask_order() if f in wanted]  # what to ask next, soonest decided first
    if all(c.status == "not_eligible" for c in components.values()):
        decision.referrals = [r.id for r in policy.referrals if r.when is None or r.id in referrals_fired]
    return decision


def recommend(policy: Policy, components: dict, goal: str | None) -> str | None:
    wanted = policy.by_goal.get(goal) if goal else None
    if wanted and components[wanted].status == "eligible":
        return wanted
    return next((cid for cid in policy.order if components[cid].status == "eligible"), None)


def reason(period: Period, requirement: Requirement, facts: dict, outcome: str, lang: str) -> Reason:
    """Why a requirement held (`held`, `held_by`: the other fact's value is shown) or failed."""
    test = period.tests[requirement.code]
    fact = requirement.also_held_by if outcome == "held_by" else requirement.fact
    value = facts.get(fact)
    return Reason(requirement.code, render(period, requirement, value, outcome, lang), {fact: value, **test.values})


def render(period: Period, requirement: Requirement, value, outcome: str, lang: str) -> str:
    """A requirement's `held` or `failed` message for an applicant's value (loading.py renders each one
    with sample values on every date, so this cannot fail on a policy that loaded)."""
    return agree(requirement.messages[outcome][lang].format(**shown_values(period, requirement, value, lang)))


def shown_values(period: Period, requirement: Requirement, value, lang: str) -> dict:
    """What a message's placeholders show: the applicant's value and the policy's, as people read them."""
    policy = period.policy
    test = period.tests[requirement.code]
    shown = {k: display(policy, requirement.fact, v, lang) for k, v in test.values.items()}
    shown["value"] = display(policy, requirement.fact, value, lang)
    if "range" in OPERATORS[test.test].placeholders:  # a band, worded as `ranges` in requirements.yml says
        low, high = test.operand
        kind = "closed" if low is not None and high is not None else "at_least" if low is not None else "at_most"
        shown["range"] = policy.ranges[kind][lang].format(min=shown["min"], max=shown["max"])
    return shown


def display(policy: Policy, fact: str, value, lang: str) -> str:
    """A value as an applicant reads it: choice labels, sí/no, plain numbers, lists joined."""
    if isinstance(value, list):
        joiner = " o " if lang == "es" else " or "
        items = [display(policy, fact, v, lang) for v in value]
        return items[0] if len(items) == 1 else ", ".join(items[:-1]) + joiner + items[-1]
    if isinstance(value, bool):
        return YES_NO[lang][0 if value else 1]
    if value is None:
        return "—"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.2f}"
    spec = policy.facts.get(fact)
    if spec and value in spec.choices:
        return spec.choices[value][lang]
    if isinstance(value, str) and value in policy.labels:  # an injected list's id: its name, never the id
        return policy.labels[value][lang]
    return str(value)


def describe(fact: str, test: Resolved) -> str:
    """A test in a line, for the trace: `age >= 18`, `age in [30, 59]`."""
    return OPERATORS[test.test].describe(fact, test)


@lru_cache(maxsize=64)
def _trace_layout(period: Period) -> dict:
    """Per requirement and outcome: the fact shown, the test described, the components using it."""
    policy = period.policy
    layout = {}
    for code, requirement in policy.requirements.items():
        users = [cid for cid, c in policy.components.items() if code in c.requirements]
        main = (requirement.fact, describe(requirement.fact, period.tests[code]), users)
        layout[code] = {"held": main, "failed": main, "missing": main}
        if requirement.also_held_by:
            other = requirement.also_held_by
            layout[code]["held_by"] = (other, describe(other, period.tests[code]), users)
        if requirement.when:
            when = requirement.when.fact
            layout[code]["pending"] = layout[code]["skipped"] = (when, describe(when, period.conditions[code]), users)
    return layout


def trace(period: Period, facts: dict, outcomes: dict) -> list:
    steps = []
    for code, by_outcome in _trace_layout(period).items():
        outcome = outcomes.get(code, "missing")
        fact, test, users = by_outcome[outcome]
        steps.append(TraceStep(code, outcome, fact, facts.get(fact), test, list(users)))
    return steps
