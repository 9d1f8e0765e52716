"""The message parser: what applicants' messages say, in informal Peruvian Spanish and in English.

The tests state behaviour (message in, facts out), not how the parser gets there. The knowledge
base the parser asks about trades and places is built from the real sources under tmp.
"""

from __future__ import annotations

import math
import statistics
import subprocess
import sys
import time

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import knowledge
from actions import parsing
from actions.parsing import Parsed, parse
from knowledge import build
from knowledge.paths import PROJECT_ROOT, SOURCES_DIR

FACTS_YML = PROJECT_ROOT / "rules" / "policy" / "facts.yml"
ENGINE_FACTS = yaml.safe_load(FACTS_YML.read_text(encoding="utf-8"))["facts"]


@pytest.fixture(scope="module", autouse=True)
def parsing_kb(tmp_path_factory):
    """The knowledge API pointed at a database built from the real sources under tmp, for this module."""
    path = tmp_path_factory.mktemp("parsing-kb") / "knowledge.db"
    build.build(path, SOURCES_DIR)
    knowledge.use_database(path)
    yield path
    knowledge.use_database(None)


def assert_engine_values(facts: dict) -> None:
    """Every fact is one the engine knows, with a value of its type (rules/policy/facts.yml)."""
    for name, value in facts.items():
        spec = ENGINE_FACTS[name]
        kind = spec["type"]
        if kind == "integer":
            assert type(value) is int, (name, value)
        elif kind == "number":
            assert type(value) in (int, float) and math.isfinite(value), (name, value)
        elif kind == "boolean":
            assert type(value) is bool, (name, value)
        elif kind == "choice":
            assert value in spec["choices"], (name, value)
        elif kind == "choice_list":
            assert value and all(v in spec["choices"] for v in value), (name, value)
        elif kind == "text":
            assert isinstance(value, str) and value.strip(), (name, value)
        if kind in ("integer", "number"):
            assert spec.get("min", 0) <= value <= spec.get("max", math.inf), (name, value)


def check(result: Parsed, expected: dict) -> None:
    """`expected` lists facts that must be there; a value of None means the fact must be absent."""
    assert isinstance(result, Parsed)
    assert_engine_values(result.facts)
    for name, value in expected.items():
        if value is None:
            assert name not in result.facts, result
        else:
            assert result.facts.get(name) == value, result


# --- facts stated outright (no question pending) ----------------------------------------------

