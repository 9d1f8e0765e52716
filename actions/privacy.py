"""Erasing an applicant's data on request (Ley 29733).

`action_respond` says the confirmation and hands over to this action; the
tracker store (server/tracker_store.py) sees that it ran and deletes every
stored event of the conversation instead of saving it. `Restarted` empties
the conversation in memory too, and makes Rasa listen for the next message.
"""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import Restarted

ERASE_ACTION = "action_delete_my_data"


class ActionDeleteMyData(Action):
    def name(self) -> str:
        return ERASE_ACTION

    async def run(self, dispatcher, tracker: Tracker, domain) -> list:
        return [Restarted()]
