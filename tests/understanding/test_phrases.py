"""The phrase language (docs/phrases.md): what each piece matches, what is refused, and the bound on
the work matching does. The bound is counted in steps, not timed."""

from __future__ import annotations

import pytest

from actions.understanding import lexicon
from actions.understanding.match import Context
from actions.understanding.numbers import quantities
from actions.understanding.phrases import MAX_WORDS, PhraseError, compile_phrase
from actions.understanding.text import tokenise

LISTS = {"child": [("hijo",), ("hijos",), ("menores", "de", "edad")], "years": [("anos",), ("ano",)]}


def words(raw: str) -> list[str]:
    lex = lexicon.current()
    return [t.norm for t in tokenise(raw, lex.spelling, lex.token_re)]


def phrase(text: str):
    return compile_phrase(text, words, LISTS)


def context(message: str) -> Context:
    lex = lexicon.current()
    toks = tokenise(message, lex.spelling, lex.token_re)
    return Context(toks, quantities(toks, lex.numbers), lex.match_words)


def matches(pattern: str, message: str) -> list[tuple]:
    """(matched words, slots) for each match; slots with token spans shown as words."""
    ctx = context(message)
    out = []
    for m in ctx.find(phrase(pattern)):
        slots = {k: (" ".join(ctx.norms[v[0]:v[1]]) if type(v) is tuple else v) for k, v in m.slots.items()}
        out.append((" ".join(ctx.norms[m.i:m.j]), slots))
    return out


@pytest.mark.parametrize(("pattern", "message", "expected"), [
    ("tengo [un] trabajo fijo", "tengo un trabajo fijo", [("tengo un trabajo fijo", {})]),
    ("tengo [un] trabajo fijo", "Tengo trabajo FIJO", [("tengo trabajo fijo", {})]),
    ("(soy|estoy) desempleado", "estoy desempleado", [("estoy desempleado", {})]),
    ("tengo [el|mi] certificado", "tengo mi certificado", [("tengo mi certificado", {})]),
    ("no tengo <child>", "no tengo menores de edad", [("no tengo menores de edad", {})]),
    ("tengo 2 <child> !de", "tengo 2 hijos de 5 años", []),
    ("tengo 2 <child> !de", "tengo 2 hijos, uno de 5", [("tengo 2 hijos", {})]),
    ("perdon, era", "perdon era", [("perdon era", {})]),
    ("perdon, era", "perdon, era", [("perdon , era", {})]),
    ("perdon, {clause} era", "perdon era", []),
    ("{start} soy", "hola, soy", [("soy", {})]),
    ("{start} soy", "yo soy", []),
    ("{start} soy", "tengo hijos y soy", [("soy", {})]),
    ("soy {end}", "soy, pero", [("soy", {})]),
    ("soy {end}", "soy carpintero", []),
])
def test_what_each_piece_matches(pattern, message, expected):
    assert matches(pattern, message) == expected


def test_numbers_lengths_of_time_and_school_years():
    n = matches("gano {n}", "gano mil quinientos")[0][1]["n"]
    assert (n.value, n.is_range) == (1500, False)
    r = matches("gano {n}", "gano entre 800 y 1000")[0][1]["n"]
    assert (r.low, r.high, r.is_range) == (800, 1000, True)
    assert matches("{years} de experiencia", "año y medio de experiencia")[0][1]["years"].value == 1.5
    assert matches("{years} de experiencia", "seis meses de experiencia")[0][1]["years"].value == 0.5
    assert matches("{ord} de secundaria", "3ro de secundaria")[0][1] == {"ord": 3}
    assert matches("{ord} de secundaria", "tercero de secundaria")[0][1] == {"ord": 3}


def test_captures_and_gaps():
    assert matches("trabajo de {job}", "trabajo de maestro de obra en Lima") == [
        ("trabajo de maestro de obra", {"job": "maestro de obra"})]  # a trade stops at "en"
    assert matches("trabajo de {job} {gap} hace {years}", "trabajo de electricista en obras desde hace 9 años")[0][0] \
        == "trabajo de electricista en obras desde hace 9 anos"
    assert matches("a {gap} b", "a x y b") == []  # a gap does not cross "y"
    assert matches("a {gap} b", "a x z w v b") == []  # at most three words
    assert matches("vivo en {place}", "vivo en San Juan de Lurigancho, gano 900") == [
        ("vivo en san juan de lurigancho", {"place": "san juan de lurigancho"})]


def test_the_longest_way_through_a_phrase_wins():
    assert matches("tengo [un] [trabajo] [fijo]", "tengo un trabajo fijo") == [("tengo un trabajo fijo", {})]
    assert matches("(no tengo|no tengo trabajo) [fijo]", "no tengo trabajo fijo")[0][0] == "no tengo trabajo fijo"


@pytest.mark.parametrize(("pattern", "column", "reason"), [
    ("tengo {edad}", 6, "unknown slot '{edad}'"),
    ("tengo <hijos>", 6, "unknown word list '<hijos>'"),
    ("tengo (un|una", 6, "a ( is never closed"),
    ("tengo un)", 8, "')' closes nothing that is open"),
    ("tengo [un|] hijo", 10, "an empty choice"),
    ("tengo !", 6, "'!' must be followed by"),
    ("[tengo]", 0, "the phrase can match no word at all"),
    ("{gap} hijos", 0, "a phrase cannot start with {gap}"),
    ("a " + " ".join(["{gap} b"] * 14), 0, f"at most {MAX_WORDS} words"),
])
def test_refused_phrases_say_where_and_why(pattern, column, reason):
    with pytest.raises(PhraseError) as caught:
        phrase(pattern)
    assert caught.value.column == column
    assert reason in caught.value.reason


def test_the_work_is_bounded_by_steps_times_words_even_with_many_gaps():
    """The old regular expressions backtracked for seconds over a phrase with many {gap}s; each
    (step, position) is now worked out once."""
    many_gaps = phrase("trabajo " + " ".join(["{gap} de"] * 6) + " {gap} hace {years}")
    message = " ".join(["trabajo de"] * 19) + " hace tiempo"  # 40 words that start and continue it everywhere
    ctx = context(message)
    assert ctx.find(many_gaps) == []
    worked = len(ctx._memo[id(many_gaps)])
    assert worked <= len(many_gaps.nodes) * (ctx.size + 1)
