"""Free-text answers (a trade, a place) are taken only from words that can be one: confusion ("no
entiendo", "wait"), fillers ("ehh"), a correction's own words ("me equivoqué") and, for a trade, a
place's name alone are none. Whole readings; the texts are our own wording."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from knowledge.paths import PROJECT_ROOT
from tests.understanding.conftest import read

LEXICON = yaml.safe_load((PROJECT_ROOT / "bot" / "lexicon.yml").read_text(encoding="utf-8"))
UNCLEAR = [p for p in LEXICON["unclear"] if not any(c in p for c in "([{<!")]
TRADES = ["gasfitero", "mototaxista", "cocinera", "panadero", "soldador"]


@pytest.mark.parametrize("text", [
    "no entiendo", "no entiendo nada", "no le entiendo señorita", "no entienddo", "no comprendo",
    "disculpe, no entiendo la pregunta", "sorry, I don't understand", "i don't get it", "what do you mean",
    "wait", "espera", "esperame un ratito", "un momento por favor", "one sec", "hold on", "a ver",
    "como asi", "pucha", "ehh", "uhh", "ahh", "mm", "emm", "este...", "ehh este", "me equivoque",
])
@pytest.mark.parametrize("asked", ["occupation", "place"])
def test_confusion_and_fillers_are_no_answer(text, asked):
    read(text, asked=asked)


@pytest.mark.parametrize("text", ["Lima", "arequipa", "en Arequipa pe", "este... Cusco", "Huancayo nomas",
                                  "en San Juan de Lurigancho"])
def test_a_place_alone_is_no_trade(text):
    read(text, asked="occupation")


@pytest.mark.parametrize(("text", "facts"), [
    ("vendo comida en el mercado", {"occupation": "vendo comida en el mercado"}),
    ("I sell food at the market", {"occupation": "i sell food at the market"}),
    ("manicurista", {"occupation": "manicurista"}),
    ("zapatero", {"occupation": "zapatero"}),  # a trade first, though a district in San Martín has its name
    # Odd jobs of all kinds are what the applicant does: kept as typed, it matches no profile.
    ("hago de todo un poco", {"occupation": "hago de todo un poco"}),
    ("ehh gasfitero", {"occupation": "gasfitero"}),
    ("no entiendo... ah ya, soy soldador", {"occupation": "soldador"}),
    ("wait, I'm a baker", {"occupation": "baker"}),
    ("perdon, mototaxista", {"occupation": "mototaxista"}),
    ("me equivoque, soy panadera", {"occupation": "panadera"}),
    ("vendo anticuchos en Lima", {"occupation": "vendo anticuchos en lima"}),  # a place inside is part of it
])
def test_a_trade_is_still_taken(text, facts):
    read(text, asked="occupation", facts=facts)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(UNCLEAR), st.sampled_from(["", "...", " pues", " señorita", "?"]),
       st.sampled_from(TRADES))
def test_unclear_words_never_make_a_trade(unclear, tail, trade):
    read(unclear + tail, asked="occupation")
    read(f"{unclear}, soy {trade}", asked="occupation", facts={"occupation": trade})


@pytest.mark.parametrize(("text", "facts"), [
    # "experiencia" mistyped in any way is no trade, and says the years of work
    ("tengo 13 años de epxeriencia", {"work_experience_years": 13}),
    ("tengo 9 años de experiecia", {"work_experience_years": 9}),
    ("tengo 9 años de esperiencia", {"work_experience_years": 9}),
    ("tengo 9 años de experiensia laboral", {"work_experience_years": 9}),
    ("llevo 9 años de experinecia", {"work_experience_years": 9}),
    ("tengo 9 años de exsperiencia", {"work_experience_years": 9}),  # a slip not in the typo map
    ("I have 9 years of experiance", {"work_experience_years": 9}),
    # the trade after it still counts
    ("tengo 9 años de expeiencia como albañil", {"occupation": "albañil", "occupation_experience_years": 9}),
])
def test_experience_in_any_spelling_is_no_trade(text, facts):
    read(text, asked="work_experience_years", facts=facts)


@pytest.mark.parametrize(("text", "facts"), [
    # what the applicant wants to be certified as, when it is no trade, says no trade
    ("que me certifiquen como trabajador calificado", {"goal": "certify_skills"}),
    ("quisiera certificarme como persona capacitada", {"goal": "certify_skills"}),
    ("certificar mis habilidades como trabajador de confianza", {"goal": "certify_skills"}),
    ("I'd like to get certified as a skilled worker", {"goal": "certify_skills"}),
    # a trade it knows still counts: one certifies the trade one has
    ("que me certifiquen como carpintero", {"goal": "certify_skills", "occupation": "carpintero_industrial"}),
    ("certificarme de gasfitero", {"goal": "certify_skills", "occupation": "gasfitero"}),
    ("certify me as a welder", {"goal": "certify_skills", "occupation": "welder"}),
])
def test_a_goal_names_a_trade_only_when_it_is_one(text, facts):
    read(text, asked="goal", facts=facts)
