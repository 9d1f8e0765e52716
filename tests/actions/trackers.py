"""Tracker fixtures for action tests, in the manner of RasaHQ/financial-demo.

`tracker(...)` builds the rasa_sdk Tracker an action would receive after a
user message; `run(action, tracker)` runs it with a CollectingDispatcher and
returns (events, responses) so tests can assert both.
"""

from __future__ import annotations

import asyncio
from functools import lru_cache
from pathlib import Path

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.slots import ASKABLE

ROOT = Path(__file__).resolve().parents[2]
SLOTS = [
    "language",
    *ASKABLE,
    "priority_group",
    "place_suggestions",
    "reask_count",
    "shown_result",
    "screening_id",
    "requested_slot",
]
ELIGIBLE = {
    "age": 35,
    "employment_status": "unemployed",
    "education": "secondary_complete",
    "household_head": True,
    "children": 2,
    "monthly_income": 900,
    "has_disability": False,
    "consent": True,
}
CHICLAYO = {"name": "Chiclayo", "kind": "province", "lat": -6.7714, "lon": -79.8409}


@lru_cache(maxsize=1)
def domain() -> dict:
    """The bot's domain as the action server receives it."""
    from rasa.shared.core.domain import Domain

    return Domain.load(str(ROOT / "bot" / "domain")).as_dict()


def tracker(
    slots: dict | None = None,
    text: str = "",
    intent: str = "inform",
    entities: list | None = None,
    set_now: dict | None = None,
    before: list | None = None,
    latest_action: str = "action_listen",
    active_loop: str | None = None,
    metadata: dict | None = None,
    after: list | None = None,
) -> Tracker:
    """A tracker just after the user said `text`.

    `slots` were known before the message; `set_now` were set by action_extract_facts
    from this message (so the forms see them as new); `before` are earlier events and
    `after` events after the latest action (as Rasa appends the form's own execution).
    """
    values = {name: None for name in SLOTS}
    values["language"] = "es"
    values["reask_count"] = 0
    values.update(slots or {})
    values.update(set_now or {})
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.99},
        "entities": entities or [],
        "metadata": metadata or {},
    }
    events = list(before or [])
    events += [{"event": "slot", "name": k, "value": v} for k, v in (slots or {}).items()]
    events.append({"event": "action", "name": "action_listen"})
    events.append({"event": "user", "text": text, "parse_data": latest, "metadata": metadata or {}})
    events += [{"event": "slot", "name": k, "value": v} for k, v in (set_now or {}).items()]
    if latest_action != "action_listen":
        events.append({"event": "action", "name": latest_action})
    events += after or []
    return Tracker(
        sender_id="test-applicant",
        slots=values,
        latest_message=latest,
        events=events,
        paused=False,
        followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name=latest_action,
    )


def run(action, current: Tracker) -> tuple[list, list]:
    """Run an action as the action server would; returns (events, responses)."""
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, current, domain()))
    return events, dispatcher.messages


def slot_events(events: list) -> dict:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def response_names(messages: list) -> list:
    return [m.get("response") or m.get("text") for m in messages]
