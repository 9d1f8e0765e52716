"""Reading the bot's replies as an applicant would: what it asks, what result it gives, in which language.

Only what the bot shows is read: the texts and buttons of its messages. The
question is recognised by its wording (bot/texts: a reworded question needs
no change here); the result by its shape, which staff and tests rely on: a
first line "Este es tu resultado" / "Here is your result", a line per
component starting with ✅, ❌ or ❔ and its name, 👉 before the
recommendation, 📍 before the centre.
"""

from __future__ import annotations

import functools
import re

import yaml

from actions import texts
from actions.slots import ASKABLE
from rules import current_policy
from tests.simulation.applicants import ROOT

RESULT_START = ("Este es tu resultado", "Here is your result")
ES_WORDS = frozenset("el la los las que tu tus eres tienes para con por una del al es cuál qué cuántos cuánto "
                     "puedes hasta estudiaste vives ganas años calificas programa también".split())
EN_WORDS = frozenset("the you your to of and is are for how what with do have it this can about "
                     "qualify years old live earn programme".split())


def plain(text: str) -> str:
    """The message without the marker of a repetition ("Como te decía: ...")."""
    for lang in ("es", "en"):
        before, _, after = texts.render("repeat", lang, text="\0").text.partition("\0")
        if text.startswith(before) and text.endswith(after):
            return text[len(before):len(text) - len(after)]
    return text


@functools.lru_cache(maxsize=1)
def questions() -> dict[str, str]:
    """Every wording of every question, in both languages -> what it asks."""
    known = {}
    for lang in ("es", "en"):
        for slot in ASKABLE:
            for kind in ("ask", "reask", "reask2"):
                if texts.has(f"{kind}_{slot}"):
                    known[texts.render(f"{kind}_{slot}", lang).text] = slot
        for text, facts in joint_questions().items():
            known[text] = facts[0]  # and the others (also_asked)
        known[texts.render("offer", lang).text] = "start"
        known[texts.render("ask_consent_and_goal", lang).text] = "consent"
        known[texts.render("choose", lang).text] = "choose"
        known[texts.render("place_suggestions", lang).text] = "place_suggestions"
        known[texts.render("result_ask_place", lang).text] = "place"
    return known


@functools.lru_cache(maxsize=1)
def joint_questions() -> dict[str, tuple]:
    """The wording of every question that asks several facts at once (rules/policy/asked_together.yml)."""
    from rules import ask_order

    return {texts.render(group.text, lang).text: group.facts
            for group in ask_order.together(current_policy()) for lang in ("es", "en")}


def also_asked(messages: list[dict]) -> list[str]:
    """The other facts the last question asks, when it asks several at once ("¿Eres jefe o jefa de hogar?
    Si lo eres, dime también cuántos hijos...")."""
    for m in messages[-1:]:
        shown = plain(m.get("text") or "")
        facts = joint_questions().get(shown)
        if facts:
            return list(facts[1:])
        offers = {texts.render(key, lang).text for key in ("offer", "ask_consent_and_goal") for lang in ("es", "en")}
        if shown in offers:
            return ["goal"]  # "¿Empezamos? Dime también qué buscas: ..."
    return []


def reask_texts() -> set[str]:
    return {texts.render(f"{kind}_{slot}", lang).text for lang in ("es", "en") for slot in ASKABLE
            for kind in ("reask", "reask2") if texts.has(f"{kind}_{slot}")} | \
        {texts.render("choose", lang).text for lang in ("es", "en")}


def asked(messages: list[dict]) -> str | None:
    """What the last messages ask: a slot, "start", "choose" (buttons for the same question) or None."""
    for message in reversed(messages):
        slot = questions().get(plain(message.get("text") or ""))
        if slot:
            return slot
    return None


def buttons(messages: list[dict]) -> list[dict]:
    return [b for m in messages for b in m.get("buttons") or []]


@functools.lru_cache(maxsize=1)
def _names() -> tuple[dict, dict]:
    components = {name: cid for cid, c in current_policy().components.items() for name in c.name.values()}
    data = yaml.safe_load((ROOT / "knowledge" / "sources" / "centres.yml").read_text(encoding="utf-8"))
    centres = {c[key]: c["id"] for c in data["centres"] for key in ("name_es", "name_en")}
    return components, centres


def result(messages: list[dict]) -> dict | None:
    """The result shown in these messages: {"statuses", "recommended", "centre"}; None if none shown."""
    lines = [plain(m.get("text") or "") for m in messages]
    start = next((i for i, line in enumerate(lines) if line.startswith(RESULT_START)), None)
    if start is None:
        return None
    components, _ = _names()
    statuses, recommended = {}, None
    for line in lines[start:]:
        first = line.split("\n", 1)[0]
        for mark, status in (("✅", "eligible"), ("❌", "not_eligible"), ("❔", "needs_info")):
            if first.startswith(mark):
                name = next((n for n in sorted(components, key=len, reverse=True) if n in first), None)
                if name:
                    statuses[components[name]] = status
        if first.startswith("👉"):
            name = next((n for n in sorted(components, key=len, reverse=True) if n in first), None)
            recommended = components.get(name)
    return {"statuses": statuses, "recommended": recommended, "centre": centre(messages)}


def centre(messages: list[dict]) -> str | None:
    _, centres = _names()
    for message in messages:
        line = plain(message.get("text") or "")
        if line.startswith("📍"):
            return next((cid for n, cid in sorted(centres.items(), key=lambda x: -len(x[0])) if n in line), "?")
    return None


def language(text: str) -> str | None:
    """es or en by their common words; None when a text has too few to tell (a name, a number)."""
    words = re.findall(r"[a-záéíóúñü]+", text.lower())
    es = sum(w in ES_WORDS for w in words)
    en = sum(w in EN_WORDS for w in words)
    if es + en < 2 or es == en:
        return None
    return "es" if es > en else "en"
