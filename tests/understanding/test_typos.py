"""Two letters swapped inside a word of the lexicon ("depsiden", "desempelado") read as the word; a real
word that is such a slip of another, listed under `normalise.not_typos`, reads as typed."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from actions.understanding import lexicon
from actions.understanding.message import Message
from tests.understanding.conftest import read

# (text, asked, facts): whole readings that must survive a swap inside any word of five letters or more
SENTENCES = [
    ("me van a despedir", None, {"employment_status": "at_risk"}),
    ("estoy desempleado", None, {"employment_status": "unemployed"}),
    ("tengo secundaria completa", None, {"education": "secondary_complete"}),
    ("no tengo discapacidad", None, {"has_disability": False}),
    ("tengo cuatro hijos", None, {"children": 4}),
    ("quiero emprender", None, {"goal": "own_business"}),
    ("I have children", "children", {}),
    ("I was fired", None, {"employment_status": "unemployed"}),
]


def swaps(word: str) -> list[str]:
    return [word[:k] + word[k + 1] + word[k] + word[k + 2:] for k in range(1, len(word) - 2) if word[k] != word[k + 1]]


CASES = [(text, asked, facts, n, slip) for text, asked, facts in SENTENCES
         for n, word in enumerate(text.split()) if len(word) >= 5 for slip in swaps(word)]


@settings(max_examples=150, deadline=None)
@given(case=st.sampled_from(CASES))
def test_two_letters_swapped_inside_a_word(case):
    text, asked, facts, n, slip = case
    assume(slip not in lexicon.current().spelling.known)  # "cuarto" for "cuatro" is a word of its own
    words = text.split()
    words[n] = slip
    read(" ".join(words), asked=asked, facts=facts)


@pytest.mark.parametrize(("text", "asked", "facts"), [
    ("tengo trabajo pero lo puedo prder", "employment_status", {"employment_status": "at_risk"}),
    ("en cualquier momento me depsiden", None, {"employment_status": "at_risk"}),
    ("tengo 3 hjios", None, {"children": 3}),
])
def test_typos_in_answers(text, asked, facts):
    read(text, asked=asked, facts=facts)


def norms(text: str) -> list[str]:
    return [t.norm for t in Message(text, lexicon.current()).toks]


def test_a_listed_real_word_and_a_name_are_read_as_typed():
    assert norms("trades") == ["trades"]
    assert norms("buenas trades") == ["buenas", "trades"]
    assert norms("me depsiden") == ["me", "despiden"]
    assert norms("vivo en Depsiden") == ["vivo", "en", "depsiden"]  # a capital inside: a name


def test_short_words_and_first_or_last_letters_are_not_guessed():
    assert norms("ohla") == ["ohla"]  # four letters
    assert norms("edspiden despidne") == ["edspiden", "despidne"]
