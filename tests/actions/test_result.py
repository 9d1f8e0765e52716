"""The result says each component's status and why, the recommendation, the centre and referrals."""

import pytest

from actions.result import ActionShowResult
from tests.actions.trackers import CHICLAYO, ELIGIBLE, response_names, run, slot_events, tracker

pytestmark = pytest.mark.usefixtures("kb")
show = ActionShowResult()


def messages_by_response(messages):
    return {m["response"]: m for m in messages if m.get("response")}


def test_eligible_applicant_hears_statuses_recommendation_and_centre():
    facts = {**ELIGIBLE, "work_experience_years": 0, "goal": "own_business", "place": CHICLAYO}
    events, messages = run(show, tracker(slots=facts))
    said = messages_by_response(messages)
    eligible = [m["component"] for m in messages if m.get("response") == "utter_result_eligible"]
    assert eligible == [
        "Capacitación para la Inserción Laboral",
        "Capacitación y Asistencia Técnica para el Autoempleo",
    ]
    not_eligible = [m for m in messages if m.get("response") == "utter_result_not_eligible"]
    assert len(not_eligible) == 1 and "experiencia laboral" in not_eligible[0]["details"]
    assert said["utter_result_recommended"]["component"] == "Capacitación y Asistencia Técnica para el Autoempleo"
    assert "negocio" in said["utter_result_recommended"]["offers"]
    assert said["utter_result_centre"]["city"] == "Chiclayo"
    assert slot_events(events)["shown_result"]["autoempleo"][0] == "eligible"


def test_a_general_failure_is_said_once_with_its_reason_and_referrals_follow():
    facts = {**ELIGIBLE, "age": 22, "employment_status": "employed"}
    _, messages = run(show, tracker(slots=facts))
    names = response_names(messages)
    assert names.count("utter_result_general_failed") == 1
    reasons = messages_by_response(messages)["utter_result_general_failed"]["reasons"]
    assert "con empleo adecuado" in reasons
    assert names.count("utter_result_not_eligible") == 3
    assert "utter_result_nothing" in names
    referrals = [m["programme"] for m in messages if m.get("response") == "utter_result_referral"]
    assert referrals == ["Centro de Empleo", "Jóvenes Productivos"]
    assert "utter_result_ask_place" in names  # no place yet: offer the centre


def test_english_result_uses_english_reasons():
    facts = {**ELIGIBLE, "monthly_income": 2000, "language": "en"}
    _, messages = run(show, tracker(slots=facts))
    reasons = messages_by_response(messages)["utter_result_general_failed"]["reasons"]
    assert "PEN 2000" in reasons and "PEN 1500" in reasons


def test_only_the_centre_when_nothing_but_the_place_changed():
    facts = {**ELIGIBLE, "age": 22, "employment_status": "employed"}
    events, _ = run(show, tracker(slots=facts))
    shown = slot_events(events)["shown_result"]
    _, messages = run(show, tracker(slots={**facts, "shown_result": shown, "place": CHICLAYO}))
    assert response_names(messages) == ["utter_result_centre"]


def test_refused_consent_gives_no_result_and_clears_what_was_said():
    events, messages = run(show, tracker(slots={"age": 40, "monthly_income": 900, "consent": False}))
    assert response_names(messages) == ["utter_no_consent"]
    assert slot_events(events) == {"age": None, "monthly_income": None}


def test_known_address_is_shown_and_unknown_contact_fields_are_not_invented():
    lima = {"name": "Jesús María", "kind": "district", "lat": -12.07, "lon": -77.04}
    _, messages = run(show, tracker(slots={**ELIGIBLE, "employment_status": "employed", "place": lima}))
    names = response_names(messages)
    assert "utter_result_centre_address" in names
    address = messages_by_response(messages)["utter_result_centre_address"]["address"]
    assert "Salaverry 655" in address
    assert "utter_result_centre_phone" not in names and "utter_result_centre_hours" not in names
