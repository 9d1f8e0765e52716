"""Answering questions from the knowledge base, at run time.

A new or edited FAQ takes effect after `python -m knowledge build`, without
retraining: the model only recognises that the applicant asks something; the
answer is searched in the knowledge base.
"""

from __future__ import annotations

import logging

import knowledge

log = logging.getLogger(__name__)
# bm25 score above which a hit is trusted even when the NLU was unsure
# (fallback path); below it, an off-topic word like "gano" can match.
STRONG_HIT = 10.0


def best_answer(question: str, lang: str, min_score: float = 0.0) -> dict | None:
    try:
        hits = knowledge.search(question, lang=lang, limit=1)
    except knowledge.KnowledgeBaseError:
        log.error("knowledge base unavailable for a question")
        return None
    return hits[0] if hits and hits[0]["score"] >= min_score else None
