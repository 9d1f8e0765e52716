"""Bare answers to the question just asked, yes and no, corrections, places, buttons and entities,
the message's language: whole readings."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import knowledge
from actions.understanding import parse
from tests.understanding.conftest import read

# (text, asked, facts[, ranges])
ANSWERS = [
    ('35', 'age', {'age': 35}),
    ('treinta y cinco', 'age', {'age': 35}),
    ('thirty five', 'age', {'age': 35}),
    ('35 años', 'age', {'age': 35}),
    ('tengo 35', 'age', {'age': 35}),
    ('999', 'age', {}),
    ('0', 'age', {}),
    ('-5', 'age', {}),
    ('2', 'children', {'children': 2}),
    ('dos', 'children', {'children': 2}),
    ('uno', 'children', {'children': 1}),
    ('tengo 2', 'children', {'children': 2}),
    ('0', 'children', {'children': 0}),
    ('ninguno', 'children', {'children': 0}),
    ('no', 'children', {'children': 0}),
    ('-5', 'children', {}),
    ('900', 'monthly_income', {'monthly_income': 900}),
    ('S/ 1,200', 'monthly_income', {'monthly_income': 1200}),
    ('S/. 1200', 'monthly_income', {'monthly_income': 1200}),
    ('1.200 soles', 'monthly_income', {'monthly_income': 1200}),
    ('1,200.50', 'monthly_income', {'monthly_income': 1200.5}),
    ('900 lucas', 'monthly_income', {'monthly_income': 900}),
    ('mil quinientos', 'monthly_income', {'monthly_income': 1500}),
    ('2 mil', 'monthly_income', {'monthly_income': 2000}),
    ('entre 800 y 1000', 'monthly_income', {}, {'monthly_income': (800.0, 1000.0)}),
    ('50 diarios', 'monthly_income', {}),
    ('nada', 'monthly_income', {'monthly_income': 0}),
    ('no gano nada', 'monthly_income', {'monthly_income': 0}),
    ('mil millones', 'monthly_income', {}),
    ('1e9', 'monthly_income', {}),
    ('5', 'work_experience_years', {'work_experience_years': 5}),
    ('como 5 años', 'work_experience_years', {'work_experience_years': 5}),
    ('un año y medio', 'work_experience_years', {'work_experience_years': 1.5}),
    ('6 meses', 'work_experience_years', {'work_experience_years': 0.5}),
    ('ninguno', 'work_experience_years', {'work_experience_years': 0}),
    ('10', 'occupation_experience_years', {'occupation_experience_years': 10}),
    ('si', 'household_head', {'household_head': True}),
    ('sí, yo', 'household_head', {'household_head': True}),
    ('no', 'household_head', {'household_head': False}),
    ('mi esposo', 'household_head', {'household_head': False}),
    ('claro', 'has_disability', {'has_disability': True}),
    ('nop', 'has_disability', {'has_disability': False}),
    ('no tengo', 'disability_certificate', {'disability_certificate': False}),
    ('si, ya lo tengo', 'disability_certificate', {'disability_certificate': True}),
    ('carpintero', 'occupation', {'occupation': 'carpintero_industrial'}),
    ('de costurera', 'occupation', {'occupation': 'confeccionista_tejido_plano'}),
    ('albañil', 'occupation', {'occupation': 'albañil'}),
    ('Mototaxista nomas', 'occupation', {'occupation': 'mototaxista'}),
    ('soy ama de casa', 'occupation', {'occupation': 'ama de casa'}),
    # An ending that only says it is the trade: "de oficio", "ese es mi oficio", "by trade".
    ('cuidadora de adultos mayores de oficio', 'occupation', {'occupation': 'cuidadora de adultos mayores'}),
    ('gasfitero, ese es mi oficio', 'occupation', {'occupation': 'gasfitero'}),
    ('mecanico de profesion', 'occupation', {'occupation': 'mecanico'}),
    ('soy carpintero de oficio', 'occupation', {'occupation': 'carpintero_industrial'}),
    ('upholsterer by trade', 'occupation', {'occupation': 'upholsterer'}),
    ('ese es mi oficio', 'occupation', {}),
    # The trade's years after "en ese oficio": no age of 15.
    ('mi chamba es de estampador textil, en ese oficio tengo 15 años', 'occupation',
     {'occupation': 'estampador_prendas', 'occupation_experience_years': 15}),
    ('in that trade I have 6 years', 'occupation', {'occupation_experience_years': 6}),
    # "Wait a moment" names no trade.
    ('esperame tantito', 'occupation', {}),
    ('dame un segundo', 'occupation', {}),
    ('ahorita te digo', 'occupation', {}),
    ('carpintero, 10 años', 'occupation', {'occupation_experience_years': 10, 'occupation': 'carpintero_industrial'}),
    ('ninguno', 'occupation', {}),
    ('cuanto dura el curso?', 'occupation', {}),
    ('que cursos hay', 'occupation', {}),
    ('secundaria completa', 'education', {'education': 'secondary_complete'}),
    ('solo primaria', 'education', {'education': 'primary_complete'}),
    ('5to de secundaria', 'education', {'education': 'secondary_complete'}),
    ('3ro de secu', 'education', {'education': 'secondary_incomplete'}),
    ('ninguno', 'education', {'education': 'none'}),
    ('universidad', 'education', {'education': 'higher_complete'}),
    ('estoy sin chamba', 'employment_status', {'employment_status': 'unemployed'}),
    ('desempleado', 'employment_status', {'employment_status': 'unemployed'}),
    ('cachuelos nomas', 'employment_status', {'employment_status': 'underemployed'}),
    ('trabajo fijo', 'employment_status', {'employment_status': 'employed'}),
    # Work that comes and goes, or too few hours: underemployed.
    ('a veces hay chamba, a veces no', 'employment_status', {'employment_status': 'underemployed'}),
    ('unas pocas horas a la semana', 'employment_status', {'employment_status': 'underemployed'}),
    ('a few hours a week', 'employment_status', {'employment_status': 'underemployed'}),
    ("I'm working but it's irregular and badly paid, about 400 soles a month", 'employment_status',
     {'employment_status': 'underemployed', 'monthly_income': 400}),
    ('I work full time', 'employment_status', {'employment_status': 'employed'}),
    # The home depends on them: head of household.
    ('todo en la casa depende de mi', 'household_head', {'household_head': True}),
    ('everything at home depends on me', 'household_head', {'household_head': True}),
    ('mi familia depende de mi, tengo 3 hijos', 'household_head', {'household_head': True, 'children': 3}),
    # An age after a lead-in word.
    ('bueno 48 años', 'age', {'age': 48}),
    ('este... 35 años', 'age', {'age': 35}),
    ('pues 48 años', 'age', {'age': 48}),
    ('well, 40 years', 'age', {'age': 40}),
    ('bueno 20 años', 'work_experience_years', {'work_experience_years': 20}),
    # Yes and no in words a learner of English uses.
    ("that's right", 'household_head', {'household_head': True}),
    ('I have not disability', 'has_disability', {'has_disability': False}),
    ('que me consigan un empleo', 'goal', {'goal': 'job'}),
    ('negocio', 'goal', {'goal': 'own_business'}),
    ('chamba', 'goal', {'goal': 'job'}),
    ('certificarme', 'goal', {'goal': 'certify_skills'}),
    ('no se', 'goal', {'goal': 'unsure'}),
    ('las dos cosas', 'goal', {}),
    ('si', 'consent', {}),
]


@pytest.mark.parametrize("case", ANSWERS, ids=[f"{c[0]}|{c[1]}" for c in ANSWERS])
def test_bare_answers(case):
    text, asked, facts, *ranges = case
    read(text, asked=asked, facts=facts, ranges=ranges[0] if ranges else None)


def test_consent_is_only_a_yes_or_no():
    for text, answer in (("si", True), ("acepto", True), ("ya", True), ("no", False), ("no acepto", False)):
        read(text, asked="consent", yes_no=answer)


def test_a_bare_number_without_a_question_is_no_fact():
    for text in ("35", "treinta y cinco", "900", "2"):
        read(text)


def test_an_unknown_question_name_is_ignored():
    read("35", asked="shoe_size")


def test_a_question_is_never_a_free_text_answer():
    for asked in ("place", "occupation", "education", "goal", "age", "monthly_income"):
        for text in ("cuanto dura el curso?", "¿es gratis?", "que documentos piden", "donde queda la oficina",
                     "how long is the course?", "is it free", "35?"):
            read(text, asked=asked, question=True)


def test_a_supposition_in_a_question_is_not_a_fact():
    read("y si tengo 60 años puedo postular?", question=True)
    read("que pasa si no tengo hijos?", question=True)
    read("tengo 50 años, puedo entrar?", facts={"age": 50}, question=True)


def test_small_talk_is_no_answer_whatever_the_intent():
    read("hola", asked="place", intent="greet")
    read("hola", asked="place")
    read("gracias!", asked="occupation")
    read("Cusco", asked="place", intent="inform", place="Cusco")
    read("Cusco", asked="place", intent="greet", place="Cusco")


# (text, asked, place)
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
    assert result.facts == ({"priority_group": ["vrae_resident"]} if "VRAE" in text else {})


def test_place_answer_that_is_a_priority_area():
    read("VRAE", asked="place", facts={"priority_group": ["vrae_resident"]})


def test_captured_places_resolve_in_the_knowledge_base():
    for text in ("vivo en Chiclayo", "vivo en sjl", "Vivo en San Juan de Lurigancho", "soy de Arequipa"):
        assert knowledge.resolve_place(parse(text).place)["name"], text


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
    ("no tengo hijos aun", None),
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
    read("no tengo hijos aun", asked="household_head", facts={"children": 0}, yes_no=None)


@pytest.mark.parametrize(("intent", "answer"), [("affirm", True), ("deny", False)])
def test_affirm_and_deny_intents_with_no_text(intent, answer):
    read("", intent=intent, yes_no=answer)
    read("", asked="household_head", intent=intent, facts={"household_head": answer}, yes_no=answer)
    read(f"/{intent}", yes_no=answer)


def test_an_intent_does_not_override_a_statement():
    read("tengo 2 hijos", asked="household_head", intent="affirm", facts={"children": 2}, yes_no=None)


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
    read(text, asked=asked, facts=expected, correction=True)


@pytest.mark.parametrize("text", ["tengo 45 años", "no tengo hijas", "perdon, no entendi", "hola", ""])
def test_not_corrections(text):
    assert parse(text).correction is False


def test_correct_intent_marks_a_correction():
    read("tengo 45", intent="correct", facts={"age": 45}, correction=True)


def test_corrections_that_restate_are_marked():
    for text in ("perdon me equivoque, son 44 anos", "no no, tengo 37 no 27", "ah no, tengo 3 hijos",
                 "ah, no... tengo 45", "my mistake, I'm 40", "I'm 39 not 29", "I got that wrong, I'm 45"):
        assert parse(text).correction is True, text
    for text in ("ah no se", "oh no, I lost my job"):
        assert parse(text).correction is False, text


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
    read("", intent="inform", entities=entities, facts=expected)


def test_button_payload_as_text():
    read('/inform{"education":"secondary_complete"}', facts={"education": "secondary_complete"})
    read('/inform{"priority_group": ["fisher"]}', facts={"priority_group": ["fisher"]})
    read('/inform{"has_disability": "false"}', facts={"has_disability": False})
    read("/inform{not json")


def test_entities_win_over_text():
    read("tengo 35 años", intent="inform", entities=[{"entity": "age", "value": 40}], facts={"age": 40})


def test_place_and_consent_entities():
    entities = [{"entity": "place", "value": "Chiclayo"}, {"entity": "consent", "value": "true"}]
    read("", intent="inform", entities=entities, place="Chiclayo", yes_no=True)


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


ASIDES = ["que es eso?", "cual?", "de que me habla?", "what is that?", "why do you ask?", "perdon, no entiendo."]
CLAUSE_ANSWERS = [
    ("disability_certificate", "no lo tengo", False), ("disability_certificate", "I don't have it yet", False),
    ("disability_certificate", "I do have one", True), ("has_disability", "nada de eso", False),
    ("has_disability", "none", False), ("goal", "usted que me recomienda", "unsure"),
]


@settings(max_examples=120, deadline=None)
@given(aside=st.sampled_from(ASIDES), answer=st.sampled_from(CLAUSE_ANSWERS), first=st.booleans())
def test_an_answer_clause_beside_a_question_or_an_aside(aside, answer, first):
    """The answer to the question just asked, as one clause before or after a question of the applicant's."""
    asked, clause, value = answer
    text = f"{clause}, {aside}" if first else f"{aside} {clause}"
    read(text, asked=asked, facts={asked: value})


def test_clauses_that_disagree_give_no_answer():
    read("no lo tengo, que es eso? si lo tengo", asked="disability_certificate", question=True)
