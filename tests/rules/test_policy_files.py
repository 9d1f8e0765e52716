"""Maintainers edit the policy as YAML: broken files are refused with file, line and reason;
a good edit takes effect; the last good policy keeps serving."""

import datetime as dt
import os
import time

import pytest

from datafiles import DataFileError
from rules import PolicyError, PolicyStore, load_policy
from tests.rules.conftest import edit


# Each edit breaks one thing (the first ones are issue 14's examples); the policy is refused with
# every problem, each as file:line:column: reason, and nothing else.
@pytest.mark.parametrize(
    "file, old, new, expected",
    [
        ("parameters.yml", "    2009-04-01: 1500\n", "    2009-04-01: 1500\n    2027-01-01: 1.800\n",
         "parameters.yml:50:17: max_monthly_income (value from 2027-01-01): 1.800 reads as 1.8; for an amount of "
         "1800 write 1800 (requirement 'max_income' reads it with `below` on fact 'monthly_income')"),
        ("parameters.yml", "    2009-04-01: 18\n", "    2009-04-01: 017\n",
         "parameters.yml:17:17: 017 has a leading zero, which some YAML readers take as octal; write 17, or quote "
         "it if it is a code"),
        ("parameters.yml", "    2009-04-01: 1500\n", "    2009-04-01: -1500\n",
         "parameters.yml:49:17: max_monthly_income (value from 2009-04-01): -1500 is less than or equal to the "
         "minimum of 0 (requirement 'max_income' reads it with `below` on fact 'monthly_income')"),
        ("parameters.yml", "    2009-04-01: 1500\n", "    2009-04-01: 15000000\n",
         "parameters.yml:49:17: max_monthly_income (value from 2009-04-01): 15000000 is greater than the maximum "
         "of 1000000 (requirement 'max_income' reads it with `below` on fact 'monthly_income')"),
        ("facts.yml", "    money: true\n    sensitive: true", "    money: true\n    sensitve: true",
         "facts.yml:53:5: facts.monthly_income: unknown key 'sensitve'; did you mean 'sensitive'?"),
        ("facts.yml", "    money: true\n    sensitive: true\n", "    money: true\n",
         "facts.yml:48:5: facts.monthly_income: missing key 'sensitive'"),
        ("requirements.yml", "{at_least_level: {order: education_order, min: min_education}}",
         "{at_least_level: {order: education_order}}",
         "requirements.yml:37:28: requirements[1].test.at_least_level: missing key 'min' (at_least_level takes "
         "{order: PARAMETER, min: PARAMETER})"),
        ("requirements.yml", "  - code: min_age\n    fact: age", "  - code: min_age\n    fact: [age]",
         'requirements.yml:25:11: requirements[0].fact: expected text, not ["age"]'),
        ("requirements.yml", "Tienes {value} año(s) (se pide al menos {limit}).",
         "Tienes {value} años (se pide al menos {min}).",
         "requirements.yml:29:13: requirement 'min_age' (`at_least`): unknown placeholder {min}; this message may "
         "show {limit}, {value}"),
        ("parameters.yml", "    2009-04-01: 18\n", "    2009-04-01: .nan\n",
         "parameters.yml:17:17: .nan is not a number a file may hold; write a number"),
        ("parameters.yml", "    2009-04-01: 18\n", "    2015-01-01: 18\n",
         "parameters.yml:17:5: min_age has no value from 2009-04-01, when the policy starts (its first value is "
         "from 2015-01-01): give it a value from 2009-04-01"),
        # bands in order, a complete level order, YAML 1.1 traps, other slips
        ("parameters.yml", "    2009-04-01: {min: 15, max: 29}", "    2009-04-01: {min: 29, max: 15}",
         "parameters.yml:100:23: youth_referral_age_band (value from 2009-04-01): the band's min 29 is above its "
         "max 15 (referral 'jovenes_productivos' reads it with `between`)"),
        ("parameters.yml", "      - primary_complete\n", "",
         "parameters.yml:24:7: education_order (value from 2009-04-01): the order must list every choice of fact "
         "'education' once; it leaves out primary_complete (requirement 'min_education' reads it with "
         "`at_least_level`)"),
        ("requirements.yml", 'test: {is: true}\n    messages:\n      held:\n        es: "Eres',
         'test: {is: yes}\n    messages:\n      held:\n        es: "Eres',
         "requirements.yml:70:16: requirements[4].test.is: expected true or false, not yes (write true or false: "
         "`yes` is a boolean only in YAML 1.1) (`is` takes true or false)"),
        ("parameters.yml", "    2009-04-01: 2\n", "    2009-04-01: 1:30\n",
         "parameters.yml:77:17: certification_min_work_experience (value from 2009-04-01): expected a number, not "
         "1:30 (`1:30` is text here; YAML 1.1 reads it as a base-60 number: write the number itself) (requirement "
         "'min_work_experience' reads it with `at_least` on fact 'work_experience_years')"),
        ("parameters.yml", "    2009-04-01: 1500", "    2009-04-01: mil quinientos",
         "parameters.yml:49:17: max_monthly_income (value from 2009-04-01): expected a number, not mil quinientos "
         "(requirement 'max_income' reads it with `below` on fact 'monthly_income')"),
        ("parameters.yml", "    2009-04-01: 18\n", "    2009-13-01: 18\n",
         "parameters.yml:17:5: min_age: 2009-13-01 is not a date (month must be in 1..12)"),
        ("requirements.yml", "test: {at_least: min_age}", "test: {at_least: min_edad}",
         "parameters.yml:12:1: parameter 'min_age' is read by no requirement or referral\n"
         "requirements.yml:26:22: requirement 'min_age': unknown parameter 'min_edad'; did you mean 'min_education'?"),
        ("requirements.yml", "test: {below: max_monthly_income}", "test: {bellow: max_monthly_income}",
         "requirements.yml:59:12: requirements[3].test: unknown key 'bellow'; did you mean 'below'?"),
        ("requirements.yml", "fact: age\n    test: {at_least: min_age}", "fact: edad\n    test: {at_least: min_age}",
         "requirements.yml:25:11: requirement 'min_age': unknown fact 'edad'"),
        ("requirements.yml", '        en: "You are {value} (the minimum is {limit})."\n', "",
         "requirements.yml:29:9: requirements[0].messages.held: missing key 'en' (a text for each of es and en)"),
        ("requirements.yml", "Tienes {value} año(s) (se pide al menos {limit}).", "Tienes {value:d} años.",
         "requirements.yml:29:13: requirement 'min_age' (`at_least`): write {value} alone, without a format or "
         "conversion"),
        ("requirements.yml", "Tienes {value} año(s) (se pide al menos {limit}).", "Tienes {value años.",
         "requirements.yml:29:13: requirement 'min_age' (`at_least`): not a valid message (expected '}' before end "
         "of string); write { and } only around a placeholder"),
        ("components.yml", "requirements: [training_age_band]\n  autoempleo",
         "requirements: [training_band]\n  autoempleo",
         "components.yml:20:20: component 'capacitacion_laboral': unknown requirement 'training_band'; did you mean "
         "'training_age_band'?"),
        ("components.yml", "order: [certificacion, capacitacion_laboral, autoempleo]", "order: [certificacion]",
         "components.yml:35:10: recommendation: `order` must list every component exactly once "
         "(capacitacion_laboral, autoempleo, certificacion)"),
        ("facts.yml", "    type: integer\n    min: 0\n    max: 120", "    type: entero\n    min: 0\n    max: 120",
         "facts.yml:11:11: facts.age.type: 'entero' is not one of integer, number, boolean, choice, choice_list, "
         "text; expected one of integer, number, boolean, choice, choice_list, text"),
        ("parameters.yml", "  reference: \"Chapter 8, eligibility: 'must be over the age of 18 years'\"\n", "",
         "parameters.yml:13:3: min_age: missing key 'reference'"),
        ("parameters.yml", "min_children:", "min_age:",
         "parameters.yml:51:1: duplicate key 'min_age' (first at line 12)"),
        # `also_held_by`: another fact that meets a requirement by the same test (years in a trade are work)
        ("requirements.yml", "also_held_by: occupation_experience_years", "also_held_by: occupation_years",
         "requirements.yml:118:19: requirement 'min_work_experience': unknown fact 'occupation_years' in "
         "`also_held_by`; did you mean 'occupation'?"),
        ("requirements.yml", "also_held_by: occupation_experience_years", "also_held_by: work_experience_years",
         "requirements.yml:118:19: requirement 'min_work_experience': `also_held_by` must name a fact other than "
         "`fact` and `when`"),
        ("requirements.yml", "also_held_by: occupation_experience_years", "also_held_by: occupation",
         "requirements.yml:116:12: requirement 'min_work_experience' (`also_held_by: occupation`): test 'at_least' "
         "cannot read fact 'occupation' of type text (it reads integer, number)"),
        ("requirements.yml", "    also_held_by: occupation_experience_years\n", "",
         "requirements.yml:122:7: requirement 'min_work_experience': a `held_by` message needs `also_held_by` (the "
         "other fact that meets it)"),
        ("requirements.yml", "      held_by:\n        es: \"Llevas", "      held:\n        es: \"Llevas",
         "requirements.yml:123:7: duplicate key 'held' (first at line 120)"),
        ("requirements.yml", "así que tienes los {limit}", "así que tienes los {min}",
         "requirements.yml:124:13: requirement 'min_work_experience' (`at_least`): unknown placeholder {min}; this "
         "message may show {limit}, {value}"),
    ],
)
def test_broken_file_is_refused_with_every_problem_at_its_line(policy_copy, file, old, new, expected):
    edit(policy_copy / file, old, new)
    with pytest.raises(PolicyError) as caught:
        load_policy(policy_copy)
    assert str(caught.value).replace(f"{policy_copy}/", "") == expected


