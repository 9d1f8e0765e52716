"""`python -m rules case CODE` and `evaluate --interactive --from-code` as staff use them: whole outputs."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys

from rules import casecode, load_policy
from tests.rules.conftest import ROOT, edit

KEY = "test-case-code-key-0001"
TODAY = dt.date.today()
MONTH = TODAY.strftime("%m/%Y")
ROSA = {"age": 41, "education": "secondary_complete", "employment_status": "unemployed", "monthly_income": 950,
        "household_head": True, "children": 2, "has_disability": False, "goal": "job"}


def code_for(facts: dict, secret: str = KEY) -> str:
    return casecode.encode(facts, secret.encode(), TODAY, policy=load_policy())


def rules(*args, key: str | None = KEY, stdin: str | None = None, **env):
    environ = {k: v for k, v in os.environ.items() if k != "CASE_CODE_KEY"} | env
    if key is not None:
        environ["CASE_CODE_KEY"] = key
    return subprocess.run([sys.executable, "-m", "rules", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=60, env=environ, input=stdin)


def evaluated(facts: dict, *args) -> str:
    """What `rules evaluate` shows for these answers: `rules case` shows the same decision the same way."""
    result = rules("evaluate", "-", *args, stdin=json.dumps(facts))
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_staff_read_a_code_in_spanish():
    code = code_for(ROSA)
    result = rules("case", code.lower().replace("-", " "), "--on", TODAY.isoformat())
    assert result.returncode == 0, result.stderr
    assert result.stdout == "\n".join([
        f"Código {code}, hecho en {MONTH}",
        "",
        "Respuestas del código:",
        "  Edad: 41",
        "  Situación laboral: desempleado/a",
        "  Estudios: secundaria completa",
        "  Jefe/a de hogar: sí",
        "  Hijos en el hogar: 2",
        "  Ingreso mensual: de S/ 900 a menos de S/ 1000",
        "  Tiene una discapacidad: no",
        "  Objetivo: conseguir un empleo",
        "  Sin responder todavía: Años de experiencia laboral, Oficio, Años de experiencia en ese oficio",
        "  No están en el código (pregúntalos): el lugar donde vive, grupo prioritario, el nombre del oficio, si no"
        " es uno de los certificables",
        "",
        evaluated({**ROSA, "monthly_income": 900}, "--on", TODAY.isoformat()).rstrip("\n"),
        "",
        f"El resultado no cambió desde que se hizo el código ({MONTH}).",
        "El código no guarda el lugar: con --place DISTRITO se muestra el centro más cercano.",
    ]) + "\n"
    assert "Ganas S/ 900 al mes, menos que el límite de S/ 1500." in result.stdout  # the code's answers, floored


def test_staff_read_a_code_in_english_with_the_place(kb_path):
    facts = {"age": 12, "employment_status": "at_risk", "education": "none", "household_head": True, "children": 9,
             "monthly_income": 5000, "has_disability": True, "disability_certificate": False,
             "work_experience_years": 7, "occupation": "bordador", "occupation_experience_years": 0.5,
             "goal": "certify_skills"}
    code = code_for(facts)
    result = rules("case", code, "--lang", "en", "--place", "Chiclayo", KNOWLEDGE_DB=str(kb_path))
    assert result.returncode == 0, result.stderr
    kept = {**facts, "age": 14, "children": 5, "monthly_income": 3000, "work_experience_years": 5,
            "occupation_experience_years": 0}
    assert result.stdout == "\n".join([
        f"Code {code}, made in {MONTH}",
        "",
        "Answers in the code:",
        "  Age: under 15",
        "  Work situation: at risk of losing the job",
        "  Schooling: no schooling",
        "  Head of household: yes",
        "  Children at home: 5 or more",
        "  Monthly income: PEN 3000 or more",
        "  Has a disability: yes",
        "  Disability certificate: no",
        "  Years of work experience: 5 to under 10",
        "  Occupation: Embroiderer",
        "  Years in that trade: 0 to under 1",
        "  Goal: certify my trade",
        "  Not in the code (ask them): where they live, priority group, the trade's name, if it is not one of the"
        " certifiable ones",
        "",
        evaluated(kept, "--lang", "en").rstrip("\n"),
        "",
        f"The result has not changed since the code was made ({MONTH}).",
        "Nearest centre: Lambayeque Zone Unit, Chiclayo (0 km)",
    ]) + "\n"


def test_json_has_the_fields_of_evaluate_json_and_the_code_s(kb_path):
    code = code_for({**ROSA, "occupation": "gasfitero", "work_experience_years": 12.5,
                     "occupation_experience_years": 3})
    result = rules("case", code, "--json", "--lang", "en", "--place", "Chiclayo", KNOWLEDGE_DB=str(kb_path))
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    facts = {**ROSA, "monthly_income": 900, "work_experience_years": 10, "occupation": "other",
             "occupation_experience_years": 3}
    decision = json.loads(evaluated(facts, "--json", "--lang", "en"))
    statuses = {cid: c["status"] for cid, c in decision["components"].items()}
    assert out == {
        "code": code,
        "made": TODAY.replace(day=1).isoformat(),
        "facts": {"age": 41, "employment_status": "unemployed", "education": "secondary_complete",
                  "household_head": True, "children": 2, "monthly_income": 900, "has_disability": False,
                  "work_experience_years": 10, "occupation": "other", "occupation_experience_years": 3,
                  "goal": "job"},
        "approximate": {"monthly_income": {"min": 900, "below": 1000},
                        "work_experience_years": {"min": 10, "below": 20},
                        "occupation_experience_years": {"min": 3, "below": 5}},
        "not_carried": ["place", "priority_group", "occupation_words"],
        **decision,
        "changed": False,
        "then": {"on": TODAY.replace(day=1).isoformat(), "statuses": statuses, "recommended": "capacitacion_laboral"},
        "centre": {"place": "Chiclayo", "centre": "Lambayeque Zone Unit", "city": "Chiclayo", "distance_km": 0.0},
    }
    assert statuses == {"capacitacion_laboral": "eligible", "autoempleo": "eligible", "certificacion": "not_eligible"}


def test_the_result_changed_since_the_code_was_made(policy_copy):
    edit(policy_copy / "parameters.yml", "    2009-04-01: 1500\n", "    2009-04-01: 1500\n    2030-01-01: 1000\n")
    code = code_for({**ROSA, "monthly_income": 1200})
    result = rules("case", code, "--on", "2030-02-01", "--policy", str(policy_copy))
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith("\n".join([
        "Recomendado: ninguno",
        "Derivar a: centro_empleo",
        "",
        f"El resultado cambió desde que se hizo el código ({MONTH}):",
        "  Capacitación para la Inserción Laboral: antes CALIFICA, ahora NO CALIFICA",
        "  Capacitación y Asistencia Técnica para el Autoempleo: antes CALIFICA, ahora NO CALIFICA",
        "  Certificación de Competencias Laborales (CCL): antes FALTAN DATOS, ahora NO CALIFICA",
        "  Recomendado: antes Capacitación para la Inserción Laboral, ahora ninguno",
        "El código no guarda el lugar: con --place DISTRITO se muestra el centro más cercano.",
    ]) + "\n")
    assert "✗ Ganas S/ 1200 al mes, y el programa pide ganar menos de S/ 1000." in result.stdout


def test_codes_that_cannot_be_read_are_refused_with_a_clear_message():
    code = code_for(ROSA)
    last = code[-1]
    mistyped = code[:-1] + ("Z" if last != "Z" else "Y")
    swapped = code[:4] + code[5] + code[4] + code[6:]
    if code[4] == code[5]:
        swapped = code[:-2] + code[-1] + code[-2]
    cases = [
        (mistyped, "es", "Un carácter del código está mal escrito (no coincide la verificación): revísalo con la "
                         "persona."),
        (swapped, "en", "A character of the code is mistyped (the check does not match): check it with the "
                        "applicant."),
        (code_for(ROSA, secret="another-deployment-key"), "es",
         "Este código no lo hizo este asistente, o fue cambiado: no se puede leer."),
        ("IMP-12345", "en", "That is not a case code: a code is IMP- and 11 letters or digits (IMP-XXXXX-XXXXXX)."),
        ("tengo un código", "es", "Eso no es un código de caso: un código es IMP- y 11 letras o cifras "
                                  "(IMP-XXXXX-XXXXXX)."),
    ]
    for typed, lang, message in cases:
        result = rules("case", typed, "--lang", lang)
        assert (result.returncode, result.stdout, result.stderr) == (2, "", f"error: {message}\n"), typed


def test_without_the_key_no_code_is_read():
    result = rules("case", code_for(ROSA), key=None)
    assert (result.returncode, result.stdout, result.stderr) == (
        2, "", "error: No se pueden leer códigos aquí: falta la clave de esta instalación (CASE_CODE_KEY).\n")


def test_the_interactive_checker_starts_from_a_code():
    """Only what the code does not hold and the decision needs is asked, in the policy's order: the trade (one no
    profile certifies, so no experience is asked) and the goal (1: a job)."""
    code = code_for({k: v for k, v in ROSA.items() if k != "goal"})
    result = rules("evaluate", "--interactive", "--from-code", code, "--lang", "en", stdin="vendo comida\n1\n")
    assert result.returncode == 0, result.stderr
    decided = evaluated({**ROSA, "monthly_income": 900, "occupation": "vendo comida", "goal": "job"}, "--lang", "en")
    assert result.stdout == (
        "Checking a case. Answer each question (empty Enter to stop).\n"
        "Occupation:\n"
        "> Goal (choose a number): 1) find a job  2) run my own business  3) certify my trade  4) not sure\n"
        "> \n" + decided + "District, province or region where they live (Enter to skip)\n> "
    )


def test_the_interactive_checker_refuses_a_mistyped_code():
    code = code_for(ROSA)
    typed = code[:-2] + code[-1] + code[-2] if code[-1] != code[-2] else code[:-1] + ("Z" if code[-1] != "Z" else "Y")
    result = rules("evaluate", "--interactive", "--from-code", typed, stdin="")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == ("error: Un carácter del código está mal escrito (no coincide la verificación): "
                             "revísalo con la persona.\n")