EXPLICIT = [
    # age
    ("tengo 35 años", {"age": 35}),
    ("tengo 35 anos", {"age": 35}),
    ("tngo 35 añosss", {"age": 35}),
    ("Tengo treinta y cinco años", {"age": 35}),
    ("35 años", {"age": 35}),
    ("tengo 28 añitos", {"age": 28}),
    ("mi edad es 40", {"age": 40}),
    ("edad: 52", {"age": 52}),
    ("ya cumpli 18", {"age": 18}),
    ("me equivoqué, tengo 45", {"age": 45}),
    ("nací en 1990", {"age": parsing._YEAR_NOW - 1990}),
    ("I'm 35", {"age": 35}),
    ("I am 22 years old", {"age": 22}),
    ("I'm thirty five", {"age": 35}),
    ("tengo 5 años de experiencia", {"age": None, "work_experience_years": 5}),
    ("tengo 10 años como carpintero", {"age": None, "occupation_experience_years": 10}),
    ("mi hija tiene 15 años", {"age": None}),
    ("tengo 150 años", {"age": None}),
    ("tengo 3 años", {"age": None}),
    # children
    ("tengo 2 hijos", {"children": 2}),
    ("tengo dos hijos", {"children": 2}),
    ("tengo un hijo", {"children": 1}),
    ("tengo una hija", {"children": 1}),
    ("tengo 3 hijitos", {"children": 3}),
    ("mis 3 chibolos", {"children": 3}),
    ("soy mamá de 4", {"children": 4}),
    ("no tengo hijos", {"children": 0}),
    ("todavia no tengo hijos", {"children": 0}),
    ("sin hijos", {"children": 0}),
    ("I have 2 kids", {"children": 2}),
    ("I have one son", {"children": 1}),
    ("I have no children", {"children": 0}),
    ("I don't have kids", {"children": 0}),
    ("tengo 1 hijo de 3 años", {"children": 1, "age": None}),
    # income
    ("gano 900 soles", {"monthly_income": 900}),
    ("gano 900 lucas", {"monthly_income": 900}),
    ("gano como mil quinientos", {"monthly_income": 1500}),
    ("gano S/ 1,200 al mes", {"monthly_income": 1200}),
    ("gano S/. 1200", {"monthly_income": 1200}),
    ("gano 1.200 soles", {"monthly_income": 1200}),
    ("mi sueldo es de 1025", {"monthly_income": 1025}),
    ("gano entre 800 y 1000 soles", {"monthly_income": 900}),
    ("gano 2 mil soles", {"monthly_income": 2000}),
    ("me pagan 40 soles diarios", {"monthly_income": 1040}),
    ("no gano nada", {"monthly_income": 0}),
    ("no tengo ingresos", {"monthly_income": 0}),
    ("I earn 1200 soles a month", {"monthly_income": 1200}),
    ("gano 300 dolares", {"monthly_income": None}),
    ("gano mil millones", {"monthly_income": None}),
    # household head
    ("soy jefa de hogar", {"household_head": True}),
    ("soy jefe de familia", {"household_head": True}),
    ("mantengo a mi familia", {"household_head": True}),
    ("yo mantengo la casa", {"household_head": True}),
    ("no soy jefa de hogar", {"household_head": False}),
    ("mi esposo mantiene la casa", {"household_head": False}),
    ("I'm the head of the household", {"household_head": True}),
    # occupation and experience
    ("soy carpintero", {"occupation": "carpintero_industrial"}),
    ("soy costurera", {"occupation": "confeccionista_tejido_plano"}),
    ("soy carpintro", {"occupation": "carpintero_industrial"}),
    ("trabajo como albañil", {"occupation": "albañil"}),
    ("soy soldador", {"occupation": "soldador"}),
    ("me dedico a la limpieza", {"occupation": "operario_limpieza"}),
    ("soy tecnico electricista", {"occupation": "electricista_edificaciones"}),
    ("I'm a carpenter", {"occupation": "carpintero_industrial"}),
    ("I work as a plumber", {"occupation": "plumber"}),
    ("10 años de carpintero", {"occupation": "carpintero_industrial", "occupation_experience_years": 10}),
    ("llevo 10 años como carpintero", {"occupation": "carpintero_industrial", "occupation_experience_years": 10}),
    ("soy costurera hace 20 años", {"occupation": "confeccionista_tejido_plano", "occupation_experience_years": 20}),
    ("trabajo de gasfitero desde hace 6 años", {"occupation": "gasfitero", "occupation_experience_years": 6}),
    ("3 años y medio de carpintero", {"occupation_experience_years": 3.5}),
    ("I've been a carpenter for 10 years", {"occupation": "carpintero_industrial", "occupation_experience_years": 10}),
    ("5 años de experiencia", {"work_experience_years": 5, "occupation": None}),
    ("trabajo hace 5 años", {"work_experience_years": 5}),
    ("6 meses de experiencia", {"work_experience_years": 0.5}),
    ("tengo un año y medio de experiencia", {"work_experience_years": 1.5}),
    ("no tengo experiencia", {"work_experience_years": 0}),
    ("I have 5 years of experience", {"work_experience_years": 5}),
    ("soy de la construccion", {"occupation": None}),
    ("soy madre soltera", {"occupation": None}),
    ("trabajo de lunes a viernes", {"occupation": None}),
    # employment
    ("estoy sin chamba", {"employment_status": "unemployed"}),
    ("no tengo trabajo", {"employment_status": "unemployed"}),
    ("me botaron", {"employment_status": "unemployed"}),
    ("I'm unemployed", {"employment_status": "unemployed"}),
    ("hago cachuelos", {"employment_status": "underemployed"}),
    ("me recurseo vendiendo", {"employment_status": "underemployed"}),
    ("no tengo trabajo fijo", {"employment_status": "underemployed"}),
    ("I do odd jobs", {"employment_status": "underemployed"}),
    ("me van a despedir", {"employment_status": "at_risk"}),
    ("se acaba mi contrato", {"employment_status": "at_risk"}),
    ("me quedo sin trabajo el otro mes", {"employment_status": "at_risk"}),
    ("me quede sin trabajo", {"employment_status": "unemployed"}),
    ("tengo trabajo fijo", {"employment_status": "employed"}),
    ("estoy en planilla", {"employment_status": "employed"}),
    ("estoy trabajando de carpintero", {"employment_status": "employed", "occupation": "carpintero_industrial"}),
    # education
    ("termine el colegio", {"education": "secondary_complete"}),
    ("termine la secundaria", {"education": "secondary_complete"}),
    ("tengo secundaria completa", {"education": "secondary_complete"}),
    ("no termine el colegio", {"education": "secondary_incomplete"}),
    ("deje el colegio en 3ro de secundaria", {"education": "secondary_incomplete"}),
    ("estudie hasta tercero de secundaria", {"education": "secondary_incomplete"}),
    ("llegue hasta 5to de primaria", {"education": "primary_incomplete"}),
    ("tengo 5to de secundaria completo", {"education": "secondary_complete"}),
    ("primaria completa", {"education": "primary_complete"}),
    ("primaria incompleta", {"education": "primary_incomplete"}),
    ("no fui al colegio", {"education": "none"}),
    ("no termine la universidad", {"education": "higher_incomplete"}),
    ("instituto completo", {"education": "higher_complete"}),
    ("soy bachiller", {"education": "higher_complete"}),
    ("I finished high school", {"education": "secondary_complete"}),
    ("I dropped out of high school", {"education": "secondary_incomplete"}),
    # disability and certificate
    ("tengo una discapacidad", {"has_disability": True}),
    ("uso silla de ruedas", {"has_disability": True}),
    ("soy sordo", {"has_disability": True}),
    ("soy sorda", {"has_disability": True}),
    ("no tengo ninguna discapacidad", {"has_disability": False}),
    ("I use a wheelchair", {"has_disability": True}),
    ("I don't have a disability", {"has_disability": False}),
    ("tengo mi carnet del conadis", {"disability_certificate": True, "has_disability": True}),
    ("tengo certificado de discapacidad", {"disability_certificate": True}),
    ("no tengo el certificado", {"disability_certificate": False}),
    ("no tengo el carnet del conadis", {"disability_certificate": False}),
    ("lo estoy tramitando", {"disability_certificate": False}),
    ("I have my CONADIS card", {"disability_certificate": True}),
    # goal
    ("quiero chamba", {"goal": "job"}),
    ("busco trabajo", {"goal": "job"}),
    ("quiero poner mi negocio", {"goal": "own_business"}),
    ("quiero emprender", {"goal": "own_business"}),
    ("quiero abrir mi taller", {"goal": "own_business"}),
    ("quiero certificar mi oficio", {"goal": "certify_skills"}),
    ("I want a job", {"goal": "job"}),
    ("I want to start my own business", {"goal": "own_business"}),
    ("I want to get certified", {"goal": "certify_skills"}),
    # priority groups
    ("soy pescador artesanal", {"priority_group": ["fisher"]}),
    ("vivo en el VRAE", {"priority_group": ["vrae_resident"]}),
    ("sali del penal", {"priority_group": ["released_prisoner"]}),
    ("estuve preso 3 años", {"priority_group": ["released_prisoner"]}),
    ("regrese del extranjero", {"priority_group": ["returning_migrant"]}),
    ("volvi de Chile el año pasado", {"priority_group": ["returning_migrant"]}),
    ("I was in prison", {"priority_group": ["released_prisoner"]}),
    ("soy pescadora artesanal y regrese de Chile", {"priority_group": ["fisher", "returning_migrant"]}),
]


