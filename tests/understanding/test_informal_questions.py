"""Questions typed without "?" in the middle of the screening are questions, not answers: chat spellings
("q", "xq", "x donde", "kisiera saber"), a question announced ("otra pregunta, ..."), asked of the team
("tienen ...", "me dices si ..."), or inside a clause ("..., do you certify plumbers"). Answers stay
answers. Whole readings at the education question; the texts are our own wording."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.understanding.conftest import read

QUESTIONS = [
    ("buenas, kisiera saber si puedo entrar al programa", {}, None),
    ("porfa me dices si hay que tener secundaria completa", {}, None),  # a supposition: no education
    ("ya abrieron las inscripciones o todavia no", {}, None),
    ("tienen oficina en el cono norte", {}, None),
    ("a q hora atienden los sabados", {}, None),
    ("hay q pagar algo por el certificado o no", {}, None),
    ("otra pregunta, el curso de cuantas semanas es", {}, None),
    ("q oficios certifican ustedes", {}, None),
    ("hasta q hora atienden", {}, None),
    ("xq piden el dni de mis hijos", {}, None),
    ("q tipo de cursos dan", {}, None),
    ("x donde queda la oficina del ministerio", {}, None),
    ("pa q sirve el certificado", {}, None),
    ("me explicas como funciona lo del autoempleo", {}, None),
    ("list of courses please", {}, None),
    ("is there a course for bakers near me", {}, None),
    # the applicant's own facts before the question still count
    ("soy gasfitero, do you certify plumbers", {"occupation": "gasfitero"}, None),
    ("tengo 35 años, en arequipa donde me inscribo", {"age": 35}, "arequipa"),
    ("I'm 40, can I still apply", {"age": 40}, None),
    ("vivo en comas y quisiera saber q centro me toca", {}, "comas"),
]


@pytest.mark.parametrize(("text", "facts", "place"), QUESTIONS)
def test_a_question_without_a_question_mark_is_a_question(text, facts, place):
    read(text, asked="education", facts=facts, place=place, question=True, yes_no=None)


ANSWERS = [
    ("no tengo", "employment_status", {"employment_status": "unemployed"}),
    ("hago cachuelos", "employment_status", {"employment_status": "underemployed"}),
    ("estoy por perder mi trabajo", "employment_status", {"employment_status": "at_risk"}),
    ("tengo trabajo pero me pagan poco", "employment_status", {"employment_status": "underemployed"}),
    ("antes trabajaba de albañil", "employment_status", {"occupation": "albañil"}),
    ("tengo 2 hijos", "children", {"children": 2}),
    ("quiero conseguir trabajo", "goal", {"goal": "job"}),
    ("que me ayuden a conseguir chamba", "goal", {"goal": "job"}),
    ("que me certifiquen como carpintero", "goal", {"goal": "certify_skills", "occupation": "carpintero_industrial"}),
    ("depende de cuanto trabajo, como 800", "monthly_income", {"monthly_income": 800}),
    ("desde que me botaron no tengo nada", "monthly_income", {"employment_status": "unemployed"}),
    ("hasta tercero de secundaria nomas", "education", {"education": "secondary_incomplete"}),
    ("I do odd jobs", "employment_status", {"employment_status": "underemployed"}),
]


@pytest.mark.parametrize(("text", "asked", "facts"), ANSWERS)
def test_an_answer_is_no_question(text, asked, facts):
    read(text, asked=asked, facts=facts, question=False)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(["", "hola, ", "ya, ", "mire, ", "buenas señorita, "]),
       st.sampled_from([("tengo {n} hijos", "children"), ("tengo {n} años", "age"),
                        ("gano {n} soles", "monthly_income")]),
       st.integers(2, 9),
       st.sampled_from(["a q hora abren", "en mi distrito donde me inscribo", "q requisitos hay",
                        "do you help with jobs", "hay q pagar o es gratis", "me dices si califico"]))
def test_an_answer_then_a_question_keeps_the_answer(opener, answer, n, question):
    template, fact = answer
    value = n * 100 if fact == "monthly_income" else n * 10 if fact == "age" else n
    text = f"{opener}{template.format(n=value)}, {question}"
    read(text, facts={fact: value}, question=True)
