"""The knowledge base as the chatbot's actions use it.

Importing this module does nothing: the database is opened on the first call,
with a fresh read-only connection per call, so the functions are safe to call
from several threads and see a rebuilt database without a restart.

The database is `var/knowledge.db` in the project, unless $KNOWLEDGE_DB or
`use_database(path)` says otherwise.
"""

from __future__ import annotations

import math
from dataclasses import asdict

from . import fts, occupations, places
from .db import DatabaseMissing, KnowledgeBaseError, connect, use_database
from .places import UnknownPlace

__all__ = [
    "centre", "centres", "certifiable_profile_ids", "component", "components", "courses", "DatabaseMissing", "faq",
    "KnowledgeBaseError", "nearest", "occupation_candidates", "occupation_ruled_out", "occupation_to_profile",
    "place_names", "profile", "profiles", "programme", "programmes", "resolve_place", "search", "UnknownPlace",
    "use_database",
]


def _rows(sql: str, params: tuple = ()) -> list[dict]:
    with connect() as conn:
        return [{k: r[k] for k in r.keys() if k != "position"} for r in conn.execute(sql, params)]


def _one(sql: str, params: tuple) -> dict | None:
    rows = _rows(sql, params)
    return rows[0] if rows else None


def _lang(lang: str) -> str:
    return lang if lang in ("es", "en") else "es"


# --- questions -------------------------------------------------------------

def search(question: str, lang: str = "es", limit: int = 5, kinds: tuple[str, ...] = ("faq",)) -> list[dict]:
    """FAQ hits for a free-text question, best first: [{"id", "kind", "question", "answer", "score"}].

    Any text is accepted (FTS syntax and punctuation are treated as words); an
    empty list means nothing matched. `kinds` may add "course" and "profile".
    """
    return fts.search(question, _lang(lang), limit, kinds)


def faq(id: str) -> dict | None:
    """One FAQ with both languages, its phrasings and links."""
    row = _one("SELECT * FROM faqs WHERE id = ?", (id,))
    if row is None:
        return None
    with connect() as conn:
        for lang in ("es", "en"):
            row[f"phrasings_{lang}"] = [r[0] for r in conn.execute(
                "SELECT text FROM faq_phrasings WHERE faq_id = ? AND lang = ? ORDER BY position", (id, lang))]
        for table, column in (("faq_programmes", "programme_id"), ("faq_components", "component_id"),
                              ("faq_profiles", "profile_id"), ("faq_related", "related_id")):
            key = table.removeprefix("faq_")
            row[key] = [r[0] for r in conn.execute(f"SELECT {column} FROM {table} WHERE faq_id = ?", (id,))]
    return row


# --- places ----------------------------------------------------------------

def resolve_place(text: str) -> dict:
    """What a typed place means: {"id", "name", "kind", "lat", "lon", "department", "province",
    "coords_from", "how", "score", "alternatives"}. Raises UnknownPlace (with .suggestions)."""
    return asdict(places.resolve(text))


def place_names() -> frozenset[str]:
    """Every place's name and alias, as knowledge.text.normalise_name writes them ("casa grande", "sjl")."""
    return places.names()


def nearest(place: str | None = None, lat: float | None = None, lon: float | None = None,
            lang: str = "es") -> dict:
    """The nearest centre by great-circle distance to a named place or to coordinates.

    Returns {"place": {"name", "kind", "lat", "lon"}, "centre": {"id", "name", "region", "city", "lat",
    "lon"}, "distance_km"}; kind is department, province, district or "coordinates".
    Raises UnknownPlace for a name nobody knows, ValueError for bad arguments.
    """
    if place is not None and str(place).strip():
        spot = places.resolve(str(place)).as_place()
    elif lat is not None and lon is not None:
        lat, lon = float(lat), float(lon)
        if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
            raise ValueError(f"invalid coordinates: {lat}, {lon}")
        spot = {"name": f"{lat:.5f}, {lon:.5f}", "kind": "coordinates", "lat": lat, "lon": lon}
    else:
        raise ValueError("give a place name, or both lat and lon")
    rows = _rows("SELECT id, name_es, name_en, region, city, lat, lon FROM centres ORDER BY id")
    if not rows:
        raise KnowledgeBaseError("the knowledge base has no centres")
    best = min(rows, key=lambda c: (places.distance_km(spot["lat"], spot["lon"], c["lat"], c["lon"]), c["id"]))
    name = best[f"name_{_lang(lang)}"]
    return {
        "place": spot,
        "centre": {"id": best["id"], "name": name, "region": best["region"], "city": best["city"],
                   "lat": best["lat"], "lon": best["lon"]},
        "distance_km": round(places.distance_km(spot["lat"], spot["lon"], best["lat"], best["lon"]), 1),
    }