@pytest.mark.parametrize(("text", "expected"), EXPLICIT, ids=[t for t, _ in EXPLICIT])
def test_explicit_facts(text, expected):
    check(parse(text), expected)


MULTI = [
    ("tengo 35 años, vivo en Chiclayo y gano 900 soles", {"age": 35, "monthly_income": 900}, "Chiclayo"),
    (
        "tengo 35 años, 2 hijos, secundaria completa, vivo en Comas y gano 1000 soles",
        {"age": 35, "children": 2, "education": "secondary_complete", "monthly_income": 1000},
        "Comas",
    ),
    (
        "Hola! tengo 28 añitos, soy de Puno, tengo 1 hijito y no tengo chamba",
        {"age": 28, "children": 1, "employment_status": "unemployed"},
        "Puno",
    ),
    (
        "tengo 19, termine la secundaria y estoy buscando chamba",
        {"age": 19, "education": "secondary_complete", "goal": "job"},
        None,
    ),
    (
        "buenas, tengo 45, soy costurera hace 20 años y quiero poner mi taller",
        {
            "age": 45,
            "occupation": "confeccionista_tejido_plano",
            "occupation_experience_years": 20,
            "goal": "own_business",
        },
        None,
    ),
    (
        "tengo 35 años y 5 años de experiencia como albañil",
        {"age": 35, "occupation": "albañil", "occupation_experience_years": 5},
        None,
    ),
    ("tengo treinta y cinco años y dos hijos", {"age": 35, "children": 2}, None),
    ("tengo 3 hijos y mantengo a mi familia", {"children": 3, "household_head": True}, None),
    ("I'm 35, I live in Lima and I earn 900 soles", {"age": 35, "monthly_income": 900}, "Lima"),
    ("I am 40 and I have 3 children", {"age": 40, "children": 3}, None),
]


