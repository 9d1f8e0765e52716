"""Classes of plain answers simulated applicants gave at the bot's own questions that the parser
missed, each with examples of our own wording (never the simulator's phrase bank, never the held-out
sets): whole readings, and the negations, other people's facts and wishes that must give nothing."""

from __future__ import annotations

import pytest

from tests.understanding.conftest import read

# class -> [(text, asked, facts)]
CLASSES = {
    "about_to_lose_the_job": [
        ("ando por perder la chamba", "employment_status", {"employment_status": "at_risk"}),
        ("creo que estoy a punto de perder mi puesto", None, {"employment_status": "at_risk"}),
        ("ya no me van a renovar el contrato", None, {"employment_status": "at_risk"}),
        ("el mes que viene ya no hay chamba", None, {"employment_status": "at_risk"}),
        ("me entregaron mi carta de preaviso", None, {"employment_status": "at_risk"}),
        ("mi puesto corre peligro", None, {"employment_status": "at_risk"}),
        ("they will let me go next month", None, {"employment_status": "at_risk"}),
        ("I'm likely to get laid off", None, {"employment_status": "at_risk"}),
        ("they won't renew my contract", None, {"employment_status": "at_risk"}),
        ("my position is on the line", None, {"employment_status": "at_risk"}),
    ],
    "the_workplace_is_closing": [
        ("la empresa donde trabajo va a quebrar", None, {"employment_status": "at_risk"}),
        ("la planta esta en crisis y temo que me despidan", None, {"employment_status": "at_risk"}),
        ("my company is going bankrupt", None, {"employment_status": "at_risk"}),
        ("the store where I work will shut down", None, {"employment_status": "at_risk"}),
    ],
    "not_at_risk": [
        ("no voy a perder mi trabajo", None, {}),
        ("mi trabajo no peligra", None, {}),
        ("la empresa de mi esposo va a cerrar", None, {}),
        ("the factory is not closing", None, {}),
        ("I'm not going to lose my job", None, {}),
        ("they won't fire me", None, {}),
    ],
    "work_now_and_then": [
        ("chambeo cuando hay nomas", None, {"employment_status": "underemployed"}),
        ("trabajo algunos dias a la semana", None, {"employment_status": "underemployed"}),
        ("I only work occasionally", None, {"employment_status": "underemployed"}),
        ("side jobs only", None, {"employment_status": "underemployed"}),
        ("casual labour mostly", None, {"employment_status": "underemployed"}),
    ],
    "paid_too_little": [
        ("me pagan bien poquito", None, {"employment_status": "underemployed"}),
        ("they pay me so little", None, {"employment_status": "underemployed"}),
        ("below minimum wage", None, {"employment_status": "underemployed"}),
        ("vivimos al dia", None, {"employment_status": "underemployed"}),
        ("no me pagan poco", None, {}),
        ("no me pagan bien", None, {}),
    ],
    "street_vending": [
        ("soy vendedora ambulante", None, {"employment_status": "underemployed"}),
        ("vendo en los buses caramelos", None, {"employment_status": "underemployed"}),
        ("I sell on the streets", None, {"employment_status": "underemployed"}),
        ("mi mama es ambulante", None, {}),
    ],
    "stable_employment": [
        ("soy nombrada en el colegio", None, {"employment_status": "employed"}),
        ("estoy contenta en mi chamba", None, {"employment_status": "employed"}),
        ("mi empleo es estable", None, {"employment_status": "employed"}),
        ("trabajo con contrato en una empresa", None, {"employment_status": "employed"}),
        ("I'm on the payroll", None, {"employment_status": "employed"}),
        ("I have a secure job", None, {"employment_status": "employed"}),
        ("I work at a formal company", None, {"employment_status": "employed"}),
        ("my job is stable", None, {"employment_status": "employed"}),
        ("trabajo estable, con seguro", "employment_status", {"employment_status": "employed"}),
        ("steady job", "employment_status", {"employment_status": "employed"}),
    ],
    "not_stable_employment": [
        ("no soy nombrado", None, {}),
        ("no estoy contento en mi trabajo", None, {}),
        ("mi trabajo no es estable", None, {}),
        ("I don't have a secure job", None, {}),
        ("I am not on the payroll", None, {}),
        ("quiero un trabajo con contrato", None, {"goal": "job"}),
        ("gano bien poco", None, {"employment_status": "underemployed"}),
        ("my job is not secure", None, {"employment_status": "at_risk"}),
    ],
    "without_work": [
        ("ando desocupada", None, {"employment_status": "unemployed"}),
        ("I'm without a job", None, {"employment_status": "unemployed"}),
        ("I don't work", None, {"employment_status": "unemployed"}),
        ("I don't work on sundays", None, {}),
    ],
    "goal_unsure_in_other_words": [
        ("aun no lo tengo claro", "goal", {"goal": "unsure"}),
        ("no estoy segura de nada", "goal", {"goal": "unsure"}),
        ("lo que sea, no se", "goal", {"goal": "unsure"}),
        ("mmm no se que decirle", "goal", {"goal": "unsure"}),
        ("necesito que me aconsejen", "goal", {"goal": "unsure"}),
        ("lo que ustedes me digan", "goal", {"goal": "unsure"}),
        ("still deciding", "goal", {"goal": "unsure"}),
        ("I'd like some guidance", "goal", {"goal": "unsure"}),
        ("whatever", "goal", {"goal": "unsure"}),
        ("I don't know which one to pick", None, {"goal": "unsure"}),
        ("no estoy seguro", "age", {}),
        ("no estoy seguro", None, {}),
    ],
    "goal_certify_what_i_know": [
        ("quiero que validen lo que se hacer", None, {"goal": "certify_skills"}),
        ("necesito un papel que demuestre mis habilidades", None, {"goal": "certify_skills"}),
        ("quisiera quedar certificado", None, {"goal": "certify_skills"}),
        ("me gustaria que reconozcan mi experiencia", None, {"goal": "certify_skills"}),
        ("I want to get my work recognized", None, {"goal": "certify_skills"}),
        ("a document that proves what I can do", None, {"goal": "certify_skills"}),
        ("I only want the certification", None, {"goal": "certify_skills"}),
        ("competency certification", None, {"goal": "certify_skills"}),
    ],
    "no_wish_to_certify": [
        ("no quiero certificarme", None, {}),
        ("no quiero estar certificado, quiero trabajar", None, {"goal": "job"}),
        ("quiero sacar mi certificado de discapacidad", None, {}),
        ("no, quiero sacarlo", "disability_certificate", {"disability_certificate": False}),
        ("I don't want the certificate", None, {}),
        ("I want a certificate of disability", None, {}),
    ],
    "goal_a_job": [
        ("mi objetivo es emplearme", None, {"goal": "job"}),
        ("busco un buen empleo estable", None, {"goal": "job"}),
        ("quiero capacitarme para que me den un puesto", None, {"goal": "job"}),
        ("I need a proper job", None, {"goal": "job"}),
        ("I'd like to get hired by a company", None, {"goal": "job"}),
        ("land a job", None, {"goal": "job"}),
        ("un trabajo formal", "goal", {"goal": "job"}),
        ("get a job", "goal", {"goal": "job"}),
        ("no quiero trabajar en planilla", None, {}),
        ("I got hired last year", None, {}),
        ("I don't want to be employed", None, {}),
    ],
    "goal_a_business_already_had": [
        ("quiero ampliar mi bodeguita", None, {"goal": "own_business"}),
        ("formalizar mi taller", None, {"goal": "own_business"}),
        ("expand my shop", None, {"goal": "own_business"}),
        ("I'd like to become self employed", None, {"goal": "own_business"}),
        ("my own bakery", None, {"goal": "own_business"}),
        ("no quiero ampliar mi negocio", None, {}),
        ("I don't want to open a shop", None, {}),
        ("I'm self employed", None, {"employment_status": "underemployed"}),
    ],
    "head_of_household_in_other_words": [
        ("soy la jefa de mi casa", None, {"household_head": True}),
        ("yo soy el sosten del hogar", None, {"household_head": True}),
        ("yo sola llevo el dinero a mi casa", None, {"household_head": True}),
        ("el que trae la plata a la casa soy yo", None, {"household_head": True}),
        ("I'm the sole provider", None, {"household_head": True}),
        ("it is me who pays for everything", None, {"household_head": True}),
        ("I'm head of the house", None, {"household_head": True}),
        ("I'm the one who runs the household", None, {"household_head": True}),
        ("de una", "household_head", {"household_head": True}),
        ("mire, si", "household_head", {"household_head": True}),
    ],
    "someone_else_heads_the_household": [
        ("no soy la cabeza de la familia", None, {"household_head": False}),
        ("yo no traigo la plata a la casa", None, {}),
        ("mi esposo es el que trae la plata", None, {"household_head": False}),
        ("mis suegros pagan los gastos", None, {"household_head": False}),
        ("ella mantiene la casa, yo estudio", None, {"household_head": False}),
        ("I'm not the main earner", None, {"household_head": False}),
        ("my mother pays the bills", None, {"household_head": False}),
        ("my husband is the main provider", None, {"household_head": False}),
        ("not me, my sister", "household_head", {"household_head": False}),
        ("it's not me", "household_head", {"household_head": False}),
        ("I am not head of the family", None, {"household_head": False}),
    ],
}
CASES = [(kind, *case) for kind, cases in CLASSES.items() for case in cases]


@pytest.mark.parametrize(("kind", "text", "asked", "facts"), CASES, ids=[f"{c[0]}:{c[1]}" for c in CASES])
def test_class(kind, text, asked, facts):
    read(text, asked=asked, facts=facts)
