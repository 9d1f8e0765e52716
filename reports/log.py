"""The decision log: one anonymised row per screening, for measuring what happens to applicants.

A row is created at the first question and updated as the screening goes on
(`stopped_at` is the question it is waiting for), then completed with the
outcome. It holds no name, phone, conversation id, exact age or exact income:
a random screening id, the date, region, language, channel, age and income
bands, the status of each component, the reason codes, the recommendation
and the policy version. Writing never breaks a conversation: errors are logged.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
import os
import threading
from pathlib import Path

import sqlite_utils

log = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parent.parent
TABLE = "screenings"
COLUMNS = {
    "id": str,
    "started": str,
    "updated": str,
    "region": str,
    "language": str,
    "channel": str,
    "age_band": str,
    "income_band": str,
    "completed": int,
    "stopped_at": str,
    "statuses": str,
    "reasons": str,
    "recommended": str,
    "policy_version": str,
    "demo": int,
}
# Ages and incomes are logged in bands whose edges are the policy's own limits on the day (derived from
# its parameters, never written here): the ages where a requirement changes (18, 30, 60 today) and, for
# money, each limit and its half (750 and 1500 today), so the report shows who is near a limit.


def bands(fact: str, policy=None, on: dt.date | None = None) -> tuple:
    """((low, high, label), ...) with low <= value < high, from the requirements that read `fact`."""
    if policy is None:
        from rules import current_policy

        policy = current_policy()
    return _bands(policy, fact, on or dt.date.today())


@functools.lru_cache(maxsize=16)
def _bands(policy, fact: str, on: dt.date) -> tuple:
    spec = policy.facts[fact]
    period = policy.at(on)
    edges: set = set()
    for code, requirement in policy.requirements.items():
        if requirement.fact != fact:
            continue
        test = period.tests[code]
        if test.op in (">=", "<"):
            edges.add(test.operand)
            if spec.money:
                edges.add(test.operand / 2)
        elif test.op == "between":
            low, high = test.operand
            edges.update(e for e in (low, None if high is None else high + 1) if e is not None)
    edges = sorted(edges)
    if not edges:
        return ((float("-inf"), float("inf"), "all"),)

    def shown(value) -> str:
        return f"{value:g}"

    out = [(float("-inf"), edges[0], f"<{shown(edges[0])}")]
    out += [(low, high, f"{shown(low)}-{shown(high - 1)}") for low, high in zip(edges, edges[1:], strict=False)]
    out.append((edges[-1], float("inf"), f"{shown(edges[-1])}+"))
    return tuple(out)


def db_path() -> Path:
    return Path(os.environ.get("DECISION_LOG_DB") or ROOT / "var" / "decisions.db")


def open_log(path: str | Path | None = None) -> sqlite_utils.Database:
    path = Path(path) if path else db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA journal_mode=WAL")
    # With WAL, no disk sync on every write: a crash of the process loses nothing, a power cut the last rows.
    db.execute("PRAGMA synchronous=NORMAL")
    if TABLE not in db.table_names():
        db[TABLE].create(COLUMNS, pk="id", not_null={"started"}, defaults={"completed": 0, "demo": 0})
        db[TABLE].create_index(["started"], if_not_exists=True)
    return db


def band(value, fact: str, policy=None) -> str | None:
    """The label of the band `value` falls in (None for no value)."""
    if value is None:
        return None
    try:
        return next((name for low, high, name in bands(fact, policy) if low <= value < high), None)
    except Exception:  # noqa: BLE001 - the log must never break a conversation (nor store a raw value)
        log.exception("no %s bands: the policy could not be read", fact)
        return None


def _row(screening_id: str, today: str, *, region=None, language=None, channel=None, age=None, income=None) -> dict:
    """What every write carries: the context, with age and income reduced to bands."""
    return {
        "id": screening_id,
        "updated": today,
        "region": region,
        "language": language,
        "channel": channel,
        "age_band": band(age, "age"),
        "income_band": band(income, "monthly_income"),
    }


def record_progress(
    screening_id: str, stopped_at: str | None, *, today: dt.date | None = None, path=None, **context
) -> None:
    """The screening is waiting for `stopped_at` (None once nothing more is asked).

    `context`: region, language, channel, age, income (the last two become bands)."""
    day = (today or dt.date.today()).isoformat()
    _upsert({**_row(screening_id, day, **context), "stopped_at": stopped_at}, day, path)


def record_result(
    screening_id: str, decision, *, today: dt.date | None = None, path=None, demo: bool = False, **context
) -> None:
    """The screening ended with this Decision."""
    day = (today or dt.date.today()).isoformat()
    reasons = sorted({r.code for c in decision.components.values() if c.status == "not_eligible" for r in c.reasons})
    row = {
        **_row(screening_id, day, **context),
        "completed": 1,
        "stopped_at": None,
        "statuses": json.dumps({cid: c.status for cid, c in decision.components.items()}),
        "reasons": json.dumps(reasons),
        "recommended": decision.recommended,
        "policy_version": decision.policy_version,
        "demo": int(demo),
    }
    _upsert(row, day, path)


def _upsert(row: dict, today: str, path) -> None:
    """One statement: the row is created with its start date, or updated (the start date kept)."""
    try:
        db = _connection(path)
        known = {k: v for k, v in row.items() if v is not None or k == "stopped_at"}
        columns = ", ".join(known)  # the log's own column names, never an applicant's words
        updates = ", ".join(f"{c} = excluded.{c}" for c in known if c != "id")
        with db.conn:
            db.conn.execute(f"INSERT INTO {TABLE} (started, {columns}) VALUES (?{', ?' * len(known)}) "
                            f"ON CONFLICT(id) DO UPDATE SET {updates}", [today, *known.values()])
    except Exception:  # noqa: BLE001 - the log must never break a conversation
        log.exception("decision log not written")


_open = threading.local()  # sqlite connections belong to the thread that opened them


def _connection(path) -> sqlite_utils.Database:
    """The log's database, opened once per thread and file: opening it on every write (a WAL pragma and a
    look at its tables) took about 3 ms of each message (issue 17). Opened again when the file is gone."""
    path = Path(path) if path else db_path()
    cache = _open.__dict__.setdefault("dbs", {})
    db = cache.get(path)
    if db is None or not path.exists():
        db = cache[path] = open_log(path)
    return db


def rows(path=None) -> list[dict]:
    path = Path(path) if path else db_path()
    if not path.exists():
        return []
    db = sqlite_utils.Database(path)
    if TABLE not in db.table_names():
        return []
    out = []
    for row in db[TABLE].rows:
        row = dict(row)
        row["statuses"] = json.loads(row["statuses"]) if row.get("statuses") else {}
        row["reasons"] = json.loads(row["reasons"]) if row.get("reasons") else []
        out.append(row)
    return out
