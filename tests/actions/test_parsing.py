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
    ("me pagan 40 soles diarios", {"monthly_income": None}),  # per day: the bot asks per month
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
    ("50 diarios", "monthly_income", {"monthly_income": None}),
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


# --- readings that used to go wrong, one block per kind of message ------------------------------------
# (text, asked, intent, expected): `expected` as in check(); "place" in it is the place read.

CERTIFICATE_ANSWERS = [
    # A yes to the certificate question says only that: the disability is already known when it is asked.
    ("simon pe", "disability_certificate", None, {"disability_certificate": True, "has_disability": None}),
    ("si, si tengo el carnet", "disability_certificate", None,
     {"disability_certificate": True, "has_disability": None}),
    ("sí, lo tengo", "disability_certificate", None, {"disability_certificate": True, "has_disability": None}),
    ("si tengo carnet conadis", "disability_certificate", None,
     {"disability_certificate": True, "has_disability": None}),
    ("yes I do", "disability_certificate", None, {"disability_certificate": True, "has_disability": None}),
    ("yeah I have it", "disability_certificate", None, {"disability_certificate": True, "has_disability": None}),
    ("", "disability_certificate", "affirm", {"disability_certificate": True, "has_disability": None}),
    ("si, ya tengo mi certificado", "disability_certificate", None,
     {"disability_certificate": True, "has_disability": None}),
    ("no", "disability_certificate", None, {"disability_certificate": False, "has_disability": None}),
    # Unprompted, a certificate still means a disability.
    ("tengo carnet conadis", None, None, {"disability_certificate": True, "has_disability": True}),
    ("tengo el certificado de discapacidad", None, None, {"disability_certificate": True, "has_disability": True}),
    ("I have the CONADIS card", None, None, {"disability_certificate": True, "has_disability": True}),
    ("si tengo carnet conadis", "age", None, {"disability_certificate": True, "has_disability": True}),
]

HOUSEHOLD_HEAD = [
    # someone else heads the household
    ("nop, mi esposo es el jefe de familia", None, None, {"household_head": False}),
    ("nop, mi esposo es el jefe de familia", "household_head", None, {"household_head": False}),
    ("el jefe de hogar es mi papá", None, None, {"household_head": False}),
    ("mi esposa es la jefa del hogar", None, None, {"household_head": False}),
    ("no, la jefa de hogar es mi mamá", "household_head", None, {"household_head": False}),
    ("no, mi mamá es la jefa de familia", None, None, {"household_head": False}),
    ("el jefe de familia es mi suegro", None, None, {"household_head": False}),
    ("no, el que mantiene la casa es mi esposo", None, None, {"household_head": False}),
    ("my wife is the head of the household", None, None, {"household_head": False}),
    ("my husband is the head of household", None, None, {"household_head": False}),
    ("no, my dad is the breadwinner", None, None, {"household_head": False}),
    ("the head of the household is my mother", None, None, {"household_head": False}),
    # supporting one's family or children
    ("soy viuda y mantengo a mis 2 hijas", None, None, {"household_head": True, "children": 2}),
    ("soy viuda, mantengo a mis 3 hijos", None, None, {"household_head": True, "children": 3}),
    ("soy madre soltera y mantengo a mis hijos", None, None, {"household_head": True}),
    ("soy padre soltero y mantengo a mi hija", None, None, {"household_head": True}),
    ("yo solita mantengo a mis hijos", None, None, {"household_head": True}),
    ("mantengo a mi mamá y a mis hermanos", None, None, {"household_head": True}),
    ("tengo que mantener a mis hijos", None, None, {"household_head": True}),
    ("yo mantengo la casa", None, None, {"household_head": True}),
    ("I'm a single dad and I support my 2 kids", None, None, {"household_head": True, "children": 2}),
    ("I'm a single mom and I support my three children", None, None, {"household_head": True, "children": 3}),
    ("I'm a widow and I provide for my kids", None, None, {"household_head": True}),
    ("I'm the one who supports the family", None, None, {"household_head": True}),
    ("no mantengo a nadie", None, None, {"household_head": None}),
]

