"""Language switches, fallback and handoff to a person."""

from __future__ import annotations

from rasa_sdk import Action, Tracker

from actions.centres import headquarters, nearest_centre
from actions.questions import STRONG_HIT, best_answer
from actions.slots import language

FALLBACK = "action_default_fallback"


class ActionSwitchLanguage(Action):
    """Acknowledges a switch; the slot was already set by action_extract_facts, so this is said in the new language."""

    def name(self) -> str:
        return "action_switch_language"

    async def run(self, dispatcher, tracker: Tracker, domain) -> list:
        dispatcher.utter_message(response="utter_language_switched")
        return []


def previous_bot_action(tracker: Tracker) -> str | None:
    """The last action the bot ran before the latest user message (ignoring listen and slot extraction)."""
    seen_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            if seen_user:
                break
            seen_user = True
            continue
        if (
            seen_user
            and event.get("event") == "action"
            and event.get("name") not in ("action_listen", "action_extract_slots", "action_extract_facts")
        ):
            return event.get("name")
    return None


def handoff(dispatcher, tracker: Tracker) -> None:
    """The employment centre's contact: the nearest one if we know where they live, else headquarters."""
    lang = language(tracker)
    place = tracker.get_slot("place")
    centre = nearest_centre(place, lang) if place else headquarters(lang)
    if centre:
        where = f"{centre['name']} ({centre['city']})"
        details = [centre.get(key) for key in ("address", "phone", "hours") if centre.get(key)]
        dispatcher.utter_message(response="utter_handoff", centre=", ".join([where, *details]))
    else:
        dispatcher.utter_message(response="utter_action_unavailable")


class ActionHandoff(Action):
    def name(self) -> str:
        return "action_handoff"

    async def run(self, dispatcher, tracker: Tracker, domain) -> list:
        handoff(dispatcher, tracker)
        return []


class ActionDefaultFallback(Action):
    """Low confidence or out of scope: a strong knowledge-base answer if there is one, else a helpful
    re-ask with buttons; the second miss in a row hands over to a person."""

    def name(self) -> str:
        return FALLBACK

    async def run(self, dispatcher, tracker: Tracker, domain) -> list:
        text = (tracker.latest_message or {}).get("text") or ""
        intent = ((tracker.latest_message or {}).get("intent") or {}).get("name")
        hit = best_answer(text, language(tracker), STRONG_HIT) if intent != "out_of_scope" else None
        if hit:
            dispatcher.utter_message(text=hit["answer"])
            return []
        if previous_bot_action(tracker) == FALLBACK:
            dispatcher.utter_message(response="utter_handoff_after_misses")
            handoff(dispatcher, tracker)
        elif intent == "out_of_scope":
            dispatcher.utter_message(response="utter_out_of_scope")
        else:
            dispatcher.utter_message(response="utter_default")
        return []
