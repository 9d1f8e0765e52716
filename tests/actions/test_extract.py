"""Every message is read for facts: several at once, corrections, language, places, consent."""

import pytest

from actions.extract import ActionExtractFacts
from tests.actions.trackers import run, slot_events, tracker

pytestmark = pytest.mark.usefixtures("kb")
extract = ActionExtractFacts()


def test_several_facts_in_one_message():
    events, _ = run(extract, tracker(text="tengo 35 años, vivo en Chiclayo y gano 900 soles"))
    slots = slot_events(events)
    assert slots["age"] == 35 and slots["monthly_income"] == 900
    assert slots["place"]["name"] == "Chiclayo" and slots["place"]["kind"] in ("province", "district")


def test_a_bare_answer_fills_the_slot_just_asked():
    events, _ = run(extract, tracker(slots={"requested_slot": "children"}, text="dos"))
    assert slot_events(events)["children"] == 2


def test_consent_is_taken_only_when_it_was_asked():
    assert slot_events(run(extract, tracker(slots={"requested_slot": "consent"}, text="si", intent="affirm"))[0]) == {
        "consent": True
    }
    assert "consent" not in slot_events(run(extract, tracker(text="si", intent="affirm"))[0])


def test_a_correction_replaces_the_earlier_value():
    events, _ = run(
        extract,
        tracker(slots={"age": 35, "requested_slot": "education"}, text="me equivoque, tengo 45", intent="correct"),
    )
    assert slot_events(events)["age"] == 45


def test_a_bare_correction_applies_to_the_last_answer():
    current = tracker(slots={"age": 35, "requested_slot": "employment_status"}, text="perdon, era 45", intent="correct")
    assert slot_events(run(extract, current)[0])["age"] == 45


def test_english_message_switches_the_language():
    assert slot_events(run(extract, tracker(text="I am 40 years old and I have no job"))[0])["language"] == "en"
    assert slot_events(run(extract, tracker(text="in English please", intent="switch_language_en"))[0]) == {
        "language": "en"
    }


def test_an_invalid_value_is_dropped_not_stored():
    events, _ = run(extract, tracker(slots={"requested_slot": "age"}, text="tengo 250 años"))
    assert "age" not in slot_events(events)


def test_an_unknown_place_offers_suggestions():
    events, _ = run(extract, tracker(slots={"requested_slot": "place"}, text="chiclallo"))
    slots = slot_events(events)
    assert slots.get("place", {}).get("name") == "Chiclayo" or "Chiclayo" in (slots.get("place_suggestions") or [])


def test_a_shared_location_becomes_the_place():
    current = tracker(text="", intent="inform", metadata={"location": {"lat": -15.4997, "lon": -70.1333}})
    place = slot_events(run(extract, current)[0])["place"]
    assert place["kind"] == "coordinates" and place["lat"] == -15.4997


def test_hostile_input_sets_nothing_and_does_not_crash():
    for text in [
        "",
        "   ",
        "🙂🙂🙂",
        "'; DROP TABLE faq;--",
        "NEAR(",
        "<script>alert(1)</script>",
        "x" * 10000,
        "\x00\x07",
        "-5",
        "1e9",
        "mil millones",
    ]:
        events, _ = run(extract, tracker(text=text, intent="nlu_fallback"))
        assert all(e["name"] in ("language",) for e in events), text
