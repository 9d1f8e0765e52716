"""Reading every user message for facts, whatever was asked.

`action_extract_facts` is the custom slot mapping of every fact slot, so Rasa
runs it after each user message, inside or outside a form: facts the
applicant volunteers ("tengo 35 años, vivo en Chiclayo y gano 900 soles")
are taken at once and never asked again, and a later value replaces an
earlier one (corrections). Values are checked against the engine's schema
before they reach a slot.
"""

from __future__ import annotations

import logging

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet

import knowledge
from actions import understanding as parsing
from actions.slots import FACT_SLOTS, language
from rules import FactError, current_policy
from rules.facts import clean_facts

log = logging.getLogger(__name__)


class ActionExtractFacts(Action):
    def name(self) -> str:
        return "action_extract_facts"

    async def run(self, dispatcher, tracker: Tracker, domain) -> list:
        message = tracker.latest_message or {}
        text = message.get("text") or ""
        intent = (message.get("intent") or {}).get("name")
        asked = tracker.get_slot("requested_slot")
        entities = message.get("entities") or []
        parsed = parsing.parse(text, asked=asked, intent=intent, entities=entities)
        if parsed.correction and not parsed.facts:
            # "perdón, era 45": the bot has moved on, so the bare number corrects the last answer.
            last = last_answered(tracker)
            if last:
                parsed = parsing.parse(text, asked=last, intent=intent, entities=entities)
        events = []

        lang = parsed.language_request or _language_from_intent(intent) or parsed.language
        if lang and lang != language(tracker):
            events.append(SlotSet("language", lang))

        for name, value in checked_facts(parsed.facts).items():
            if tracker.get_slot(name) != value:
                events.append(SlotSet(name, value))

        if asked == "consent" and parsed.yes_no is not None:
            events.append(SlotSet("consent", parsed.yes_no))

        events += place_events(parsed.place, message.get("metadata") or {}, lang or language(tracker))
        # Log what was understood, never the values (Ley 29733).
        log.info("understood %s", sorted(e["name"] for e in events if e["name"] != "language") or "nothing")
        return events


def last_answered(tracker: Tracker) -> str | None:
    """The fact slot set most recently before the latest user message."""
    latest_user = max((i for i, e in enumerate(tracker.events) if e.get("event") == "user"), default=0)
    for event in reversed(tracker.events[:latest_user]):
        if event.get("event") == "slot" and event.get("name") in FACT_SLOTS and event.get("value") is not None:
            return event["name"]
    return None


def _language_from_intent(intent: str | None) -> str | None:
    return {"switch_language_en": "en", "switch_language_es": "es"}.get(intent or "")


def checked_facts(found: dict) -> dict:
    """Keep only facts that have a slot and pass the engine's schema (a bad value is dropped, not stored)."""
    policy = current_policy()
    out = {}
    for name, value in found.items():
        if name not in FACT_SLOTS:
            continue
        try:
            out.update(clean_facts(policy, {name: value}))
        except FactError:
            log.info("dropped an invalid value for %s", name)
    return out


def place_events(place_text: str | None, metadata: dict, lang: str) -> list:
    """A shared location (channel metadata) or a named place, resolved to coordinates."""
    location = metadata.get("location") if isinstance(metadata, dict) else None
    if (
        isinstance(location, dict)
        and _is_coordinate(location.get("lat"), 90)
        and _is_coordinate(location.get("lon"), 180)
    ):
        name = location.get("name") or ("your location" if lang == "en" else "tu ubicación")
        point = {"name": name, "kind": "coordinates", "lat": float(location["lat"]), "lon": float(location["lon"])}
        return [SlotSet("place", point), SlotSet("place_suggestions", None)]
    if not place_text:
        return []
    try:
        found = knowledge.resolve_place(place_text)
    except knowledge.UnknownPlace as unknown:
        return [SlotSet("place_suggestions", list(unknown.suggestions)[:5] or None)]
    except knowledge.KnowledgeBaseError:
        log.error("knowledge base unavailable while resolving a place")
        return []
    point = {
        "name": found["name"],
        "kind": found["kind"],
        "lat": found["lat"],
        "lon": found["lon"],
        "department": found.get("department"),
    }
    return [SlotSet("place", point), SlotSet("place_suggestions", None)]


def _is_coordinate(value, limit: float) -> bool:
    try:
        return -limit <= float(value) <= limit
    except (TypeError, ValueError):
        return False
