"""Numbers, money and lengths of time as people in Peru write them; property-based.

The number words here are spelt by a converter of the test's own, independent of the lexicon."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.understanding.conftest import read

UNITS_ES = "cero uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince dieciséis " \
           "diecisiete dieciocho diecinueve veinte veintiuno veintidós veintitrés veinticuatro veinticinco " \
           "veintiséis veintisiete veintiocho veintinueve".split()
TENS_ES = {3: "treinta", 4: "cuarenta", 5: "cincuenta", 6: "sesenta", 7: "setenta", 8: "ochenta", 9: "noventa"}
HUNDREDS_ES = {1: "ciento", 2: "doscientos", 3: "trescientos", 4: "cuatrocientos", 5: "quinientos",
               6: "seiscientos", 7: "setecientos", 8: "ochocientos", 9: "novecientos"}
UNITS_EN = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen " \
           "sixteen seventeen eighteen nineteen".split()
TENS_EN = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy", 8: "eighty", 9: "ninety"}


def spanish(n: int, before_noun: bool = False) -> str:
    """35 -> "treinta y cinco"; before a noun "uno" is "un" ("veintiún años", "treinta y un mil")."""
    if n >= 1000:
        thousands, rest = divmod(n, 1000)
        head = "mil" if thousands == 1 else f"{spanish(thousands, before_noun=True)} mil"
        return head + (f" {spanish(rest, before_noun)}" if rest else "")
    if n >= 100:
        hundreds, rest = divmod(n, 100)
        if n == 100:
            return "cien"
        return HUNDREDS_ES[hundreds] + (f" {spanish(rest, before_noun)}" if rest else "")
    if n < 30:
        word = UNITS_ES[n]
        if before_noun and word.endswith("uno"):
            word = word[:-3] + ("ún" if n == 21 else "un")
        return word
    tens, unit = divmod(n, 10)
    return TENS_ES[tens] + (f" y {spanish(unit, before_noun)}" if unit else "")


def english(n: int, hyphen: bool = True, use_and: bool = False, comma: bool = False) -> str:
    """With `comma`, a comma after "thousand" before the hundreds, as in "one thousand, five hundred"."""
    if n >= 1000:
        thousands, rest = divmod(n, 1000)
        joint = ", " if comma and rest >= 100 else " "
        return f"{english(thousands, hyphen)} thousand" + (f"{joint}{english(rest, hyphen, use_and)}" if rest else "")
    if n >= 100:
        hundreds, rest = divmod(n, 100)
        joint = " and " if use_and else " "
        return f"{UNITS_EN[hundreds]} hundred" + (f"{joint}{english(rest, hyphen)}" if rest else "")
    if n < 20:
        return UNITS_EN[n]
    tens, unit = divmod(n, 10)
    return TENS_EN[tens] + (("-" if hyphen else " ") + UNITS_EN[unit] if unit else "")


def grouped(n: int, mark: str) -> str:
    return f"{n:,}".replace(",", mark)


AMOUNT_WAYS = [
    lambda n: str(n),
    lambda n: grouped(n, "."),
    lambda n: grouped(n, ","),
    lambda n: grouped(n, " "),
    lambda n: grouped(n, "'"),
    lambda n: f"S/ {grouped(n, ' ')}",
    lambda n: f"S/.{grouped(n, '.')}",
    lambda n: f"S/{grouped(n, chr(39))}",
    lambda n: f"{n} soles",
    lambda n: f"{n} lucas",
    lambda n: f"PEN {n}",
    lambda n: f"{spanish(n)} soles",
    lambda n: f"{english(n)} soles",
    lambda n: f"{english(n, hyphen=False, use_and=True)} soles",
    lambda n: f"{english(n, use_and=True, comma=True)} soles",
]


@settings(max_examples=400, deadline=None)
@given(amount=st.integers(min_value=0, max_value=99_999), way=st.sampled_from(range(len(AMOUNT_WAYS))))
def test_every_amount_reads_back_as_itself(amount, way):
    text = AMOUNT_WAYS[way](amount)
    read(text, asked="monthly_income", facts={"monthly_income": amount})
    read(f"gano {text} al mes", facts={"monthly_income": amount})


@pytest.mark.parametrize("way", range(len(AMOUNT_WAYS)))
def test_each_way_reads_the_awkward_amounts(way):
    for amount in (0, 1, 21, 100, 101, 999, 1000, 1001, 1500, 1600, 21_000, 31_000, 99_999):
        read(AMOUNT_WAYS[way](amount), asked="monthly_income", facts={"monthly_income": amount})


@settings(max_examples=200, deadline=None)
@given(age=st.integers(min_value=15, max_value=99))
def test_every_age_in_words_reads_back(age):
    read(f"tengo {spanish(age, before_noun=True)} años", facts={"age": age})
    read(spanish(age), asked="age", facts={"age": age})
    read(f"I'm {english(age)} years old", facts={"age": age})
    read(english(age, hyphen=False), asked="age", facts={"age": age})


@settings(max_examples=200, deadline=None)
@given(years=st.integers(min_value=1, max_value=40), months=st.integers(min_value=1, max_value=11))
def test_lengths_of_time(years, months):
    asked = "work_experience_years"
    read(f"{years} años", asked=asked, facts={asked: years})
    read(f"unos {spanish(years, before_noun=True)} años", asked=asked, facts={asked: years})
    read(f"{years} años y medio", asked=asked, facts={asked: years + 0.5})
    read(f"{months} meses", asked=asked, facts={asked: round(months / 12, 2)})
    read(f"{years} años y {months} meses", asked=asked, facts={asked: round(years + months / 12, 2)})
    read(f"menos de {years} años", asked=asked, facts={asked: years - 0.5})


ISSUE_EXAMPLES = [
    # amounts
    ("gano S/ 1 600 al mes", None, {"monthly_income": 1600}, None),
    ("S/ 1 600", "monthly_income", {"monthly_income": 1600}, None),
    ("S/1'500", "monthly_income", {"monthly_income": 1500}, None),
    ("eight hundred fifty soles", "monthly_income", {"monthly_income": 850}, None),
    # durations
    ("unos 2 años", "work_experience_years", {"work_experience_years": 2}, None),
    ("unos 23 años", "work_experience_years", {"work_experience_years": 23}, None),
    ("unos 23 años", "occupation_experience_years", {"occupation_experience_years": 23}, None),
    ("menos de un año", "occupation_experience_years", {"occupation_experience_years": 0.5}, None),
    ("año y medio", "work_experience_years", {"work_experience_years": 1.5}, None),
    ("seis meses", "work_experience_years", {"work_experience_years": 0.5}, None),
    # ages and order
    ("veintiún años", None, {"age": 21}, None),
    ("veintiún años", "age", {"age": 21}, None),
    ("tengo 3 hijos y 35 años", None, {"children": 3, "age": 35}, None),
    ("35 años y 3 hijos", None, {"age": 35, "children": 3}, None),
    # words
    ("secondary complete", "education", {"education": "secondary_complete"}, None),
    ("secondary complete", None, {"education": "secondary_complete"}, None),
    ("trabajo en madera", None, {"occupation": "carpintero_industrial"}, None),
    ("trabajo en madera", "occupation", {"occupation": "carpintero_industrial"}, None),
    # what the issue asks numbers to handle
    ("1.600", "monthly_income", {"monthly_income": 1600}, None),
    ("1,600", "monthly_income", {"monthly_income": 1600}, None),
    ("1 600,50", "monthly_income", {"monthly_income": 1600.5}, None),
    ("S/. 1.200", "monthly_income", {"monthly_income": 1200}, None),
    ("900 lucas", "monthly_income", {"monthly_income": 900}, None),
    ("PEN 1200", "monthly_income", {"monthly_income": 1200}, None),
    ("ciento veinte", "monthly_income", {"monthly_income": 120}, None),
    ("un año", "work_experience_years", {"work_experience_years": 1}, None),
    ("5 y medio", "work_experience_years", {"work_experience_years": 5.5}, None),
    ("como 1200", "monthly_income", {"monthly_income": 1200}, None),
    ("más o menos 900", "monthly_income", {"monthly_income": 900}, None),
    ("aprox. 1000 soles", "monthly_income", {"monthly_income": 1000}, None),
    ("entre 800 y 1000", "monthly_income", {}, {"monthly_income": (800, 1000)}),
]


@pytest.mark.parametrize(("text", "asked", "facts", "ranges"), ISSUE_EXAMPLES,
                         ids=[f"{c[0]}|{c[1]}" for c in ISSUE_EXAMPLES])
def test_the_issue_examples(text, asked, facts, ranges):
    read(text, asked=asked, facts=facts, ranges=ranges)


@pytest.mark.parametrize(("text", "asked", "facts"), [
    ("two thousand, three hundred and forty soles", "monthly_income", {"monthly_income": 2340}),
    ("I earn one thousand, two hundred a month", None, {"monthly_income": 1200}),
    ("mil, quinientos soles", "monthly_income", {"monthly_income": 1500}),
    # a comma before what cannot go on with the number is a list break
    ("I'm thirty, two kids", None, {"age": 30, "children": 2}),
    ("I earn two thousand, three kids", None, {"monthly_income": 2000, "children": 3}),
])
def test_a_comma_inside_number_words(text, asked, facts):
    read(text, asked=asked, facts=facts)


@settings(max_examples=150, deadline=None)
@given(amount=st.integers(min_value=1, max_value=99_999), comma=st.booleans())
def test_an_article_after_number_words_is_not_one_more(amount, comma):
    """"two hundred a month" is 200 a month, not 201; "a week" is another period, so no monthly income."""
    words = english(amount, use_and=True, comma=comma)
    read(f"I earn {words} a month", facts={"monthly_income": amount})
    read(f"I earn {words} a week", facts={})


@pytest.mark.parametrize(("text", "asked", "facts"), [
    ("eight hundred a month", "monthly_income", {"monthly_income": 800}),
    ("a hundred and fifty soles a month", None, {"monthly_income": 150}),
    ("a thousand", "monthly_income", {"monthly_income": 1000}),
])
def test_an_article_starting_number_words_is_one(text, asked, facts):
    read(text, asked=asked, facts=facts)


def test_less_than_a_year_is_below_one_so_certification_does_not_pass():
    from rules import evaluate

    result = read("menos de un año", asked="occupation_experience_years", facts={"occupation_experience_years": 0.5})
    decision = evaluate({"occupation_experience_years": result.facts["occupation_experience_years"]},
                        on="2024-05-01")
    assert decision.components["certificacion"].status == "not_eligible"
