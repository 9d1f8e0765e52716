"""Answering questions from the knowledge base, at run time.

A new or edited FAQ takes effect after `python -m knowledge build`, without
retraining: the model only recognises that the applicant asks something; the
answer is searched in the knowledge base.
"""

from __future__ import annotations

import logging

from rasa_sdk import Action, Tracker

import knowledge
from actions.centres import nearest_centre, say_centre
from actions.slots import language

log = logging.getLogger(__name__)
# bm25 score above which a hit is trusted even when the NLU was unsure
# (fallback path); below it, an off-topic word like "gano" can match.
STRONG_HIT = 10.0


def best_answer(question: str, lang: str, min_score: float = 0.0) -> dict | None:
    try:
        hits = knowledge.search(question, lang=lang, limit=1)
    except knowledge.KnowledgeBaseError:
        log.error("knowledge base unavailable for a question")
        return None
    return hits[0] if hits and hits[0]["score"] >= min_score else None


class ActionAnswerQuestion(Action):
    def name(self) -> str:
        return "action_answer_question"

    async def run(self, dispatcher, tracker: Tracker, domain) -> list:
        question = (tracker.latest_message or {}).get("text") or ""
        hit = best_answer(question, language(tracker))
        if hit:
            dispatcher.utter_message(text=hit["answer"])
        else:
            dispatcher.utter_message(response="utter_question_not_found")
        return []


class ActionNearestCentre(Action):
    """The nearest centre to where the applicant lives (asked by place_form when unknown)."""

    def name(self) -> str:
        return "action_nearest_centre"

    async def run(self, dispatcher, tracker: Tracker, domain) -> list:
        place = tracker.get_slot("place")
        if not place:
            dispatcher.utter_message(response="utter_centre_after_screening")
            return []
        centre = nearest_centre(place, language(tracker))
        if centre:
            say_centre(dispatcher, centre, place["name"])
        else:
            dispatcher.utter_message(response="utter_action_unavailable")
        return []
