"""Full-text search over FAQs, courses and profiles.

Applicants paraphrase, so the query is an OR of the content words of the
question, each as a stem prefix ("certific*"), ranked by bm25. The user's
text never reaches FTS5 as syntax: every term is extracted as plain letters
and digits and double-quoted here, so `NEAR(`, `"`, `*` or
`'; DROP TABLE faq;--` are just words (or nothing).
"""

from __future__ import annotations

import sqlite3

from rapidfuzz import fuzz, process

from . import classifier, search_words
from .db import cached, connect, derived
from .text import content_words, stem

# bm25 weights for the indexed columns: title (the canonical question), phrasings,
# keywords, body. A hit in a question or a keyword says more than one in a long answer.
WEIGHTS = (3.0, 4.0, 4.0, 1.0)
# FAQs are ranked by bm25 (relative to the best hit) plus this much of the probability the FAQ
# classifier (classifier.py) gives them. Chosen on tests/knowledge/paraphrases.py; the fresh
# questions (tests/knowledge/fresh_questions.yml) only measure it.
CLASSIFIER_WEIGHT = 1.0
EXACT_BONUS = 10.0  # above anything bm25 + classifier can add up to (2.0)
CANDIDATES = 30
MAX_TERMS = 24  # hostile input can be 10,000 characters; the query stays small
KINDS = ("faq", "course", "profile")


@derived("search_words")
def _load_words(conn: sqlite3.Connection) -> dict[str, dict[str, str]]:
    tables: dict[str, dict[str, str]] = {"es": {}, "en": {}}
    for row in conn.execute("SELECT lang, word, means FROM search_words"):
        tables.setdefault(row["lang"], {})[row["word"]] = row["means"]
    return tables


def normalised(question: str, lang: str, db: str | None = None) -> str:
    """The question as the index holds text: folded, with the applicants' words replaced
    (the asked language's table first, then the other's: people mix them)."""
    tables = cached("search_words", _load_words, db)
    other = "en" if lang == "es" else "es"
    return search_words.normalise(question, {**tables.get(other, {}), **tables.get(lang, {})})


@derived("phrasings")
def _load_phrasings(conn: sqlite3.Connection) -> dict[tuple[str, str], str]:
    """(lang, phrasing as the search reads it) -> FAQ id: a question asked in a FAQ's own words."""
    tables = _load_words(conn)
    rows = conn.execute("SELECT faq_id, lang, text FROM faq_phrasings ORDER BY faq_id, position")
    return {(r["lang"], search_words.normalise(r["text"], tables.get(r["lang"], {}))): r["faq_id"] for r in rows}


@derived("vocabulary")
def _load_vocabulary(conn: sqlite3.Connection) -> tuple[frozenset[str], list[str]]:
    terms = [r[0] for r in conn.execute("SELECT term FROM search_vocab")]
    return frozenset(terms), terms


def _correct(word: str, vocabulary: tuple[frozenset[str], list[str]]) -> str:
    """A word no indexed term starts with is probably misspelt: use the closest indexed term."""
    known, terms = vocabulary
    if word in known or len(word) < 5 or word.isdigit():
        return word
    prefix = stem(word)
    if any(t.startswith(prefix) for t in terms):
        return word
    hit = process.extractOne(word, terms, scorer=fuzz.ratio, score_cutoff=80)
    return hit[0] if hit else word


def match_expression(question: str, vocabulary=None) -> str:
    """The FTS5 MATCH expression for a free-text question; '' when it has no searchable words."""
    # Only stopwords ("AND OR", "¿qué es?") means no topic: no hits rather than noise.
    out: list[str] = []
    for word in content_words(question)[:MAX_TERMS]:
        if vocabulary is not None:
            word = _correct(word, vocabulary)
        root = stem(word)
        # Quoted, so nothing in it is syntax; the '*' outside the quotes makes it a prefix.
        term = f'"{root}"*' if len(root) >= 3 else f'"{root}"'
        if term not in out:
            out.append(term)
    return " OR ".join(out)


