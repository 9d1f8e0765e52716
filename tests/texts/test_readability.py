"""Plain words (issue 15): every text an applicant can read scores at least 60 on Fernández-Huerta in
Spanish and at most grade 8 on Flesch-Kincaid in English; a failure names the file and the key.
What is walked, what is stripped and how short texts are judged: tests/texts/readability.py."""

from __future__ import annotations

import pytest

import knowledge
from actions.dialogue.turn import Conversation, Incoming, Turn
from actions.result import show, understood
from actions.slots import decide
from rules import current_policy
from rules.population import population
from tests.texts import readability
from tests.texts.readability import Text, problem

PLACES = [None, {"name": "Chiclayo", "kind": "province", "lat": -6.7714, "lon": -79.8409},
          {"name": "Jesús María", "kind": "district", "lat": -12.07, "lon": -77.04},
          {"name": "Puno", "kind": "province", "lat": -15.84, "lon": -70.02}]


def failures(items: list[Text], names: tuple = ()) -> list[str]:
    found = [(item, problem(item, names)) for item in items]
    return [f"{item.where} ({item.lang}): {why}: {item.text!r}" for item, why in found if why]


def test_the_walk_finds_every_kind_of_text():
    kinds = {item.where.split(":")[0] for item in readability.bot_texts() + readability.policy_texts()
             + readability.knowledge_texts()}
    assert {"bot/texts/general.yml", "bot/texts/screening.yml", "bot/texts/results.yml",
            "rules/policy/requirements.yml", "rules/policy/facts.yml", "knowledge/sources/components.yml",
            "knowledge/sources/programmes.yml", "knowledge/sources/faqs/requisitos.yml"} <= kinds


def test_the_score_fails_a_hard_text_and_passes_a_plain_one():
    hard = ("La certificación de competencias laborales constituye un reconocimiento público, formal y "
            "documentado de la capacidad laboral demostrada por un trabajador, independientemente de su formación.")
    assert problem(Text("x", "es", hard)) and not problem(Text("x", "es", "Es gratis. Solo vas al centro y "
                                                                           "te inscribes con tu DNI."))
    assert problem(Text("x", "en", "Certification constitutes formal, documented recognition of occupational "
                                   "competencies demonstrated independently of educational attainment."))
    assert problem(Text("x", "es", "Documentación administrativa"))  # a short text with a very long word


@pytest.mark.parametrize("walk", ["bot_texts", "policy_texts", "knowledge_texts"])
def test_every_text_is_plain(walk):
    assert failures(getattr(readability, walk)()) == []


@pytest.mark.usefixtures("kb")
def test_every_result_is_plain():
    """Whole results for a spread of the synthetic population, in both languages, with and without a place."""
    policy = current_policy()
    names = tuple(n for c in policy.components.values() for n in c.name.values())
    names += tuple(c[key] for c in knowledge.centres() for key in ("name_es", "name_en", "city"))
    names += tuple(p["name"] for p in PLACES if p)
    items = []
    for number, person in enumerate(population(120, seed=5)):
        lang = "en" if number % 3 == 0 else "es"
        place = PLACES[number % len(PLACES)]
        facts = {k: v for k, v in person.items() if k not in ("region", "priority_group")}
        turn = Turn(Conversation(slots={**facts, "consent": True, "language": lang, "place": place}), Incoming())
        show(turn, decide(turn))
        items += [Text(f"result of applicant {number}, message {i}", lang, m.text) for i, m in enumerate(turn.messages)]
        items.append(Text(f"understood line of applicant {number}", lang, understood(facts, lang)))
    assert failures(items, names) == []
