"""The contract the dialogue relies on (actions/understanding/__init__.py), point by point."""

from __future__ import annotations

import dataclasses

import pytest

from actions.understanding import Parsed, parse
from tests.understanding.conftest import read


def test_parsed_keeps_its_fields_and_gains_the_new_ones():
    names = [f.name for f in dataclasses.fields(Parsed)]
    assert names == ["facts", "place", "yes_no", "language", "language_request", "correction", "command",
                     "sentence_language", "question", "ranges"]
    assert Parsed() == Parsed(facts={}, ranges={})


# --- command ------------------------------------------------------------------------------

COMMANDS = [
    ("borrar mis datos", "erase"),
    ("elimina mi informacion", "erase"),
    ("delete my data", "erase"),
    ("por favor borra mis datos personales", "erase"),
    ("no quiero que guardes mis datos", "erase"),
    ("erase my information please", "erase"),
    ("empezar de nuevo", "restart"),
    ("start over", "restart"),
    ("volvamos a comenzar", "restart"),
    ("empecemos otra vez desde cero", "restart"),
    ("can we start again?", "restart"),
    ("hablar con alguien", "handoff"),
    ("quiero hablar con una persona", "handoff"),
    ("talk to someone", "handoff"),
    ("hola, quiero hablar con un asesor", "handoff"),
    ("¿puedo hablar con alguien?", "handoff"),
    ("I want to speak with a real person", "handoff"),
]


@pytest.mark.parametrize(("text", "command"), COMMANDS, ids=[t for t, _ in COMMANDS])
def test_commands_in_both_languages(text, command):
    assert parse(text).command == command
    assert parse(text, asked="occupation").facts == {}  # a command is never an answer
    assert parse(text, asked="place").place is None


NOT_COMMANDS = [
    ("cero", "monthly_income", None, {"monthly_income": 0}),
    ("cero", "monthly_income", "restart", {"monthly_income": 0}),
    ("desde cero", "monthly_income", "restart", {}),
    ("cero", "children", "restart", {"children": 0}),
    ("quiero empezar de nuevo mi negocio", None, None, {}),
    ("no borres mis datos", None, None, {}),
    ("mis datos son correctos", None, None, {}),
    ("quiero hablar con alguien sobre mi caso de despido", None, None, {}),
]


@pytest.mark.parametrize(("text", "asked", "intent", "facts"), NOT_COMMANDS,
                         ids=[c[0] + str(c[1:3]) for c in NOT_COMMANDS])
def test_precision_first_no_command_unless_the_clause_is_one(text, asked, intent, facts):
    read(text, asked=asked, intent=intent, facts=facts)


def test_a_command_intent_adds_no_command_the_dialogue_weighs_intents():
    read("desde cero", intent="restart")
    read("elimina todito", intent="delete_my_data")
    read("alguien real porfa", intent="human_handoff")
    read("tengo 35 años", intent="restart", facts={"age": 35})


# --- sentence_language ----------------------------------------------------------------------

SENTENCE_LANGUAGE = [
    ("I sell food at the market", "occupation", "en"),
    ("vendo comida en el mercado", "occupation", "es"),
    ("hola, quisiera saber si puedo postular al programa", None, "es"),
    ("hi, I would like to know if I can apply", None, "en"),
    ("I'm 35 and I live in Lima", None, "en"),
    ("500 soles", "monthly_income", None),
    ("2500", "monthly_income", None),
    ("S/ 1 600", None, None),
    ("San Juan de Lurigancho", "place", None),
    ("Villa El Salvador", None, None),
    ("ama de casa", "occupation", None),
    ("maestro de obra", "occupation", None),
    ("/check_eligibility", None, None),
    ('/inform{"education": "secondary_complete"}', None, None),
    ("tengo 35", None, None),
    ("ok", None, None),
    ("in English please", None, None),  # a request: language_request says it
]


@pytest.mark.parametrize(("text", "asked", "language"), SENTENCE_LANGUAGE, ids=[t for t, _, _ in SENTENCE_LANGUAGE])
def test_sentence_language_only_for_whole_sentences(text, asked, language):
    assert parse(text, asked=asked).sentence_language == language


# --- question ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "question"), [
    ("¿es gratis?", True), ("cuanto dura el curso", True), ("do I qualify for it?", True),
    ("la certificacion q es", True),
    ("tengo 35 años", False), ("si", False), ("vivo en Lima", False), ("quiero saber los requisitos", True),
])
def test_question(text, question):
    assert parse(text).question is question


def test_facts_beside_a_question_are_kept():
    read("tengo 28, califico?", facts={"age": 28}, question=True)
    read("soy electricista, ¿puedo certificarme?", facts={"occupation": "electricista_edificaciones"},
         question=True)


# --- ranges -----------------------------------------------------------------------------------

RANGES = [
    ("entre 800 y 1000", "monthly_income", {"monthly_income": (800, 1000)}),
    ("gano de 900 a 1100 soles", None, {"monthly_income": (900, 1100)}),
    ("unos 1200 o 1300 al mes", "monthly_income", {"monthly_income": (1200, 1300)}),
    ("between 700 and 900", "monthly_income", {"monthly_income": (700, 900)}),
    ("tengo 2 o 3 años de experiencia", None, {"work_experience_years": (2, 3)}),
    ("entre 5 y 6 años", "occupation_experience_years", {"occupation_experience_years": (5, 6)}),
    ("gano menos de 1000", None, {"monthly_income": (0, 1000)}),
]


@pytest.mark.parametrize(("text", "asked", "ranges"), RANGES, ids=[t for t, _, _ in RANGES])
def test_a_range_is_asked_again_not_guessed(text, asked, ranges):
    read(text, asked=asked, ranges=ranges)


