"""Maintainer and staff tooling: impact analysis, the synthetic population, the interactive checker."""

import io
import json
import shutil
import subprocess
import sys

from rules import diff, interactive
from rules.population import ASSUMPTIONS, population
from tests.rules.conftest import ROOT, edit


def test_population_is_reproducible_and_uses_the_engines_facts(policy):
    first, again = population(500, seed=3), population(500, seed=3)
    assert first == again and first != population(500, seed=4)
    assert all(set(p) <= set(policy.facts) for p in first)
    under_30 = sum(p["age"] < 30 for p in first) / len(first)
    assert 0.35 < under_30 < 0.52  # the chapter's 43%
    assert "43%" in ASSUMPTIONS and "Assumed" in ASSUMPTIONS


def test_raising_the_income_threshold_only_makes_people_eligible(policy_copy):
    new = policy_copy
    edit(new / "parameters.yml", "    2009-04-01: 1500\n", "    2009-04-01: 1500\n    2027-01-01: 1800\n")
    edit(new / "components.yml", 'version: "2026.12.1"', 'version: "2027.01.0"')
    old, changed = diff.load_policy(), diff.load_version(str(new))
    report = diff.compare(old, changed, population(3000, seed=1), on=diff.default_date(old, changed))
    assert report["on"] == "2027-01-01"  # the change's own date, not today
    components = report["population"]["components"]
    assert components["capacitacion_laboral"].get("not_eligible -> eligible", 0) > 0
    for counts in components.values():  # the right direction only
        assert set(counts) <= {"not_eligible -> eligible", "not_eligible -> needs_info"}
    assert report["population"]["examples"]
    for example in report["population"]["examples"]["capacitacion_laboral: not_eligible -> eligible"]:
        assert 1500 <= example["monthly_income"] < 1800


def rules_cli(*args: str) -> subprocess.CompletedProcess:
    """`python -m rules ARGS` from the project root, as a maintainer types it."""
    return subprocess.run(
        [sys.executable, "-m", "rules", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_diff_cli_against_a_git_revision(policy_copy):
    result = rules_cli("diff", "HEAD", str(policy_copy), "--size", "500", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["population"]["changed"] == 0 and report["cases"]["changed"] == 0


def test_a_draft_policy_folder_copied_anywhere_can_be_diffed(tmp_path):
    """A maintainer copies rules/policy to try a change: the profiles list still comes from this project."""
    draft = tmp_path / "borrador"
    shutil.copytree(ROOT / "rules" / "policy", draft)
    edit(draft / "parameters.yml", "    2009-04-01: 1500\n", "    2009-04-01: 1500\n    2027-01-01: 1800\n")
    result = rules_cli("diff", "rules/policy", str(draft), "--size", "500", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["population"]["changed"] > 0


def test_diff_cli_refuses_an_unknown_version():
    result = rules_cli("diff", "no-such-rev", "rules/policy")
    assert result.returncode == 2 and "neither a policy folder nor a git revision" in result.stderr


def test_interactive_checker_asks_only_what_is_needed_and_explains(policy, kb):
    # In the computed order (rules/policy/ask_order.yml), one question at a time: age, trade, head of household
    # (1 yes), situation (1 unemployed), work experience, schooling (5 secondary complete), children, income,
    # disability (2 no), years in the trade; then the place.
    answers = "\n".join(["25", "carpintero_industrial", "1", "1", "6", "5", "2", "900", "2", "4", "Juliaca"])
    out = io.StringIO()
    interactive.run(policy, lang="es", on="2024-05-01", stdin=io.StringIO(answers + "\n"), stdout=out)
    text = out.getvalue()
    assert "Edad:" in text and "Situación laboral" in text
    assert "Hijos en el hogar" in text
    assert text.count("Edad:") == 1  # never asked twice
    assert "Capacitación para la Inserción Laboral: NO CALIFICA" in text  # 25: outside the training band
    assert "Certificación de Competencias Laborales (CCL): CALIFICA" in text
    assert "Centro más cercano: Unidad Zonal Puno" in text


def test_interactive_checker_reasks_an_invalid_answer(policy):
    out = io.StringIO()
    interactive.run(policy, lang="en", on="2024-05-01", stdin=io.StringIO("forty\n40\n4\n\n\n"), stdout=out)
    assert "Not valid: forty" in out.getvalue()
    assert "NOT ELIGIBLE" in out.getvalue()
