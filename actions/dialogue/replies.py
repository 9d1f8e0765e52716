"""The bot's answers that are not screening questions: questions, the centre, a person, small talk, misses."""

from __future__ import annotations

from actions.centres import headquarters, nearest_centre, say_centre
from actions.dialogue.turn import Turn
from actions.questions import best_answer


def answer_question(turn: Turn, question: str, weak_ok: bool = True) -> bool:
    """The knowledge base's answer; False when it has none (strong enough)."""
    hit = best_answer(question, turn.lang, strong_only=not weak_ok)
    if hit:
        turn.say_text(hit["answer"])
        return True
    return False


def centre(turn: Turn) -> bool:
    """The nearest centre, when the bot knows where the applicant lives."""
    place = turn.get("place")
    found = nearest_centre(place, turn.lang) if place else None
    if found:
        say_centre(turn, found, place["name"])
        return True
    return False


def handoff(turn: Turn) -> None:
    """The employment centre's contact: the nearest one if we know where they live, else headquarters."""
    place = turn.get("place")
    found = nearest_centre(place, turn.lang) if place else headquarters(turn.lang)
    if found:
        where = f"{found['name']} ({found['city']})"
        details = [found.get(key) for key in ("address", "phone", "hours") if found.get(key)]
        turn.say("handoff", centre=", ".join([where, *details]))
    else:
        turn.say("action_unavailable")


def fallback(turn: Turn, out_of_scope: bool) -> None:
    """Nothing understood outside a question: a strong knowledge-base answer, else what the bot can do;
    the second miss in a row offers a person."""
    if not out_of_scope and answer_question(turn, turn.incoming.text, weak_ok=False):
        turn.set("reask_count", 0)
        return
    misses = int(turn.get("reask_count") or 0) + 1
    turn.set("reask_count", misses)
    if misses >= 2:
        turn.say("handoff_after_misses")
        handoff(turn)
        turn.set("reask_count", 0)
    elif out_of_scope:
        turn.say("out_of_scope")
    else:
        turn.say("default")