@pytest.mark.parametrize(("text", "expected", "place"), MULTI, ids=[t for t, _, _ in MULTI])
def test_several_facts_in_one_message(text, expected, place):
    result = parse(text)
    check(result, expected)
    assert result.place == place


# --- places --------------------------------------------------------------------------------

PLACES = [
    ("vivo en Chiclayo", None, "Chiclayo"),
    ("Vivo en San Juan de Lurigancho", None, "San Juan de Lurigancho"),
    ("vivo en sjl", None, "sjl"),
    ("radico en Piura", None, "Piura"),
    ("vivo en el distrito de Comas", None, "Comas"),
    ("vivo en SJL hace 3 años", None, "SJL"),
    ("soy de Arequipa", None, "Arequipa"),
    ("estoy en Juliaca", None, "Juliaca"),
    ("I live in Villa El Salvador", None, "Villa El Salvador"),
    ("I'm from Cusco", None, "Cusco"),
    ("estoy en casa", None, None),
    ("soy de la sierra", None, None),
    ("vivo en un cuarto alquilado", None, None),
    ("vivo en el VRAE", None, None),
    ("Chiclayo", None, None),
    ("Chiclayo", "place", "Chiclayo"),
    ("san juan de lurigancho", "place", "san juan de lurigancho"),
    ("sjl", "place", "sjl"),
    ("en Lima pe", "place", "Lima"),
    ("Miraflores, Arequipa", "place", "Miraflores, Arequipa"),
    ("vivo en Comas nomas", "place", "Comas"),
    ("no se", "place", None),
    ("hola", "place", None),
    ("35", "place", None),
    ("si", "place", None),
    ("donde queda la oficina?", "place", None),
    ("cuanto dura el curso", "place", None),
]


@pytest.mark.parametrize(("text", "asked", "place"), PLACES, ids=[f"{t}|{a}" for t, a, _ in PLACES])
def test_places(text, asked, place):
    result = parse(text, asked=asked)
    assert result.place == place
    assert_engine_values(result.facts)


def test_place_answer_that_is_a_priority_area():
    result = parse("VRAE", asked="place")
    assert result.place is None
    assert result.facts["priority_group"] == ["vrae_resident"]


def test_captured_places_resolve_in_the_knowledge_base():
    for text in ("vivo en Chiclayo", "vivo en sjl", "Vivo en San Juan de Lurigancho", "soy de Arequipa"):
        place = parse(text).place
        assert knowledge.resolve_place(place)["name"], text


# --- bare answers to the question just asked -------------------------------------------------