PAY_PERIODS = [
    # pay per day or week is not a monthly income (the bot asks per month)
    ("saco unos 40 soles diarios", None, None, {"monthly_income": None}),
    ("gano 300 a la semana", None, None, {"monthly_income": None}),
    ("gano 50 soles por dia", None, None, {"monthly_income": None}),
    ("me pagan 350 semanales", None, None, {"monthly_income": None}),
    ("gano 800 quincenal", None, None, {"monthly_income": None}),
    ("I earn 40 soles per day", None, None, {"monthly_income": None}),
    ("I make 200 a week", None, None, {"monthly_income": None}),
    ("unos 80 diarios", "monthly_income", None, {"monthly_income": None}),
    ("me pagan 500 por semana", "monthly_income", None, {"monthly_income": None}),
    # nor is its number another fact
    ("saco unos 40 soles diarios", "age", None, {"age": None, "monthly_income": None}),
    # a month, or no period, is
    ("gano 40 al dia y 1000 al mes", None, None, {"monthly_income": 1000}),
    ("gano 1200 mensual", None, None, {"monthly_income": 1200}),
    ("gano 1500", None, None, {"monthly_income": 1500}),
    ("I earn 1100 soles a month", None, None, {"monthly_income": 1100}),
]

ARTICLES_AND_LOW_PAY = [
    # "un"/"una" count only before a counted noun
    ("gano una miseria, 600 al mes", None, None, {"monthly_income": 600, "employment_status": "underemployed"}),
    ("me pagan una miseria, 700 soles al mes", None, None,
     {"monthly_income": 700, "employment_status": "underemployed"}),
    ("gano una miseria", None, None, {"monthly_income": None, "employment_status": "underemployed"}),
    ("tengo un hermano", None, None, {"children": None}),
    ("tengo una tienda", None, None, {"children": None}),
    ("tengo un hijo", None, None, {"children": 1}),
    ("tengo una sola hija", None, None, {"children": 1}),
    ("tengo un año de experiencia", None, None, {"work_experience_years": 1}),
    ("una", "children", None, {"children": 1}),
    ("una nomas", "children", None, {"children": 1}),
    ("un año", "work_experience_years", None, {"work_experience_years": 1}),
    # a job that pays too little is underemployment, whatever the order
    ("tengo chamba pero gano una miseria", None, None, {"employment_status": "underemployed"}),
    ("tengo chamba pero gano poco", None, None, {"employment_status": "underemployed"}),
    ("tengo trabajo pero no me alcanza", None, None, {"employment_status": "underemployed"}),
    ("gano poco aunque tengo chamba", None, None, {"employment_status": "underemployed"}),
    ("tengo trabajo fijo pero me pagan una miseria", None, None, {"employment_status": "underemployed"}),
    ("I have a job but it doesn't pay enough", None, None, {"employment_status": "underemployed"}),
    ("I have a job but I earn very little", None, None, {"employment_status": "underemployed"}),
    # what is said of now counts
    ("antes hacia cachuelos, ahora tengo trabajo fijo", None, None, {"employment_status": "employed"}),
]

