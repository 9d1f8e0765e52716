"""Telling the applicant their result, in plain words from the engine's reasons.

The assistant never states an outcome the engine did not give: every status,
reason and referral below comes from the Decision; what a component offers
and where the centre is come from the knowledge base.
"""

from __future__ import annotations

import datetime as dt
import logging

import knowledge
from actions import casecodes
from actions.centres import nearest_centre, say_centre
from actions.slots import FACT_SLOTS
from rules import Decision, current_policy
from rules.decision import display
from rules.wording import agree

log = logging.getLogger(__name__)


def summary(decision: Decision) -> dict:
    """What the applicant was told: statuses and reason codes (no values)."""
    return {cid: [c.status, sorted(r.code for r in c.reasons)] for cid, c in decision.components.items()}


def lowered(label: str) -> str:
    """A label inside a sentence: its first letter small, acronyms as written (MINSA, EsSalud)."""
    return label[:1].lower() + label[1:] if label[1:2].islower() else label


def listed(items: list[str], lang: str) -> str:
    """'a, b y c' / 'a, b and c'."""
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + (" y " if lang == "es" else " and ") + items[-1]


def bullets(messages: list[str]) -> str:
    return "".join(f"\n• {message}" for message in messages)


def show(turn, decision: Decision) -> None:
    """What was understood, then the whole result: statuses and why, the recommendation or referrals, the
    centre, how to go on, and the case code that carries the answers (when the deployment has a key)."""
    facts = {name: turn.get(name) for name in UNDERSTOOD}
    place = turn.get("place")
    line = understood(facts, turn.lang, place["name"] if place else None)
    if line:
        turn.say_text(line)  # a misread amount can be seen, and corrected, before the result
    explain(turn, decision)
    place = turn.get("place")
    if place:
        centre = nearest_centre(place, turn.lang)
        if centre:
            say_centre(turn, centre, place["name"])
    else:
        turn.say("result_ask_place")
    turn.say("result_closing")
    code = casecodes.make({name: turn.get(name) for name in FACT_SLOTS})
    if code:
        turn.say("case_code", code=code)
    log.info("result shown: %s", {cid: c.status for cid, c in decision.components.items()})


def explain(turn, decision: Decision) -> None:
    lang = turn.lang
    policy = current_policy()
    general = set(policy.general_requirements)
    on = dt.date.fromisoformat(decision.on)
    turn.say("result_intro", on=on.strftime("%d/%m/%Y" if lang == "es" else "%Y-%m-%d"))

    failed_general = {}
    for component in decision.components.values():
        if component.status == "not_eligible":
            failed_general.update({r.code: r.message for r in component.reasons if r.code in general})
    if failed_general:
        turn.say("result_general_failed", reasons=bullets(list(failed_general.values())).lstrip("\n"))

    for cid, component in decision.components.items():
        name = policy.components[cid].name[lang]
        own = [r.message for r in component.reasons if r.code not in general]
        if component.status == "eligible":
            turn.say("result_eligible", component=name, details=bullets(own))
        elif component.status == "not_eligible":
            turn.say("result_not_eligible", component=name, details=bullets(own))
        else:
            missing = listed([lowered(policy.facts[f].label[lang]) for f in component.missing], lang)
            turn.say("result_needs_info", component=name, missing=missing)

    # Only the general requirements that applied to this applicant and held (no disability
    # certificate for someone without a disability), in the policy's order.
    held = {r.code for c in decision.components.values() if c.status == "eligible" for r in c.reasons}
    applied = [code for code in policy.general_requirements if code in held]
    if applied and not failed_general:
        labels = [lowered(policy.facts[policy.requirements[code].fact].label[lang]) for code in applied]
        turn.say("result_general_held", requirements=listed(list(dict.fromkeys(labels)), lang))

    if decision.recommended:
        name = policy.components[decision.recommended].name[lang]
        turn.say("result_recommended", component=name,
                 offers=_kb_text(knowledge.component, decision.recommended, "summary", lang))
    elif all(c.status == "not_eligible" for c in decision.components.values()):
        turn.say("result_nothing")
    if decision.referrals:
        turn.say("result_referrals_intro")
        for pid in decision.referrals:
            programme = _kb(knowledge.programme, pid) or {}
            turn.say("result_referral", programme=programme.get(f"name_{lang}", pid),
                     purpose=programme.get(f"refer_when_{lang}") or programme.get(f"purpose_{lang}", ""))


def _kb(lookup, key):
    try:
        return lookup(key)
    except knowledge.KnowledgeBaseError:
        log.error("knowledge base unavailable")
        return None


def _kb_text(lookup, key, field: str, lang: str) -> str:
    row = _kb(lookup, key) or {}
    return row.get(f"{field}_{lang}") or ""


# The "Entendí: ..." line: what the assistant understood, in the order people tell it, so that a
# misread (an amount, a level of schooling) can be seen and corrected before the result.
UNDERSTOOD = ("age", "education", "employment_status", "monthly_income", "household_head", "children",
              "has_disability", "disability_certificate", "work_experience_years", "occupation",
              "occupation_experience_years", "goal")
AS_LABEL = ("education", "employment_status")  # shown as their own label
def _understood(fact: str, value, shown: str, lang: str) -> str:
    """One fact as the 'Entendí' line says it (each text named as written, so tests can find its calls)."""
    from actions import texts

    def say(key: str, **values) -> str:
        return texts.render(key, lang, **values).text

    if fact in AS_LABEL:
        return shown
    if fact == "household_head":
        return say("understood_head_yes" if value else "understood_head_no")
    if fact == "has_disability":
        return say("understood_disability_yes" if value else "understood_disability_no")
    if fact == "disability_certificate":
        return say("understood_certificate_yes" if value else "understood_certificate_no")
    if fact == "children":
        return say("understood_children", value=shown) if value else say("understood_no_children")
    if fact == "age":
        return say("understood_age", value=shown)
    if fact == "monthly_income":
        return say("understood_income", value=shown)
    if fact == "work_experience_years":
        return say("understood_work_experience", value=shown)
    if fact == "occupation":
        return say("understood_occupation", value=shown)
    if fact == "occupation_experience_years":
        return say("understood_occupation_experience", value=shown)
    return say("understood_goal", value=shown)


def understood(facts: dict, lang: str, place: str | None = None) -> str:
    """'Entendí: 41 años, secundaria completa, desempleado/a, S/ 950 al mes, ...' from the facts (and the
    place's name), in `lang`; '' when nothing is known yet."""
    from actions import texts

    policy = current_policy()
    parts = []
    for fact in UNDERSTOOD:
        value = facts.get(fact)
        if value is not None:
            parts.append(_understood(fact, value, display(policy, fact, value, lang), lang))
    if place:
        parts.append(texts.render("understood_place", lang, value=place).text)
    return agree(texts.render("understood", lang, facts=", ".join(parts)).text) if parts else ""
