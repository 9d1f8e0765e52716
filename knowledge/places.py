"""Turn what an applicant types as a place into a point, and find the nearest centre.

Resolution order, most certain first: the whole text as a known name (with
maintainers' aliases such as SJL winning over official names), a name
qualified by its department or province ("Miraflores, Arequipa"), a typo
(rapidfuzz), and last a known name inside a sentence ("vivo en Juliaca").
"""

from __future__ import annotations

import math
import re
import sqlite3
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from .db import KnowledgeBaseError, cached, derived
from .text import normalise_name, sounds_like

EARTH_RADIUS_KM = 6371.0088  # mean radius (IUGG)

# Most certain origin first; among equals the larger unit, whose point is its capital.
_ORIGIN_RANK = {"alias": 0, "official": 1, "variant": 2, "capital": 3}
_KIND_RANK = {"department": 0, "province": 1, "district": 2}
_POINT_RANK = {"own": 0, "province": 1, "department": 2}

# Words people put around a place name; removed from the front before matching.
_LEADING = [normalise_name(p) for p in (
    "vivo en", "soy de", "estoy en", "radico en", "resido en", "i live in", "i am from", "i'm in", "i'm from",
    "distrito de", "provincia de", "departamento de", "región", "region of", "ciudad de", "city of",
    "district of", "province of", "distrito", "provincia", "departamento", "en", "in", "de",
)]
_QUALIFIER_SPLIT = re.compile(r"[,;/()]|\s-\s")


class UnknownPlace(KnowledgeBaseError):
    """No known place matches; `suggestions` holds the closest known names."""

    def __init__(self, query: str, suggestions: list[str]):
        self.query = query
        self.suggestions = suggestions
        hint = f"; ¿quisiste decir {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"lugar desconocido: «{query}»{hint}")


@dataclass(frozen=True)
class Candidate:
    id: str
    kind: str
    name: str
    department: str
    province: str | None
    lat: float
    lon: float
    coords_from: str
    origin: str
    text: str

    def rank(self) -> tuple:
        return (_ORIGIN_RANK.get(self.origin, 9), _KIND_RANK.get(self.kind, 9),
                _POINT_RANK.get(self.coords_from, 9), self.id)

    def label(self) -> str:
        """'Chiclayo (provincia, Lambayeque)': enough to tell homonyms apart."""
        kind = {"department": "departamento", "province": "provincia", "district": "distrito"}[self.kind]
        where = "" if self.kind == "department" else f", {self.department}"
        return f"{self.name} ({kind}{where})"


@dataclass
class Resolved:
    """A resolved place. `how` says how sure: exact, alias, qualified, fuzzy or contained."""

    id: str
    name: str
    kind: str
    lat: float
    lon: float
    department: str
    province: str | None
    coords_from: str
    how: str
    score: float
    alternatives: list[str] = field(default_factory=list)

    def as_place(self) -> dict:
        return {"name": self.name, "kind": self.kind, "lat": self.lat, "lon": self.lon}


class _Index:
    def __init__(self, rows: list[sqlite3.Row]):
        self.by_norm: dict[str, list[Candidate]] = {}
        for r in rows:
            cand = Candidate(r["id"], r["kind"], r["name"], r["department"], r["province"], r["lat"],
                             r["lon"], r["coords_from"], r["origin"], r["text"])
            self.by_norm.setdefault(r["norm"], []).append(cand)
        for cands in self.by_norm.values():
            cands.sort(key=Candidate.rank)
        self.norms = sorted(self.by_norm)
        # Names by how they sound, for typos that are spelling variants (ll/y, z/s, c/k, v/b, h).
        self.by_sound: dict[str, list[str]] = {}
        for norm in self.norms:
            self.by_sound.setdefault(sounds_like(norm), []).append(norm)
        self.sounds = sorted(self.by_sound)
        # Department and province names, to recognise a qualifier ("..., Arequipa").
        self.areas = {normalise_name(c.department) for cs in self.by_norm.values() for c in cs}
        self.areas |= {normalise_name(c.province) for cs in self.by_norm.values() for c in cs if c.province}


@derived("places")
def _load_index(conn: sqlite3.Connection) -> _Index:
    rows = conn.execute(
        "SELECT n.norm, n.origin, n.text, p.id, p.kind, p.name, p.department, p.province, p.lat, p.lon, p.coords_from "
        "FROM place_names n JOIN places p ON p.id = n.place_id"
    ).fetchall()
    return _Index(rows)


def _strip_leading(norm: str) -> str:
    changed = True
    while changed:
        changed = False
        for lead in _LEADING:
            if norm.startswith(lead + " ") and len(norm) > len(lead) + 1:
                norm = norm[len(lead) + 1:]
                changed = True
    return norm