ANSWERS = [
    ("35", "age", {"age": 35}),
    ("treinta y cinco", "age", {"age": 35}),
    ("thirty five", "age", {"age": 35}),
    ("35 años", "age", {"age": 35}),
    ("tengo 35", "age", {"age": 35}),
    ("999", "age", {"age": None}),
    ("0", "age", {"age": None}),
    ("-5", "age", {"age": None}),
    ("2", "children", {"children": 2}),
    ("dos", "children", {"children": 2}),
    ("uno", "children", {"children": 1}),
    ("tengo 2", "children", {"children": 2, "age": None}),
    ("0", "children", {"children": 0}),
    ("ninguno", "children", {"children": 0}),
    ("no", "children", {"children": 0}),
    ("-5", "children", {"children": None}),
    ("900", "monthly_income", {"monthly_income": 900}),
    ("S/ 1,200", "monthly_income", {"monthly_income": 1200}),
    ("S/. 1200", "monthly_income", {"monthly_income": 1200}),
    ("1.200 soles", "monthly_income", {"monthly_income": 1200}),
    ("1,200.50", "monthly_income", {"monthly_income": 1200.5}),
    ("900 lucas", "monthly_income", {"monthly_income": 900}),
    ("mil quinientos", "monthly_income", {"monthly_income": 1500}),
    ("2 mil", "monthly_income", {"monthly_income": 2000}),
    ("entre 800 y 1000", "monthly_income", {"monthly_income": 900}),
    ("50 diarios", "monthly_income", {"monthly_income": 1300}),
    ("nada", "monthly_income", {"monthly_income": 0}),
    ("no gano nada", "monthly_income", {"monthly_income": 0}),
    ("mil millones", "monthly_income", {"monthly_income": None}),
    ("1e9", "monthly_income", {"monthly_income": None}),
    ("5", "work_experience_years", {"work_experience_years": 5}),
    ("como 5 años", "work_experience_years", {"work_experience_years": 5}),
    ("un año y medio", "work_experience_years", {"work_experience_years": 1.5}),
    ("6 meses", "work_experience_years", {"work_experience_years": 0.5}),
    ("ninguno", "work_experience_years", {"work_experience_years": 0}),
    ("10", "occupation_experience_years", {"occupation_experience_years": 10}),
    ("si", "household_head", {"household_head": True}),
    ("sí, yo", "household_head", {"household_head": True}),
    ("no", "household_head", {"household_head": False}),
    ("mi esposo", "household_head", {"household_head": False}),
    ("claro", "has_disability", {"has_disability": True}),
    ("nop", "has_disability", {"has_disability": False}),
    ("no tengo", "disability_certificate", {"disability_certificate": False}),
    ("si lo tengo", "disability_certificate", {"disability_certificate": True}),
    ("carpintero", "occupation", {"occupation": "carpintero_industrial"}),
    ("de costurera", "occupation", {"occupation": "confeccionista_tejido_plano"}),
    ("albañil", "occupation", {"occupation": "albañil"}),
    ("Mototaxista nomas", "occupation", {"occupation": "mototaxista"}),
    ("soy ama de casa", "occupation", {"occupation": "ama de casa"}),
    ("carpintero, 10 años", "occupation", {"occupation": "carpintero_industrial", "occupation_experience_years": 10}),
    ("ninguno", "occupation", {"occupation": None}),
    ("cuanto dura el curso?", "occupation", {"occupation": None}),
    ("que cursos hay", "occupation", {"occupation": None}),
    ("secundaria completa", "education", {"education": "secondary_complete"}),
    ("solo primaria", "education", {"education": "primary_complete"}),
    ("5to de secundaria", "education", {"education": "secondary_complete"}),
    ("3ro de secu", "education", {"education": "secondary_incomplete"}),
    ("ninguno", "education", {"education": "none"}),
    ("universidad", "education", {"education": "higher_complete"}),
    ("estoy sin chamba", "employment_status", {"employment_status": "unemployed"}),
    ("desempleado", "employment_status", {"employment_status": "unemployed"}),
    ("cachuelos nomas", "employment_status", {"employment_status": "underemployed"}),
    ("trabajo fijo", "employment_status", {"employment_status": "employed"}),
    ("negocio", "goal", {"goal": "own_business"}),
    ("chamba", "goal", {"goal": "job"}),
    ("certificarme", "goal", {"goal": "certify_skills"}),
    ("no se", "goal", {"goal": "unsure"}),
    ("las dos cosas", "goal", {"goal": None}),
    ("si", "consent", {}),
]


@pytest.mark.parametrize(("text", "asked", "expected"), ANSWERS, ids=[f"{t}|{a}" for t, a, _ in ANSWERS])
def test_bare_answers(text, asked, expected):
    check(parse(text, asked=asked), expected)


def test_consent_is_only_a_yes_or_no():
    for text, answer in (("si", True), ("acepto", True), ("ya", True), ("no", False), ("no acepto", False)):
        result = parse(text, asked="consent")
        assert result.yes_no is answer
        assert result.facts == {}


def test_a_bare_number_without_a_question_is_no_fact():
    for text in ("35", "treinta y cinco", "900", "2"):
        assert parse(text).facts == {}


def test_an_unknown_question_name_is_ignored():
    check(parse("35", asked="shoe_size"), {"age": None})


def test_a_question_is_never_a_free_text_answer():
    for asked in ("place", "occupation", "education", "goal", "age", "monthly_income"):
        for text in (
            "cuanto dura el curso?",
            "¿es gratis?",
            "que documentos piden",
            "donde queda la oficina",
            "how long is the course?",
            "is it free",
            "35?",
        ):
            result = parse(text, asked=asked)
            assert result.facts == {} and result.place is None, (text, asked, result)


def test_a_supposition_in_a_question_is_not_a_fact():
    assert parse("y si tengo 60 años puedo postular?").facts == {}
    assert parse("que pasa si no tengo hijos?").facts == {}
    assert parse("tengo 50 años, puedo entrar?").facts == {"age": 50}


def test_other_intents_are_not_answers():
    assert parse("hola", asked="place", intent="greet").place is None
    assert parse("Cusco", asked="place", intent="inform").place == "Cusco"


# --- yes and no -----------------------------------------------------------------------------

YES_NO = [
    ("si", True),
    ("sí", True),
    ("Siii", True),
    ("sii", True),
    ("claro", True),
    ("ya", True),
    ("dale", True),
    ("ok", True),
    ("okey", True),
    ("simon", True),
    ("sip", True),
    ("por supuesto", True),
    ("asi es", True),
    ("correcto", True),
    ("claro que si", True),
    ("si pues", True),
    ("yes", True),
    ("yeah", True),
    ("yep", True),
    ("sure", True),
    ("👍", True),
    ("si, tengo 2 hijos", True),
    ("si claro, gracias", True),
    ("no", False),
    ("NO", False),
    ("nooo", False),
    ("nop", False),
    ("nope", False),
    ("nel", False),
    ("para nada", False),
    ("ninguno", False),
    ("todavia no", False),
    ("no tengo", False),
    ("nah", False),
    ("no gracias", False),
    ("no, vivo en Lima", False),
    ("no, no tengo", False),
    ("no tengo hijos", None),
    ("no se", None),
    ("si?", None),
    ("hola", None),
    ("35", None),
    ("Chiclayo", None),
    ("ya tengo trabajo", None),
    ("", None),
]


