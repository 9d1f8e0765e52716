"""Tracker fixtures for action tests, in the manner of RasaHQ/financial-demo.

`tracker(...)` builds the rasa_sdk Tracker the action server receives after a
user message; `run(action, tracker)` runs an action with a CollectingDispatcher
and returns (events, messages) so tests can assert both.
"""

from __future__ import annotations

import asyncio
from functools import lru_cache
from pathlib import Path

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

ROOT = Path(__file__).resolve().parents[2]


@lru_cache(maxsize=1)
def domain() -> dict:
    """The bot's domain, as Rasa loads it."""
    from rasa.shared.core.domain import Domain

    return Domain.load(str(ROOT / "bot" / "domain")).as_dict()


def tracker(slots: dict | None = None, text: str = "", intent: str | None = "inform", before: list | None = None,
            metadata: dict | None = None, channel: str = "rest") -> Tracker:
    """A tracker just after the user said `text`; `slots` were known before, `before` are earlier events."""
    values = {name: None for name in domain()["slots"]}
    values.update(slots or {})
    latest = {"text": text, "intent": {"name": intent, "confidence": 0.99}, "entities": [],
              "metadata": metadata or {}}
    events = list(before or [])
    events += [{"event": "slot", "name": k, "value": v} for k, v in (slots or {}).items()]
    events.append({"event": "action", "name": "action_listen"})
    events.append({"event": "user", "text": text, "parse_data": latest, "metadata": metadata or {},
                   "input_channel": channel})
    return Tracker(sender_id="test-applicant", slots=values, latest_message=latest, events=events, paused=False,
                   followup_action=None, active_loop={}, latest_action_name="action_listen")


def run(action, current: Tracker) -> tuple[list, list]:
    """Run an action as the action server would; returns (events, messages)."""
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, current, domain()))
    return events, dispatcher.messages
