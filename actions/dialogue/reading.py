"""What one message says, for the dialogue: facts, place, a yes or no, a command, a question, its language.

Two readers give an opinion: the fact parser (words in bot/lexicon.yml) and
Rasa's intent classifier. The parser is trusted for what the message states;
the intent only decides what kind of message it is when the parser found no
answer to the question just asked. So "estoy subempleado" at the employment
question is an answer, whatever intent the classifier guessed, and "cero" at
the income question is an amount, not a request to start over.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from dataclasses import dataclass, field

import knowledge
from actions import understanding as parsing
from actions.dialogue import screening
from actions.dialogue.turn import Turn
from actions.slots import FACT_SLOTS
from rules import FactError, current_policy
from rules.facts import clean_facts

log = logging.getLogger(__name__)

# Intents that ask the bot to do something, whatever the conversation's state.
COMMAND_INTENTS = {"delete_my_data": "erase", "restart": "restart", "human_handoff": "handoff"}
QUESTION_INTENTS = {"ask_question", "ask_centre"}
SMALL_TALK_INTENTS = {"greet", "thanks", "goodbye", "bot_challenge", "help"}


@dataclass
class Reading:
    facts: dict = field(default_factory=dict)  # engine facts, checked against the schema
    place: dict | None = None  # where the applicant lives, resolved to coordinates
    place_suggestions: list | None = None  # names offered when a typed place was not found
    place_tried: bool = False  # the message named a place (found or not)
    yes_no: bool | None = None
    command: str | None = None  # erase, restart, handoff
    language: str | None = None  # the language the conversation should now be in
    language_request: bool = False  # the applicant asked for that language
    question: bool = False  # the message asks something about the programme or the centre
    intent: str | None = None
    correction: bool = False
    payload: bool = False  # a button tap
    ranges: dict = field(default_factory=dict)  # number fact -> (low, high): "entre 800 y 1000"

    @property
    def states_something(self) -> bool:
        return bool(self.facts) or self.place is not None or self.place_tried


def read(turn: Turn, asked: str | None) -> Reading:
    """Read the turn's message, with `asked` the question it may be answering."""
    message = turn.incoming
    text = message.text or ""
    intent = message.intent if message.intent not in (None, "nlu_fallback") else None
    parsed = parsing.parse(text, asked=asked, intent=intent, entities=message.entities)
    if asked and asked not in parsed.facts and intent is not None:
        # The classifier's guess must not hide an answer: read the message again as an answer.
        again = parsing.parse(text, asked=asked, intent=None, entities=message.entities)
        if asked in again.facts or (asked == "place" and again.place and not parsed.place):
            parsed = again
    if parsed.correction and (not parsed.facts or _only_free_text(parsed.facts, asked)):
        # "perdón, era 45": the bot has moved on, so a bare value corrects the last answer. A free-text
        # reading is no value when the message corrects: "perdón, era 45" or "wait" names no trade.
        last = last_answered(turn)
        again = parsing.parse(text, asked=last, intent=intent, entities=message.entities) if last else parsed
        parsed = _without_facts(again) if _only_free_text(again.facts, last or asked) else again

    # A question that asked several facts at once; a correction ("perdón, era 45") answers none of them.
    also = [] if parsed.correction else screening.joint(turn, asked)
    typed_place = parsed.place or (_place_part(text) if "place" in also else None)
    for other in also:
        if other != "place" and other not in parsed.facts:
            parsed = _with_other(parsed, other, _read_part(text, other, intent, message.entities))
    if asked and asked not in parsed.facts and not parsed.question and any(o in parsed.facts for o in also):
        parsed = _first_part_as(parsed, text, asked, intent, message.entities)

    reading = Reading(
        facts=checked_facts(parsed.facts),
        yes_no=parsed.yes_no,
        intent=intent,
        correction=parsed.correction,
        payload=text.strip().startswith("/"),
        ranges=dict(parsed.ranges),
    )
    answered = asked in reading.facts or (asked in ("consent", "start") and reading.yes_no is not None)
    resolve_place(reading, typed_place, message.metadata, turn.lang, exact_only=asked != "place")
    answered = answered or (asked == "place" and reading.place_tried)

    reading.command = parsed.command
    if reading.command is None and intent in COMMAND_INTENTS and not reading.facts and reading.place is None:
        # What the message states wins over the classifier's guess: "cero" to the income question is
        # an amount, "vivo en Nuevo Imperial" a place, not "start over". A name no gazetteer knows is
        # no statement: at the place question "borrar mis datos" reads like an unknown town.
        reading.command = COMMAND_INTENTS[intent]
        reading.place_suggestions, reading.place_tried = None, False
    # While a question is pending, only the words say it is a question: an answer the parser missed
    # ("estoy por perder mi trabajo") is often classified ask_question, and must be re-asked, not
    # answered with a FAQ again and again.
    reading.question = not answered and (parsed.question or (intent in QUESTION_INTENTS and not asked))
    reading.language, reading.language_request = _language(turn, parsed, intent, reading.payload)
    return reading