def test_a_range_and_other_facts():
    read("tengo 40 años y gano entre 800 y 1000", facts={"age": 40}, ranges={"monthly_income": (800, 1000)})


# --- the answer to `asked`, whatever the intent ----------------------------------------------

INTENT_NEVER_SUPPRESSES = [
    ("estoy subempleado", "employment_status", "ask_question", {"employment_status": "underemployed"}),
    ("hago cachuelos", "employment_status", "greet", {"employment_status": "underemployed"}),
    ("35", "age", "out_of_scope", {"age": 35}),
    ("Cusco", "place", "nlu_fallback", {}),
    ("secundaria", "education", "ask_question", {"education": "secondary_complete"}),
    ("mototaxista", "occupation", "out_of_scope", {"occupation": "mototaxista"}),
    ("no", "household_head", "deny", {"household_head": False}),
    ("nada", "monthly_income", "deny", {"monthly_income": 0}),
]


@pytest.mark.parametrize(("text", "asked", "intent", "facts"), INTENT_NEVER_SUPPRESSES,
                         ids=[f"{c[0]}|{c[2]}" for c in INTENT_NEVER_SUPPRESSES])
def test_the_intent_never_suppresses_a_fact(text, asked, intent, facts):
    read(text, asked=asked, intent=intent, facts=facts, place="Cusco" if text == "Cusco" else None)


def test_the_intent_adds_information():
    read("de una", asked="consent", intent="affirm", yes_no=True)
    read("mejor asi", asked="household_head", intent="deny", facts={"household_head": False}, yes_no=False)
    read("tengo 45", intent="correct", facts={"age": 45}, correction=True)


NO_ANSWER = [
    ("hola", "occupation"), ("gracias!", "place"), ("chau", "age"), ("jaja ok", "occupation"), ("🙏🙏", "place"),
    ("buenas tardes", "monthly_income"), ("¿y eso cuanto dura?", "occupation"), ("que es eso?", "place"),
    ("hablar con alguien", "occupation"), ("start over", "place"), ("si", "occupation"), ("no", "place"),
    ("english please", "occupation"),
]


@pytest.mark.parametrize(("text", "asked"), NO_ANSWER, ids=[f"{t}|{a}" for t, a in NO_ANSWER])
def test_no_answer_from_small_talk_questions_commands_or_yes_no(text, asked):
    result = parse(text, asked=asked)
    assert result.facts == {} and result.place is None, result


# --- asked="occupation": any trade, as free text -----------------------------------------------

TRADES = [
    ("I sell food at the market", "i sell food at the market"),
    ("vendo comida en el mercado", "vendo comida en el mercado"),
    ("mototaxista", "mototaxista"),
    ("soy mototaxista", "mototaxista"),
    ("trabajo de albañil", "albañil"),
    ("I'm a taxi driver", "taxi driver"),
    ("I'm a dog walker", "dog walker"),
    ("reparo celulares", "reparo celulares"),
    ("trabajo como cuidadora de adultos mayores", "cuidadora de adultos mayores"),
    ("trabajo en madera", "carpintero_industrial"),
    ("costurera", "confeccionista_tejido_plano"),
    ("I'm an electrician", "electricista_edificaciones"),
    ("limpio oficinas", "operario_limpieza"),
]


@pytest.mark.parametrize(("text", "occupation"), TRADES, ids=[t for t, _ in TRADES])
def test_any_trade_is_taken(text, occupation):
    read(text, asked="occupation", facts={"occupation": occupation})


# --- asked="place" ------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "place"), [
    ("arequipa", "arequipa"), ("Satipo", "Satipo"), ("callao", "callao"), ("en Huancayo", "Huancayo"),
    ("in tarapoto", "tarapoto"), ("vivo en Comas", "Comas"), ("en el distrito de Ate", "Ate"),
])
def test_a_bare_place(text, place):
    read(text, asked="place", place=place)


@pytest.mark.parametrize(("text", "place"), [
    # a real place's name is the answer whatever surrounds it, even a word that would end or reject a place
    ("ps en Casa Grande", "Casa Grande"), ("Mi Perú", "Mi Perú"), ("living in La Cuesta", "La Cuesta"),
    ("San José de Los Molinos, Peru", "San José de Los Molinos, Peru"),
    ("Miraflores, Arequipa", "Miraflores, Arequipa"),
    ("vivo en Casa Grande con mi familia", "Casa Grande"),
    # the longest whole name wins over a shorter one inside it, a typo of the whole included
    ("estoy viviendo en Santa Lenoor", "Santa Lenoor"), ("vivo en Maria Parado de Bellido", "Maria Parado de Bellido"),
    ("vivo en Llochegua en el VRAE", "Llochegua"),
])
def test_a_known_place_name_inside_the_answer(text, place):
    read(text, asked="place", place=place, facts={"priority_group": ["vrae_resident"]} if "VRAE" in text else None)


def test_words_of_a_place_name_are_no_other_fact():
    read("vivo en María Parado de Bellido", place="María Parado de Bellido")  # "parado" is no unemployment


@pytest.mark.parametrize("text", ["San José de Los Molinos, Peru", "living in La Cuesta", "Casa Grande"])
def test_a_place_name_says_nothing_of_the_language(text):
    assert parse(text, asked="place").sentence_language is None


# --- asked a number fact: zero ------------------------------------------------------------------

@pytest.mark.parametrize(("text", "asked"), [
    ("cero", "monthly_income"), ("nada", "monthly_income"), ("none", "monthly_income"), ("0", "monthly_income"),
    ("ninguno", "children"), ("cero", "children"), ("none", "children"), ("nada", "work_experience_years"),
    ("ninguno", "occupation_experience_years"), ("zero", "work_experience_years"),
])
def test_zero(text, asked):
    read(text, asked=asked, facts={asked: 0})
