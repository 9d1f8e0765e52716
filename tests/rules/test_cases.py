"""The YAML case suite (rules/cases), run through both executors."""

import pytest

from rules import reference
from rules.cases import check, load_cases

CASES = load_cases()


def test_the_suite_is_large_enough():
    assert len(CASES) >= 60


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case_with_durable_rules(case, evaluator):
    problems = check(case, evaluator.evaluate(case.facts, on=case.on).to_dict())
    assert not problems, f"{case.where}: " + "; ".join(problems)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case_with_reference(case, policy):
    problems = check(case, reference.evaluate(policy, case.facts, on=case.on))
    assert not problems, f"{case.where}: " + "; ".join(problems)


def test_a_wrong_expectation_is_reported(evaluator):
    case = CASES[0]
    wrong = type(case)(
        case.name, case.on, case.facts, {"status": {"certificacion": "not_eligible"}}, case.path, case.line
    )
    problems = check(wrong, evaluator.evaluate(case.facts, on=case.on).to_dict())
    assert problems == ["certificacion: expected not_eligible, got eligible"]
