"""The screening: which question comes next, how it is asked, and when the bot stops asking.

Only what the engine still needs is asked (its Decision lists the facts that
can still change an outcome), so a volunteered fact is never asked again.
Consent comes before the first sensitive question (Ley 29733). An answer the
bot cannot read is asked again with an example, then with buttons or a last
hint; after that the bot says it moves on, and does: that question is not
asked again in this screening, and the result says what is still missing.
Facts people answer in one breath are asked in one question
(rules/policy/asked_together.yml: "¿Eres jefe o jefa de hogar? Si lo eres,
dime también cuántos hijos..." -> "sí, 2"); see `joint`.
"""

from __future__ import annotations

import json

from actions import outcomes, texts
from actions.dialogue.turn import Turn
from actions.slots import decide, sensitive_facts
from rules import ask_order, current_policy

MAX_REASKS = 2
YES_NO = {"es": ("Sí", "No"), "en": ("Yes", "No")}


def questions(turn: Turn) -> list[str]:
    """The screening's questions still to ask, in order; [] means the result can be shown."""
    consent = turn.get("consent")
    if consent is False:
        return []
    decision = decide(turn)
    sensitive = sensitive_facts()
    ask = list(decision.needed)
    if consent is None:
        volunteered = any(turn.get(fact) is not None for fact in sensitive)
        # A question that also asks a sensitive fact waits for consent like the fact itself.
        first_sensitive = next((i for i, fact in enumerate(ask)
                                if fact in sensitive or set(_group(turn, fact)) & sensitive), None)
        if volunteered:
            ask.insert(0, "consent")
        elif first_sensitive is not None:
            ask.insert(first_sensitive, "consent")
    statuses = [c.status for c in decision.components.values()]
    # The goal only matters to choose between several eligible components.
    if statuses.count("eligible") >= 2 and turn.get("goal") is None and not ask:
        ask.append("goal")
    # Where to go: asked once something may fit; otherwise the result says why first.
    if turn.get("place") is None and any(s != "not_eligible" for s in statuses):
        ask.append("place")
    skipped = set(turn.get("skipped") or [])
    if "consent" in skipped:
        skipped |= sensitive  # never a sensitive question without a yes (Ley 29733)
    return [slot for slot in ask if slot not in skipped]


def ask(turn: Turn, slot: str, first_wording: bool = False) -> None:
    """Ask `slot` the way its number of misses calls for (or in its first wording), and remember it is pending."""
    misses = int(turn.get("reask_count") or 0) if turn.get("asked") == slot and not first_wording else 0
    if turn.get("asked") != slot:
        turn.set("asked", slot)
        turn.set("reask_count", 0)
    if turn.get("screening"):
        sid = turn.get("screening_id")
        turn.records.append(("progress", sid, slot))
    if slot == "place" and turn.get("place_suggestions"):
        turn.say("place_suggestions", buttons=place_buttons(turn.get("place_suggestions")))
    elif misses == 0 and slot == "consent" and turn.get("goal") is None:
        turn.say("ask_consent_and_goal")  # like the offer: a tap gives the yes and what they want
    elif misses == 0 and joint(turn, slot):
        turn.say(_asked_with(turn, slot).text)  # one question, several facts
    elif misses == 0:
        turn.say(f"ask_{slot}")
    elif misses == 1:
        turn.say(f"reask_{slot}")
    elif choice_buttons(slot, turn.lang):
        turn.say("choose", buttons=choice_buttons(slot, turn.lang))
    else:
        turn.say(f"reask2_{slot}")


def joint(turn: Turn, slot: str | None) -> list[str]:
    """The other facts asked with `slot` in one question, or [] when it is asked alone.

    Together only while none of the others is known or skipped (a volunteered fact is never asked
    again), and a group with a sensitive fact only after consent; reading.read takes the other facts
    from the answer."""
    others = _group(turn, slot)
    if not others or turn.get("consent") is not True and set(others) & sensitive_facts():
        return []
    return others


def _group(turn: Turn, slot: str | None) -> list[str]:
    """The others of `slot`'s group if it could be asked together, consent aside."""
    group = _asked_with(turn, slot)
    return [fact for fact in group.facts if fact != slot] if group else []


def _asked_with(turn: Turn, slot: str | None):
    """The largest group of `slot` none of whose other facts is known or skipped, or None."""
    skipped = set(turn.get("skipped") or [])
    if not slot or slot in skipped:
        return None
    group = ask_order.group_of(current_policy(), slot, lambda fact: turn.get(fact) is not None or fact in skipped)
    return group if group and texts.has(group.text) else None


def missed(turn: Turn) -> bool:
    """The pending question got no answer: count it; True when the bot should stop asking it."""
    misses = int(turn.get("reask_count") or 0) + 1
    turn.set("reask_count", misses)
    return misses > MAX_REASKS


def skip(turn: Turn, slot: str) -> None:
    turn.set("skipped", sorted({*(turn.get("skipped") or []), slot}))
    turn.set("reask_count", 0)
    turn.say("skip_question")


def start(turn: Turn) -> None:
    """A screening begins (or resumes): it gets an id for the anonymised decision log."""
    turn.set("screening", True)
    if not turn.get("screening_id"):
        turn.set("screening_id", outcomes.new_screening_id())
    if turn.get("consent") is False:
        turn.set("consent", None)  # they changed their mind: ask again
    turn.set("skipped", None)


def choice_buttons(slot: str, lang: str) -> list[dict]:
    """Buttons for a slot whose answer is a choice: the engine's choices, or yes/no."""
    policy = current_policy()
    fact = policy.facts.get(slot)
    if slot == "consent" or (fact is not None and fact.type == "boolean"):
        yes, no = YES_NO[lang]
        return [{"title": yes, "payload": "/affirm"}, {"title": no, "payload": "/deny"}]
    if fact is None or fact.type != "choice":
        return []
    return [
        {"title": labels[lang], "payload": "/inform" + json.dumps({slot: value}, ensure_ascii=False)}
        for value, labels in fact.choices.items()
    ]


def place_buttons(names: list[str]) -> list[dict]:
    return [{"title": name, "payload": "/inform" + json.dumps({"place": name}, ensure_ascii=False)} for name in names]
