"""How the bot answers one message, in every state of the conversation.

The states, from the slots:
- idle: no screening running and no result yet (or after "empezar de nuevo");
- offer: the bot offered to check eligibility (`asked` = "start");
- screening: `screening` is true and `asked` is the pending question;
- done: a result was shown (`shown_result`) and nothing is pending.

Whatever the state, in this order: a command (erase, start over) is obeyed at
once; the facts the message gives are taken (a changed value is a correction);
a request for a person or another language is honoured; a question is
answered, small talk gets a short fitting reply; then the conversation moves
on: the next screening question, the result, the centre for a place. A
message that gives nothing is a miss: the pending question is asked again,
with an example, then buttons or a hint, then the bot moves on.
"""

from __future__ import annotations

from actions import casecodes
from actions import result as results
from actions.dialogue import replies, screening
from actions.dialogue.reading import SMALL_TALK_INTENTS, Reading, read
from actions.dialogue.turn import Conversation, Incoming, Outcome, Turn
from actions.slots import FACT_SLOTS, decide


def respond(conversation: Conversation, incoming: Incoming) -> Outcome:
    turn = Turn(conversation, incoming)
    asked = turn.get("asked")
    done = turn.get("shown_result") is not None and not turn.get("screening")
    # After a result without a centre, the result's last words asked where they live.
    expected = asked or ("place" if done and turn.get("place") is None else None)
    reading = read(turn, expected)
    if reading.language and reading.language != turn.get("language"):
        turn.set("language", reading.language)

    code = casecodes.find(turn.incoming.text)
    if code:
        restore(turn, reading, code)
        return turn.outcome()
    if reading.command == "erase":
        turn.say("data_deleted")
        turn.erase = True
        return turn.outcome()
    if reading.command == "restart":
        turn.start_over({"language": turn.get("language")})
        turn.say("restart")
        return turn.outcome()

    new_info, corrected = take(turn, reading)
    if corrected:
        turn.say("correction_noted")
    if reading.language_request:
        turn.say("language_switched")
    if reading.command == "handoff":
        replies.handoff(turn)
        turn.set("asked", None)  # a person will help; the screening goes on if they write again
        return turn.outcome()

    answered = _answered(expected, reading)
    wants_screening = reading.intent == "check_eligibility" or (asked == "start" and reading.yes_no is True)
    if asked == "start" and not wants_screening:
        turn.set("asked", None)  # the offer lapses: they said no, or did something else
        if reading.yes_no is False and not new_info:
            turn.say("ask_your_question")
            return turn.outcome()

    digressed, paused = converse(turn, reading, answered, done)
    digressed = digressed or reading.language_request or bool(corrected)

    if wants_screening and not turn.get("screening"):
        screening.start(turn)
    elif reading.facts and not turn.get("screening") and not done and turn.get("asked") != "place":
        screening.start(turn)  # volunteered facts ("hi, I live in Piura, I do odd jobs") start a screening
    if turn.get("screening") or (done and new_info) or (done and wants_screening):
        if not paused:
            advance(turn, reading, answered, digressed or new_info, full_result=wants_screening)
    elif turn.get("asked") == "place":
        place_alone(turn, reading, digressed)
    elif reading.place is not None and not digressed and not done:
        # Only where they live ("vivo en Satipo"): their centre, then the offer to check.
        if conversation.first_message:
            turn.say("greet")
        replies.centre(turn) or turn.say("action_unavailable")
        greet_and_offer(turn, False)
    elif not digressed and not new_info:
        if done:
            replies.fallback(turn, reading.intent == "out_of_scope")
        elif conversation.first_message or reading.yes_no is not None:
            greet_and_offer(turn, conversation.first_message)
        else:
            replies.fallback(turn, reading.intent == "out_of_scope")
    return turn.outcome()


def restore(turn: Turn, reading: Reading, code: str) -> None:
    """A case code typed in any channel: its answers replace the conversation's, and the result is shown.
    (A code is only made after a result, which needs the applicant's consent; writing it back gives it again.)"""
    facts, problem = casecodes.read(code)
    if problem == "unavailable":
        turn.say("case_code_unavailable")
    elif problem == "mistyped":
        turn.say("case_code_mistyped")  # the check symbol: a typo, not a forgery
    elif problem:
        turn.say("case_code_unknown")
    if problem:
        return
    turn.start_over({"language": turn.get("language")})
    for name, value in facts.items():
        turn.set(name, value)
    turn.set("consent", True)
    turn.say("case_code_restored")
    finish(turn, reading, full_result=True)


