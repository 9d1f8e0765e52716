"""Case codes (rules/casecode.py): the form, the check, the seal, and that a code keeps the decision."""

from __future__ import annotations

import datetime as dt
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from knowledge.sources import certifiable_profiles
from rules import casecode
from rules.casecode import ALPHABET, CaseCodeError, ForeignCode, MistypedCode, NoKey, NotACode, decode, encode
from rules.population import population

SECRET = b"test-case-code-key-0001"
OTHER_SECRET = b"test-case-code-key-0002"
MADE = dt.date(2026, 12, 2)
TODAY = dt.date(2027, 3, 15)
PROFILES = certifiable_profiles()[0]
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def maybe(strategy):
    return st.none() | strategy


def choice(policy, name):
    return maybe(st.sampled_from(list(policy.facts[name].choices)))


@st.composite
def answers(draw, policy):
    """Any answers an applicant can give (every fact the engine reads that a code carries)."""
    facts = {
        "age": draw(maybe(st.integers(0, 120))),
        "employment_status": draw(choice(policy, "employment_status")),
        "education": draw(choice(policy, "education")),
        "household_head": draw(maybe(st.booleans())),
        "children": draw(maybe(st.integers(0, 30))),
        "monthly_income": draw(maybe(st.integers(0, 1_000_000) | st.floats(0, 1_000_000))),
        "has_disability": draw(maybe(st.booleans())),
        "disability_certificate": draw(maybe(st.booleans())),
        "work_experience_years": draw(maybe(st.floats(0, 80))),
        "occupation": draw(maybe(st.sampled_from([*PROFILES, "gasfitero", "vendedora de golosinas"]))),
        "occupation_experience_years": draw(maybe(st.floats(0, 80))),
        "goal": draw(choice(policy, "goal")),
    }
    return {name: value for name, value in facts.items() if value is not None}


def floored(facts: dict) -> dict:
    """What a code keeps of the answers, as the layout's docstring states it."""
    from rules.case_layout import AGE, CHILDREN, INCOME, YEARS, floor_index

    kept = dict(facts)
    for name, grid in (("age", AGE), ("monthly_income", INCOME), ("children", CHILDREN),
                       ("work_experience_years", YEARS), ("occupation_experience_years", YEARS)):
        if name in kept:
            kept[name] = grid[floor_index(grid, kept[name])]
    if kept.get("household_head") is not True:
        kept.pop("children", None)
    if kept.get("has_disability") is not True:
        kept.pop("disability_certificate", None)
    if "occupation" in kept and kept["occupation"] not in PROFILES:
        kept["occupation"] = "other"
    return kept


@FAST
@given(data=st.data())
def test_any_answers_come_back_as_the_layout_keeps_them(policy, data):
    facts = data.draw(answers(policy))
    made = data.draw(st.dates(dt.date(2026, 1, 1), dt.date(2040, 12, 31)))
    code = encode(facts, SECRET, made, policy=policy)
    case = decode(code, SECRET, today=made, policy=policy)
    assert case.facts == floored(facts)
    assert case.made == made.replace(day=1)
    assert len(code) == 16 and code.startswith("IMP-") and code[9] == "-"
    assert set(code[4:9] + code[10:]) <= set(ALPHABET)


def test_a_code_is_read_within_16_months_as_the_month_it_was_made(policy):
    code = encode({"age": 40}, SECRET, MADE, policy=policy)
    assert decode(code, SECRET, today=dt.date(2028, 3, 31), policy=policy).made == dt.date(2026, 12, 1)
    # 16 months on, the same month number means the newer month: codes are for weeks, not years.
    assert decode(code, SECRET, today=dt.date(2028, 4, 1), policy=policy).made == dt.date(2028, 4, 1)


