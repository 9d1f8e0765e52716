"""The nearest employment centre, as the assistant says it.

Contact details (address, phone, hours) are shown only when the knowledge
base knows them; nothing is made up.
"""

from __future__ import annotations

import logging

import knowledge
from actions import texts

log = logging.getLogger(__name__)
HEADQUARTERS = "lima"


def nearest_centre(place: dict, lang: str) -> dict | None:
    """The knowledge base's nearest centre to a resolved place, with its contact fields; None if unavailable."""
    try:
        found = knowledge.nearest(lat=place["lat"], lon=place["lon"], lang=lang)
        centre = knowledge.centre(found["centre"]["id"]) or {}
    except (knowledge.KnowledgeBaseError, KeyError, TypeError, ValueError):
        log.error("nearest centre unavailable")
        return None
    return {
        **found["centre"],
        "distance_km": found["distance_km"],
        **{key: centre.get(key) or "" for key in ("address", "phone", "hours")},
    }


def distance_words(turn, km: float) -> str:
    """How far, as people say it: 'a menos de 1 km', 'a menos de 2 km', 'a unos 12 km' (never 'unos 1 km')."""
    if km < 1:
        return texts.render("distance_under", turn.lang, km="1").text
    if km < 1.5:
        return texts.render("distance_under", turn.lang, km="2").text
    return texts.render("distance_about", turn.lang, km=f"{km:.0f}").text


def say_centre(turn, centre: dict, place_name: str) -> None:
    distance = distance_words(turn, centre["distance_km"])
    turn.say("result_centre", centre=centre["name"], city=centre["city"], distance=distance, place=place_name)
    for key in ("address", "phone", "hours"):
        if centre.get(key):
            turn.say(f"result_centre_{key}", **{key: centre[key]})


def headquarters(lang: str) -> dict | None:
    """The programme's headquarters (Lima), for when we don't know where the applicant lives."""
    try:
        centre = knowledge.centre(HEADQUARTERS)
    except knowledge.KnowledgeBaseError:
        return None
    if not centre:
        return None
    return {**centre, "name": centre[f"name_{lang}"]}
