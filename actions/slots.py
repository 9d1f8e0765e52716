"""Between the conversation's slots and the engine's facts.

The slots that hold facts have the engine's fact names (rules/policy/facts.yml);
`place` holds where the applicant lives. Sensitive facts (income, disability)
are only used once the applicant has consented (Ley 29733).
"""

from __future__ import annotations

from rules import Decision, current_policy, evaluate

# Every slot a form may ask for, in the domain's order (bot/domain/forms.yml;
# tests/actions/test_domain.py checks the two agree).
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


def language(tracker) -> str:
    lang = tracker.get_slot("language")
    return lang if lang in LANGS else "es"


def sensitive_facts() -> set[str]:
    return {name for name, fact in current_policy().facts.items() if fact.sensitive}


def facts_from_slots(tracker, with_sensitive: bool | None = None) -> dict:
    """The engine facts known in this conversation; sensitive ones only with consent."""
    if with_sensitive is None:
        with_sensitive = tracker.get_slot("consent") is True
    hidden = set() if with_sensitive else sensitive_facts()
    facts = {}
    for name in FACT_SLOTS:
        value = tracker.get_slot(name)
        if value is not None and name not in hidden:
            facts[name] = value
    return facts


def decide(tracker) -> Decision:
    """The engine's decision for what this applicant has told us so far."""
    return evaluate(facts_from_slots(tracker), lang=language(tracker))


def previous_value(tracker, slot: str):
    """The slot's value before the latest user message (to notice corrections)."""
    value = None
    latest_user = max((i for i, e in enumerate(tracker.events) if e.get("event") == "user"), default=-1)
    for event in tracker.events[: max(latest_user, 0)]:
        if event.get("event") == "slot" and event.get("name") == slot:
            value = event.get("value")
        elif event.get("event") in ("restart", "reset_slots"):
            value = None
    return value