def take(turn: Turn, reading: Reading) -> tuple[bool, list[str]]:
    """Store what the message states; (anything new?, the facts whose earlier value changed)."""
    corrected = []
    for name, value in reading.facts.items():
        if turn.get(name) != value:
            if turn.get(name) is not None:
                corrected.append(name)
            turn.set(name, value)
        turn.set("last_fact", name)
    new_place = reading.place is not None and reading.place != turn.get("place")
    if reading.place is not None:
        turn.set("place", reading.place)
        turn.set("place_suggestions", None)
    elif reading.place_suggestions:
        turn.set("place_suggestions", reading.place_suggestions)
    if turn.get("asked") == "consent" and reading.yes_no is not None:
        turn.set("consent", reading.yes_no)
    elif turn.get("asked") == "start" and reading.yes_no is True and turn.get("consent") is None:
        turn.set("consent", True)  # the offer says which data it asks and why (Ley 29733): a yes covers both
    return bool(reading.facts and (corrected or any(turn.changed.get(n) is not None for n in reading.facts))) \
        or new_place, corrected


def _answered(asked: str | None, reading: Reading) -> bool:
    if asked == "place":
        return reading.place is not None
    if asked in ("consent", "start"):
        return reading.yes_no is not None
    return asked is not None and asked in reading.facts


def converse(turn: Turn, reading: Reading, answered: bool, done: bool) -> tuple[bool, bool]:
    """Questions and small talk; (did the message digress from the screening?, did the applicant leave?)."""
    intent = reading.intent
    if reading.question:
        ask_about(turn, reading)
        return True, False
    if answered:
        return False, False
    if intent in SMALL_TALK_INTENTS:
        if intent == "greet":
            if turn.get("screening") or done:
                turn.say("greet_again")
            else:
                greet_and_offer(turn, True)
        else:
            turn.say(intent)  # thanks, goodbye, bot_challenge, help
        return True, intent == "goodbye"
    if done and reading.yes_no is not None and not reading.states_something:
        turn.say("after_result_yes" if reading.yes_no else "after_result_no")
        return True, False
    return intent == "check_eligibility", False


def ask_about(turn: Turn, reading: Reading) -> None:
    text = turn.incoming.text
    if reading.intent == "ask_centre":
        if replies.centre(turn):
            return
        answered = replies.answer_question(turn, text, weak_ok=False)
        if turn.get("screening"):
            if not answered:
                turn.say("centre_after_screening")
        else:
            turn.set("reask_count", 0)  # asked for, not missed
            screening.ask(turn, "place")
        return
    if not replies.answer_question(turn, text):
        turn.say("question_not_found")


def greet_and_offer(turn: Turn, greet: bool) -> None:
    if greet:
        turn.say("greet")
    turn.say("offer")
    turn.set("asked", "start")


def advance(turn: Turn, reading: Reading, answered: bool, moved: bool, full_result: bool = False) -> None:
    """The next step of the screening: the pending question again, the next one, or the result."""
    pending = turn.get("asked")
    remaining = screening.questions(turn)
    if pending in remaining and not answered:
        if moved:
            # Not a miss: they said something else first. Asked again in its first wording; the misses
            # so far still count, so a question answered wrongly between questions still ends.
            screening.ask(turn, pending, first_wording=True)
            return
        if not screening.missed(turn):
            if pending in reading.ranges:  # "entre 800 y 1000": one number, please, not a guess
                low, high = reading.ranges[pending]
                turn.say("range_followup", low=_number(low), high=_number(high))
                return
            screening.ask(turn, pending)
            return
        screening.skip(turn, pending)
        remaining = screening.questions(turn)
    if remaining:
        turn.set("screening", True)
        screening.ask(turn, remaining[0])
    else:
        finish(turn, reading, full_result)


def _number(value) -> str:
    return f"{value:g}"


def finish(turn: Turn, reading: Reading, full_result: bool) -> None:
    """Nothing more to ask: the result (or, after a no to consent, nothing kept)."""
    turn.set("asked", None)
    turn.set("screening", False)
    turn.set("reask_count", 0)
    if turn.get("consent") is False:
        # No consent: no screening, and nothing of what was said is kept.
        for name in (*FACT_SLOTS, "place"):
            turn.set(name, None)
        turn.set("shown_result", None)
        turn.say("no_consent")
        return
    decision = decide(turn)
    shown = results.summary(decision)
    if shown != turn.get("shown_result") or full_result:
        results.show(turn, decision)
        turn.records.append(("result", turn.get("screening_id"), decision))
        turn.set("shown_result", shown)
    elif reading.place is not None and replies.centre(turn):
        pass
    else:
        turn.say("result_unchanged")


def place_alone(turn: Turn, reading: Reading, digressed: bool) -> None:
    """Where the applicant lives, asked outside a screening: for their nearest centre."""
    if reading.place is not None:
        turn.set("asked", None)
        replies.centre(turn) or turn.say("action_unavailable")
    elif digressed:
        return  # they asked something else; the place question stays open without nagging
    elif screening.missed(turn):
        turn.set("asked", None)
        turn.set("reask_count", 0)
        turn.say("skip_question")
    else:
        screening.ask(turn, "place")