SCHOOLING = [
    ("estudie en un instituto pero no termine", None, None, {"education": "higher_incomplete"}),
    ("estudie en la universidad pero no la termine", None, None, {"education": "higher_incomplete"}),
    ("fui a la universidad pero la deje", None, None, {"education": "higher_incomplete"}),
    ("estudie en un instituto 2 años pero no acabe", None, None, {"education": "higher_incomplete"}),
    ("soy técnico titulado", None, None, {"education": "higher_complete"}),
    ("termine el instituto", None, None, {"education": "higher_complete"}),
    ("soy tecnico en computacion titulado", None, None, {"education": "higher_complete"}),
    ("soy técnico electricista titulado", None, None,
     {"education": "higher_complete", "occupation": "electricista_edificaciones"}),
    ("egrese del instituto", None, None, {"education": "higher_complete"}),
    ("la secundaria la deje en 4to", None, None, {"education": "secondary_incomplete"}),
    ("la secundaria no la termine", None, None, {"education": "secondary_incomplete"}),
    ("la primaria la acabe", None, None, {"education": "primary_complete"}),
    ("I did finish high school", None, None, {"education": "secondary_complete"}),
    ("I went to college but didn't finish", None, None, {"education": "higher_incomplete"}),
    ("I studied at an institute but didn't finish", None, None, {"education": "higher_incomplete"}),
    ("I finished technical school", None, None, {"education": "higher_complete"}),
    # the highest level named counts
    ("termine la secundaria y estudie en un instituto pero no termine", None, None,
     {"education": "higher_incomplete"}),
    ("no termine la secundaria pero termine el instituto", None, None, {"education": "higher_complete"}),
    ("I finished high school and I'm in college", None, None, {"education": "higher_incomplete"}),
    # each "finished" goes to its own level; wishes and other finishing say nothing
    ("no fui a la universidad, termine la secundaria", None, None, {"education": "secondary_complete"}),
    ("quiero terminar la secundaria", None, None, {"education": None}),
    ("termine de trabajar y estudie en la universidad", None, None, {"education": None}),
    ("I want to finish high school", None, None, {"education": None}),
    ("mi hijo esta en el colegio", None, None, {"education": None}),
]

TRADE_YEARS = [
    ("trabajo de electricista en obras desde hace 7 anos", None, None,
     {"occupation": "electricista_edificaciones", "occupation_experience_years": 7}),
    ("hace 7 años que soy electricista", None, None,
     {"occupation": "electricista_edificaciones", "occupation_experience_years": 7}),
    ("hace 12 años que trabajo de carpintero", None, None,
     {"occupation": "carpintero_industrial", "occupation_experience_years": 12}),
    ("desde hace 3 años soy costurera", None, None,
     {"occupation": "confeccionista_tejido_plano", "occupation_experience_years": 3}),
    ("soy electricista con 7 años de experiencia", None, None,
     {"occupation": "electricista_edificaciones", "occupation_experience_years": 7}),
    ("trabajo como soldador en una empresa desde hace 5 años", None, None,
     {"occupation": "soldador", "occupation_experience_years": 5}),
    ("I've been a carpenter for 12 years", None, None,
     {"occupation": "carpintero_industrial", "occupation_experience_years": 12}),
    ("I have been an electrician for 7 years", None, None,
     {"occupation": "electricista_edificaciones", "occupation_experience_years": 7}),
    ("I'm a carpenter with 12 years of experience", None, None,
     {"occupation": "carpintero_industrial", "occupation_experience_years": 12}),
    ("for 10 years I've been a plumber", None, None, {"occupation": "plumber", "occupation_experience_years": 10}),
    # with a trade told by what one does
    ("hago muebles hace 10 años", None, None,
     {"occupation": "carpintero_industrial", "occupation_experience_years": 10}),
    ("llevo 5 años tejiendo chompas", None, None,
     {"occupation": "tejedor_fibra_alpaca", "occupation_experience_years": 5}),
    ("hace 5 años que soy madre soltera", None, None, {"occupation": None, "occupation_experience_years": None}),
]