@pytest.mark.parametrize(("text", "answer"), YES_NO, ids=[t or "empty" for t, _ in YES_NO])
def test_yes_no(text, answer):
    assert parse(text).yes_no is answer


def test_no_inside_a_statement_is_the_statement():
    result = parse("no tengo hijos", asked="household_head")
    assert result.yes_no is None
    assert result.facts == {"children": 0}


@pytest.mark.parametrize(("intent", "answer"), [("affirm", True), ("deny", False)])
def test_affirm_and_deny_intents_with_no_text(intent, answer):
    assert parse("", intent=intent).yes_no is answer
    assert parse("", asked="household_head", intent=intent).facts == {"household_head": answer}
    assert parse(f"/{intent}").yes_no is answer


def test_an_intent_does_not_override_a_statement():
    result = parse("tengo 2 hijos", asked="household_head", intent="affirm")
    assert result.yes_no is None
    assert result.facts == {"children": 2}


# --- corrections ------------------------------------------------------------------------------

CORRECTIONS = [
    ("me equivoqué, tengo 45", None, {"age": 45}),
    ("perdon, no son 2 hijos sino 3", None, {"children": 3}),
    ("me equivoque, no tengo 3 hijos, tengo 2", None, {"children": 2}),
    ("corrijo: gano 1200", None, {"monthly_income": 1200}),
    ("en realidad gano 1200", None, {"monthly_income": 1200}),
    ("perdon, era 45", "age", {"age": 45}),
    ("no es 30, es 35", "age", {"age": 35}),
    ("sorry, I meant 45", "age", {"age": 45}),
    ("correction: I have 3 kids", None, {"children": 3}),
    ("I meant 1500 soles", None, {"monthly_income": 1500}),
]


@pytest.mark.parametrize(("text", "asked", "expected"), CORRECTIONS, ids=[t for t, _, _ in CORRECTIONS])
def test_corrections(text, asked, expected):
    result = parse(text, asked=asked)
    assert result.correction is True
    assert result.facts == expected


@pytest.mark.parametrize("text", ["tengo 45 años", "no tengo hijos", "perdon, no entendi", "hola", ""])
def test_not_corrections(text):
    assert parse(text).correction is False


def test_correct_intent_marks_a_correction():
    assert parse("tengo 45", intent="correct").correction is True


# --- buttons and NLU entities -------------------------------------------------------------------

ENTITIES = [
    ([{"entity": "education", "value": "secondary_complete"}], {"education": "secondary_complete"}),
    ([{"entity": "household_head", "value": "true"}], {"household_head": True}),
    ([{"entity": "household_head", "value": False}], {"household_head": False}),
    ([{"entity": "age", "value": "35"}], {"age": 35}),
    ([{"entity": "age", "value": 35}], {"age": 35}),
    ([{"entity": "monthly_income", "value": "1.200"}], {"monthly_income": 1200}),
    ([{"entity": "priority_group", "value": ["fisher", "nonsense"]}], {"priority_group": ["fisher"]}),
    ([{"entity": "priority_group", "value": "fisher"}], {"priority_group": ["fisher"]}),
    ([{"entity": "education", "value": "secundaria completa"}], {"education": "secondary_complete"}),
    ([{"entity": "occupation", "value": "costurera"}], {"occupation": "confeccionista_tejido_plano"}),
    ([{"entity": "occupation", "value": "carpintero_industrial"}], {"occupation": "carpintero_industrial"}),
    ([{"entity": "education", "value": "phd"}], {}),
    ([{"entity": "age", "value": 500}], {}),
    ([{"entity": "age", "value": True}], {}),
    ([{"entity": "goal", "value": None}], {}),
    ([{"entity": "shoe_size", "value": 42}], {}),
    ([{"value": 3}, "junk", None, {"entity": None}], {}),
]


@pytest.mark.parametrize(("entities", "expected"), ENTITIES, ids=[str(e)[:60] for e, _ in ENTITIES])
def test_entities(entities, expected):
    result = parse("", intent="inform", entities=entities)
    assert result.facts == expected


