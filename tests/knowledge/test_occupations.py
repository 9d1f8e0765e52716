"""Free-text occupations resolve to certifiable profile ids through names and synonyms."""

from __future__ import annotations

import pytest

import knowledge


@pytest.mark.parametrize(("text", "profile"), [
    ("carpintero", "carpintero_industrial"),
    ("Carpintería", "carpintero_industrial"),
    ("soy ebanista", "carpintero_industrial"),
    ("costurera", "confeccionista_tejido_plano"),
    ("trabajo de costurera hace 5 años", "confeccionista_tejido_plano"),
    ("confección de polos", "confeccionista_tejido_punto"),
    ("electricista", "electricista_edificaciones"),
    ("ELECTRICISTA", "electricista_edificaciones"),
    ("tejedora de alpaca", "tejedor_fibra_alpaca"),
    ("bordadora", "bordador"),
    ("serigrafía", "estampador_prendas"),
    ("patronista", "cortador_patronista"),
    ("personal de limpieza", "operario_limpieza"),
    ("cosecha de espárrago", "cosechador_esparrago"),
    ("evaluador de plagas", "evaluador_fitosanitario"),
    ("carpintro", "carpintero_industrial"),
    ("soy carpintro", "carpintero_industrial"),
    ("electrisista", "electricista_edificaciones"),
])
def test_spanish_occupations(kb, text, profile):
    assert knowledge.occupation_to_profile(text) == profile


@pytest.mark.parametrize(("text", "profile"), [
    ("carpenter", "carpintero_industrial"),
    ("I am a seamstress", "confeccionista_tejido_plano"),
    ("electrician", "electricista_edificaciones"),
    ("janitor", "operario_limpieza"),
    ("asparagus picker", "cosechador_esparrago"),
    ("screen printer", "estampador_prendas"),
])
def test_english_occupations(kb, text, profile):
    assert knowledge.occupation_to_profile(text, lang="en") == profile


@pytest.mark.parametrize("text", ["", "   ", "abogado", "piloto de avión", "software developer", "🙂"])
def test_unrelated_occupations_give_none(kb, text):
    assert knowledge.occupation_to_profile(text) is None


def test_every_profile_name_resolves_to_itself(kb):
    for profile in knowledge.profiles():
        assert knowledge.occupation_to_profile(profile["name_es"]) == profile["id"]
        assert knowledge.occupation_to_profile(profile["name_en"], lang="en") == profile["id"]


def test_candidates_are_ranked(kb):
    found = knowledge.occupation_candidates("hago confección de polos y también costura", limit=3)
    assert found[0]["id"] == "confeccionista_tejido_punto"
    assert all(set(c) == {"id", "matched", "score"} for c in found)
