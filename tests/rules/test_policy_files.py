"""Maintainers edit the policy as YAML: broken files are refused with file, line and reason;
a good edit takes effect; the last good policy keeps serving."""

import datetime as dt
import time

import pytest

from rules import PolicyError, PolicyStore, load_policy
from tests.rules.conftest import edit


# Each edit breaks one thing; the error must name the file, the line of the edit
# (or, where a key is missing, the line of the mapping that lacks it: `offset`)
# and the reason.
@pytest.mark.parametrize(
    "file, old, new, offset, reason",
    [
        ("parameters.yml", "    2009-04-01: 1500", "    2009-04-01: mil quinientos", 0, "must be a number"),
        ("parameters.yml", "    2009-04-01: 18\n", "    2009-13-01: 18\n", 0, "is not a date"),
        (
            "parameters.yml",
            "  values:\n    2009-04-01: 18\n",
            "  values:\n    2009-04-01: 18\n   - x\n",
            2,
            "not valid YAML",
        ),
        (
            "requirements.yml",
            "test: {at_least: min_age}",
            "test: {at_least: min_edad}",
            0,
            "unknown parameter 'min_edad'",
        ),
        (
            "requirements.yml",
            "test: {below: max_monthly_income}",
            "test: {bellow: max_monthly_income}",
            0,
            "unknown test",
        ),
        (
            "requirements.yml",
            "fact: age\n    test: {at_least: min_age}",
            "fact: edad\n    test: {at_least: min_age}",
            0,
            "unknown fact 'edad'",
        ),
        (
            "requirements.yml",
            "Tienes {value} años (se pide al menos {limit}).",
            "Tienes {edad} años.",
            0,
            "unknown placeholder {edad}",
        ),
        ("requirements.yml", '        en: "You are {value} (the minimum is {limit})."\n', "", -2, "has no 'en' text"),
        (
            "components.yml",
            "requirements: [training_age_band]\n  autoempleo",
            "requirements: [training_band]\n  autoempleo",
            0,
            "unknown requirement 'training_band'",
        ),
        (
            "components.yml",
            "order: [certificacion, capacitacion_laboral, autoempleo]",
            "order: [certificacion]",
            0,
            "every component exactly once",
        ),
        (
            "facts.yml",
            "    type: integer\n    min: 0\n    max: 120",
            "    type: entero\n    min: 0\n    max: 120",
            0,
            "type must be one of",
        ),
        (
            "parameters.yml",
            "  reference: \"Chapter 8, eligibility: 'must be over the age of 18 years'\"\n",
            "",
            -2,
            "has no 'reference'",
        ),
        ("parameters.yml", "min_children:", "min_age:", 0, "duplicate key 'min_age'"),
    ],
)
def test_broken_file_is_refused_with_file_line_and_reason(policy_copy, file, old, new, offset, reason):
    text = (policy_copy / file).read_text()
    edit_line = text[: text.index(old)].count("\n") + 1
    edit(policy_copy / file, old, new)
    with pytest.raises(PolicyError) as caught:
        load_policy(policy_copy)
    error = caught.value
    assert error.path.endswith(file)
    assert reason in error.reason, str(error)
    assert error.line == edit_line + offset, str(error)


def test_a_missing_profiles_file_is_named(policy_copy):
    (policy_copy.parent.parent / "knowledge" / "sources" / "profiles.yml").unlink()
    with pytest.raises(PolicyError, match="profiles.yml"):
        load_policy(policy_copy)


def test_income_threshold_changed_from_a_date_by_editing_one_file(policy_copy):
    # What docs/maintaining.md tells a maintainer to do: add a dated value.
    edit(policy_copy / "parameters.yml", "    2009-04-01: 1500\n", "    2009-04-01: 1500\n    2027-01-01: 1800\n")
    edit(policy_copy / "components.yml", 'version: "2026.11.1"', 'version: "2027.01.0"')
    from rules import Evaluator

    engine = Evaluator(load_policy(policy_copy))
    facts = {
        "age": 40,
        "education": "secondary_complete",
        "employment_status": "unemployed",
        "monthly_income": 1600,
        "household_head": True,
        "children": 1,
        "has_disability": False,
    }
    before = engine.evaluate(facts, on=dt.date(2026, 12, 31))
    after = engine.evaluate(facts, on=dt.date(2027, 1, 1))
    assert before.components["capacitacion_laboral"].status == "not_eligible"
    assert after.components["capacitacion_laboral"].status == "eligible"
    assert after.policy_version == "2027.01.0"
    engine.close()


def test_store_keeps_serving_the_last_good_policy_and_picks_up_good_edits(policy_copy):
    store = PolicyStore(policy_copy, check_every=0)
    facts = {"age": 40, "monthly_income": 1600}
    assert store.evaluator().evaluate(facts, on="2024-05-01").components["autoempleo"].status == "not_eligible"

    # A broken edit: refused, the old policy answers.
    edit(policy_copy / "parameters.yml", "    2009-04-01: 1500", "    2009-04-01: [1500")
    bump_mtime(policy_copy / "parameters.yml")
    assert store.evaluator().policy.version == "2026.11.1"
    assert store.evaluator().evaluate(facts, on="2024-05-01").components["autoempleo"].status == "not_eligible"
    with pytest.raises(PolicyError):
        store.reload()

    # Fixed, with a higher threshold: picked up without a restart.
    edit(policy_copy / "parameters.yml", "    2009-04-01: [1500", "    2009-04-01: 2000")
    edit(policy_copy / "components.yml", 'version: "2026.11.1"', 'version: "2026.11.2"')
    bump_mtime(policy_copy / "parameters.yml")
    evaluator = store.evaluator()
    assert evaluator.policy.version == "2026.11.2"
    assert evaluator.evaluate(facts, on="2024-05-01").components["autoempleo"].status == "needs_info"


def bump_mtime(path):
    later = time.time() + 5
    import os

    os.utime(path, (later, later))


def test_evaluating_before_the_programme_existed_is_refused(evaluator):
    with pytest.raises(ValueError, match="no values before 2009-04-01"):
        evaluator.evaluate({"age": 40}, on="2008-12-31")