# --- catalogue -------------------------------------------------------------

def components() -> list[dict]:
    """The three components, in programme order, without their stages and modules."""
    return _rows("SELECT * FROM components ORDER BY position")


def component(id: str) -> dict | None:
    """One component with "stages" and "modules" (each with name_es/en, hours, description_es/en)."""
    row = _one("SELECT * FROM components WHERE id = ?", (id,))
    if row is None:
        return None
    parts = _rows("SELECT part, name_es, name_en, hours, description_es, description_en FROM component_parts "
                  "WHERE component_id = ? ORDER BY part, position", (id,))
    row["stages"] = [{k: v for k, v in p.items() if k != "part"} for p in parts if p["part"] == "stage"]
    row["modules"] = [{k: v for k, v in p.items() if k != "part"} for p in parts if p["part"] == "module"]
    return row


def courses(sector: str | None = None) -> list[dict]:
    """Training courses with their sector names; only one sector (or its sub-sectors) when given."""
    sql = ("SELECT c.*, s.name_es AS sector_name_es, s.name_en AS sector_name_en FROM courses c "
           "JOIN sectors s ON s.id = c.sector")
    if sector:
        return _rows(sql + " WHERE c.sector = ? OR s.parent = ? ORDER BY c.position", (sector, sector))
    return _rows(sql + " ORDER BY c.position")


def profiles() -> list[dict]:
    """Certifiable occupational profiles with synonyms_es and synonyms_en lists."""
    rows = _rows("SELECT * FROM profiles ORDER BY position")
    synonyms = _rows("SELECT profile_id, lang, synonym FROM profile_synonyms ORDER BY rowid")
    for row in rows:
        for lang in ("es", "en"):
            row[f"synonyms_{lang}"] = [s["synonym"] for s in synonyms
                                       if s["profile_id"] == row["id"] and s["lang"] == lang]
    return rows


def profile(id: str) -> dict | None:
    return next((p for p in profiles() if p["id"] == id), None)


def certifiable_profile_ids() -> list[str]:
    return [r["id"] for r in _rows("SELECT id FROM profiles ORDER BY position")]


def occupation_to_profile(text: str, lang: str | None = None) -> str | None:
    """The profile id a free-text occupation names ("soy costurera" -> confeccionista_tejido_plano), or None."""
    return occupations.resolve(text, lang)


def occupation_ruled_out(text: str, lang: str | None = None) -> set[str]:
    """Profiles a description of a trade rules out ("electricista automotriz": the building electrician)."""
    return occupations.ruled_out(text, lang)


def occupation_candidates(text: str, lang: str | None = None, limit: int = 3) -> list[dict]:
    """Possible profiles for a free-text occupation, best first: [{"id", "matched", "score"}]."""
    return occupations.candidates(text, lang, limit)


def centres() -> list[dict]:
    """Employment centres; address, phone and hours are "" where unknown."""
    return _rows("SELECT * FROM centres ORDER BY position")


def centre(id: str) -> dict | None:
    return _one("SELECT * FROM centres WHERE id = ?", (id,))


def programmes() -> list[dict]:
    """Programmes the assistant refers applicants to."""
    return _rows("SELECT * FROM programmes ORDER BY position")


def programme(id: str) -> dict | None:
    return _one("SELECT * FROM programmes WHERE id = ?", (id,))
