"""The durable_rules wrapper at its known edges (see rules/engine.py)."""

import datetime as dt
import threading

import pytest

from rules import EngineError, Evaluator, evaluate
from rules.compiler import ANCHOR, compile_period
from rules.engine import SESSION_LIMIT, Ruleset
from tests.rules.conftest import FULL

ON = dt.date(2024, 5, 1)


def test_more_evaluations_than_durable_sessions_and_none_left_behind(evaluator):
    ruleset = evaluator.ruleset(evaluator.policy.period_start(ON))
    for n in range(SESSION_LIMIT + 500):
        decision = evaluator.evaluate({**FULL, "age": 30 + n % 30}, on=ON)
        assert decision.components["capacitacion_laboral"].status == "eligible"
    assert ruleset.live_sessions == 0
    assert not ruleset.has_session(ruleset.last_sid)


def test_a_failure_mid_evaluation_retires_the_ruleset_and_the_next_evaluation_works(policy, monkeypatch):
    engine = Evaluator(policy)
    broken_ruleset = engine.ruleset(policy.period_start(ON))

    def broken(state):
        raise RuntimeError("boom")

    monkeypatch.setattr(broken_ruleset, "_drain", broken)
    with pytest.raises(RuntimeError):
        engine.evaluate(FULL, on=ON)
    assert not broken_ruleset.usable
    with pytest.raises(EngineError):
        broken_ruleset.fire(FULL)  # never called into again
    decision = engine.evaluate(FULL, on=ON)
    assert decision.recommended == "capacitacion_laboral"
    fresh = engine.ruleset(policy.period_start(ON))
    assert fresh is not broken_ruleset and fresh.live_sessions == 0
    engine.close()


def test_a_runaway_ruleset_is_stopped_not_left_looping():
    ruleset = Ruleset(
        {
            "a|held": {"all": [{"m": {"$and": [{ANCHOR: 1}, {"$gte": {"x": 1}}]}}]},
            "b|held": {"all": [{"m": {"$and": [{ANCHOR: 1}, {"$gte": {"x": 2}}]}}]},
        },
        label="test_runaway",
    )
    ruleset.rule_count = 1  # pretend: two actions from a one-rule ruleset is a loop
    with pytest.raises(EngineError, match="loop"):
        ruleset.fire({"x": 5})
    assert not ruleset.usable


def test_assert_fact_fires_every_matching_rule_not_just_one():
    # `post` would fire only the first of these; the engine must see all three.
    ruleset = Ruleset(
        {
            "a|held": {"all": [{"m": {"$and": [{ANCHOR: 1}, {"$gte": {"x": 1}}]}}]},
            "b|held": {"all": [{"m": {"$and": [{ANCHOR: 1}, {"$gte": {"x": 2}}]}}]},
            "c|held": {"all": [{"m": {"$and": [{ANCHOR: 1}, {"$lt": {"x": 9}}]}}]},
        },
        label="test_fires_all",
    )
    assert sorted(ruleset.fire({"x": 5})) == ["a|held", "b|held", "c|held"]
    ruleset.close()


def test_nothing_matching_is_no_outcome_and_no_session_left():
    # In durable_rules, a fact no rule matches still opens a session, and deleting
    # it corrupts the heap: the wrapper's catch-all rule keeps every fact handled.
    ruleset = Ruleset({"a|held": {"all": [{"m": {"$and": [{ANCHOR: 1}, {"$gte": {"x": 100}}]}}]}}, label="test_none")
    for _ in range(SESSION_LIMIT + 100):
        assert ruleset.fire({"x": 1}) == []
    assert ruleset.live_sessions == 0
    assert not ruleset.has_session(ruleset.last_sid)
    ruleset.close()


def test_every_compiled_rule_carries_the_positive_anchor(policy):
    # A rule of only $neq/$nex conditions could match the session's own state and loop.
    for start in policy.change_dates():
        for name, rule in compile_period(policy.at(start)).items():
            conditions = rule["all"][0]["m"]["$and"]
            assert {ANCHOR: 1} in conditions, name


def test_membership_is_compiled_without_the_missing_in_operator(policy):
    text = repr(compile_period(policy.at(policy.change_dates()[-1])))
    assert "$in" not in text
    assert "$or" in text


