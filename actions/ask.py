"""Asking for a slot: the question, then a re-ask with an example, then buttons.

Rasa's forms call `action_ask_<slot>` to ask for a slot. The wording lives in
the domain (`utter_ask_<slot>`, `utter_reask_<slot>`); the choices offered as
buttons come from the engine's fact schema (rules/policy/facts.yml), in the
applicant's language.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod

from rasa_sdk import Action, Tracker

from actions.slots import ASKABLE, language
from rules import current_policy

YES_NO = {"es": ("Sí", "No"), "en": ("Yes", "No")}


class AskFor(Action, ABC):
    """Base of the `action_ask_<slot>` actions; one subclass per askable slot (below)."""

    slot: str = ""

    @abstractmethod
    def name(self) -> str:
        """action_ask_<slot>"""

    async def run(self, dispatcher, tracker: Tracker, domain) -> list:
        misses = int(tracker.get_slot("reask_count") or 0)
        lang = language(tracker)
        if self.slot == "place" and tracker.get_slot("place_suggestions"):
            dispatcher.utter_message(response="utter_place_suggestions", buttons=place_buttons(tracker))
            return []
        if misses == 0:
            dispatcher.utter_message(response=f"utter_ask_{self.slot}")
        elif misses == 1:
            dispatcher.utter_message(response=f"utter_reask_{self.slot}")
        else:
            dispatcher.utter_message(response=f"utter_reask_{self.slot}", buttons=choice_buttons(self.slot, lang))
        return []


def choice_buttons(slot: str, lang: str) -> list[dict]:
    """Buttons for a slot whose answer is a choice: the engine's choices, or yes/no."""
    if slot == "consent" or current_policy().facts.get(slot) and current_policy().facts[slot].type == "boolean":
        yes, no = YES_NO[lang]
        return [{"title": yes, "payload": "/affirm"}, {"title": no, "payload": "/deny"}]
    fact = current_policy().facts.get(slot)
    if fact is None or fact.type != "choice":
        return []
    return [
        {"title": labels[lang], "payload": "/inform" + json.dumps({slot: value}, ensure_ascii=False)}
        for value, labels in fact.choices.items()
    ]


def place_buttons(tracker: Tracker) -> list[dict]:
    return [
        {"title": name, "payload": "/inform" + json.dumps({"place": name}, ensure_ascii=False)}
        for name in tracker.get_slot("place_suggestions") or []
    ]


def _ask_action(slot: str) -> type:
    return type(f"AskFor_{slot}", (AskFor,), {"slot": slot, "name": lambda self: f"action_ask_{self.slot}"})


# One registered action per slot a form may ask (rasa_sdk registers every Action subclass).
ASK_ACTIONS = {slot: _ask_action(slot) for slot in ASKABLE}
