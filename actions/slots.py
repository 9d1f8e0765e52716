"""Between the conversation's slots and the engine's facts.

The slots that hold facts have the engine's fact names (rules/policy/facts.yml);
`place` holds where the applicant lives. Sensitive facts (income, disability)
are only used once the applicant has consented (Ley 29733).

The functions take the slots as anything with `.get(name)`: a dict of slot
values, or the dialogue's Turn.
"""

from __future__ import annotations

from rules import Decision, current_policy, evaluate

# Every slot the screening may ask for, in the order of the policy's facts.
ASKABLE = (
    "consent",
    "age",
    "employment_status",
    "education",
    "household_head",
    "children",
    "monthly_income",
    "has_disability",
    "disability_certificate",
    "work_experience_years",
    "occupation",
    "occupation_experience_years",
    "goal",
    "place",
)
# Facts the assistant collects (the engine's facts that have a slot).
FACT_SLOTS = tuple(name for name in ASKABLE if name not in ("consent", "place")) + ("priority_group",)
LANGS = ("es", "en")


def language(slots) -> str:
    lang = slots.get("language")
    return lang if lang in LANGS else "es"


def sensitive_facts() -> set[str]:
    return {name for name, fact in current_policy().facts.items() if fact.sensitive}


def facts_from_slots(slots, with_sensitive: bool | None = None) -> dict:
    """The engine facts known in this conversation; sensitive ones only with consent."""
    if with_sensitive is None:
        with_sensitive = slots.get("consent") is True
    hidden = set() if with_sensitive else sensitive_facts()
    facts = {}
    for name in FACT_SLOTS:
        value = slots.get(name)
        if value is not None and name not in hidden:
            facts[name] = value
    return facts


def decide(slots) -> Decision:
    """The engine's decision for what this applicant has told us so far."""
    return evaluate(facts_from_slots(slots), lang=language(slots))
