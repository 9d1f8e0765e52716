"""bot/lexicon.yml as maintainers edit it: every mistake an editor allows is refused with file:line and
the reason, all at once, and the running parser keeps its last good lexicon. Tests mutate a copy."""

from __future__ import annotations

import os
import re
import time

import pytest

from actions.understanding import lexicon, parse, reload_lexicon
from datafiles import DataFileError
from knowledge.paths import PROJECT_ROOT
from rules import current_policy

LEXICON = PROJECT_ROOT / "bot" / "lexicon.yml"
ORIGINAL = LEXICON.read_text(encoding="utf-8")


def line_of(text: str, needle: str) -> int:
    return text[:text.index(needle)].count("\n") + 1


def mutated(tmp_path, old: str, new: str):
    assert ORIGINAL.count(old) == 1, f"the lexicon changed: {old!r} is no longer there once"
    text = ORIGINAL.replace(old, new)
    path = tmp_path / "lexicon.yml"
    path.write_text(text, encoding="utf-8")
    return path, text


def problems(path) -> list[str]:
    with pytest.raises(DataFileError) as caught:
        lexicon.load(path)
    return [str(p).replace(str(path), "lexicon.yml") for p in caught.value.problems]


def test_the_lexicon_in_the_repository_loads():
    lex = lexicon.load(LEXICON)
    assert len(lex.rules) > 600


# (old text, new text, the problem's line is that of this needle in the new text, reason)
MUTATIONS = [
    ("    unemployed:\n      - \"(estoy|ando) sin", "    unemployed:\n      - sin chamba nomas\n    unemployed:\n"
     "      - \"(estoy|ando) sin", "    unemployed:\n      - \"(estoy", "duplicate key 'unemployed' (first at line"),
    ("\nphrases:\n", "\nphrase:\n", "phrase:\n", "unknown key 'phrase'; did you mean 'phrases'?"),
    ("    unemployed:\n      - \"(estoy|ando) sin", "    jobless:\n      - \"(estoy|ando) sin", "    jobless:",
     "'jobless' is not a value of employment_status"),
    ("number_facts:\n  age:\n", "number_facts:\n  edad:\n", "  edad:", "'edad' is not a fact of the engine"),
    ("      - tengo {n} <years> !<not_age>\n", "      - tengo {edad} <years>\n", "tengo {edad}",
     "unknown slot '{edad}'"),
    ("      - tengo {n} <years> !<not_age>\n", "      - tengo {n} <anios>\n", "tengo {n} <anios>",
     "unknown word list '<anios>'"),
    ("      - tengo {n} <years> !<not_age>\n", "      - \"tengo (un|una {n}\"\n", "tengo (un|una", "is never closed"),
    ("  household_head:\n    \"true\":\n      - soy (jefa|jefe)", "  household_head:\n    si:\n      - soy (jefa|jefe)",
     "    si:", "household_head is true or false, not 'si'"),
    (" noventa: 90, cien: 100,", " noventa: 90, cien: cien,", "cien: cien", "expected a whole number, not cien"),
    ("    age: [14, 100]", "    age: [14, 200]", "age: [14, 200]", "plausible age must lie within the engine's limits"),
    ("    age: [14, 100]", "    age: [50, 20]", "age: [50, 20]", "the lowest plausible age (50) is above the highest"),
    ("    carpintero_industrial:\n      - \"(hago", "    carpintero:\n      - \"(hago", "    carpintero:",
     "'carpintero' is not a certifiable profile"),
    ("    underemployed: [employed]", "    underemployed: [empleado]", "underemployed: [empleado]",
     "'empleado' is not a value of employment_status"),
    ("  sons: [son, sons]", "  sons: [son, sons, son]", "  sons: [son, sons, son]", "'son' is listed twice"),
    ("      - tengo {n} <years> !<not_age>\n", "      - \"[tengo]\"\n", "\"[tengo]\"",
     "the phrase can match no word at all"),
    ("  window: 5", "  window: 05", "  window: 05", "05 has a leading zero"),
    ("    vrae: vrae_resident", "    vrae: vrae", "    vrae: vrae", "'vrae' is not a priority group of the engine"),
    ("\"entre {n} y {n}\",", "\"entre {n} y\",", "\"entre {n} y\"", "a range is two {n} with words between them"),
    ("  window: 5", "  window: 5\n  windw: 3", "  windw: 3", "unknown key 'windw'; did you mean 'window'?"),
    # the sections of clause answers, leading-only articles and real words that look like slips
    ("asked_clauses:\n  goal:\n    unsure:", "asked_clauses:\n  goal:\n    unsur:", "    unsur:",
     "'unsur' is not a value of goal"),
    ("asked_clauses:\n  goal:\n", "asked_clauses:\n  gol:\n", "  gol:", "'gol' is not a fact of the engine"),
    ("  leading_only: [a, an]", "  leading_only: a", "  leading_only: a", "expected"),
    ("  not_typos: [trades]", "  not_typos: [trades, trades]", "  not_typos: [trades, trades]",
     "'trades' is listed twice"),
    # the sections of this round: unclear answers, questions inside a clause
    ("\nunclear:\n", "\nunclaer:\n", "unclaer:", "unknown key 'unclaer'; did you mean 'unclear'?"),
    ("  - what do you mean\n", "  - \"what do (you|u mean\"\n", "what do (you|u mean", "is never closed"),
    ("  - what do you mean\n", "  - what do you mean\n  - \"what do you mean\"\n", "\"what do you mean\"",
     "'what do you mean' is listed twice"),
    ("  inside: [do you,", "  inside: [do <you>,", "  inside: [do <you>,", "unknown word list '<you>'"),
    ("  inside: [do you,", "  insides: [do you,", "  insides: [do you,",
     "unknown key 'insides'; did you mean 'inside'?"),
    ("    children: [0, 20]", "    children: [0, 40]", "children: [0, 40]",
     "plausible children must lie within the engine's limits"),
    ("  normalise:\n" if False else "normalise:\n  # A word typed", "normalise:\n\t# A word typed", "\t# A word typed",
     "not valid YAML"),
]