def _language(turn: Turn, parsed, intent: str | None, payload: bool) -> tuple[str | None, bool]:
    """The conversation's language after this message: it changes only when the applicant asks, or
    writes a whole sentence in the other language; numbers, place names and button taps never change it."""
    current = turn.get("language")
    request = parsed.language_request or {"switch_language_en": "en", "switch_language_es": "es"}.get(intent or "")
    if request:
        return request, True
    if payload:
        return current, False
    if current is None:
        return parsed.language, False  # the first message that shows a language sets it
    if parsed.sentence_language and parsed.sentence_language != current:
        return parsed.sentence_language, False
    return current, False


# A comma, a semicolon, a line, or a full stop ("... colegio. En Arequipa").
_BETWEEN_PARTS = re.compile(r"[,;\n]+|\.\s+")


def _later_parts(text: str) -> list[str]:
    """The parts of a message after its first comma (or semicolon, or line), the last first."""
    return [part for part in reversed(_BETWEEN_PARTS.split(text)[1:]) if part.strip()]


def _read_part(text: str, asked: str, intent, entities):
    """The message read as the answer to one part of a joint question: the whole of it, else the part
    after a comma ("sin trabajo, nada": "nada" is 0 soles only once it stands alone)."""
    whole = parsing.parse(text, asked=asked, intent=intent, entities=entities)
    if asked in whole.facts:
        return whole
    for part in _later_parts(text):
        piece = parsing.parse(part, asked=asked, intent=intent, entities=entities)
        if asked in piece.facts:
            return piece
    return whole


def _first_part_as(parsed, text: str, asked: str, intent, entities):
    """The asked fact from the first part of a joint answer, when the whole message hid it: "cuidadora,
    llevo 12 años en el oficio" names a trade only once "cuidadora" stands alone (a free-text trade is
    read from a message that says nothing else). Only in an answer that gave another fact of the
    question, and no question of its own ("antes q sigas, pásame el teléfono" names no trade); the part
    must answer the asked fact and nothing more."""
    parts = _BETWEEN_PARTS.split(text, maxsplit=1)
    if len(parts) < 2 or not parts[0].strip():
        return parsed
    piece = parsing.parse(parts[0], asked=asked, intent=intent, entities=entities)
    if set(piece.facts) != {asked}:
        return parsed
    return dataclasses.replace(parsed, facts={**parsed.facts, asked: piece.facts[asked]})


def _place_part(text: str) -> str | None:
    """The place of a joint answer ("35, secundaria completa, Chiclayo"): a part after a comma read as the
    answer to "where do you live?". It must be a place's exact name (resolve_place, exact_only)."""
    for part in _later_parts(text):
        piece = parsing.parse(part, asked="place")
        if piece.place:
            return piece.place
    return None


def _with_other(parsed, other: str, as_other):
    """`other` read as the answer to another part of a joint question ("sí, 2": head of household, and
    2 children). A bare "no" answers the first part only: read as the other part it would be 0 or no,
    which nobody said."""
    value = as_other.facts.get(other)
    if value is None or (value in (0, False) and parsed.yes_no is False):
        return parsed
    return dataclasses.replace(parsed, facts={**parsed.facts, other: value})


def _without_facts(parsed):
    return dataclasses.replace(parsed, facts={})


def _only_free_text(facts: dict, asked: str | None) -> bool:
    kinds = current_policy().facts
    return list(facts) == [asked] and asked in kinds and kinds[asked].type == "text"


def last_answered(turn: Turn) -> str | None:
    """The fact the applicant answered last (kept by the dialogue in `last_fact`)."""
    last = turn.get("last_fact")
    return last if last in FACT_SLOTS else None


def checked_facts(found: dict) -> dict:
    """Facts that have a slot and pass the engine's schema (a bad value is dropped, not stored)."""
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


def resolve_place(reading: Reading, typed: str | None, metadata: dict, lang: str, exact_only: bool = False) -> None:
    """A shared location (channel metadata) or a named place, resolved to coordinates.

    `exact_only`: a place nobody asked for must be written as its name; a near miss is more often
    another word ("en cosecha" is a trade, not the district Cohechan)."""
    location = metadata.get("location") if isinstance(metadata, dict) else None
    if isinstance(location, dict) and _coordinate(location.get("lat"), 90) and _coordinate(location.get("lon"), 180):
        name = location.get("name") or ("your location" if lang == "en" else "tu ubicación")
        reading.place = {"name": name, "kind": "coordinates", "lat": float(location["lat"]),
                         "lon": float(location["lon"])}
        reading.place_tried = True
        return
    if not typed:
        return
    reading.place_tried = True
    try:
        found = knowledge.resolve_place(typed)
    except knowledge.UnknownPlace as unknown:
        reading.place_suggestions = None if exact_only else list(unknown.suggestions)[:5] or None
        reading.place_tried = not exact_only
        return
    except knowledge.KnowledgeBaseError:
        log.error("knowledge base unavailable while resolving a place")
        return
    if exact_only and found.get("how") == "fuzzy":
        reading.place_tried = False
        return
    reading.place = {key: found.get(key) for key in ("name", "kind", "lat", "lon", "department")}


def _coordinate(value, limit: float) -> bool:
    try:
        return -limit <= float(value) <= limit
    except (TypeError, ValueError):
        return False