def test_every_problem_of_every_file_is_reported_at_once(policy_copy):
    edit(policy_copy / "parameters.yml", "    2009-04-01: 18\n", "    2009-04-01: 017\n")
    edit(policy_copy / "facts.yml", "    money: true\n    sensitive: true", "    money: true\n    sensitve: true")
    edit(policy_copy / "components.yml", 'version: "2026.12.1"', "version: 2026.11")
    with pytest.raises(PolicyError) as caught:
        load_policy(policy_copy)
    assert [f"{p.path.rsplit('/', 1)[1]}:{p.line}" for p in caught.value.problems] == [
        "components.yml:5", "facts.yml:53", "parameters.yml:17"]


def test_the_certifiable_profiles_are_an_injected_list(policy_copy, tmp_path):
    """The policy loader reads no file of knowledge/: the caller hands the list in."""
    from rules.loading import Injected
    from rules.loading import load_policy as load_with

    policy = load_with(policy_copy, {"certifiable_profiles": Injected(("panadero",))})
    assert policy.at(dt.date(2024, 5, 1)).tests["certifiable_occupation"].operand == ("panadero",)
    with pytest.raises(PolicyError) as caught:
        load_with(policy_copy, {})
    assert str(caught.value).replace(f"{policy_copy}/", "") == (
        "parameters.yml:93:17: the list 'certifiable_profiles' was not given to the policy loader (given: none)")


