"""'borrar mis datos' erases the conversation from the tracker store."""

import asyncio

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
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
