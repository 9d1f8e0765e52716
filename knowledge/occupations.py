"""Free-text occupation -> certifiable profile id, through profile names, synonyms and cues.

Applicants say "soy costurera" or "I do carpentry", not "confeccionista_tejido_plano", and
describe their trade in their own words: "fabricante de muebles", "estampo polos", "I check
crops for pests". Three readings, in this order:

- a profile's not-cues rule it out: "electricista automotriz" is no building electrician;
- cues: words that point to a profile from anywhere in the description, matched as word
  beginnings ("mueble" in "muebles", "esparrag" in "espárragos"); the profile with the most
  cue words wins, then the longest cue ("estampad" before "polo" in "estampador de polos");
- synonyms: a name of the trade, the whole text or inside it (longest first); each names one
  profile (the build checks), so an exact hit is unambiguous;
- typos: rapidfuzz over the synonyms, word by word (a typo sits inside one word).
"""

from __future__ import annotations

import sqlite3

from rapidfuzz import fuzz, process

from .db import cached, derived
from .text import normalise_name

# Below this a fuzzy match is more likely another word than a typo.
FUZZY_CUTOFF = 90.0  # "cobrador" is no typo of "cortador" (87.5); "carpintro" is of "carpintero" (94.7)


@derived("occupations")
def _load(conn: sqlite3.Connection) -> dict[str, dict[str, str]]:
    """lang -> {normalised synonym: profile id}; 'any' merges both languages."""
    table: dict[str, dict[str, str]] = {"es": {}, "en": {}, "any": {}}
    for r in conn.execute("SELECT norm, lang, profile_id FROM profile_synonyms ORDER BY lang, norm"):
        table[r["lang"]][r["norm"]] = r["profile_id"]
        table["any"].setdefault(r["norm"], r["profile_id"])
    return table


def _load_cues(conn: sqlite3.Connection) -> dict[str, dict[str, list[tuple]]]:
    """lang ('any' for both) -> first word of a cue -> [(kind 'cues' | 'not', profile id, cue as words)]."""
    table: dict = {"es": {}, "en": {}, "any": {}}
    for r in conn.execute("SELECT profile_id, lang, kind, norm FROM profile_cues ORDER BY profile_id, norm"):
        words = tuple(r["norm"].split())
        for lang in (r["lang"], "any"):
            table[lang].setdefault(words[0], []).append((r["kind"], r["profile_id"], words))
    return table


def _by_cues(tokens: list[str], cues: dict) -> tuple[set[str], list[tuple[int, int, str]]]:
    """(profiles ruled out, [(cue words found, longest cue, profile id)] for the others). A cue's words
    begin consecutive words of the text ("mueble" in "fabricante de muebles"): each word's beginnings
    are looked up, so the time grows with the text, not with the number of cues."""
    hits: dict[str, set] = {}
    ruled_out: set[str] = set()
    for i, token in enumerate(tokens):
        for size in range(1, len(token) + 1):
            for kind, pid, words in cues.get(token[:size], ()):
                rest = tokens[i + 1:i + len(words)]
                if len(rest) == len(words) - 1 and all(t.startswith(w) for t, w in zip(rest, words[1:], strict=True)):
                    if kind == "not":
                        ruled_out.add(pid)
                    else:
                        hits.setdefault(pid, set()).add(words)
    scored = [(len(found), max(len(" ".join(w)) for w in found), pid)
              for pid, found in hits.items() if pid not in ruled_out]
    return ruled_out, sorted(scored, reverse=True)


def candidates(text: str, lang: str | None = None, limit: int = 3, db: str | None = None) -> list[dict]:
    """Profiles the text may mean, best first: [{"id", "matched", "score"}]."""
    key = lang if lang in ("es", "en") else "any"
    synonyms = cached("occupations", _load, db)[key]
    cues = cached("occupation_cues", _load_cues, db)[key]
    norm = normalise_name((text or "")[:200])
    if not norm or not synonyms:
        return []
    tokens = norm.split()
    ruled_out, by_cue = _by_cues(tokens, cues)
    found: dict[str, dict] = {}

    def add(pid: str, matched: str, score: float) -> None:
        if pid in ruled_out:
            return
        if pid not in found or found[pid]["score"] < score:
            found[pid] = {"id": pid, "matched": matched, "score": round(score, 1)}

    if norm in synonyms:
        add(synonyms[norm], norm, 100.0)
    for rank, (_, _, pid) in enumerate(by_cue):  # cues outrank a generic name ("costurera de polos")
        add(pid, "cue", 99.0 - rank / 10)
    # A synonym inside a sentence: "trabajo de costurera hace 5 años". Longest first, so
    # "tejido de punto" beats "tejido".
    padded = f" {norm} "
    for word in sorted(synonyms, key=len, reverse=True):
        if f" {word} " in padded:
            add(synonyms[word], word, 95.0 + min(len(word), 40) / 10)
    if not found:
        # Typos sit inside a word: each word of the text against the one-word names ("carpintro"). Not the
        # words of longer names: "trabajo" of "trabajo en madera" is no carpenter's name.
        names = [name for name in synonyms if " " not in name and len(name) >= 6]
        for piece in dict.fromkeys(t for t in tokens if len(t) >= 6):
            for word, score, _ in process.extract(piece, names, scorer=fuzz.ratio, limit=limit):
                if score >= FUZZY_CUTOFF:
                    add(synonyms[word], word, score)
    return sorted(found.values(), key=lambda c: (-c["score"], c["id"]))[:limit]


def ruled_out(text: str, lang: str | None = None, db: str | None = None) -> set[str]:
    """The profiles a description rules out ("electricista automotriz", "carpintero metálico")."""
    cues = cached("occupation_cues", _load_cues, db)[lang if lang in ("es", "en") else "any"]
    return _by_cues(normalise_name((text or "")[:200]).split(), cues)[0]


def resolve(text: str, lang: str | None = None, db: str | None = None) -> str | None:
    """The profile id the text names, or None when no profile fits well."""
    best = candidates(text, lang, 1, db)
    return best[0]["id"] if best else None
