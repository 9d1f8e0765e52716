"""The forms: screening (what the engine needs) and place (for the nearest centre).

Both share `FormValidation`, whose docstring says how to write another one.
"""

from __future__ import annotations

from abc import abstractmethod

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.forms import REQUESTED_SLOT, FormValidationAction

from actions import outcomes
from actions.slots import ASKABLE, decide, previous_value, sensitive_facts

# Messages the forms leave to the dialogue rules (bot/data/rules.yml): the rule
# answers, then the form resumes where it was. Anything else that fills no
# slot (gibberish, out of scope, low confidence) is an unclear answer: re-asked.
DIGRESSIONS = {
    "ask_question",
    "ask_centre",
    "switch_language_en",
    "switch_language_es",
    "delete_my_data",
    "human_handoff",
    "help",
    "restart",
    "bot_challenge",
    "goodbye",
    "thanks",
    "greet",
    "check_eligibility",
}


class FormValidation(FormValidationAction):
    """Shared behaviour of the assistant's forms.

    To add a form: declare it in bot/domain/forms.yml with every slot it may
    ask, subclass this class with `form = "<form name>"`, and implement
    `slots_to_ask(tracker)`: the slots still to ask, in order (the form ends
    when none is left). Each slot needs `utter_ask_<slot>` and
    `utter_reask_<slot>` responses; actions/ask.py asks them.

    What you get:
    - the slots are filled by action_extract_facts (any message, any time);
      this class only decides what to ask next;
    - an answer that fills nothing is a miss: `reask_count` goes up, and the
      ask action re-asks with an example, then with buttons;
    - a digression (a question, "in English please", "borrar mis datos", ...)
      returns no events, so Rasa rejects the form for this turn and the
      dialogue rules handle it; the form then resumes;
    - an answer that replaces an earlier one is acknowledged ("Listo, lo corregí").
    """

    form = ""

    def name(self) -> str:
        return f"validate_{self.form}"

    @abstractmethod
    def slots_to_ask(self, tracker: Tracker) -> list[str]:
        """The slots still to ask, in order; [] ends the form."""

    async def required_slots(self, domain_slots, dispatcher, tracker, domain) -> list[str]:
        return self.slots_to_ask(tracker)

    async def next_requested_slot(self, dispatcher, tracker: Tracker, domain) -> SlotSet:
        # Always decided here, never left to Rasa's default order, and without the
        # domain (the action server is not sent it: enable_selective_domain).
        missing = [slot for slot in self.slots_to_ask(tracker) if tracker.slots.get(slot) is None]
        return SlotSet(REQUESTED_SLOT, missing[0] if missing else None)

    async def run(self, dispatcher, tracker: Tracker, domain) -> list:
        answering = self._answering(tracker) and tracker.get_slot("requested_slot") is not None
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        filled = tracker.slots_to_validate()
        if answering and intent in DIGRESSIONS and not filled:
            return []
        events = await super().run(dispatcher, tracker, domain)
        misses = self._misses(tracker, filled)
        if answering and misses != (tracker.get_slot("reask_count") or 0):  # every event costs on each later message
            events.append(SlotSet("reask_count", misses))
        return events

    def _answering(self, tracker: Tracker) -> bool:
        """Is the form running on the user's reply (not resuming after a digression's action)?"""
        for event in reversed(tracker.events):
            if event.get("event") == "user":
                return True
            if event.get("event") == "action" and event.get("name") not in ("action_listen", self.form):
                return False
        return False

    @staticmethod
    def _misses(tracker: Tracker, filled: dict) -> int:
        asked = tracker.get_slot("requested_slot")
        if asked and asked not in filled:
            return int(tracker.get_slot("reask_count") or 0) + 1
        return 0

    async def get_validation_events(self, dispatcher, tracker: Tracker, domain) -> list:
        # Values were checked when extracted; here only corrections are noticed.
        filled = tracker.slots_to_validate()
        corrected = [
            slot
            for slot, value in filled.items()
            if slot in ASKABLE and previous_value(tracker, slot) not in (None, value)
        ]
        if corrected:
            dispatcher.utter_message(response="utter_correction_noted")
        return [SlotSet(slot, value) for slot, value in filled.items()]


class ValidateScreeningForm(FormValidation):
    """Asks only what the engine still needs; consent before the first sensitive question."""

    form = "screening_form"

    async def run(self, dispatcher, tracker: Tracker, domain) -> list:
        events = await super().run(dispatcher, tracker, domain)
        asked = [e["value"] for e in events if e.get("event") == "slot" and e.get("name") == REQUESTED_SLOT]
        if asked and asked[-1]:
            # Where the screening waits: the decision log shows where people stop answering.
            sid = outcomes.screening_id(tracker)
            outcomes.progress(tracker, sid, asked[-1])
            if tracker.get_slot("screening_id") != sid:
                events.append(SlotSet("screening_id", sid))
        return events

    def slots_to_ask(self, tracker: Tracker) -> list[str]:
        consent = tracker.get_slot("consent")
        if consent is False:
            return []
        decision = decide(tracker)
        sensitive = sensitive_facts()
        ask = list(decision.needed)
        if consent is None:
            volunteered = any(tracker.get_slot(fact) is not None for fact in sensitive)
            first_sensitive = next((i for i, fact in enumerate(ask) if fact in sensitive), None)
            if volunteered:
                ask.insert(0, "consent")
            elif first_sensitive is not None:
                ask.insert(first_sensitive, "consent")
        statuses = [c.status for c in decision.components.values()]
        # The goal only matters to choose between several eligible components.
        if statuses.count("eligible") >= 2 and tracker.get_slot("goal") is None and not ask:
            ask.append("goal")
        # Where to go: asked once something may fit; otherwise the result says why first.
        if tracker.get_slot("place") is None and any(s != "not_eligible" for s in statuses):
            ask.append("place")
        return ask


class ValidatePlaceForm(FormValidation):
    """Asks where the applicant lives, to tell them their nearest centre."""

    form = "place_form"

    def slots_to_ask(self, tracker: Tracker) -> list[str]:
        return [] if tracker.get_slot("place") is not None else ["place"]
