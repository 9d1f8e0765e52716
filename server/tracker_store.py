"""A SQL tracker store that can forget a conversation (Ley 29733: erasure on request).

When the assistant runs `action_delete_my_data`, Rasa still calls `save` with
the whole conversation in memory; this store deletes every stored event of
that sender instead of saving. The next message from the same sender starts
an empty conversation. SQLite by default; with TRACKER_STORE_URL set
(postgresql://user:password@host:5432/rasa), that database, shared by every
Rasa server.
"""

from __future__ import annotations

import itertools
import json
import logging
import os
from urllib.parse import unquote, urlparse

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import ActionExecuted, SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker

from server import startup

log = logging.getLogger(__name__)
ERASE_ACTION = "action_delete_my_data"  # actions/privacy.py


def erase_requested(tracker) -> bool:
    return any(isinstance(e, ActionExecuted) and e.action_name == ERASE_ACTION for e in tracker.events)


def url_settings(url: str) -> dict:
    """dialect/host/port/db/username/password from TRACKER_STORE_URL (postgresql://user:pw@host:5432/rasa)."""
    parts = urlparse(url)
    return {
        "dialect": parts.scheme,
        "host": parts.hostname,
        "port": parts.port,
        "db": (parts.path or "/").lstrip("/"),
        "username": unquote(parts.username) if parts.username else None,
        "password": unquote(parts.password) if parts.password else None,
    }


def _sqlite_settings(connection, _record) -> None:
    """Each SQLite connection: a write-ahead log, synced at checkpoints, and erased rows zeroed.

    Profiled under load (py-spy, 20 concurrent conversations), the commit of every save, with
    SQLite's default journal and a sync to disk each time, was a fifth of the Rasa server's CPU.
    With WAL and synchronous=NORMAL a commit is a write to the log; a crashed or killed server loses
    nothing (the log is replayed), only a power cut can lose the last commits before a checkpoint.
    """
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA secure_delete=ON")  # Ley 29733: an erased conversation is overwritten
    cursor.close()


class ErasableSQLTrackerStore(SQLTrackerStore):
    def __init__(self, domain=None, **kwargs) -> None:
        # Rasa builds the tracker store once, at start-up, after configuring its logging and
        # before the first request: the moment for the log filter and the speed fix.
        startup.prepare()
        # At scale, every Rasa server shares one database named by the environment
        # (endpoints.yml cannot give defaults); otherwise the SQLite file from endpoints.yml.
        url = os.environ.get("TRACKER_STORE_URL", "")
        if url:
            kwargs.update(url_settings(url))
        super().__init__(domain=domain, **kwargs)
        if self.engine.dialect.name == "sqlite":
            # SQLAlchemy 1.4 opens a new connection to a SQLite file for every session (NullPool):
            # kept open instead, so the write-ahead log stays open between messages.
            url = self.engine.url
            self.engine.dispose()
            self.engine = sa.create_engine(
                url, poolclass=sa.pool.QueuePool, connect_args={"check_same_thread": False}
            )
            sa.event.listen(self.engine, "connect", _sqlite_settings)
            self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

    async def save(self, tracker) -> None:
        if erase_requested(tracker):
            self.erase(tracker.sender_id)
            return
        await super().save(tracker)

    # Rasa reads the whole conversation twice per message (retrieve, then a count
    # before saving) through ORM queries; under load, building ORM objects and
    # statement cache keys cost a third of the Rasa server's CPU. The same queries
    # as plain SQL on the one column needed, with Rasa's meaning kept: events since
    # the latest session start, in insertion order.

    def _session_filter(self, session, sender_id: str, all_sessions: bool) -> tuple[str, dict]:
        params = {"sender_id": sender_id}
        if all_sessions:
            return "sender_id = :sender_id", params
        params["session_started"] = SessionStarted.type_name
        latest_start = (
            f"SELECT max(timestamp) FROM {self._table} WHERE sender_id = :sender_id AND type_name = :session_started"
        )
        start = session.execute(sa.text(latest_start), params).scalar()
        if start is None:
            return "sender_id = :sender_id", params
        return "sender_id = :sender_id AND timestamp >= :start", {**params, "start": start}

    @property
    def _table(self) -> str:
        return self.SQLEvent.__table__.fullname

    async def _retrieve(self, sender_id: str, fetch_events_from_all_sessions: bool):
        with self.session_scope() as session:
            where, params = self._session_filter(session, sender_id, fetch_events_from_all_sessions)
            rows = session.execute(sa.text(f"SELECT data FROM {self._table} WHERE {where} ORDER BY id"), params)
            events = [json.loads(data) for (data,) in rows]
        if not (self.domain and events):
            return None
        return DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)

    def _additional_events(self, session, tracker):
        where, params = self._session_filter(session, tracker.sender_id, False)
        stored = session.execute(sa.text(f"SELECT count(*) FROM {self._table} WHERE {where}"), params).scalar()
        return itertools.islice(tracker.events, stored, len(tracker.events))

    def erase(self, sender_id: str) -> int:
        with self.session_scope() as session:
            deleted = session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == sender_id).delete()
            session.commit()
            if self.engine.dialect.name == "sqlite":
                # The erased rows' old pages out of the write-ahead log too (secure_delete zeroed them
                # in the database file): nothing of the conversation stays on disk.
                session.execute(sa.text("PRAGMA wal_checkpoint(TRUNCATE)"))
        # The sender id can be a phone number: not logged.
        log.info("conversation erased on request (%d events)", deleted)
        return deleted