ACTIVITIES = [
    ("coso pantalones y camisas", "confeccionista_tejido_plano"),
    ("coso a maquina", "confeccionista_tejido_plano"),
    ("I sew clothes at home", "confeccionista_tejido_plano"),
    ("tejo chompas de alpaca a mano", "tejedor_fibra_alpaca"),
    ("tejo chompas", "tejedor_fibra_alpaca"),
    ("I knit alpaca sweaters by hand", "tejedor_fibra_alpaca"),
    ("hago moldes y corto tela", "cortador_patronista"),
    ("I make patterns and cut fabric", "cortador_patronista"),
    ("bordo polleras a mano", "bordador"),
    ("hago bordados", "bordador"),
    ("I do embroidery", "bordador"),
    ("cosecho esparragos en un fundo", "cosechador_esparrago"),
    ("trabajo en el esparrago", "cosechador_esparrago"),
    ("I pick asparagus", "cosechador_esparrago"),
    ("estampo polos", "estampador_prendas"),
    ("hago serigrafia", "estampador_prendas"),
    ("I do screen printing", "estampador_prendas"),
    ("hago instalaciones electricas en casas", "electricista_edificaciones"),
    ("instalo tomacorrientes y cableado", "electricista_edificaciones"),
    ("I do electrical wiring in houses", "electricista_edificaciones"),
    ("limpio oficinas", "operario_limpieza"),
    ("hago limpieza en oficinas", "operario_limpieza"),
    ("I clean offices", "operario_limpieza"),
    ("reviso plagas en los cultivos", "evaluador_fitosanitario"),
    ("monitoreo plagas en un fundo", "evaluador_fitosanitario"),
    ("I check crops for pests", "evaluador_fitosanitario"),
    ("tejo polos en maquina", "confeccionista_tejido_punto"),
    ("trabajo con remalladora", "confeccionista_tejido_punto"),
    ("tejo chompas a maquina", "confeccionista_tejido_punto"),
    ("I knit t-shirts", "confeccionista_tejido_punto"),
    ("I operate an overlock machine", "confeccionista_tejido_punto"),
    ("hago muebles de madera", "carpintero_industrial"),
    ("fabrico muebles de melamina", "carpintero_industrial"),
    ("I make furniture", "carpintero_industrial"),
    # not a trade
    ("quiero aprender a coser", None),
    ("limpio mi casa", None),
    ("hago pan", None),
    ("corto el pelo", None),
]

GOALS = [
    ("quiero certificarme como electricista", None, None,
     {"goal": "certify_skills", "occupation": "electricista_edificaciones"}),
    ("quiero certificar mi oficio de costurera", None, None,
     {"goal": "certify_skills", "occupation": "confeccionista_tejido_plano"}),
    ("certify me as a carpenter", None, None, {"goal": "certify_skills", "occupation": "carpintero_industrial"}),
    ("I want to certify my skills as a welder", None, None, {"goal": "certify_skills", "occupation": "welder"}),
    ("I'd like to get my skills certified", None, None, {"goal": "certify_skills"}),
    ("no se si capacitarme o poner negocio, estoy indeciso", None, None, {"goal": "unsure"}),
    ("estoy indecisa", None, None, {"goal": "unsure"}),
    ("no se si estudiar o trabajar", None, None, {"goal": "unsure"}),
    ("I'm not sure whether to look for a job or start a business", None, None, {"goal": "unsure"}),
    ("I'm undecided", None, None, {"goal": "unsure"}),
    ("quiero poner una bodega", None, None, {"goal": "own_business"}),
    ("quiero poner una tienda", None, None, {"goal": "own_business"}),
    ("quiero poner un puesto", None, None, {"goal": "own_business"}),
    ("quiero abrir un restaurante", None, None, {"goal": "own_business"}),
    ("I want to open a small shop", None, None, {"goal": "own_business"}),
    ("tengo una tienda", None, None, {"goal": None}),
]

AT_RISK = [
    ("my company is about to lay me off", None, None, {"employment_status": "at_risk"}),
    ("they are laying off people at my company", None, None, {"employment_status": "at_risk"}),
    ("I might lose my job soon", None, None, {"employment_status": "at_risk"}),
    ("me van a botar", None, None, {"employment_status": "at_risk"}),
    ("la empresa esta recortando personal", None, None, {"employment_status": "at_risk"}),
    ("no me van a renovar el contrato", None, None, {"employment_status": "at_risk"}),
    ("tengo trabajo pero me van a botar", None, None, {"employment_status": "at_risk"}),
]

