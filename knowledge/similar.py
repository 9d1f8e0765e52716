"""How close a question is to each FAQ's own phrasings: the second opinion beside bm25.

bm25 (fts.py) weighs words across every text of the knowledge base, so one
rare word in a long answer ("gratis") can outrank the FAQ whose question is
asked in other words ("¿califico para los cursos?"). This compares the whole
question with the ways each FAQ is asked: tf-idf vectors of word stems and of
letter n-grams inside words (robust to typos and missing accents), cosine
similarity, best phrasing per FAQ. An exact phrasing scores 1.0.

Built in memory from the database on first use (a few hundred phrasings:
milliseconds), once per database version.
"""

from __future__ import annotations

import math
import sqlite3
from collections import Counter
from dataclasses import dataclass

from .db import cached
from .text import content_words, stem

NGRAMS = (3, 4)
STEM_WEIGHT = 2.0  # a whole word in common says more than a few letters in common


def features(text: str) -> Counter:
    """Word stems and the letter n-grams of each content word (with word edges marked)."""
    out: Counter = Counter()
    for word in content_words(text):
        out["w:" + stem(word)] += STEM_WEIGHT
        padded = f"<{word}>"
        for n in NGRAMS:
            for i in range(len(padded) - n + 1):
                out[padded[i:i + n]] += 1.0
    return out


@dataclass(frozen=True)
class _Index:
    idf: dict  # (lang, feature) -> inverse document frequency
    docs: dict  # lang -> [(faq_id, {feature: weight}, norm)]


def _vector(feats: Counter, idf: dict, lang: str) -> tuple[dict, float]:
    vec = {f: tf * idf.get((lang, f), 0.0) for f, tf in feats.items()}
    vec = {f: w for f, w in vec.items() if w > 0}
    return vec, math.sqrt(sum(w * w for w in vec.values()))


def _build(conn: sqlite3.Connection) -> _Index:
    rows = conn.execute("SELECT faq_id, lang, text FROM faq_phrasings ORDER BY faq_id, lang, position").fetchall()
    texts = [(r["faq_id"], r["lang"], features(r["text"])) for r in rows]
    df: Counter = Counter()
    totals: Counter = Counter()
    for _, lang, feats in texts:
        totals[lang] += 1
        df.update((lang, f) for f in feats)
    idf = {key: math.log((1 + totals[key[0]]) / (1 + count)) + 1.0 for key, count in df.items()}
    docs: dict = {}
    for faq_id, lang, feats in texts:
        vec, norm = _vector(feats, idf, lang)
        if norm:
            docs.setdefault(lang, []).append((faq_id, vec, norm))
    return _Index(idf, docs)


def scores(question: str, lang: str, db: str | None = None) -> dict[str, float]:
    """{faq_id: cosine similarity of the question to the FAQ's closest phrasing}, only those above 0."""
    index = cached("similar", _build, db)
    vec, norm = _vector(features(question), index.idf, lang)
    if not norm:
        return {}
    best: dict[str, float] = {}
    for faq_id, doc, doc_norm in index.docs.get(lang, []):
        small, large = (vec, doc) if len(vec) < len(doc) else (doc, vec)
        dot = sum(w * large.get(f, 0.0) for f, w in small.items())
        if dot > 0:
            score = dot / (norm * doc_norm)
            if score > best.get(faq_id, 0.0):
                best[faq_id] = score
    return best
