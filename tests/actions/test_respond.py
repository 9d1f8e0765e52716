"""action_respond, the one action Rasa runs per message: its messages and its events."""

import logging

import pytest
from rasa_sdk.events import AllSlotsReset, FollowupAction, Restarted, SlotSet

from actions.privacy import ActionDeleteMyData
from actions.respond import ActionBack, ActionRespond, ActionRestart
from reports import log as decision_log
from rules import evaluate
from tests.actions.trackers import run, tracker
from tests.dialogue.chat import next_question, text

pytestmark = pytest.mark.usefixtures("kb")
respond = ActionRespond()
ASKED_AGE = {"language": "es", "screening": True, "screening_id": "s1", "asked": "age", "reask_count": 0}


def texts_of(messages: list) -> list[str]:
    return [m["text"] for m in messages]


def test_an_answer_sets_its_slot_asks_the_next_question_and_ends_the_turn():
    events, messages = run(respond, tracker(slots=ASKED_AGE, text="tengo 35 años"))
    asked = evaluate({"age": 35}).needed[0]  # the next in the order the policy stores (rules/policy/ask_order.yml)
    assert texts_of(messages) == [next_question(age=35)]  # asked alone, or with the facts asked together
    assert events == [SlotSet("age", 35), SlotSet("last_fact", "age"), SlotSet("asked", asked),
                      FollowupAction("action_listen")]


def test_buttons_reach_the_dispatcher():
    _, messages = run(respond, tracker(slots={**ASKED_AGE, "age": 35, "asked": "household_head",
                                              "employment_status": "unemployed", "education": "secondary_complete"},
                                       text="mmm"))
    assert messages[0]["text"] == text("reask_household_head")
    _, messages = run(respond, tracker(slots={**ASKED_AGE, "age": 35, "asked": "household_head", "reask_count": 1,
                                              "employment_status": "unemployed", "education": "secondary_complete"},
                                       text="mmm"))
    assert messages[0]["text"] == text("choose")
    assert messages[0]["buttons"] == [{"title": "Sí", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}]


def test_erasure_confirms_and_hands_over_to_the_erase_action():
    events, messages = run(respond, tracker(slots={**ASKED_AGE, "age": 35}, text="borrar mis datos",
                                            intent="delete_my_data"))
    assert texts_of(messages) == [text("data_deleted")]
    assert events == [FollowupAction("action_delete_my_data")]
    events, messages = run(ActionDeleteMyData(), tracker(slots={"age": 35}))
    assert events == [Restarted()] and messages == []


def test_restart_and_back_are_answered_by_the_same_dialogue():
    events, messages = run(ActionRestart(), tracker(slots={**ASKED_AGE, "language": "en", "age": 35},
                                                    text="/restart", intent="restart"))
    assert texts_of(messages) == [text("restart", "en")]
    assert events[0] == AllSlotsReset() and SlotSet("language", "en") in events
    assert events[-1] == FollowupAction("action_listen")
    earlier = [{"event": "user", "text": "hola"}, {"event": "bot", "text": text("greet")}]
    _, messages = run(ActionBack(), tracker(slots={"language": "es"}, text="/back", intent="back", before=earlier))
    assert texts_of(messages) == [text("default")]


def test_the_last_bot_message_is_not_repeated_word_for_word():
    before = [{"event": "bot", "text": next_question()}]
    _, messages = run(respond, tracker(slots=ASKED_AGE, text="cuanto duran los cursos?", intent="ask_question",
                                       before=before))
    assert texts_of(messages)[-1] == next_question()  # the FAQ answer came in between
    _, messages = run(respond, tracker(slots={**ASKED_AGE, "asked": None, "screening": False, "shown_result": {}},
                                       text="sí", intent="affirm", before=[{"event": "bot",
                                                                           "text": text("after_result_yes")}]))
    assert texts_of(messages) == [text("repeat", text=text("after_result_yes"))]


def test_a_screening_writes_its_progress_and_result_to_the_anonymised_log(caplog):
    caplog.set_level(logging.INFO)
    facts = {"age": 35, "employment_status": "unemployed", "education": "secondary_complete", "household_head": True,
             "children": 2, "consent": True, "monthly_income": 900, "has_disability": False,
             "work_experience_years": 0, "goal": "job", "language": "es", "screening": True, "screening_id": "s1"}
    run(respond, tracker(slots={**facts, "asked": "age", "age": None}, text="35"))
    rows = decision_log.rows()
    assert [(r["id"], r["stopped_at"], r["age_band"], r["completed"]) for r in rows] == [("s1", "place", "30-59", 0)]
    run(respond, tracker(slots={**facts, "asked": "place"}, text="vivo en Chiclayo"))
    row = decision_log.rows()[0]
    assert (row["completed"], row["region"], row["income_band"], row["recommended"]) == \
        (1, "Lambayeque", "750-1499", "capacitacion_laboral")
    logged = caplog.text
    assert "900" not in logged and "35" not in logged and "Chiclayo" not in logged
