"""Trades in the applicants' own words -> the certifiable profile, or none (knowledge/occupations.py)."""

import pytest

import knowledge

pytestmark = pytest.mark.usefixtures("kb")


@pytest.mark.parametrize("text,profile", [
    # cues name a profile from anywhere in a description
    ("fabricante de muebles", "carpintero_industrial"),
    ("costurera de polos de algodon", "confeccionista_tejido_punto"),  # the garment beats the generic name
    ("estampador de polos", "estampador_prendas"),  # the activity beats the garment
    ("evaluador de campo, veo las plagas de los cultivos", "evaluador_fitosanitario"),
    ("jornalera en el esparrago", "cosechador_esparrago"),
    ("a knitting machine operator, I make sweaters", "confeccionista_tejido_punto"),
    ("a hand knitter of alpaca wool", "tejedor_fibra_alpaca"),
    ("a sewing machine operator making shirts", "confeccionista_tejido_plano"),
    ("a garment worker sewing polo shirts and t-shirts", "confeccionista_tejido_punto"),
    # synonyms, and a typo inside one word
    ("soy carpintero", "carpintero_industrial"), ("carpintro", "carpintero_industrial"),
])
def test_a_trade_described_in_other_words_finds_its_profile(text, profile):
    assert knowledge.occupation_to_profile(text) == profile


@pytest.mark.parametrize("text", [
    "electricista automotriz",  # a not-cue rules the building electrician out
    "carpintero metalico, hago puertas de fierro",
    "cobrador de combi",  # a real word, not a typo of "cortador"
    "trabajo de cocinera",  # "trabajo" of "trabajo en madera" names no carpenter
    "limpieza de carros",
    "mototaxista",
])
def test_trades_that_are_no_profile_find_none(text):
    assert knowledge.occupation_to_profile(text) is None


def test_not_cues_say_which_profiles_a_description_rules_out():
    assert "electricista_edificaciones" in knowledge.occupation_ruled_out("electricista automotriz", "es")
    assert knowledge.occupation_ruled_out("soy electricista", "es") == set()
