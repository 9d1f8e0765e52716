"""Staff case checker: `python -m rules evaluate --interactive`.

Asks the facts one by one (only those the engine still needs, with numbered
choices where the answer is a choice), then shows the decision with its
reasons and, if a place is given, the nearest employment centre. Spanish by
default. Reads answers from standard input, so it can also be scripted.
"""

from __future__ import annotations

import sys

from rules.evaluator import Evaluator
from rules.explain import explain
from rules.facts import FactError, clean_facts

WORDS = {
    "es": {
        "intro": "Revisión de un caso. Responde cada pregunta (Enter vacío para terminar).",
        "yes": "sí",
        "no": "no",
        "invalid": "No es válido",
        "choose": "elige un número",
        "place": "Distrito, provincia o región donde vive (Enter para omitir)",
        "centre": "Centro más cercano",
        "unknown_place": "No encontré ese lugar",
        "goal": "Objetivo",
    },
    "en": {
        "intro": "Checking a case. Answer each question (empty Enter to stop).",
        "yes": "yes",
        "no": "no",
        "invalid": "Not valid",
        "choose": "choose a number",
        "place": "District, province or region where they live (Enter to skip)",
        "centre": "Nearest centre",
        "unknown_place": "Place not found",
        "goal": "Goal",
    },
}


def ask(prompt: str, stdin, stdout) -> str | None:
    stdout.write(prompt + "\n> ")
    stdout.flush()
    line = stdin.readline()
    if not line:
        return None
    return line.strip()


def read_answer(fact, text: str, lang: str):
    """Turn a typed answer into the fact's value (raises ValueError when it is not one)."""
    if fact.type == "boolean":
        words = {
            "1": True,
            "2": False,
            "si": True,
            "sí": True,
            "s": True,
            "yes": True,
            "y": True,
            "no": False,
            "n": False,
        }
        if text.lower() not in words:
            raise ValueError(text)
        return words[text.lower()]
    if fact.type in ("choice", "choice_list"):
        values = list(fact.choices)
        if text.isdigit() and 1 <= int(text) <= len(values):
            value = values[int(text) - 1]
            return [value] if fact.type == "choice_list" else value
        raise ValueError(text)
    if fact.type in ("integer", "number"):
        return float(text.replace(",", ".")) if "." in text or "," in text else int(text)
    return text


def question(fact, lang: str) -> str:
    words = WORDS[lang]
    if fact.type == "boolean":
        return f"{fact.label[lang]}? 1) {words['yes']}  2) {words['no']}"
    if fact.type in ("choice", "choice_list"):
        options = "  ".join(f"{n}) {labels[lang]}" for n, labels in enumerate(fact.choices.values(), start=1))
        return f"{fact.label[lang]} ({words['choose']}): {options}"
    return f"{fact.label[lang]}:"


def run(policy, lang: str = "es", on=None, stdin=None, stdout=None, facts: dict | None = None) -> int:
    """Ask what is still needed; `facts` are answers already known (from a case code)."""
    stdin, stdout = stdin or sys.stdin, stdout or sys.stdout
    words = WORDS[lang]
    evaluator = Evaluator(policy)
    facts = dict(facts or {})
    stdout.write(words["intro"] + "\n")
    while True:
        decision = evaluator.evaluate(facts, on=on, lang=lang)
        needed = list(decision.needed)
        eligible = [c for c in decision.components.values() if c.status == "eligible"]
        if not needed and len(eligible) >= 2 and "goal" not in facts:
            needed = ["goal"]
        if not needed:
            break
        fact = policy.facts[needed[0]]
        answer = ask(question(fact, lang), stdin, stdout)
        if not answer:
            break
        try:
            facts.update(clean_facts(policy, {fact.name: read_answer(fact, answer, lang)}))
        except (ValueError, FactError):
            stdout.write(f"{words['invalid']}: {answer}\n")
    decision = evaluator.evaluate(facts, on=on, lang=lang)
    stdout.write("\n" + explain(policy, decision, lang) + "\n")
    place = ask(words["place"], stdin, stdout)
    if place:
        stdout.write(centre_line(place, lang) + "\n")
    evaluator.close()
    return 0


def nearest_centre(place: str, lang: str) -> dict:
    """The knowledge base's nearest centre to a place, as {place, centre, city, distance_km}, or
    {place, unknown_place: True, suggestions} or {place, error}."""
    import knowledge

    try:
        found = knowledge.nearest(place, lang=lang)
    except knowledge.UnknownPlace as unknown:
        return {"place": place, "unknown_place": True, "suggestions": list(unknown.suggestions[:5])}
    except knowledge.KnowledgeBaseError as error:
        return {"place": place, "error": str(error)}
    centre = found["centre"]
    return {"place": place, "centre": centre["name"], "city": centre["city"], "distance_km": found["distance_km"]}


def centre_line(place: str, lang: str, found: dict | None = None) -> str:
    words = WORDS[lang]
    found = found or nearest_centre(place, lang)
    if found.get("unknown_place"):
        suggestions = ", ".join(found["suggestions"])
        return f"{words['unknown_place']}: {place}" + (f" (¿{suggestions}?)" if suggestions else "")
    if "error" in found:
        return f"{words['centre']}: {found['error']}"
    return f"{words['centre']}: {found['centre']}, {found['city']} ({found['distance_km']:.0f} km)"
