"""Telling the applicant their result, in plain words from the engine's reasons.

The assistant never states an outcome the engine did not give: every status,
reason and referral below comes from the Decision; what a component offers
and where the centre is come from the knowledge base.
"""

from __future__ import annotations

import datetime as dt
import logging

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet

import knowledge
from actions import outcomes
from actions.centres import nearest_centre, say_centre
from actions.slots import FACT_SLOTS, decide, language
from rules import Decision, current_policy

log = logging.getLogger(__name__)


def summary(decision: Decision) -> dict:
    """What the applicant was told: statuses and reason codes (no values)."""
    return {cid: [c.status, sorted(r.code for r in c.reasons)] for cid, c in decision.components.items()}


def bullets(messages: list[str]) -> str:
    return "".join(f"\n• {message}" for message in messages)


class ActionShowResult(Action):
    def name(self) -> str:
        return "action_show_result"

    async def run(self, dispatcher, tracker: Tracker, domain) -> list:
        if tracker.get_slot("consent") is False:
            # No consent: no screening, and nothing of what was said is kept.
            dispatcher.utter_message(response="utter_no_consent")
            return [SlotSet(name, None) for name in (*FACT_SLOTS, "place") if tracker.get_slot(name) is not None]
        lang = language(tracker)
        decision = decide(tracker)
        shown = summary(decision)
        place = tracker.get_slot("place")
        if shown == tracker.get_slot("shown_result") and place:
            # Nothing changed but where they live: just the centre.
            centre = nearest_centre(place, lang)
            if centre:
                say_centre(dispatcher, centre, place["name"])
            return []
        sid = outcomes.screening_id(tracker)
        outcomes.result(tracker, sid, decision)
        self.explain(dispatcher, decision, lang)
        if place:
            centre = nearest_centre(place, lang)
            if centre:
                say_centre(dispatcher, centre, place["name"])
        else:
            dispatcher.utter_message(response="utter_result_ask_place")
        dispatcher.utter_message(response="utter_result_closing")
        log.info("result shown: %s", {cid: status for cid, (status, _) in shown.items()})
        return [SlotSet("shown_result", shown), SlotSet("screening_id", sid)]

    def explain(self, dispatcher, decision: Decision, lang: str) -> None:
        policy = current_policy()
        general = set.intersection(*(set(c.requirements) for c in policy.components.values()))
        on = dt.date.fromisoformat(decision.on)
        dispatcher.utter_message(
            response="utter_result_intro", on=on.strftime("%d/%m/%Y" if lang == "es" else "%Y-%m-%d")
        )

        failed_general = {}
        for component in decision.components.values():
            if component.status == "not_eligible":
                failed_general.update({r.code: r.message for r in component.reasons if r.code in general})
        if failed_general:
            dispatcher.utter_message(
                response="utter_result_general_failed", reasons=bullets(list(failed_general.values())).lstrip("\n")
            )

        for cid, component in decision.components.items():
            name = policy.components[cid].name[lang]
            own = [r.message for r in component.reasons if r.code not in general]
            if component.status == "eligible":
                dispatcher.utter_message(response="utter_result_eligible", component=name, details=bullets(own))
            elif component.status == "not_eligible":
                dispatcher.utter_message(response="utter_result_not_eligible", component=name, details=bullets(own))
            else:
                missing = ", ".join(policy.facts[f].label[lang].lower() for f in component.missing)
                dispatcher.utter_message(response="utter_result_needs_info", component=name, missing=missing)

        if any(c.status == "eligible" for c in decision.components.values()) and not failed_general:
            labels = sorted({policy.facts[policy.requirements[code].fact].label[lang].lower() for code in general})
            dispatcher.utter_message(response="utter_result_general_held", requirements=", ".join(labels))

        if decision.recommended:
            name = policy.components[decision.recommended].name[lang]
            dispatcher.utter_message(
                response="utter_result_recommended",
                component=name,
                offers=_kb_text(knowledge.component, decision.recommended, "summary", lang),
            )
        elif all(c.status == "not_eligible" for c in decision.components.values()):
            dispatcher.utter_message(response="utter_result_nothing")
        if decision.referrals:
            dispatcher.utter_message(response="utter_result_referrals_intro")
            for pid in decision.referrals:
                programme = _kb(knowledge.programme, pid) or {}
                dispatcher.utter_message(
                    response="utter_result_referral",
                    programme=programme.get(f"name_{lang}", pid),
                    purpose=programme.get(f"refer_when_{lang}") or programme.get(f"purpose_{lang}", ""),
                )


def _kb(lookup, key):
    try:
        return lookup(key)
    except knowledge.KnowledgeBaseError:
        log.error("knowledge base unavailable")
        return None


def _kb_text(lookup, key, field: str, lang: str) -> str:
    row = _kb(lookup, key) or {}
    return row.get(f"{field}_{lang}") or ""
