"""`python -m rules` as staff, maintainers and outside tests use it."""

import datetime as dt
import json
import subprocess
import sys

from tests.rules.conftest import FULL as ELIGIBLE
from tests.rules.conftest import ROOT

# The training components only: certification facts left out, goal own business.
FULL = {k: v for k, v in ELIGIBLE.items() if "experience" not in k and k != "occupation"} | {"goal": "own_business"}


def rules(*args, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "rules", *args], cwd=ROOT, input=stdin, capture_output=True, text=True, timeout=60
    )


def test_evaluate_json_for_one_applicant(tmp_path):
    path = tmp_path / "applicant.json"
    path.write_text(json.dumps(FULL))
    result = rules("evaluate", str(path), "--on", "2024-05-01", "--json")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert set(out) == {"components", "recommended", "referrals", "flags", "policy_version", "on"}
    assert set(out["components"]) == {"capacitacion_laboral", "autoempleo", "certificacion"}
    for component in out["components"].values():
        assert set(component) >= {"status", "reasons", "missing"}
        for reason in component["reasons"]:
            assert {"code", "message"} <= set(reason)
    assert out["components"]["autoempleo"]["status"] == "eligible"
    assert out["components"]["certificacion"]["missing"] == [
        "work_experience_years",
        "occupation",
        "occupation_experience_years",
    ]
    assert out["recommended"] == "autoempleo"
    assert out["on"] == "2024-05-01"


def test_evaluate_a_yaml_list_from_stdin_gives_a_json_list():
    stdin = "- {age: 25, employment_status: employed}\n- {age: 40}\n"
    result = rules("evaluate", "-", "--json", "--on", "2024-05-01", "--lang", "en", stdin=stdin)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert isinstance(out, list) and len(out) == 2
    assert out[0]["referrals"] == ["centro_empleo", "jovenes_productivos"]
    assert out[0]["components"]["certificacion"]["reasons"][0]["message"] == (
        "The programme is for people who are unemployed, underemployed (casual or low-paid work) or at risk of "
        "losing the job. You are in adequate employment."
    )
    assert out[1]["components"]["autoempleo"]["status"] == "needs_info"


def test_on_defaults_to_today():
    result = rules("evaluate", "-", "--json", stdin="{age: 40}")
    assert json.loads(result.stdout)["on"] == dt.date.today().isoformat()


def test_readable_explanation_in_spanish_by_default():
    result = rules("evaluate", "-", "--on", "2024-05-01", stdin=json.dumps({**FULL, "monthly_income": 2000}))
    assert result.returncode == 0
    assert "NO CALIFICA" in result.stdout
    assert "S/ 2000" in result.stdout and "S/ 1500" in result.stdout
    assert "Derivar a: centro_empleo" in result.stdout


def test_unknown_fact_is_refused_with_exit_2():
    result = rules("evaluate", "-", stdin="{edad: 40}")
    assert result.returncode == 2
    assert "unknown fact 'edad'" in result.stderr
    assert result.stdout == ""


def test_bad_value_is_refused_with_exit_2():
    for bad in ("{age: cuarenta}", "{education: university}", "{household_head: maybe}", "{age: -5}", "[1, 2]"):
        result = rules("evaluate", "-", stdin=bad)
        assert result.returncode == 2, bad
        assert result.stderr.startswith("error:"), bad


def test_bad_date_is_refused_with_exit_2():
    result = rules("evaluate", "-", "--on", "2024-02-30", stdin="{age: 40}")
    assert result.returncode == 2


def test_the_case_suite_passes():
    result = rules("test")
    assert result.returncode == 0, result.stdout
    assert " 0 failed" in result.stdout


def test_a_failing_case_file_fails_with_where(tmp_path):
    path = tmp_path / "cases.yml"
    path.write_text(
        "- name: wrong on purpose\n  on: 2024-05-01\n  facts: {age: 20}\n"
        "  expected:\n    status: {capacitacion_laboral: eligible}\n"
    )
    result = rules("test", str(path))
    assert result.returncode == 1
    assert f"FAIL {path}:1 wrong on purpose" in result.stdout
    assert "expected eligible, got not_eligible" in result.stdout


def test_validate():
    result = rules("validate")
    assert result.returncode == 0
    assert "OK" in result.stdout and "2014-01-01" in result.stdout


def test_list_and_mapping_values_are_refused_not_crashed():
    """Issue 14: `fact: [age]`-style input typed into `rules evaluate -` crashed with TypeError."""
    for bad in ("{education: [secondary_complete]}", "{goal: {job: 1}}", "{priority_group: [[fisher]]}",
                "{age: [35]}", "{occupation: [bordador]}", "{household_head: [true]}", "{[age]: 3}"):
        result = rules("evaluate", "-", stdin=bad)
        assert result.returncode == 2, (bad, result.stderr)
        assert result.stderr.startswith("error:") and "Traceback" not in result.stderr, bad


def test_a_broken_case_file_is_refused_with_every_problem_at_its_line(tmp_path):
    path = tmp_path / "cases.yml"
    path.write_text(
        "- name: blank expectation\n  on: 2024-05-01\n  facts: {age: 20}\n  expected:\n"
        "- name: unknown things\n  on: 2024-13-01\n  facts: {edad: 20, education: [primary_complete]}\n"
        "  expected: {status: {capacitacion: eligible}, reasons: {autoempleo: [min_edad]}, flags: [pescador]}\n"
    )
    result = rules("test", str(path))
    assert result.returncode == 2
    assert result.stderr.replace(f"{path}", "cases.yml").splitlines() == [
        "cases refused (2 problem(s)):",
        "cases.yml:4:12: [0].expected: expected a mapping of keys to values, not an empty value (what the decision "
        "must show: status, missing, reasons, recommended, referrals, flags)",
        "cases.yml:6:7: 2024-13-01 is not a date (month must be in 1..12); write YYYY-MM-DD, or quote it if it is text",
    ]
    path.write_text(
        "- name: unknown things\n  on: 2024-05-01\n  facts: {edad: 20, education: [primary_complete]}\n"
        "  expected: {status: {capacitacion: eligible}, reasons: {autoempleo: [min_edad]}, flags: [pescador]}\n")
    result = rules("test", str(path))
    assert result.returncode == 2
    assert result.stderr.replace(f"{path}", "cases.yml").splitlines() == [
        "cases refused (5 problem(s)):",
        "cases.yml:3:11: case 'unknown things': unknown fact 'edad'; known facts: age, employment_status, education, "
        "household_head, children, monthly_income, has_disability, disability_certificate, work_experience_years, "
        "occupation, occupation_experience_years, goal, region, priority_group",
        "cases.yml:3:32: case 'unknown things': education must be one of none, primary_incomplete, primary_complete, "
        "secondary_incomplete, secondary_complete, higher_incomplete, higher_complete, not ['primary_complete']",
        "cases.yml:4:23: unknown component 'capacitacion'",
        "cases.yml:4:71: unknown requirement 'min_edad'",
        "cases.yml:4:91: unknown flag 'pescador'",
    ]


def test_an_income_written_with_a_thousands_dot_is_refused_at_its_place():
    result = rules("evaluate", "-", stdin="- {age: 40}\n- {age: 41, monthly_income: 1.500}\n")
    assert result.returncode == 2
    assert result.stderr == "error: <stdin>:2:29: 1.500 reads as 1.5; for an amount of 1500 write 1500\n"


def test_an_alias_bomb_on_stdin_is_refused_quickly():
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(8))
    result = rules("evaluate", "-", stdin=bomb)
    assert result.returncode == 2 and "aliases expanded" in result.stderr