@pytest.mark.parametrize(("old", "new", "needle", "reason"), MUTATIONS, ids=[m[3][:40] for m in MUTATIONS])
def test_each_mistake_is_refused_with_its_line(tmp_path, old, new, needle, reason):
    path, text = mutated(tmp_path, old, new)
    found = problems(path)
    assert len(found) == 1, found
    assert re.match(rf"lexicon\.yml:{line_of(text, needle)}:\d+: .*{re.escape(reason)}", found[0]), found


def test_every_problem_is_listed_at_once(tmp_path):
    text = (ORIGINAL.replace("      - tengo {n} <years> !<not_age>\n", "      - tengo {edad} <years>\n")
            .replace("    age: [14, 100]", "    age: [14, 200]").replace("\nphrases:\n", "\nphrase:\n"))
    path = tmp_path / "lexicon.yml"
    path.write_text(text, encoding="utf-8")
    found = problems(path)
    assert len(found) == 3, found
    assert [int(p.split(":")[1]) for p in found] == sorted(int(p.split(":")[1]) for p in found)


def test_unquoted_yes_and_no_stay_words(tmp_path):
    path, _ = mutated(tmp_path, '  "yes": [si, sip,', "  yes: [si, sip,")
    assert lexicon.load(path).yes_no[("si",)] is True


@pytest.fixture
def served(tmp_path):
    """The parser serving a copy of the lexicon, checked for changes at every message; restored after."""
    path = tmp_path / "lexicon.yml"
    path.write_text(ORIGINAL, encoding="utf-8")
    assert reload_lexicon(path) == []
    lexicon._STORE.check_every = 0
    yield path
    lexicon._STORE.check_every = 2.0
    assert reload_lexicon(LEXICON) == []


def _touch_later(path):
    later = time.time_ns() + 2 * 10**9  # a new modification time even on a coarse clock
    os.utime(path, ns=(later, later))


def test_a_broken_edit_is_refused_and_the_last_good_lexicon_keeps_serving(served, caplog):
    assert parse("tengo 35 años").facts == {"age": 35}
    served.write_text(ORIGINAL.replace("\nphrases:\n", "\nphrase:\n"), encoding="utf-8")
    _touch_later(served)
    assert parse("tengo 35 años").facts == {"age": 35}  # the edit was picked up, refused, and the old words serve
    assert "lexicon refused (keeping the last good version)" in caplog.text
    assert re.search(r"lexicon\.yml:\d+:1: unknown key 'phrase'; did you mean 'phrases'\?", caplog.text)
    problems_now = reload_lexicon()
    assert [p.reason for p in problems_now] == ["unknown key 'phrase'; did you mean 'phrases'?"]
    assert parse("soy jefa de hogar").facts == {"household_head": True}


def test_a_good_edit_is_taken_without_a_restart(served):
    assert parse("quiero chambear duro").facts == {}
    edited = ORIGINAL.replace("      - quiero trabajar\n", "      - quiero trabajar\n      - quiero chambear\n")
    served.write_text(edited, encoding="utf-8")
    _touch_later(served)
    assert parse("quiero chambear duro").facts == {"goal": "job"}


def test_the_fact_schema_is_the_policys():
    lex = lexicon.current()
    facts = current_policy().facts
    assert lex.schema.facts == facts
    for name in ("children", "monthly_income", "work_experience_years"):
        spec = facts[name]
        expected_hi = min(spec.max, lex.limits[name][1])
        assert lex.limits[name][0] == spec.min and lex.limits[name][1] == expected_hi
    assert lex.limits["age"] == (14, 100)  # `plausible` narrows the engine's 0-120
    # `plausible` narrows the engine's 0-30: "perdón, tengo 30" to the children question is an age
    assert lex.limits["children"] == (facts["children"].min, 20)


def test_another_policy_is_another_schema(tmp_path):
    facts = dict(current_policy().facts)
    facts.pop("goal")
    with pytest.raises(DataFileError, match=r"'goal' is not a fact of the engine"):
        lexicon.load(LEXICON, facts=facts)


def test_every_engine_choice_has_phrases():
    lex = lexicon.current()
    for fact in ("education", "employment_status", "goal", "priority_group"):
        values = {r.value for r in lex.rules if r.fact == fact and r.kind == "phrase"}
        assert values == set(current_policy().facts[fact].choices), fact