def test_a_broken_profiles_file_is_named_with_its_line(tmp_path):
    import shutil

    from knowledge.paths import SOURCES_DIR
    from rules.inputs import project_lists

    shutil.copytree(SOURCES_DIR, tmp_path / "sources")
    profiles = tmp_path / "sources" / "profiles.yml"
    edit(profiles, "  - id: bordador\n", "  - id: Bordador\n")
    with pytest.raises(DataFileError) as caught:
        project_lists(tmp_path / "sources")
    assert str(caught.value).startswith(f"{profiles}:")
    (tmp_path / "sources" / "profiles.yml").unlink()
    with pytest.raises(DataFileError, match="profiles.yml: file not found"):
        project_lists(tmp_path / "sources")


def test_general_requirements_are_kept_on_the_policy(policy):
    assert policy.general_requirements == ("min_age", "min_education", "employment_situation", "max_income",
                                           "household_head", "has_children", "disability_certificate")
    assert all(c.requirements[:7] == policy.general_requirements for c in policy.components.values())


def test_income_threshold_changed_from_a_date_by_editing_one_file(policy_copy):
    # What docs/maintaining.md tells a maintainer to do: add a dated value.
    edit(policy_copy / "parameters.yml", "    2009-04-01: 1500\n", "    2009-04-01: 1500\n    2027-01-01: 1800\n")
    edit(policy_copy / "components.yml", 'version: "2026.12.1"', 'version: "2027.01.0"')
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
    assert store.evaluator().policy.version == "2026.12.1"
    assert store.evaluator().evaluate(facts, on="2024-05-01").components["autoempleo"].status == "not_eligible"
    with pytest.raises(PolicyError):
        store.reload()

    # Fixed, with a higher threshold: picked up without a restart.
    edit(policy_copy / "parameters.yml", "    2009-04-01: [1500", "    2009-04-01: 2000")
    edit(policy_copy / "components.yml", 'version: "2026.12.1"', 'version: "2026.11.2"')
    bump_mtime(policy_copy / "parameters.yml")
    evaluator = store.evaluator()
    assert evaluator.policy.version == "2026.11.2"
    assert evaluator.evaluate(facts, on="2024-05-01").components["autoempleo"].status == "needs_info"