PRIORITY_GROUPS = [
    ("vivo en pichari, zona del vraem", None, None, {"priority_group": ["vrae_resident"], "place": "pichari"}),
    ("vivo en Pichari zona del VRAEM", None, None, {"priority_group": ["vrae_resident"], "place": "Pichari"}),
    ("vivo en Llochegua en el VRAE", None, None, {"priority_group": ["vrae_resident"], "place": "Llochegua"}),
    ("soy del vrae", None, None, {"priority_group": ["vrae_resident"], "place": None}),
    ("I live in the VRAEM, in Kimbiri", None, None, {"priority_group": ["vrae_resident"], "place": "Kimbiri"}),
    ("vivo en el vraem, en kimbiri", None, None, {"priority_group": ["vrae_resident"], "place": "kimbiri"}),
    ("Kimbiri, VRAEM", "place", None, {"priority_group": ["vrae_resident"], "place": "Kimbiri"}),
    ("I came back from Chile last year", None, None, {"priority_group": ["returning_migrant"]}),
    ("regrese de argentina", None, None, {"priority_group": ["returning_migrant"]}),
    ("estuve viviendo 5 años en Chile y regrese", None, None, {"priority_group": ["returning_migrant"]}),
    ("I lived in Argentina for 10 years", None, None, {"priority_group": ["returning_migrant"]}),
    ("I'm a fisherman from Chimbote", None, None, {"priority_group": ["fisher"], "occupation": None}),
    ("soy pescador artesanal", None, None, {"priority_group": ["fisher"], "occupation": None}),
    ("trabajo de pescador hace 10 años", None, None, {"priority_group": ["fisher"], "occupation": None}),
    ("pescador", "occupation", None, {"priority_group": ["fisher"], "occupation": None}),
    ("I worked as a fisherman for 5 years", None, None, {"priority_group": ["fisher"], "occupation": None}),
]

RESTATED_CORRECTIONS = [
    ("perdon me equivoque, son 46 anos", None, None, {"age": 46}),
    ("no no, tengo 39 no 29", None, None, {"age": 39}),
    ("tengo 39, no 29", None, None, {"age": 39}),
    ("3 no 2", "children", None, {"children": 3}),
    ("uy no, tengo 2 hijos no 3", None, None, {"children": 2}),
    ("ah no, tengo 3 hijos", None, None, {"children": 3}),
    ("ah no, gano 1200", None, None, {"monthly_income": 1200}),
    ("ah no, 5", "work_experience_years", None, {"work_experience_years": 5}),
    ("my mistake, I'm 40", None, None, {"age": 40}),
    ("ah, no... tengo 45", None, None, {"age": 45}),
    ("I got that wrong, I'm 45", None, None, {"age": 45}),
    ("my mistake, I have 2 kids", None, None, {"children": 2}),
    ("oops, I'm 32 not 23", None, None, {"age": 32}),
    ("I'm 39 not 29", None, None, {"age": 39}),
]