def test_the_code_hides_the_answers(policy):
    """Two applicants who differ only in income share no visible part of their codes' pattern."""
    low = encode({"age": 40, "monthly_income": 900}, SECRET, MADE, policy=policy)
    high = encode({"age": 40, "monthly_income": 3000}, SECRET, MADE, policy=policy)
    assert sum(a == b for a, b in zip(low, high, strict=True)) <= 4 + 1 + 3  # 'IMP-', the dash, chance


def test_how_people_type_a_code_is_accepted(policy):
    code = encode({"age": 40, "goal": "job"}, SECRET, MADE, policy=policy)
    body = code[4:].replace("-", "")
    spaced = " ".join(body[i:i + 3] for i in range(0, 11, 3))
    look_alikes = code.lower().replace("0", "o").replace("1", "l")
    for typed in (code, code.lower(), body, f"imp {spaced}", f"  IMP - {body}  ", look_alikes):
        assert decode(typed, SECRET, today=MADE, policy=policy).facts == {"age": 40, "goal": "job"}, typed
        assert casecode.canonical(typed) == code


@FAST
@given(data=st.data())
def test_every_single_mistyped_character_is_caught(policy, data):
    code = encode(data.draw(answers(policy)), SECRET, MADE, policy=policy)
    symbols = list(code[4:].replace("-", ""))
    position = data.draw(st.integers(0, 10))
    symbols[position] = data.draw(st.sampled_from([s for s in ALPHABET if s != symbols[position]]))
    with pytest.raises(MistypedCode, match="a character is mistyped"):
        decode("IMP-" + "".join(symbols), SECRET, policy=policy)


def test_the_check_catches_every_substitution_and_every_swap_at_every_position():
    """Exhaustively, for the check alone: 11 positions x 31 wrong symbols, and all swaps of two
    different symbols (adjacent or not), from many valid codes."""
    import random

    rng = random.Random(1)
    for _ in range(200):
        values = [rng.randrange(32) for _ in range(10)]
        word = values + [casecode.check_symbol(values)]
        assert casecode.syndrome(word) == 0
        for i in range(11):
            for wrong in range(32):
                if wrong != word[i]:
                    assert casecode.syndrome(word[:i] + [wrong] + word[i + 1:]) != 0
            for j in range(i + 1, 11):
                if word[i] != word[j]:
                    swapped = list(word)
                    swapped[i], swapped[j] = word[j], word[i]
                    assert casecode.syndrome(swapped) != 0


@FAST
@given(data=st.data())
def test_every_swap_of_two_adjacent_characters_is_caught(policy, data):
    code = encode(data.draw(answers(policy)), SECRET, MADE, policy=policy)
    symbols = list(code[4:].replace("-", ""))
    i = data.draw(st.integers(0, 9))
    if symbols[i] == symbols[i + 1]:
        return  # the same code
    symbols[i], symbols[i + 1] = symbols[i + 1], symbols[i]
    with pytest.raises(MistypedCode):
        decode("".join(symbols), SECRET, policy=policy)


@FAST
@given(data=st.data())
def test_a_code_made_with_another_secret_is_refused(policy, data):
    code = encode(data.draw(answers(policy)), OTHER_SECRET, MADE, policy=policy)
    with pytest.raises(ForeignCode):
        decode(code, SECRET, policy=policy)


def test_random_well_formed_codes_are_refused(policy):
    """Random symbols with a right check symbol: the seal refuses all but about 1 in 8,500."""
    import random

    rng = random.Random(7)
    accepted = 0
    for _ in range(3000):
        values = [rng.randrange(32) for _ in range(10)]
        code = "".join(ALPHABET[v] for v in values + [casecode.check_symbol(values)])
        try:
            decode(code, SECRET, policy=policy)
            accepted += 1
        except ForeignCode:
            pass
    assert accepted <= 2


@FAST
@given(text=st.text() | st.text(alphabet=string.ascii_letters + string.digits + " -", min_size=8, max_size=20)
       | st.builds(lambda s: "IMP-" + s, st.text(alphabet=ALPHABET + "ILOU", min_size=11, max_size=11)))
