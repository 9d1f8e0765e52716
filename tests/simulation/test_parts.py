"""The simulator's own parts: it must read the bot right and word every fact, or its verdicts mean nothing."""

import json
import random
import re
from collections import Counter

import pytest

from actions import texts
from actions.dialogue.turn import Conversation, Incoming, Turn
from actions.result import show
from actions.slots import ASKABLE, decide
from rules import current_policy
from tests.simulation import reader
from tests.simulation.applicants import centres, certifiable, draw, nearest_centres
from tests.simulation.speaker import BANKS, Speaker, bank


def test_every_question_wording_is_recognised_as_its_own_slot():
    seen = Counter()
    for lang in ("es", "en"):
        for slot in ASKABLE:
            for kind in ("ask", "reask", "reask2"):
                if texts.has(f"{kind}_{slot}"):
                    wording = texts.render(f"{kind}_{slot}", lang).text
                    seen[wording] += 1
                    assert reader.asked([{"text": wording}]) == slot
                    repeated = texts.render("repeat", lang, text=wording).text
                    assert reader.asked([{"text": repeated}]) == slot
    assert [w for w, n in seen.items() if n > 1] == []  # two questions worded alike would be unreadable


@pytest.mark.usefixtures("kb")
@pytest.mark.parametrize("lang", ["es", "en"])
def test_a_shown_result_reads_back_as_the_engine_decided(lang):
    slots = {"age": 35, "employment_status": "unemployed", "education": "secondary_complete",
             "household_head": True, "children": 2, "consent": True, "monthly_income": 900,
             "has_disability": False, "work_experience_years": 0, "goal": "own_business", "language": lang,
             "place": {"name": "Chiclayo", "kind": "province", "lat": -6.7714, "lon": -79.8409}}
    turn = Turn(Conversation(slots=slots), Incoming())
    decision = decide(turn)
    show(turn, decision)
    read = reader.result([m.as_dict() for m in turn.messages])
    assert read == {"statuses": {cid: c.status for cid, c in decision.components.items()},
                    "recommended": decision.recommended, "centre": "lambayeque"}


def test_the_nearest_centre_of_a_centre_is_itself():
    for centre in centres():
        assert nearest_centres(centre["lat"], centre["lon"]) == {centre["id"]}


@pytest.mark.parametrize("phrases", list(BANKS))
def test_each_phrase_bank_words_every_value_the_engine_knows(phrases):
    facts = bank(phrases)["facts"]
    for name in ("employment_status", "education", "goal"):
        assert set(facts[name]) == set(current_policy().facts[name].choices), name
    assert set(bank(phrases)["trades"]) == set(certifiable()) | {"other"}
    for name in ("household_head", "has_disability", "disability_certificate"):
        assert set(facts[name]) == {"true", "false"}


@pytest.mark.parametrize("phrases", list(BANKS))
def test_simulated_applicants_say_whole_sentences_without_placeholders(phrases):
    rng = random.Random(4)
    for _ in range(200):
        applicant = draw(rng)
        speaker = Speaker(applicant, rng, phrases=phrases)
        said = [speaker.opener(), speaker.place()] + [speaker.answer(slot, []) for slot in ASKABLE
                                                       if slot in applicant.facts or slot in ("consent", "place")]
        assert not [s for s in said if re.search(r"\{\w+\}", s) or not s.strip()], said


def test_a_tap_sends_the_payload_of_the_right_button():
    rng = random.Random(1)
    applicant = draw(rng)
    speaker = Speaker(applicant, rng, taps=1.0)
    value = applicant.facts["education"]
    buttons = [{"title": v, "payload": "/inform" + json.dumps({"education": v})}
               for v in current_policy().facts["education"].choices]
    assert speaker.answer("education", buttons) == "/inform" + json.dumps({"education": value})
