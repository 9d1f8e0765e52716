"""Whatever a caller sends as facts, the engine answers or refuses with FactError: never a TypeError."""

from hypothesis import given, settings
from hypothesis import strategies as st

from rules.facts import FactError, clean_facts

JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
                    max_leaves=8)
NAMES = st.sampled_from(["age", "education", "employment_status", "monthly_income", "household_head", "children",
                         "priority_group", "occupation", "goal", "edad"])


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(NAMES | st.text(max_size=6), JSON, max_size=5))
def test_any_facts_are_cleaned_or_refused_with_a_fact_error(policy, facts):
    try:
        clean = clean_facts(policy, facts)
    except FactError:
        return
    assert set(clean) <= set(policy.facts)
    for name, value in clean.items():
        assert value is not None and not isinstance(value, dict), (name, value)
