"""Free-text occupation -> certifiable profile id, through profile names and synonyms.

Applicants say "soy costurera" or "I do carpentry", not "confeccionista_tejido_plano".
Each synonym names one profile (the build checks), so an exact hit is unambiguous;
typos fall back to rapidfuzz over the same words.
"""

from __future__ import annotations

import sqlite3

from rapidfuzz import fuzz, process

from .db import cached, derived
from .text import normalise_name

# Below this a fuzzy match is more likely another word than a typo.
FUZZY_CUTOFF = 85.0


@derived("occupations")
def _load(conn: sqlite3.Connection) -> dict[str, dict[str, str]]:
    """lang -> {normalised synonym: profile id}; 'any' merges both languages."""
    table: dict[str, dict[str, str]] = {"es": {}, "en": {}, "any": {}}
    for r in conn.execute("SELECT norm, lang, profile_id FROM profile_synonyms ORDER BY lang, norm"):
        table[r["lang"]][r["norm"]] = r["profile_id"]
        table["any"].setdefault(r["norm"], r["profile_id"])
    return table


def candidates(text: str, lang: str | None = None, limit: int = 3, db: str | None = None) -> list[dict]:
    """Profiles the text may mean, best first: [{"id", "matched", "score"}]."""
    synonyms = cached("occupations", _load, db)[lang if lang in ("es", "en") else "any"]
    norm = normalise_name((text or "")[:200])
    if not norm or not synonyms:
        return []
    found: dict[str, dict] = {}

    def add(pid: str, matched: str, score: float) -> None:
        if pid not in found or found[pid]["score"] < score:
            found[pid] = {"id": pid, "matched": matched, "score": round(score, 1)}

    if norm in synonyms:
        add(synonyms[norm], norm, 100.0)
    # A synonym inside a sentence: "trabajo de costurera hace 5 años". Longest first, so
    # "tejido de punto" beats "tejido".
    padded = f" {norm} "
    for word in sorted(synonyms, key=len, reverse=True):
        if f" {word} " in padded:
            add(synonyms[word], word, 95.0 + min(len(word), 40) / 10)
    if not found:
        # Typos: the whole text, then each word and pair of words of a sentence ("soy carpintro").
        tokens = norm.split()
        pieces = [norm] + tokens + [" ".join(tokens[i:i + 2]) for i in range(len(tokens) - 1)]
        words = list(synonyms)
        for piece in dict.fromkeys(p for p in pieces if len(p) >= 5):
            for word, score, _ in process.extract(piece, words, scorer=fuzz.ratio, limit=limit):
                if score >= FUZZY_CUTOFF:
                    add(synonyms[word], word, score)
    return sorted(found.values(), key=lambda c: (-c["score"], c["id"]))[:limit]


def resolve(text: str, lang: str | None = None, db: str | None = None) -> str | None:
    """The profile id the text names, or None when no profile fits well."""
    best = candidates(text, lang, 1, db)
    return best[0]["id"] if best else None
