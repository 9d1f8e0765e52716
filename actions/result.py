"""Telling the applicant their result, in plain words from the engine's reasons.

The assistant never states an outcome the engine did not give: every status,
reason and referral below comes from the Decision; what a component offers
and where the centre is come from the knowledge base.
"""

from __future__ import annotations

import datetime as dt
import logging

import knowledge
from actions.centres import nearest_centre, say_centre
from rules import Decision, current_policy

log = logging.getLogger(__name__)


def summary(decision: Decision) -> dict:
    """What the applicant was told: statuses and reason codes (no values)."""
    return {cid: [c.status, sorted(r.code for r in c.reasons)] for cid, c in decision.components.items()}


def bullets(messages: list[str]) -> str:
    return "".join(f"\n• {message}" for message in messages)


def show(turn, decision: Decision) -> None:
    """The whole result: statuses and why, the recommendation or referrals, the centre, how to go on."""
    explain(turn, decision)
    place = turn.get("place")
    if place:
        centre = nearest_centre(place, turn.lang)
        if centre:
            say_centre(turn, centre, place["name"])
    else:
        turn.say("result_ask_place")
    turn.say("result_closing")
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
            missing = ", ".join(policy.facts[f].label[lang].lower() for f in component.missing)
            turn.say("result_needs_info", component=name, missing=missing)

    if any(c.status == "eligible" for c in decision.components.values()) and not failed_general:
        labels = sorted({policy.facts[policy.requirements[code].fact].label[lang].lower() for code in general})
        turn.say("result_general_held", requirements=", ".join(labels))

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
