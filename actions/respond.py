"""The one custom action Rasa runs after every user message: `action_respond`.

It turns the tracker into the dialogue's input (actions/dialogue), and the
dialogue's outcome into messages and events. The action always ends the
turn, so Rasa listens for the next message and never predicts an action
twice in a row (its circuit breaker cannot trip).
"""

from __future__ import annotations

import logging

from rasa_sdk import Action, Tracker
from rasa_sdk.events import AllSlotsReset, FollowupAction, SlotSet

from actions import outcomes
from actions.dialogue import Conversation, Incoming, respond
from actions.privacy import ERASE_ACTION

log = logging.getLogger(__name__)
NAME = "action_respond"


class ActionRespond(Action):
    def name(self) -> str:
        return NAME

    async def run(self, dispatcher, tracker: Tracker, domain) -> list:
        message = tracker.latest_message or {}
        intent = message.get("intent") or {}
        incoming = Incoming(
            text=message.get("text") or "",
            intent=intent.get("name"),
            confidence=float(intent.get("confidence") or 0.0),
            entities=message.get("entities") or [],
            metadata=message.get("metadata") or {},
            channel=tracker.get_latest_input_channel(),
        )
        outcome = respond(conversation(tracker), incoming)
        for sent in outcome.messages:
            dispatcher.utter_message(**sent.as_dict())
        write_records(outcome, tracker, incoming.channel)
        # Log what was understood, never the values (Ley 29733).
        log.info("turn: %d messages, slots changed %s", len(outcome.messages), sorted(outcome.slots) or "none")
        events = [AllSlotsReset()] if outcome.reset else []
        events += [SlotSet(name, value) for name, value in outcome.slots.items()]
        events.append(FollowupAction(ERASE_ACTION if outcome.erase else "action_listen"))
        return events


def conversation(tracker: Tracker) -> Conversation:
    users = [e for e in tracker.events if e.get("event") == "user"]
    last_bot = next((e.get("text") for e in reversed(tracker.events) if e.get("event") == "bot"), None)
    return Conversation(slots=dict(tracker.slots), last_bot_text=last_bot, first_message=len(users) <= 1)


def write_records(outcome, tracker: Tracker, channel: str | None) -> None:
    """The anonymised decision log: where a screening waits, and how it ended."""
    slots = {**tracker.slots, **outcome.slots}
    for kind, sid, detail in outcome.records:
        if not sid:
            continue
        if kind == "progress":
            outcomes.progress(slots, channel, sid, detail)
        else:
            outcomes.result(slots, channel, sid, detail)


class ActionRestart(ActionRespond):
    """Rasa sends the intent `restart` to its default action_restart; ours is the same dialogue."""

    def name(self) -> str:
        return "action_restart"


class ActionBack(ActionRespond):
    """Rasa sends the intent `back` ("/back") to its default action_back; ours is the same dialogue."""

    def name(self) -> str:
        return "action_back"
