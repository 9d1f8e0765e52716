"""The asking order: computed from the population, stored as data, and never able to break the assistant."""

from __future__ import annotations

import logging
import shutil

import pytest

from rules import ask_order, ordering
from rules.inputs import load_policy
from rules.policy import POLICY_DIR
from rules.population import population

ON = "2026-12-01"


@pytest.fixture(scope="module")
def policy():
    return load_policy(None)


@pytest.fixture(scope="module")
def applicants():
    return population(**ask_order.POPULATION)


def test_the_stored_order_names_every_fact_once(policy):
    order = ask_order.stored(policy)
    assert sorted(order) == sorted(policy.facts) and order != list(policy.facts)
    assert order[0] == "age"


def test_the_stored_order_is_best_among_its_neighbours_and_beats_the_files_order(policy, applicants):
    # Fails when a policy or population change makes the stored order stale: run `python -m rules ask-order --write`.
    order = ask_order.stored(policy)
    mean = ordering.mean_questions(policy, order, applicants, ON)
    assert mean < ordering.mean_questions(policy, list(policy.facts), applicants, ON) - 1
    for i in range(len(order) - 1):
        swapped = [*order[:i], order[i + 1], order[i], *order[i + 2:]]
        assert ordering.mean_questions(policy, swapped, applicants, ON) >= mean - 1e-9, swapped


def test_questions_are_counted_until_nothing_is_needed(policy):
    # 15 years old: below every component's age, so the first question decides everything.
    assert ordering.mean_questions(policy, ask_order.stored(policy), [{"age": 15}], ON) == 1
    # Not head of household: that ends it after the fourth question in the file's order.
    single = {"age": 40, "employment_status": "unemployed", "education": "secondary_complete", "household_head": False}
    assert ordering.mean_questions(policy, list(policy.facts), [single], ON) == 4
    # A 40-year-old head of household with a certifiable trade answers all ten the components need.
    adult = {"age": 40, "employment_status": "unemployed", "education": "secondary_complete", "household_head": True,
             "children": 2,
             "monthly_income": 900, "has_disability": False, "work_experience_years": 5,
             "occupation": "bordador", "occupation_experience_years": 3}
    assert ordering.mean_questions(policy, list(policy.facts), [adult], ON) == 10


@pytest.mark.parametrize("text", [
    "order: [age, education]\n",  # a fact left out
    "order:\n  - age\n  - age\n",  # twice
    "order: [age\n",  # not YAML
    "orden: []\n",  # unknown key
])
def test_a_stale_or_broken_order_falls_back_to_the_files_order(tmp_path, caplog, text):
    folder = tmp_path / "policy"
    shutil.copytree(POLICY_DIR, folder)
    (folder / ask_order.FILE).write_text(text, encoding="utf-8")
    policy = load_policy(folder)
    with caplog.at_level(logging.WARNING, logger="rules.ask_order"):
        assert ask_order.stored(policy) == list(policy.facts)
    assert "order of facts.yml" in caplog.text


def test_without_the_file_the_files_order_is_used(tmp_path):
    folder = tmp_path / "policy"
    shutil.copytree(POLICY_DIR, folder)
    (folder / ask_order.FILE).unlink()
    policy = load_policy(folder)
    assert ask_order.stored(policy) == list(policy.facts)
