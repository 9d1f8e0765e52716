"""The evaluation date: a date, a datetime, "YYYY-MM-DD", or None for today."""

from __future__ import annotations

import datetime as dt


def as_date(on) -> dt.date:
    if on is None:
        return dt.date.today()
    if isinstance(on, dt.datetime):
        return on.date()
    if isinstance(on, dt.date):
        return on
    try:
        return dt.date.fromisoformat(str(on))
    except ValueError:
        raise ValueError(f"not a date (YYYY-MM-DD): {on!r}") from None
