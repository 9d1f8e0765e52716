"""durable_rules and the plain-Python reference must agree on every field."""

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rules import reference

PROFILE_OR_TEXT = st.sampled_from(
    ["carpintero_industrial", "bordador", "cosechador_esparrago", "gasfitero", "panadero", "electricista_edificaciones"]
)
EDUCATION = st.sampled_from(
    [
        "none",
        "primary_incomplete",
        "primary_complete",
        "secondary_incomplete",
        "secondary_complete",
        "higher_incomplete",
        "higher_complete",
    ]
)
FIELDS = {
    "age": st.integers(0, 120),
    "education": EDUCATION,
    "employment_status": st.sampled_from(["unemployed", "underemployed", "at_risk", "employed"]),
    "monthly_income": st.one_of(st.integers(0, 4000), st.sampled_from([1499, 1499.99, 1500, 1500.01])),
    "household_head": st.booleans(),
    "children": st.integers(0, 8),
    "has_disability": st.booleans(),
    "disability_certificate": st.booleans(),
    "work_experience_years": st.one_of(st.integers(0, 40), st.sampled_from([1.9, 2, 2.5])),
    "occupation": PROFILE_OR_TEXT,
    "occupation_experience_years": st.one_of(st.integers(0, 30), st.sampled_from([0.5, 1, 1.5, 1.9, 2])),
    "goal": st.sampled_from(["job", "own_business", "certify_skills", "unsure"]),
    "priority_group": st.lists(
        st.sampled_from(["fisher", "vrae_resident", "released_prisoner", "returning_migrant"]), unique=True, max_size=2
    ),
}
# Each fact is present or missing, independently: missing facts matter as much as values.
applicants = st.fixed_dictionaries({}, optional=FIELDS)
dates = st.dates(min_value=dt.date(2009, 4, 1), max_value=dt.date(2030, 12, 31))


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(facts=applicants, on=dates, lang=st.sampled_from(["es", "en"]))
def test_engine_agrees_with_reference(evaluator, policy, facts, on, lang):
    assert evaluator.evaluate(facts, on=on, lang=lang).to_dict() == reference.evaluate(policy, facts, on=on, lang=lang)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(age=st.integers(0, 120), on=st.sampled_from([dt.date(2013, 12, 31), dt.date(2014, 1, 1)]))
def test_agreement_around_the_2014_change(evaluator, policy, age, on):
    facts = {
        "age": age,
        "education": "secondary_complete",
        "employment_status": "unemployed",
        "monthly_income": 800,
        "household_head": True,
        "children": 1,
        "has_disability": False,
    }
    assert evaluator.evaluate(facts, on=on).to_dict() == reference.evaluate(policy, facts, on=on)