def bump_mtime(path, later=5):
    stamp = time.time() + later
    os.utime(path, (stamp, stamp))


def test_evaluating_before_the_programme_existed_is_refused(evaluator):
    with pytest.raises(ValueError, match="no values before 2009-04-01"):
        evaluator.evaluate({"age": 40}, on="2008-12-31")


FACTS = {"age": 40, "monthly_income": 1600}


def test_store_survives_any_exception_while_loading(policy_copy, monkeypatch, caplog):
    store = PolicyStore(policy_copy, check_every=0)
    assert store.evaluator().policy.version == "2026.12.1"

    def crash(*args, **kwargs):
        raise RuntimeError("a loader bug")

    monkeypatch.setattr("rules.evaluator.load_policy", crash)
    bump_mtime(policy_copy / "parameters.yml")
    assert store.evaluator().evaluate(FACTS, on="2024-05-01").components["autoempleo"].status == "not_eligible"
    assert [str(p) for p in store.problems] == ["policy: could not be loaded (RuntimeError: a loader bug)"]
    assert "policy refused (keeping the last good version)" in caplog.text


@pytest.mark.parametrize("breakage", ["raises", "disagrees"])
def test_store_refuses_a_version_that_loads_but_does_not_evaluate(policy_copy, monkeypatch, breakage):
    from rules import compiler

    store = PolicyStore(policy_copy, check_every=0)
    store.evaluator()
    edit(policy_copy / "components.yml", 'version: "2026.12.1"', 'version: "2026.11.2"')
    real = compiler.compile_period

    def broken(period):
        if breakage == "raises":
            raise ValueError("cannot compile")
        rules = real(period)
        rules["min_age|held"], rules["min_age|failed"] = rules["min_age|failed"], rules["min_age|held"]
        return rules

    monkeypatch.setattr("rules.evaluator.compile_period", broken)
    bump_mtime(policy_copy / "components.yml")
    assert store.evaluator().policy.version == "2026.12.1"
    reason = {"raises": "ValueError: cannot compile",
              "disagrees": "durable_rules and the reference evaluator disagree"}[breakage]
    assert reason in str(store.problems[0])
    monkeypatch.setattr("rules.evaluator.compile_period", real)
    bump_mtime(policy_copy / "components.yml", later=10)
    assert store.evaluator().policy.version == "2026.11.2"
