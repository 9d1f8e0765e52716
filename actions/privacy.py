"""Erasing an applicant's data on request (Ley 29733).

The action confirms and resets the conversation; the tracker store
(server/tracker_store.py) sees that this action ran and deletes every stored
event of the conversation instead of saving it.
"""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, AllSlotsReset, Restarted

ERASE_ACTION = "action_delete_my_data"


class ActionDeleteMyData(Action):
    def name(self) -> str:
        return ERASE_ACTION

    async def run(self, dispatcher, tracker: Tracker, domain) -> list:
        dispatcher.utter_message(response="utter_data_deleted")
        return [ActiveLoop(None), AllSlotsReset(), Restarted()]
