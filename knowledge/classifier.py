"""Which FAQ a question is about, learned from the FAQs' own phrasings: the second opinion beside bm25.

bm25 (fts.py) weighs each word by how rare it is across the knowledge base, so
one rare word in a long answer ("gratis") can outrank the FAQ whose question is
asked in other words ("¿califico para los cursos?"). This classifier learns,
per language, which words and letter sequences tell the FAQs apart: logistic
regression over word pairs and letter n-grams inside words (robust to typos
and missing accents), trained on every phrasing and the keywords, with the
applicants' words replaced as the search reads them (search_words.yml).

It is learned from the database on first use (about half a second) and again
whenever the database is rebuilt: a new or edited FAQ needs `make kb`, never a
Rasa retraining. scikit-learn comes with Rasa.
"""

from __future__ import annotations

import sqlite3
import threading

from .db import cached, derived
from .search_words import normalise

C = 20.0  # weak regularisation: a few phrasings per FAQ, every one of them meant
_lock = threading.Lock()


def _tables(conn: sqlite3.Connection) -> dict[str, dict[str, str]]:
    tables: dict[str, dict[str, str]] = {"es": {}, "en": {}}
    for row in conn.execute("SELECT lang, word, means FROM search_words"):
        tables.setdefault(row["lang"], {})[row["word"]] = row["means"]
    return tables


@derived("faq_classifier")
def _train(conn: sqlite3.Connection) -> dict:
    from sklearn.feature_extraction.text import TfidfVectorizer  # heavy: only when a question is asked
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline, make_union

    tables = _tables(conn)
    models = {}
    for lang in ("es", "en"):
        texts, labels = [], []
        for row in conn.execute("SELECT faq_id, text FROM faq_phrasings WHERE lang = ? ORDER BY faq_id, position",
                                (lang,)):
            texts.append(normalise(row["text"], tables[lang]))
            labels.append(row["faq_id"])
        for row in conn.execute("SELECT ref_id, keywords FROM search_docs WHERE kind = 'faq' AND lang = ? "
                                "AND keywords != '' ORDER BY ref_id", (lang,)):
            texts.append(row["keywords"])
            labels.append(row["ref_id"])
        if len(set(labels)) < 2:
            continue
        features = make_union(
            TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True),
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True),
        )
        model = make_pipeline(features, LogisticRegression(C=C, max_iter=300, solver="liblinear", random_state=0))
        model.fit(texts, labels)
        models[lang] = model
    return models


def probabilities(normalised_question: str, lang: str, db: str | None = None) -> dict[str, float]:
    """{faq_id: probability that the question is that FAQ's}; {} when no model could be learned."""
    with _lock:  # scikit-learn objects are not made for concurrent use while being built
        models = cached("faq_classifier", _train, db)
    model = models.get(lang)
    if model is None or not normalised_question.strip():
        return {}
    return dict(zip(model.classes_, model.predict_proba([normalised_question])[0], strict=True))
