"""Answering questions from the knowledge base, at run time.

A new or edited FAQ takes effect after `python -m knowledge build`, without
retraining: the model only recognises that the applicant asks something; the
answer is searched in the knowledge base.
"""

from __future__ import annotations

import logging

import knowledge

log = logging.getLogger(__name__)
# When the intent classifier did not hear a question, a hit is trusted only if the FAQ classifier
# is fairly sure of it or bm25 matches it strongly: below that, an off-topic word ("gano") can match.
STRONG_PROBABILITY = 0.4
STRONG_BM25 = 10.0


def best_answer(question: str, lang: str, strong_only: bool = False) -> dict | None:
    try:
        hits = knowledge.search(question, lang=lang, limit=1)
    except knowledge.KnowledgeBaseError:
        log.error("knowledge base unavailable for a question")
        return None
    if not hits:
        return None
    hit = hits[0]
    if strong_only and hit.get("probability", 0.0) < STRONG_PROBABILITY and hit.get("bm25", 0.0) < STRONG_BM25:
        return None
    return hit
