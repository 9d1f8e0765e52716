"""The asking order: computed from the population, stored as data, and never able to break the assistant."""

from __future__ import annotations

import logging
import shutil

import pytest

from rules import PolicyStore, ask_order, ordering
from rules.inputs import load_policy
from rules.policy import POLICY_DIR, PolicyError
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
    assert mean < ordering.mean_questions(policy, list(policy.facts), applicants, ON) - 0.5
    for i in range(len(order) - 1):
        swapped = [*order[:i], order[i + 1], order[i], *order[i + 2:]]
        assert ordering.mean_questions(policy, swapped, applicants, ON) >= mean - 1e-9, swapped


def test_questions_are_counted_until_nothing_is_needed(policy):
    # 15 years old: below every component's age, so the first question decides everything.
    assert ordering.mean_questions(policy, ask_order.stored(policy), [{"age": 15}], ON) == 1
    alone = ()  # no question asks two facts
    # Not head of household: that ends it after the fourth question in the file's order.
    single = {"age": 40, "employment_status": "unemployed", "education": "secondary_complete", "household_head": False}
    assert ordering.mean_questions(policy, list(policy.facts), [single], ON, groups=alone) == 4
    # A 40-year-old head of household with a certifiable trade answers all ten the components need.
    adult = {"age": 40, "employment_status": "unemployed", "education": "secondary_complete", "household_head": True,
             "children": 2,
             "monthly_income": 900, "has_disability": False, "work_experience_years": 5,
             "occupation": "bordador", "occupation_experience_years": 3}
    assert ordering.mean_questions(policy, list(policy.facts), [adult], ON, groups=alone) == 10
    # Asked together (asked_together.yml): age and schooling, head and children, trade and its years,
    # situation and income.
    assert ordering.mean_questions(policy, list(policy.facts), [adult], ON) == 6
    # Whichever fact of a group comes first brings the others; and once the trade and its 3 years come
    # before the total years of work, those years are enough work (`also_held_by`): the total is not asked.
    later = ["age", "occupation_experience_years", *[f for f in policy.facts if f not in (
        "age", "occupation_experience_years")]]
    assert ordering.mean_questions(policy, later, [adult], ON) == 5
    assert ordering.mean_questions(policy, later, [{**adult, "occupation_experience_years": 1}], ON) == 6


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


@pytest.mark.parametrize("text,reason", [
    ("groups:\n  - facts: [household_head, kids]\n    text: ask_x\n", "'kids' is no fact of facts.yml"),
    ("groups:\n  - facts: [age, children]\n    text: a\n  - facts: [children, age]\n    text: b\n",
     "the same facts as group 1"),
    ("groups:\n  - facts: [age]\n    text: a\n", "is too short"),
    ("groups:\n  - facts: [household_head, children]\n    text: ask_household_and_kids\n",
     "'ask_household_and_kids' is no text of bot/texts"),
    ("groups:\n  - facts: [age, goal]\n", "text"),
])
def test_a_broken_groups_file_is_refused_with_its_line_and_the_last_good_version_keeps_serving(tmp_path, text,
                                                                                                reason):
    folder = tmp_path / "policy"
    shutil.copytree(POLICY_DIR, folder)
    with pytest.raises(PolicyError) as refused:
        (folder / ask_order.TOGETHER_FILE).write_text(text, encoding="utf-8")
        load_policy(folder)
    problems = [str(p) for p in refused.value.problems]
    assert problems and all(p.startswith(str(folder / ask_order.TOGETHER_FILE) + ":") for p in problems)
    assert any(reason in p for p in problems), problems
    # A running assistant: the store keeps serving the version it loaded, with its groups.
    shutil.copy(POLICY_DIR / ask_order.TOGETHER_FILE, folder / ask_order.TOGETHER_FILE)
    store = PolicyStore(folder, check_every=3600)
    try:
        served = store.evaluator().policy
        (folder / ask_order.TOGETHER_FILE).write_text(text, encoding="utf-8")
        with pytest.raises(PolicyError):
            store.reload()
        assert store.evaluator().policy is served
        assert ask_order.together(served) == ask_order.together(load_policy(None))
    finally:
        store.evaluator().close()


def test_an_edit_of_the_groups_is_served_by_a_running_assistant(tmp_path):
    # The groups are read with the policy: the store sees the file change and serves the new groups.
    folder = tmp_path / "policy"
    shutil.copytree(POLICY_DIR, folder)
    store = PolicyStore(folder, check_every=3600)
    try:
        assert ask_order.together(store.evaluator().policy) == ask_order.together(load_policy(None))
        (folder / ask_order.TOGETHER_FILE).write_text(
            "groups:\n  - facts: [household_head, children]\n    text: ask_household_and_children\n", encoding="utf-8")
        policy = store.reload()
        assert ask_order.together(policy) == (ask_order.Group(("household_head", "children"),
                                                              "ask_household_and_children"),)
    finally:
        store.evaluator().close()


def test_every_group_has_its_question_in_both_languages(policy):
    from actions import texts

    groups = ask_order.together(policy)
    assert [g.facts for g in groups] == [("household_head", "children"), ("occupation", "occupation_experience_years"),
                                         ("employment_status", "monthly_income"), ("age", "education", "place"),
                                         ("age", "education"), ("education", "place")]
    for group in groups:
        assert texts.render(group.text, "es").text and texts.render(group.text, "en").text
