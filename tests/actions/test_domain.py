"""The domain and the actions agree: every askable slot can be asked in both languages."""

import re
from pathlib import Path

from actions.ask import ASK_ACTIONS
from actions.slots import ASKABLE, FACT_SLOTS
from rules import current_policy
from tests.actions.trackers import domain

ROOT = Path(__file__).resolve().parents[2]


def test_the_forms_ask_exactly_the_slots_the_actions_know():
    forms = domain()["forms"]
    assert tuple(forms["screening_form"]["required_slots"]) == ASKABLE
    assert set(ASK_ACTIONS) == set(ASKABLE)


def test_every_fact_slot_is_an_engine_fact():
    assert set(FACT_SLOTS) <= set(current_policy().facts)


def test_each_askable_slot_has_a_question_and_a_reask_in_both_languages():
    responses = domain()["responses"]
    for slot in ASKABLE:
        for kind in ("ask", "reask"):
            variants = responses[f"utter_{kind}_{slot}"]
            assert any(v.get("condition") for v in variants), f"utter_{kind}_{slot} has no English variant"
            assert any(not v.get("condition") for v in variants), f"utter_{kind}_{slot} has no Spanish default"


def test_every_response_the_actions_use_exists():
    code = "\n".join(p.read_text() for p in (ROOT / "actions").glob("*.py"))
    used = set(re.findall(r'response="(utter_[a-z_]+)"', code))
    used |= {f"utter_result_centre_{key}" for key in ("address", "phone", "hours")}
    assert used - set(domain()["responses"]) == set()


def test_every_response_has_both_languages():
    for name, variants in domain()["responses"].items():
        conditioned = [v for v in variants if v.get("condition")]
        assert conditioned and len(variants) == 2, name
