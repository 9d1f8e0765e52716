"""The SQLite conversation store on disk: commits go to a write-ahead log (the Rasa server's largest
per-message cost before), and an erased conversation leaves no byte of what was said in any file."""

import asyncio
import sqlite3

import sqlalchemy as sa
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from server.tracker_store import ErasableSQLTrackerStore

SAID = "me llamo Rosa Quispe y gano 1234 soles"


def conversation(sender, *events):
    return DialogueStateTracker.from_events(sender, list(events), slots=[])


def on_disk(folder) -> bytes:
    return b"".join(path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file())


def test_writes_go_to_a_write_ahead_log(tmp_path):
    store = ErasableSQLTrackerStore(domain=Domain.empty(), dialect="sqlite", db=str(tmp_path / "t.db"))
    asyncio.run(store.save(conversation("ana", UserUttered("hola"))))
    with sqlite3.connect(tmp_path / "t.db") as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    with store.session_scope() as session:
        assert session.execute(sa.text("PRAGMA synchronous")).scalar() == 1  # NORMAL


def test_an_erased_conversation_leaves_nothing_it_said_on_disk(tmp_path):
    store = ErasableSQLTrackerStore(domain=Domain.empty(), dialect="sqlite", db=str(tmp_path / "t.db"))
    said = [UserUttered(SAID), SlotSet("monthly_income", 1234)]
    asyncio.run(store.save(conversation("ana", *said)))
    asyncio.run(store.save(conversation("luis", UserUttered("hola, soy Luis"))))
    assert SAID.encode() in on_disk(tmp_path)  # the control: it was written

    asyncio.run(store.save(conversation("ana", *said, ActionExecuted("action_delete_my_data"))))
    disk = on_disk(tmp_path)
    assert SAID.encode() not in disk and b"Rosa Quispe" not in disk
    assert b"hola, soy Luis" in disk  # the other conversation is kept
