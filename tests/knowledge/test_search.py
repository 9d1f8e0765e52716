"""FAQ search: paraphrases, accents, typos, and hostile input treated as text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import knowledge
from knowledge import fts, sources
from knowledge.text import normalise_name, stem

from .paraphrases import PARAPHRASES

FAQ_IDS = [r["id"] for r in sources.load()["faqs"]]


def test_every_faq_has_paraphrases():
    assert sorted(PARAPHRASES) == sorted(FAQ_IDS)


@pytest.mark.parametrize("faq_id", FAQ_IDS)
def test_every_faq_is_found_by_paraphrases(kb, faq_id):
    faq = knowledge.faq(faq_id)
    for lang, questions in PARAPHRASES[faq_id].items():
        phrasings = {normalise_name(p) for p in faq[f"phrasings_{lang}"]}
        for question in questions:
            assert normalise_name(question) not in phrasings, "a paraphrase must not be one of the phrasings"
            hits = [h["id"] for h in knowledge.search(question, lang=lang, limit=3)]
            assert faq_id in hits, f"{question!r} ({lang}) -> {hits}"


def test_hits_carry_the_asked_language(kb):
    es = knowledge.search("¿cuánto cuesta?", lang="es")[0]
    en = knowledge.search("how much does it cost?", lang="en")[0]
    assert es["id"] == en["id"] == "costo"
    assert es["question"].startswith("¿") and "gratuito" in es["answer"]
    assert "free" in en["answer"]
    assert set(es) >= {"id", "question", "answer"}


def test_a_question_in_the_other_language_still_answers_in_the_asked_one(kb):
    hits = knowledge.search("certificación de competencias", lang="en")
    assert hits and all("¿" not in h["question"] for h in hits)


def test_accents_and_case_do_not_matter(kb):
    plain = [h["id"] for h in knowledge.search("certificacion competencias laborales")]
    accented = [h["id"] for h in knowledge.search("CERTIFICACIÓN COMPETENCIAS LABORALES")]
    assert plain == accented and "certificacion_que_es" in plain[:3]


def test_word_forms_match_through_the_stem(kb):
    assert stem("certificar") == stem("certificación".replace("ó", "o")) == stem("certification")
    assert "certificacion_que_es" in [h["id"] for h in knowledge.search("¿qué es certificar?")][:3]


def test_misspelt_words_are_corrected(kb):
    assert "certificacion_que_es" in [h["id"] for h in knowledge.search("qué es la sertificasion")][:3]


HOSTILE = [
    "NEAR(", 'NEAR("a" "b")', '"', '""', "'; DROP TABLE faq;--", "*", "AND OR", "NOT", "OR", "a OR", "^costo",
    "costo:", "col:val", "(((", ")", "{}", "[]", "-", "+", "\\", "%", "_", "\x00", "\x1b[31m", "🙂🙂🙂", "",
    "   ", "\n\t", "<script>alert(1)</script>", "1e9", "-5", "a" * 10_000, "curso " * 3000,
    "¿cuánto cuesta? AND NOT \"gratis\" NEAR/3 *",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_fts_syntax_and_punctuation_are_text(kb, query):
    hits = knowledge.search(query)
    assert isinstance(hits, list)
    assert knowledge.faq("costo") is not None, "the FAQ table is still there"


def test_stopwords_only_finds_nothing(kb):
    assert knowledge.search("AND OR") == []
    assert knowledge.search("¿qué es?") == []


def test_match_expression_quotes_every_term():
    expression = fts.match_expression('NEAR("x") costo*')
    assert expression == '"near"* OR "costo"*'


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_any_text_is_a_valid_query(kb, text):
    assert isinstance(knowledge.search(text, limit=3), list)


def test_courses_and_profiles_are_searchable_too(kb):
    hits = knowledge.search("costurera", kinds=("profile",))
    assert hits[0]["kind"] == "profile" and hits[0]["id"] == "confeccionista_tejido_plano"
    hits = knowledge.search("hoteles y turismo", kinds=("course",))
    assert hits[0]["id"] == "hoteleria_turismo"