QUESTIONS = [
    # explicit facts beside a question count
    ("do I qualify? I'm 28", None, None, {"age": 28}),
    ("can I apply? I'm 45", None, None, {"age": 45}),
    ("califico? tengo 28", None, None, {"age": 28}),
    ("tengo 28, califico?", None, None, {"age": 28}),
    ("I'm 60, can I apply?", None, None, {"age": 60}),
    ("am I eligible? I'm 30 and I live in Lima", None, None, {"age": 30, "place": "Lima"}),
    ("what are the requirements? I have 2 kids", None, None, {"children": 2}),
    # suppositions do not
    ("¿y si tengo 60 años puedo?", None, None, {"age": None}),
    ("y si tengo 60 años, puedo?", None, None, {"age": None}),
    ("what if I'm 60?", None, None, {"age": None}),
    ("if I had 3 kids could I apply?", None, None, {"children": None}),
    ("y si gano 2000 califico?", None, None, {"monthly_income": None}),
    # nor bare amounts that may be about the programme
    ("la beca es de 500 soles, no?", None, None, {"monthly_income": None}),
    # a question about the programme states no goal
    ("la certificacion de competencias q es", None, None, {"goal": None}),
    ("necesito experiencia para certificarme?", None, None, {"goal": None}),
    ("which trades can I get certified in?", None, None, {"goal": None}),
    ("will you help me find a job after the training?", None, None, {"goal": None}),
    ("quiero saber sobre la certificacion de competencias", None, None, {"goal": None}),
    ("quiero certificarme como electricista, que necesito?", None, None, {"goal": None, "occupation": None}),
    ("me interesa la certificacion de competencias", None, "ask_question", {"goal": None}),
    ("", None, "ask_question", {"goal": None}),
    ("me interesa la certificacion de competencias", None, None, {"goal": "certify_skills"}),
]

CLASSES = {
    "certificate": CERTIFICATE_ANSWERS,
    "household": HOUSEHOLD_HEAD,
    "pay_period": PAY_PERIODS,
    "article": ARTICLES_AND_LOW_PAY,
    "schooling": SCHOOLING,
    "trade_years": TRADE_YEARS,
    "goal": GOALS,
    "at_risk": AT_RISK,
    "priority_group": PRIORITY_GROUPS,
    "correction": RESTATED_CORRECTIONS,
    "question": QUESTIONS,
}
CLASS_CASES = [(name, *case) for name, cases in CLASSES.items() for case in cases]


@pytest.mark.parametrize(
    ("kind", "text", "asked", "intent", "expected"), CLASS_CASES,
    ids=[f"{k}:{t}|{a}|{i}" for k, t, a, i, _ in CLASS_CASES],
)
def test_readings_by_kind(kind, text, asked, intent, expected):
    expected = dict(expected)
    entities = [{"entity": "goal", "value": "job"}] if intent == "ask_question" and not text else None
    result = parse(text, asked=asked, intent=intent, entities=entities)
    if "place" in expected:
        assert result.place == expected.pop("place"), result
    check(result, expected)


@pytest.mark.parametrize(("text", "profile"), ACTIVITIES, ids=[t for t, _ in ACTIVITIES])
def test_trades_told_by_what_people_do(text, profile):
    check(parse(text), {"occupation": profile})


def test_activity_profiles_are_certifiable_profiles():
    lexicon = yaml.load((PROJECT_ROOT / "bot" / "lexicon.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    profiles = yaml.safe_load((SOURCES_DIR / "profiles.yml").read_text(encoding="utf-8"))["profiles"]
    ids = {p["id"] for p in profiles}
    assert set(lexicon["occupation"]["activities"]) == ids


def test_a_certificate_answer_does_not_undo_a_known_disability_answer():
    result = parse("si, tengo el carnet del conadis", asked="disability_certificate")
    assert result.facts == {"disability_certificate": True}


def test_corrections_that_restate_are_marked():
    for text in ("perdon me equivoque, son 46 anos", "no no, tengo 39 no 29", "ah no, tengo 3 hijos",
                 "ah, no... tengo 45", "my mistake, I'm 40", "I'm 39 not 29", "I got that wrong, I'm 45"):
        assert parse(text).correction is True, text
    for text in ("ah no se", "oh no, I lost my job"):
        assert parse(text).correction is False, text


def test_questions_are_still_questions():
    for text in ("la certificacion de competencias q es", "quiero saber sobre los cursos", "do I qualify? I'm 28"):
        assert parse(text).yes_no is None
        assert parse(text, asked="goal").facts.get("goal") is None, text
    assert parse("hola que tal").facts == {}


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
