"""Questions from the knowledge base, the nearest centre, fallback and handoff, erasure, the ask actions."""

import pytest

from actions.ask import ASK_ACTIONS
from actions.dialogue import ActionDefaultFallback, ActionHandoff
from actions.privacy import ActionDeleteMyData
from actions.questions import ActionAnswerQuestion, ActionNearestCentre
from tests.actions.trackers import CHICLAYO, response_names, run, tracker

pytestmark = pytest.mark.usefixtures("kb")


def test_a_question_is_answered_from_the_knowledge_base():
    _, messages = run(ActionAnswerQuestion(), tracker(text="cuanto duran los cursos?", intent="ask_question"))
    assert "6 a 9 semanas" in messages[0]["text"]


def test_a_question_in_english_gets_an_english_answer():
    current = tracker(slots={"language": "en"}, text="how long are the courses?", intent="ask_question")
    _, messages = run(ActionAnswerQuestion(), current)
    assert "6 to 9 weeks" in messages[0]["text"]


def test_an_unknown_question_says_so_and_invents_nothing():
    _, messages = run(ActionAnswerQuestion(), tracker(text="xqzv wplk?", intent="ask_question"))
    assert response_names(messages) == ["utter_question_not_found"]


def test_nearest_centre_for_a_known_place():
    _, messages = run(ActionNearestCentre(), tracker(slots={"place": CHICLAYO}, intent="ask_centre"))
    assert messages[0]["response"] == "utter_result_centre" and messages[0]["city"] == "Chiclayo"


def test_first_miss_gets_a_helpful_fallback_second_hands_over():
    first = tracker(text="blorp", intent="nlu_fallback")
    _, messages = run(ActionDefaultFallback(), first)
    assert response_names(messages) == ["utter_default"]
    second = tracker(
        text="grrr",
        intent="nlu_fallback",
        before=[
            {"event": "action", "name": "action_listen"},
            {"event": "user", "text": "blorp", "parse_data": {}},
            {"event": "action", "name": "action_default_fallback"},
        ],
    )
    _, messages = run(ActionDefaultFallback(), second)
    assert response_names(messages) == ["utter_handoff_after_misses", "utter_handoff"]
    assert "Lima" in messages[1]["centre"]  # place unknown: the headquarters


def test_handoff_gives_the_nearest_centre_when_the_place_is_known():
    _, messages = run(ActionHandoff(), tracker(slots={"place": CHICLAYO}, intent="human_handoff"))
    assert "Chiclayo" in messages[0]["centre"]


def test_delete_my_data_confirms_and_resets():
    events, messages = run(ActionDeleteMyData(), tracker(slots={"age": 40}, intent="delete_my_data"))
    assert response_names(messages) == ["utter_data_deleted"]
    assert [e["event"] for e in events] == ["active_loop", "reset_slots", "restart"]


@pytest.mark.parametrize(
    "misses, expected", [(0, "utter_ask_education"), (1, "utter_reask_education"), (2, "utter_reask_education")]
)
def test_asking_escalates_from_question_to_example_to_buttons(misses, expected):
    _, messages = run(ASK_ACTIONS["education"](), tracker(slots={"reask_count": misses}))
    assert messages[0]["response"] == expected
    if misses >= 2:
        titles = [b["title"] for b in messages[0]["buttons"]]
        assert "secundaria incompleta" in titles
        assert messages[0]["buttons"][0]["payload"].startswith('/inform{"education": ')
    else:
        assert not messages[0]["buttons"]


def test_yes_no_buttons_in_english():
    _, messages = run(ASK_ACTIONS["household_head"](), tracker(slots={"reask_count": 2, "language": "en"}))
    assert [b["title"] for b in messages[0]["buttons"]] == ["Yes", "No"]


def test_place_suggestions_become_buttons():
    current = tracker(slots={"place_suggestions": ["Chiclayo", "Chilca"]})
    _, messages = run(ASK_ACTIONS["place"](), current)
    assert messages[0]["response"] == "utter_place_suggestions"
    assert [b["title"] for b in messages[0]["buttons"]] == ["Chiclayo", "Chilca"]
