"""'borrar mis datos' erases the conversation from the tracker store."""

import asyncio

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from server.tracker_store import ErasableSQLTrackerStore


def conversation(sender, *events):
    return DialogueStateTracker.from_events(sender, list(events), slots=[])


def test_erase_deletes_every_event_of_that_conversation_only(tmp_path):
    store = ErasableSQLTrackerStore(domain=Domain.empty(), dialect="sqlite", db=str(tmp_path / "t.db"))
    said = [UserUttered("tengo 35 años y gano 900"), SlotSet("age", 35), SlotSet("monthly_income", 900)]
    asyncio.run(store.save(conversation("ana", *said)))
    asyncio.run(store.save(conversation("luis", UserUttered("hola"))))
    assert asyncio.run(store.retrieve("ana")) is not None

    asyncio.run(
        store.save(conversation("ana", *said, UserUttered("borrar mis datos"), ActionExecuted("action_delete_my_data")))
    )
    assert asyncio.run(store.retrieve("ana")) is None
    with store.session_scope() as session:
        rows = session.query(store.SQLEvent).filter(store.SQLEvent.sender_id == "ana").count()
    assert rows == 0
    assert asyncio.run(store.retrieve("luis")) is not None

    # The same applicant writing again starts afresh.
    asyncio.run(store.save(conversation("ana", UserUttered("hola"))))
    again = asyncio.run(store.retrieve("ana"))
    assert again.get_slot("age") is None


def test_reads_agree_with_rasas_own_store_across_sessions_and_saves(tmp_path):
    """Our plain-SQL reads keep Rasa's meaning: the latest session by default, every session on request."""
    ours = ErasableSQLTrackerStore(domain=Domain.empty(), dialect="sqlite", db=str(tmp_path / "ours.db"))
    rasas = SQLTrackerStore(domain=Domain.empty(), dialect="sqlite", db=str(tmp_path / "rasa.db"))
    t = 1_700_000_000.0
    events = [
        ActionExecuted("action_session_start", timestamp=t),
        SessionStarted(timestamp=t),
        UserUttered("hola", timestamp=t + 1),
    ]
    saves = [list(events)]
    events += [SlotSet("age", 35, timestamp=t + 2), UserUttered("tengo 35", timestamp=t + 2)]
    saves.append(list(events))
    events += [ActionExecuted("action_session_start", timestamp=t + 9), SessionStarted(timestamp=t + 9)]
    events += [UserUttered("otra vez", timestamp=t + 10)]
    saves.append(list(events))
    for store in (ours, rasas):
        for said in saves:
            asyncio.run(store.save(conversation("ana", *said)))
        asyncio.run(store.save(conversation("luis", UserUttered("hola"))))

    def shape(tracker):
        return [e.as_dict() for e in tracker.events]

    latest = shape(asyncio.run(ours.retrieve("ana")))
    assert latest == shape(asyncio.run(rasas.retrieve("ana")))
    assert [e["event"] for e in latest] == ["action", "session_started", "user"]
    full = shape(asyncio.run(ours.retrieve_full_tracker("ana")))
    assert full == shape(asyncio.run(rasas.retrieve_full_tracker("ana")))
    assert len(full) == len(events)  # saved three times, each event stored once
    assert asyncio.run(ours.retrieve("nadie")) is None