def test_button_payload_as_text():
    result = parse('/inform{"education":"secondary_complete"}')
    assert result.facts == {"education": "secondary_complete"}
    assert parse('/inform{"priority_group": ["fisher"]}').facts == {"priority_group": ["fisher"]}
    assert parse('/inform{"has_disability": "false"}').facts == {"has_disability": False}
    assert parse("/inform{not json").facts == {}


def test_entities_win_over_text():
    result = parse("tengo 35 años", intent="inform", entities=[{"entity": "age", "value": 40}])
    assert result.facts["age"] == 40


def test_place_and_consent_entities():
    result = parse(
        "", intent="inform", entities=[{"entity": "place", "value": "Chiclayo"}, {"entity": "consent", "value": "true"}]
    )
    assert result.place == "Chiclayo"
    assert result.yes_no is True
    assert result.facts == {}


# --- language --------------------------------------------------------------------------------

LANGUAGE = [
    ("hola, tengo 35 años", "es"),
    ("q tal", "es"),
    ("estoy sin chamba", "es"),
    ("gracias", "es"),
    ("quiero trabajo in Lima", "es"),
    ("Hola, buenas tardes. Quisiera información sobre el programa", "es"),
    ("I'm 35 and I live in Lima", "en"),
    ("hello", "en"),
    ("how long is the course?", "en"),
    ("hola, I want information", "en"),
    ("spanish please", "en"),
    ("ok", None),
    ("35", None),
    ("Chiclayo", None),
    ("Juan Perez", None),
    ("no", None),
    ("", None),
    ("😀", None),
    ("你好", None),
    ("x", None),
]


@pytest.mark.parametrize(("text", "language"), LANGUAGE, ids=[t or "empty" for t, _ in LANGUAGE])
def test_language(text, language):
    assert parse(text).language == language


REQUESTS = [
    ("in English please", "en"),
    ("english", "en"),
    ("English please", "en"),
    ("can we talk in english?", "en"),
    ("hablame en ingles", "en"),
    ("en ingles por favor", "en"),
    ("en español", "es"),
    ("hablame en castellano", "es"),
    ("spanish please", "es"),
    ("español", "es"),
    ("do you speak spanish?", "es"),
    ("no hablo ingles", None),
    ("I don't speak english", None),
    ("tengo 35 años", None),
    ("hello", None),
]


@pytest.mark.parametrize(("text", "request_"), REQUESTS, ids=[t for t, _ in REQUESTS])
def test_language_requests(text, request_):
    assert parse(text).language_request == request_


def test_switch_language_intents():
    assert parse("", intent="switch_language_en").language_request == "en"
    assert parse("", intent="switch_language_es").language_request == "es"


# --- hostile and odd input ------------------------------------------------------------------------

HOSTILE = [
    "",
    " ",
    "   \n\t ",
    "a" * 10_000,
    "tengo 35 años " * 800,
    "🙂" * 3000,
    "\x00\x01\x02\x1b[31m",
    "\u202e\u200b",
    "'; DROP TABLE faq;--",
    "NEAR(",
    "NEAR(a b",
    '" OR 1=1 --',
    "<script>alert(1)</script>",
    "<b>hola</b>",
    "Привет, как дела",
    "مرحبا",
    "你好，我想找工作",
    "-5",
    "0",
    "999",
    "1e9",
    "mil millones",
    "9" * 5000,
    "1.2.3.4.5",
    "1,,2",
    "..,,;;",
    "¿¿??",
    "/",
    "//",
    "/inform{",
    '/inform{"age": 1e999}',
    "/inform[]",
    "S/",
    "S/.",
    "$",
    "US$ 500",
    "-",
    "--5",
    "5--6",
    "%s %d {0}",
    "\\x00",
    "ñ" * 100,
    "\ud800",
]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_input_never_raises(text, caplog):
    for asked in (
        None,
        "age",
        "children",
        "monthly_income",
        "place",
        "occupation",
        "education",
        "goal",
        "household_head",
        "consent",
        "nonsense",
    ):
        result = parse(text, asked=asked)
        assert isinstance(result, Parsed)
        assert_engine_values(result.facts)
    assert "could not parse" not in caplog.text


@pytest.mark.parametrize(
    "args",
    [
        (None,),
        (123,),
        (b"bytes",),
        (["list"],),
        ("hola", 5),
        ("hola", None, 7),
        ("hola", None, None, "not a list"),
        ("hola", None, None, [1, None, "x"]),
    ],
)
def test_wrong_argument_types_never_raise(args):
    assert isinstance(parse(*args), Parsed)


