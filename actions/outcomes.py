"""Writing each screening to the anonymised decision log (reports/log.py).

Only bands and codes leave the conversation: no sender id, phone, exact age
or income. The row is keyed by a random `screening_id` kept in a slot.
"""

from __future__ import annotations

import uuid

from actions.slots import language
from reports import log


def new_screening_id() -> str:
    return uuid.uuid4().hex


def _context(slots, channel: str | None) -> dict:
    place = slots.get("place") or {}
    return {
        "region": place.get("department") if isinstance(place, dict) else None,
        "language": language(slots),
        "channel": channel,
        "age": slots.get("age"),
        # Income is sensitive: only its band, and only with consent.
        "income": slots.get("monthly_income") if slots.get("consent") is True else None,
    }


def progress(slots, channel: str | None, sid: str, stopped_at: str | None) -> None:
    log.record_progress(sid, stopped_at, **_context(slots, channel))


def result(slots, channel: str | None, sid: str, decision) -> None:
    log.record_result(sid, decision, **_context(slots, channel))