def test_decode_raises_nothing_but_its_own_error(policy, text):
    try:
        decode(text, SECRET, policy=policy)
    except CaseCodeError:
        pass


def test_what_is_not_a_code_is_named_so(policy):
    for text in ("", "hola", "IMP-1234", "IMP-12345-123456-7", "XYZ-12345-123456", "IMP-1234Ñ-123456", 12345):
        with pytest.raises(NotACode):
            decode(text, SECRET, policy=policy)
    with pytest.raises(MistypedCode, match="U is never"):
        decode("IMP-U0000-000000", SECRET, policy=policy)


def test_the_secret_comes_from_case_code_key():
    assert casecode.key_from_env({"CASE_CODE_KEY": "a-long-enough-secret"}) == b"a-long-enough-secret"
    with pytest.raises(NoKey, match="CASE_CODE_KEY is not set"):
        casecode.key_from_env({})
    with pytest.raises(NoKey, match="at least 16"):
        casecode.key_from_env({"CASE_CODE_KEY": "short"})
    with pytest.raises(NoKey):
        encode({"age": 40}, b"", MADE)


def decision(evaluator, facts: dict, on) -> dict:
    """What the applicant is told, without the wording of values: statuses, reasons, missing facts,
    recommendation and referrals."""
    out = evaluator.evaluate(facts, on=on).to_dict()
    components = {cid: (c["status"], [r["code"] for r in c["reasons"]], c["missing"])
                  for cid, c in out["components"].items()}
    return {"components": components, "recommended": out["recommended"], "referrals": out["referrals"]}


@pytest.mark.parametrize("on", [dt.date(2013, 6, 1), dt.date.today()])
def test_decode_then_evaluate_gives_the_same_decision_over_the_population(policy, evaluator, on):
    """Over 3,000 synthetic applicants, with every answer and with the later answers not yet given."""
    carried = set(casecode.case_layout.CARRIED)
    for number, person in enumerate(population(3000, seed=11)):
        facts = {k: v for k, v in person.items() if k in carried}
        if number % 3 == 1:  # a screening stopped half way
            facts = {k: v for k, v in facts.items() if k in ("age", "employment_status", "education", "goal")}
        case = decode(encode(facts, SECRET, MADE, policy=policy), SECRET, today=MADE, policy=policy)
        assert decision(evaluator, case.facts, on) == decision(evaluator, facts, on), facts


def test_the_layout_follows_the_policy_and_profiles_files(policy):
    from rules.case_layout import CARRIED, fields

    layout = fields(policy)
    named = {f.fact for f in layout} | {f.then_fact for f in layout if hasattr(f, "then_fact")}
    assert named == set(CARRIED) and set(CARRIED) <= set(policy.facts)
    assert [f.values for f in layout if f.fact == "education"] == [tuple(policy.facts["education"].choices)]


def test_every_limit_of_the_policy_is_a_grid_point(policy):
    """A floored answer stays on its side of each limit only if the limit is on the grid: a maintainer who
    moves a limit off the grid (say the income cap to S/ 1 550) is told here to move the grid too."""
    from rules.case_layout import fields, grids

    on_grid = grids(fields(policy))
    for start in policy.change_dates():
        period = policy.at(start)
        tests = [(policy.requirements[code].fact, test) for code, test in period.tests.items()]
        tests += [(r.when.fact, period.referral_tests[r.id]) for r in policy.referrals if r.when]
        for fact, test in tests:
            if fact not in on_grid:
                continue
            if test.op == "between":
                limits = [test.operand[0], None if test.operand[1] is None else test.operand[1] + 1]
            else:
                limits = [test.operand]
            for limit in filter(lambda x: x is not None, limits):
                assert limit in on_grid[fact].grid, f"{fact}: limit {limit} on {start} is not a grid point"
