"""Writing each screening to the anonymised decision log (reports/log.py).

Only bands and codes leave the conversation: no sender id, phone, exact age
or income. The row is keyed by a random `screening_id` kept in a slot.
"""

from __future__ import annotations

import uuid

from rasa_sdk import Tracker

from actions.slots import language
from reports import log


def screening_id(tracker: Tracker) -> str:
    return tracker.get_slot("screening_id") or uuid.uuid4().hex


def _context(tracker: Tracker) -> dict:
    place = tracker.get_slot("place") or {}
    return {
        "region": place.get("department") if isinstance(place, dict) else None,
        "language": language(tracker),
        "channel": tracker.get_latest_input_channel(),
        "age": tracker.get_slot("age"),
        # Income is sensitive: only its band, and only with consent.
        "income": tracker.get_slot("monthly_income") if tracker.get_slot("consent") is True else None,
    }


def progress(tracker: Tracker, sid: str, stopped_at: str | None) -> None:
    log.record_progress(sid, stopped_at, **_context(tracker))


def result(tracker: Tracker, sid: str, decision) -> None:
    log.record_result(sid, decision, **_context(tracker))
