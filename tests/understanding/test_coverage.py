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
}
CASES = [(kind, *case) for kind, cases in CLASSES.items() for case in cases]


@pytest.mark.parametrize(("kind", "text", "asked", "facts"), CASES, ids=[f"{c[0]}:{c[1]}" for c in CASES])
def test_class(kind, text, asked, facts):
    read(text, asked=asked, facts=facts)