def test_absurd_values_are_ignored():
    assert parse("-5", asked="children").facts == {}
    assert parse("999", asked="age").facts == {}
    assert parse("1e9", asked="monthly_income").facts == {}
    assert parse("mil millones", asked="monthly_income").facts == {}
    assert parse("gano -500 soles").facts == {}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.text(max_size=300),
    asked=st.sampled_from(
        [None, "age", "monthly_income", "children", "place", "occupation", "education", "household_head", "consent"]
    ),
)
def test_any_text_never_raises(text, asked):
    result = parse(text, asked=asked)
    assert isinstance(result, Parsed)
    assert_engine_values(result.facts)
    assert result.language in (None, "es", "en")
    assert result.yes_no in (None, True, False)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    words=st.lists(
        st.sampled_from(
            [
                "tengo",
                "35",
                "años",
                "no",
                "si",
                "hijos",
                "gano",
                "soles",
                "vivo",
                "en",
                "Lima",
                "soy",
                "carpintero",
                "de",
                "y",
                ",",
                "?",
                "mil",
                "treinta",
                "hace",
                "trabajo",
                "como",
                "sin",
                "chamba",
                "I",
                "am",
                "a",
                "years",
                "old",
                "sino",
                "perdon",
                "secundaria",
                "3ro",
                "S/",
                "1.200",
                "-5",
                "quiero",
                "negocio",
            ]
        ),
        max_size=25,
    )
)
def test_word_salad_gives_valid_facts(words):
    result = parse(" ".join(words))
    assert_engine_values(result.facts)


def test_without_a_knowledge_base_parsing_still_works(tmp_path, parsing_kb):
    knowledge.use_database(tmp_path / "missing" / "knowledge.db")
    try:
        assert parse("tengo 35 años").facts == {"age": 35}
        assert parse("trabajo como carpintero").facts == {"occupation": "carpintero"}
        assert parse("vivo en Chiclayo").place == "Chiclayo"
        assert isinstance(parse("soy de Piura"), Parsed)
    finally:
        knowledge.use_database(parsing_kb)


# --- the lexicon and the module --------------------------------------------------------------------


def test_lexicon_values_are_the_engines():
    lexicon = yaml.load((PROJECT_ROOT / "bot" / "lexicon.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    for fact, values in lexicon["phrases"].items():
        spec = ENGINE_FACTS[fact]
        if spec["type"] == "boolean":
            assert set(values) <= {"true", "false"}, fact
        else:
            assert set(values) <= set(spec["choices"]), fact
    for fact, values in lexicon["asked_phrases"].items():
        spec = ENGINE_FACTS[fact]
        allowed = {"true", "false"} if spec["type"] == "boolean" else set(spec["choices"])
        assert set(values) <= allowed, fact
    for fact in lexicon["number_facts"]:
        assert ENGINE_FACTS[fact]["type"] in ("integer", "number"), fact
    for fact in lexicon["zero_answers"]:
        assert fact in ENGINE_FACTS, fact


def test_every_engine_choice_has_phrases():
    lexicon = parsing._lexicon()
    for fact in ("education", "employment_status", "goal", "priority_group"):
        assert set(lexicon.choices[fact]) == set(ENGINE_FACTS[fact]["choices"]), fact


def test_importing_loads_nothing_and_needs_no_rasa():
    code = (
        "import sys\nimport actions.parsing as p\n"
        "assert p._LEXICON is None, 'lexicon loaded at import'\n"
        "assert not [m for m in sys.modules if m.split('.')[0] in ('rasa', 'rasa_sdk')], 'rasa imported'\n"
        "print(p.parse('tengo 35 años').facts)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "{'age': 35}"


def test_reload_lexicon():
    parsing.reload_lexicon()
    assert parse("tengo 35 años").facts == {"age": 35}


TYPICAL = [
    "tengo 35 años",
    "si",
    "no",
    "vivo en Chiclayo",
    "soy carpintero",
    "gano 900 soles",
    "tengo 2 hijos",
    "estoy sin chamba",
    "termine el colegio",
    "quiero poner mi negocio",
    "cuanto dura el curso?",
    "hola",
    "tengo 35 años, vivo en Chiclayo y gano 900 soles",
    "I'm a carpenter",
    "10 años de carpintero",
    "no tengo hijos",
    "soy de Piura",
    "trabajo como albañil",
    "Cusco",
    "in English please",
]


def test_typical_messages_are_fast():
    for text in TYPICAL:  # warm up: lexicon, knowledge caches
        parse(text)
        parse(text, asked="place")
    timings = []
    for _ in range(5):
        for text in TYPICAL:
            start = time.perf_counter()
            parse(text)
            timings.append(time.perf_counter() - start)
    assert statistics.median(timings) < 0.002, f"median {statistics.median(timings) * 1000:.2f} ms"
