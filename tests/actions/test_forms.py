"""The screening asks only what the engine still needs, consent first, and resumes after digressions."""

import pytest

from actions.forms import ValidatePlaceForm, ValidateScreeningForm
from tests.actions.trackers import CHICLAYO, ELIGIBLE, response_names, run, slot_events, tracker

pytestmark = pytest.mark.usefixtures("kb")
screening = ValidateScreeningForm()


def test_first_question_is_the_first_fact_the_engine_needs():
    assert screening.slots_to_ask(tracker())[:3] == ["age", "employment_status", "education"]


def test_consent_comes_just_before_the_first_sensitive_question():
    asked = screening.slots_to_ask(tracker(slots={"age": 40, "employment_status": "unemployed"}))
    assert asked.index("consent") == asked.index("monthly_income") - 1
    assert asked.index("consent") > asked.index("education")


def test_volunteered_income_asks_consent_first():
    asked = screening.slots_to_ask(tracker(slots={"age": 40, "monthly_income": 900}))
    assert asked[0] == "consent"


def test_without_consent_sensitive_facts_are_not_used():
    # Income above the limit, but no consent yet: the engine must not see it.
    asked = screening.slots_to_ask(tracker(slots={"age": 40, "monthly_income": 5000}))
    assert "consent" in asked and asked != ["place"]


def test_refused_consent_ends_the_screening():
    assert screening.slots_to_ask(tracker(slots={"age": 40, "consent": False})) == []


def test_a_disqualifying_fact_ends_the_questions():
    # Adequately employed: every component is not eligible, nothing more to ask (the result says why).
    assert screening.slots_to_ask(tracker(slots={"employment_status": "employed"})) == []


def test_age_25_skips_training_questions_but_keeps_certification_ones():
    asked = screening.slots_to_ask(tracker(slots={**ELIGIBLE, "age": 25}))
    assert asked == ["work_experience_years", "occupation", "occupation_experience_years", "place"]


def test_goal_is_asked_only_to_choose_between_eligible_components():
    facts = {**ELIGIBLE, "work_experience_years": 0}  # certification fails; two training components fit
    assert screening.slots_to_ask(tracker(slots=facts)) == ["goal", "place"]
    assert screening.slots_to_ask(tracker(slots={**facts, "goal": "job", "place": CHICLAYO})) == []


def test_answer_fills_the_slot_and_the_next_question_is_requested():
    current = tracker(slots={"requested_slot": "age"}, text="tengo 40", set_now={"age": 40})
    events, _ = run(screening, current)
    slots = slot_events(events)
    assert slots["age"] == 40
    assert slots["requested_slot"] == "employment_status"
    assert "reask_count" not in slots  # no miss, nothing to reset: no event


def test_an_answer_after_misses_resets_the_count():
    current = tracker(slots={"requested_slot": "age", "reask_count": 2}, text="40", set_now={"age": 40})
    assert slot_events(run(screening, current)[0])["reask_count"] == 0


def test_an_answer_that_fills_nothing_counts_a_miss():
    current = tracker(slots={"requested_slot": "age", "reask_count": 1}, text="no se", intent="deny")
    events, _ = run(screening, current)
    assert slot_events(events)["reask_count"] == 2
    assert slot_events(events)["requested_slot"] == "age"


def test_a_question_during_screening_is_left_to_the_rules():
    current = tracker(slots={"requested_slot": "age"}, text="cuanto dura el curso?", intent="ask_question")
    events, messages = run(screening, current)
    assert events == [] and messages == []


def test_the_form_resumes_with_the_next_question_after_a_digression():
    current = tracker(
        slots={"requested_slot": "age"},
        text="cuanto dura el curso?",
        intent="ask_question",
        latest_action="action_answer_question",
    )
    events, _ = run(screening, current)
    assert slot_events(events)["requested_slot"] == "age"


def test_a_correction_is_acknowledged():
    current = tracker(
        slots={"age": 35, "requested_slot": "education"},
        text="me equivoque, tengo 45",
        intent="correct",
        set_now={"age": 45},
    )
    events, messages = run(screening, current)
    assert "utter_correction_noted" in response_names(messages)
    assert slot_events(events)["age"] == 45


def test_place_form_asks_only_when_the_place_is_unknown():
    assert ValidatePlaceForm().slots_to_ask(tracker()) == ["place"]
    assert ValidatePlaceForm().slots_to_ask(tracker(slots={"place": CHICLAYO})) == []