def search(question: str, lang: str = "es", limit: int = 5, kinds: tuple[str, ...] = ("faq",),
           db: str | None = None) -> list[dict]:
    """Ranked hits in `lang`; falls back to the other language's texts when the asked one finds nothing."""
    vocabulary = cached("vocabulary", _load_vocabulary, db)
    asked = normalised(question or "", lang, db)
    kinds = tuple(k for k in kinds if k in KINDS) or ("faq",)
    # A FAQ's own words ("What can you do?") find it, even when every word is a stopword.
    exact = cached("phrasings", _load_phrasings, db).get((lang, asked)) if "faq" in kinds else None
    expression = match_expression(asked, vocabulary)
    if (not expression and not exact) or limit <= 0:
        return []
    with connect(db) as conn:
        hits = _query(conn, expression, lang, max(limit, CANDIDATES), kinds) if expression else []
        if exact and exact not in {h["id"] for h in hits if h["kind"] == "faq"}:
            hits.append(_document(conn, "faq", exact, lang))
        if hits and "faq" in kinds:
            hits = _rerank(hits, asked, lang, db, exact)
        if not hits:
            other = "en" if lang == "es" else "es"
            # Matched through the other language: show the texts in the asked one.
            hits = [_in_language(conn, h, lang) for h in _query(conn, expression, other, limit, kinds)]
    return hits[:limit]


def _rerank(hits: list[dict], question: str, lang: str, db, exact: str | None = None) -> list[dict]:
    """bm25 relative to the best hit, plus the FAQ classifier's probability (`question` normalised);
    the FAQ whose own phrasing it is comes first."""
    likely = classifier.probabilities(question, lang, db)
    top = max(h["score"] for h in hits) or 1.0
    ranked = []
    for hit in hits:
        faq = hit["kind"] == "faq"
        probability = likely.get(hit["id"], 0.0) if faq else 0.0
        bonus = EXACT_BONUS if faq and hit["id"] == exact else 0.0
        ranked.append({**hit, "bm25": hit["score"], "probability": round(probability, 4),
                       "score": round(hit["score"] / top + CLASSIFIER_WEIGHT * probability + bonus, 4)})
    ranked.sort(key=lambda h: (-h["score"], h["id"]))
    return ranked


def _document(conn: sqlite3.Connection, kind: str, ref_id: str, lang: str) -> dict:
    row = conn.execute("SELECT title, body FROM search_docs WHERE kind = ? AND ref_id = ? AND lang = ?",
                       (kind, ref_id, lang)).fetchone()
    return {"id": ref_id, "kind": kind, "question": row["title"], "answer": row["body"], "score": 0.0}


def _query(conn: sqlite3.Connection, expression: str, lang: str, limit: int, kinds: tuple[str, ...]) -> list[dict]:
    marks = ",".join("?" for _ in kinds)
    sql = (
        f"SELECT d.kind, d.ref_id, d.title, d.body, bm25(search_docs_fts, {', '.join(map(str, WEIGHTS))}) AS rank "
        "FROM search_docs_fts JOIN search_docs d ON d.rowid = search_docs_fts.rowid "
        f"WHERE search_docs_fts MATCH ? AND d.lang = ? AND d.kind IN ({marks}) "
        "ORDER BY rank, d.ref_id LIMIT ?"
    )
    rows = conn.execute(sql, (expression, lang, *kinds, limit)).fetchall()
    return [
        {"id": r["ref_id"], "kind": r["kind"], "question": r["title"], "answer": r["body"],
         "score": round(-r["rank"], 4)}
        for r in rows
    ]


def _in_language(conn: sqlite3.Connection, hit: dict, lang: str) -> dict:
    row = conn.execute(
        "SELECT title, body FROM search_docs WHERE kind = ? AND ref_id = ? AND lang = ?",
        (hit["kind"], hit["id"], lang),
    ).fetchone()
    return {**hit, "question": row["title"], "answer": row["body"]} if row else hit