def test_a_reloaded_policy_gets_new_ruleset_names(policy):
    first, second = Evaluator(policy), Evaluator(policy)
    start = policy.change_dates()[-1]
    assert first.ruleset(start).name != second.ruleset(start).name
    assert first.evaluate(FULL, on=start).to_dict() == second.evaluate(FULL, on=start).to_dict()
    first.close()
    second.close()


def test_a_closed_ruleset_refuses_instead_of_crashing(policy):
    engine = Evaluator(policy)
    ruleset = engine.ruleset(policy.change_dates()[-1])
    ruleset.close()
    with pytest.raises(EngineError):
        ruleset.fire({"age": 40})


def test_eight_threads_get_their_own_answers(evaluator):
    # The C extension is not thread-safe; the wrapper serialises calls. No cross-talk, no crash.
    errors = []

    def worker(offset):
        try:
            for i in range(400):
                age = 18 + (offset * 7 + i) % 60
                decision = evaluator.evaluate({**FULL, "age": age}, on=ON)
                expected = "eligible" if 30 <= age <= 59 else "not_eligible"
                if decision.components["capacitacion_laboral"].status != expected:
                    errors.append((age, decision.components["capacitacion_laboral"].status))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


def test_public_api_defaults_to_today_and_spanish():
    decision = evaluate({"age": 25})
    assert decision.on == dt.date.today().isoformat()
    assert "años" in decision.components["capacitacion_laboral"].reasons[0].message


def test_english_messages_show_the_values_compared(evaluator):
    decision = evaluator.evaluate({**FULL, "monthly_income": 2000}, on=ON, lang="en")
    reason = decision.components["autoempleo"].reasons[0]
    assert reason.code == "max_income"
    assert "2000" in reason.message and "1500" in reason.message
    assert reason.values == {"monthly_income": 2000, "limit": 1500}


def test_trace_explains_each_requirement(evaluator):
    decision = evaluator.evaluate({"age": 40, "household_head": False}, on=ON)
    steps = {step.requirement: step for step in decision.trace}
    assert steps["min_age"].outcome == "held" and steps["min_age"].test == "age >= 18"
    assert steps["household_head"].outcome == "failed"
    assert steps["has_children"].outcome == "skipped"
    assert steps["disability_certificate"].outcome == "pending"
    assert steps["training_age_band"].outcome == "held"


def test_needed_lists_the_next_questions_in_asking_order(evaluator):
    decision = evaluator.evaluate({"age": 40, "employment_status": "unemployed"}, on=ON)
    # in the order computed from the population (rules/policy/ask_order.yml), not facts.yml's
    assert decision.needed == ["occupation", "household_head", "work_experience_years", "education",
                               "monthly_income", "has_disability", "occupation_experience_years"]


def test_years_in_the_trade_are_enough_work_experience_and_the_total_is_not_asked(evaluator):
    # requirements.yml: min_work_experience `also_held_by: occupation_experience_years`.
    facts = {k: v for k, v in FULL.items() if k != "work_experience_years"}
    decision = evaluator.evaluate({**facts, "occupation_experience_years": 3}, on=ON)
    certification = decision.components["certificacion"]
    assert certification.status == "eligible" and certification.missing == []
    met = [r for r in certification.reasons if r.code == "min_work_experience"]
    assert [(r.message, r.values) for r in met] == [
        ("Llevas 3 años en tu oficio, así que tienes los 2 años de trabajo que se piden.",
         {"occupation_experience_years": 3, "limit": 2})]
    step = next(s for s in decision.trace if s.requirement == "min_work_experience")
    assert (step.outcome, step.fact, step.value, step.test) == (
        "held_by", "occupation_experience_years", 3, "occupation_experience_years >= 2")
    assert "work_experience_years" not in decision.needed

    # Fewer years in the trade than the total asks: the total is still needed.
    short = evaluator.evaluate({**facts, "occupation_experience_years": 1.5}, on=ON)
    assert short.components["certificacion"].status == "needs_info"
    assert short.components["certificacion"].missing == ["work_experience_years"]
    # A total that is given is what counts, even if it contradicts the trade's years.
    given = evaluator.evaluate({**facts, "occupation_experience_years": 3, "work_experience_years": 1}, on=ON)
    assert given.components["certificacion"].status == "not_eligible"
    assert [r.code for r in given.components["certificacion"].reasons] == ["min_work_experience"]