def _qualifies(cand: Candidate, qualifiers: list[str]) -> bool:
    areas = {normalise_name(cand.department), normalise_name(cand.province or "")}
    return all(q in areas for q in qualifiers)


def _resolved(cands: list[Candidate], how: str, score: float) -> Resolved:
    best = cands[0]
    others = [c.label() for c in cands[1:] if (c.lat, c.lon) != (best.lat, best.lon)]
    # A town named by its own name (Pucallpa, capital of Callería; Chosica, in Lurigancho)
    # keeps that name; an abbreviation (SJL) shows the official one.
    spelled_out = best.origin == "capital" or (best.origin == "alias" and not best.text.isupper())
    name = best.text if spelled_out else best.name
    return Resolved(best.id, name, best.kind, round(best.lat, 6), round(best.lon, 6), best.department,
                    best.province, best.coords_from, how, score, others)


def _cutoff(key: str) -> float:
    # Short names are close to many others ("ica", "ilo"): demand more agreement.
    return 90.0 if len(key) <= 5 else 85.0


def resolve(text: str, db: str | None = None) -> Resolved:
    """The place meant by `text`; raises UnknownPlace with suggestions when nothing fits."""
    index: _Index = cached("places", _load_index, db)
    text = (text or "")[:200]
    parts = [normalise_name(p) for p in _QUALIFIER_SPLIT.split(text)]
    parts = [p for p in parts if p]
    if not parts:
        raise UnknownPlace(text, [])
    main, qualifiers = _strip_leading(parts[0]), parts[1:]
    whole = _strip_leading(" ".join(parts))

    # 1. the whole text is a name
    if whole in index.by_norm:
        cands = index.by_norm[whole]
        return _resolved(cands, "alias" if cands[0].origin == "alias" else "exact", 100.0)
    # 2. a name with its department or province: "Miraflores, Arequipa" or "miraflores arequipa"
    splits = [(main, qualifiers)] if qualifiers else []
    tokens = whole.split()
    splits += [(" ".join(tokens[:i]), [" ".join(tokens[i:])]) for i in range(len(tokens) - 1, 0, -1)]
    for name, quals in splits:
        if name in index.by_norm and all(q in index.areas for q in quals):
            fitting = [c for c in index.by_norm[name] if _qualifies(c, quals)]
            if fitting:
                return _resolved(fitting, "qualified", 100.0)
    if qualifiers and main in index.by_norm:
        return _resolved(index.by_norm[main], "exact", 100.0)
    # 3. a typo of a name
    scores = _typo_scores(whole, index)
    if scores:
        best = min(scores, key=lambda n: (-scores[n], _rank_key(index, n), n))
        if scores[best] >= _cutoff(whole):
            return _resolved(index.by_norm[best], "fuzzy", round(scores[best], 1))
    # 4. a known name inside a longer text, longest first
    for size in range(len(tokens) - 1, 0, -1):
        for start in range(len(tokens) - size + 1):
            gram = " ".join(tokens[start:start + size])
            if len(gram) >= 4 and gram in index.by_norm:
                return _resolved(index.by_norm[gram], "contained", 90.0)
    raise UnknownPlace(text.strip(), suggestions(whole, index))


def names(db: str | None = None) -> frozenset[str]:
    """Every place name and alias, normalised (normalise_name): to find a name inside a message."""
    return frozenset(cached("places", _load_index, db).by_norm)


def _typo_scores(norm: str, index: _Index, limit: int = 8) -> dict[str, float]:
    """Similarity of known names to `norm`, by spelling and by sound, whichever is higher.

    By sound, "chiclallo" is "chiclayo"; by spelling, "pucalpa" is nearer "pucallpa"
    than "pucala": taking the better of the two serves both kinds of typo.
    """
    scores: dict[str, float] = {}
    for name, score, _ in process.extract(norm, index.norms, scorer=fuzz.ratio, limit=limit):
        scores[name] = max(scores.get(name, 0.0), score)
    for key, score, _ in process.extract(sounds_like(norm), index.sounds, scorer=fuzz.ratio, limit=limit):
        for name in index.by_sound[key]:
            scores[name] = max(scores.get(name, 0.0), score)
    return scores


def _rank_key(index: _Index, norm: str) -> tuple:
    """Preference among equally close names: alias, then official; larger units first."""
    return index.by_norm[norm][0].rank()[:3]


def suggestions(norm: str, index: _Index, limit: int = 5) -> list[str]:
    """The closest known names, labelled so homonyms can be told apart."""
    if not norm:
        return []
    found: list[str] = []
    scores = _typo_scores(norm, index, limit * 3)
    for name in sorted(scores, key=lambda n: (-scores[n], _rank_key(index, n), n)):
        label = index.by_norm[name][0].label()
        if label not in found:
            found.append(label)
        if len(found) == limit:
            break
    return found


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))
