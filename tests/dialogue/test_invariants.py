"""The dialogue's promises, checked on random conversations (hypothesis), whatever the classifier says.

Each conversation is a random run of messages, each with a random intent (the right one or any
other: classifiers err). After every turn: at least one reply, never the same text twice in a
row, no question re-asked more than twice in a row, only valid facts stored. After any run:
"borrar mis datos", "empezar de nuevo" and "hablar con alguien" work, and a plain screening
still reaches its result.
"""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actions import texts
from actions.slots import FACT_SLOTS
from rules import current_policy
from rules.facts import clean_facts
from tests.dialogue.chat import Chat, plain, text

pytestmark = pytest.mark.usefixtures("kb")

INTENTS = ["greet", "goodbye", "thanks", "affirm", "deny", "inform", "correct", "check_eligibility", "ask_question",
           "ask_centre", "switch_language_en", "switch_language_es", "human_handoff", "help", "bot_challenge",
           "out_of_scope", "nlu_fallback", None]
MESSAGES = [
    ("hola", "greet"), ("hello", "greet"), ("sí", "affirm"), ("no", "deny"), ("ok", "affirm"), ("/affirm", "affirm"),
    ("/deny", "deny"), ("/check_eligibility", "check_eligibility"), ('/inform{"education": "secondary_complete"}',
                                                                      "inform"),
    ("35", "inform"), ("tengo 45 años", "inform"), ("cero", "inform"), ("2", "inform"), ("gano 900 soles", "inform"),
    ("estoy sin chamba", "inform"), ("hago cachuelos", "inform"), ("termine la secundaria", "inform"),
    ("soy carpintero", "inform"), ("10 años", "inform"), ("vivo en Chiclayo", "inform"), ("Satipo", "inform"),
    ("quiero mi propio negocio", "inform"), ("me equivoqué, tengo 61", "correct"), ("perdón, era 3", "correct"),
    ("cuanto duran los cursos?", "ask_question"), ("es gratis?", "ask_question"),
    ("donde queda la oficina?", "ask_centre"), ("in English please", "switch_language_en"),
    ("en español", "switch_language_es"), ("gracias", "thanks"), ("chau", "goodbye"), ("ayuda", "help"),
    ("eres un robot?", "bot_challenge"), ("quien gano el partido", "out_of_scope"), ("mmm", "nlu_fallback"),
    ("asdkj qwe", "nlu_fallback"), ("", None), ("?????", "nlu_fallback"), ("🙂🙂", "nlu_fallback"),
    ("quiero postular", "check_eligibility"), ("a" * 300, "nlu_fallback"), ("/restart", "restart"),
]
REASKS = tuple(f"reask_{s}" for s in ("age", "employment_status", "education", "children", "monthly_income",
                                       "place", "occupation", "goal", "consent", "household_head"))


def message():
    natural = st.sampled_from(MESSAGES)
    mislabelled = st.tuples(st.sampled_from([m for m, _ in MESSAGES]), st.sampled_from(INTENTS))
    return st.one_of(natural, natural, mislabelled)


def is_reask(reply: str, chat: Chat) -> bool:
    lang = chat.slots.get("language") or "es"
    keys = [k for k in texts.keys() if k.startswith(("reask_", "reask2_")) or k == "choose"]
    return any(reply in (text(k, lang), text("repeat", lang, text=text(k, lang))) for k in keys)


def checked_turn(chat: Chat, said: str, intent) -> list[str]:
    before = chat.last
    asked_before = chat.slots.get("asked")
    replies = chat.say(said, intent)
    assert replies, f"no reply to {said!r}"
    previous = before
    for reply in replies:
        assert reply and reply != previous, f"{reply!r} said twice in a row"
        previous = reply
    facts = {n: chat.slots[n] for n in FACT_SLOTS if chat.slots.get(n) is not None}
    assert clean_facts(current_policy(), facts) == facts
    reasked = asked_before is not None and asked_before == chat.slots.get("asked") and is_reask(replies[-1], chat)
    chat.reasks_in_a_row = (getattr(chat, "reasks_in_a_row", 0) + 1) if reasked else 0
    assert chat.reasks_in_a_row <= 2, f"{asked_before} re-asked three times in a row"
    return replies


ANSWERS = {
    "start": ("sí", "affirm"), "consent": ("sí", "affirm"), "age": ("35", "inform"),
    "employment_status": ("estoy desempleado", "inform"), "education": ("secundaria completa", "inform"),
    "household_head": ("sí", "affirm"), "children": ("2", "inform"), "monthly_income": ("900", "inform"),
    "has_disability": ("no", "deny"), "disability_certificate": ("sí", "affirm"),
    "work_experience_years": ("10", "inform"), "occupation": ("soy carpintero", "inform"),
    "occupation_experience_years": ("5", "inform"), "goal": ("quiero conseguir trabajo", "inform"),
    "place": ("vivo en Chiclayo", "inform"),
}


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(message(), min_size=1, max_size=14), st.sampled_from(["erase", "restart", "handoff", "screen"]))
def test_promises_hold_in_random_conversations(run, ending):
    chat = Chat()
    for said, intent in run:
        checked_turn(chat, said, intent)
    # Each ending is a whole Spanish sentence: the bot may answer it in Spanish, or in the
    # conversation's language; never anything else.
    langs = {"es", chat.slots.get("language") or "es"}
    if ending == "erase":
        replies = checked_turn(chat, "borrar mis datos", "delete_my_data")
        assert any([plain(r, lang) for r in replies] == [text("data_deleted", lang)] for lang in langs), replies
        assert chat.erased
    elif ending == "restart":
        replies = checked_turn(chat, "empezar de nuevo", "restart")
        assert any([plain(r, lang) for r in replies] == [text("restart", lang)] for lang in langs), replies
    elif ending == "handoff":
        replies = checked_turn(chat, "quiero hablar con alguien", "human_handoff")
        assert len(replies) == 1 and any(
            plain(replies[0], lang).startswith(text("handoff", lang, centre="\0").split("\0")[0]) for lang in langs)
    else:
        assert screening_completes(chat)


def screening_completes(chat: Chat) -> bool:
    """A plain applicant answering whatever is asked reaches a result within 25 messages."""
    checked_turn(chat, "quiero postular", "check_eligibility")
    for _ in range(25):
        if any(m.text.startswith(("Este es tu resultado", "Here is your result")) for m in chat.messages):
            return True
        asked = chat.slots.get("asked")
        said, intent = ANSWERS.get(asked, ("quiero postular", "check_eligibility"))
        checked_turn(chat, said, intent)
    return False
