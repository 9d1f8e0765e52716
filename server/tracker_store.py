"""A SQL tracker store that can forget a conversation (Ley 29733: erasure on request).

When the assistant runs `action_delete_my_data`, Rasa still calls `save` with
the whole conversation in memory; this store deletes every stored event of
that sender instead of saving. The next message from the same sender starts
an empty conversation. SQLite by default, any SQLAlchemy dialect (PostgreSQL
at scale) through the same endpoints.yml settings.
"""

from __future__ import annotations

import logging

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import ActionExecuted

log = logging.getLogger(__name__)
ERASE_ACTION = "action_delete_my_data"  # actions/privacy.py


def erase_requested(tracker) -> bool:
    return any(isinstance(e, ActionExecuted) and e.action_name == ERASE_ACTION for e in tracker.events)


class ErasableSQLTrackerStore(SQLTrackerStore):
    async def save(self, tracker) -> None:
        if erase_requested(tracker):
            self.erase(tracker.sender_id)
            return
        await super().save(tracker)

    def erase(self, sender_id: str) -> int:
        with self.session_scope() as session:
            deleted = session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == sender_id).delete()
            session.commit()
        # The sender id can be a phone number: not logged.
        log.info("conversation erased on request (%d events)", deleted)
        return deleted
