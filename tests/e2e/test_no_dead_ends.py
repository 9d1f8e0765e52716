"""Conversations that used to go dead, over REST against the running servers (the trained model's own
intents, right or wrong): each message gets a reply, and Rasa never trips its circuit breaker."""

import uuid

import pytest

from actions import texts
from rules import ask_order, current_policy
from tests.reliability.scenarios import ANSWERS

pytestmark = pytest.mark.servers


def say(key: str, lang: str = "es", **values) -> str:
    return texts.render(key, lang, **values).text


class Chat:
    def __init__(self, bot):
        self.bot, self.sender = bot, f"dead-ends-{uuid.uuid4().hex[:8]}"

    def say(self, message: str) -> list[str]:
        replies = [r.get("text") or "" for r in self.bot.say(self.sender, message)]
        assert replies and all(replies), f"no reply to {message!r}"
        return replies

    def slots(self) -> dict:
        return self.bot.tracker(self.sender)["slots"]

    def answer(self, replies: list[str], facts: dict, until) -> list[str]:
        """Answer each question asked, in whatever order, from `facts`, until `until(replies)`."""
        for _ in range(20):
            if until(replies):
                return replies
            text = "\n".join(replies)
            replies = self.say(next(say(facts) for words, _, say in ANSWERS if words in text))
        raise AssertionError(f"never reached: {replies}")


ANSWERED_SLOTS = [fact for _, fact, _ in ANSWERS if fact] + ["household_and_children"]
YOUNG_NOT_HEAD = {"age": 25, "employment_status": "unemployed", "education": "secondary_complete",
                  "household_head": False, "occupation_experience_years": 2}


def result(replies: list[str]) -> bool:
    """The result: what was understood, then "Este es tu resultado…"."""
    return len(replies) > 1 and replies[0].startswith("Entendí: ") and replies[1].startswith("Este es tu resultado")


@pytest.mark.parametrize("first", ["sí", "ok", "no", "bueno", "sí sí sí sí sí", "/affirm"])
def test_a_bare_first_message_gets_the_greeting_and_the_offer(bot, first):
    chat = Chat(bot)
    assert chat.say(first) == [say("greet"), say("offer")]
    assert chat.say("sí") == [say("ask_age_schooling_place")]


def test_hola_after_two_misses_and_the_old_offer_button_after_the_result_and_after_erasure(bot):
    chat = Chat(bot)
    chat.say("quiero postular")
    assert chat.say("mmm") == [say("reask_age")]
    assert chat.say("ehh") == [say("reask2_age")]
    assert chat.say("hola") == [say("greet_again"), say("ask_age_schooling_place")]
    chat.answer(chat.say("tengo 25 años"), YOUNG_NOT_HEAD, result)  # 25, not head: no component
    assert chat.say("/affirm") == [say("after_result_yes")]
    assert chat.say("borrar mis datos") == [say("data_deleted")]
    assert chat.say("/affirm") == [say("greet"), say("offer")]
    assert "Circuit breaker tripped" not in bot.log("rasa")


@pytest.mark.parametrize("place,city", [("arequipa", "Arequipa"), ("Satipo", "Huancayo"), ("callao", "Lima"),
                                        ("in tarapoto", "Moyobamba")])
def test_a_bare_place_after_the_result_gives_the_centre(bot, place, city):
    chat = Chat(bot)
    chat.answer(chat.say("quiero postular"), YOUNG_NOT_HEAD, result)
    replies = chat.say(place)
    assert replies[0].startswith("📍") and f", en {city} " in replies[0], replies


def test_cero_as_the_income_and_a_correction_mid_screening(bot):
    chat = Chat(bot)
    facts = {"age": 35, "employment_status": "unemployed", "education": "secondary_complete",
             "household_head": True, "children": 2, "occupation_experience_years": 4}
    chat.answer(chat.say("quiero postular"), facts, lambda replies: replies == [say("ask_monthly_income")])
    following = chat.say("cero")
    assert chat.slots()["monthly_income"] == 0 and len(following) == 1 and following != [say("ask_monthly_income")]
    assert chat.slots()["asked"] not in (None, "monthly_income")
    assert chat.say("me equivoqué, tengo 45") == [say("correction_noted"), *following]
    slots = chat.slots()
    assert (slots["monthly_income"], slots["age"]) == (0, 45)


@pytest.mark.parametrize("message", ["500 soles", "2500", "/check_eligibility", "Lima"])
def test_numbers_places_and_taps_keep_english(bot, message):
    chat = Chat(bot)
    chat.say("hello")
    chat.say("yes")
    chat.say("I'm 40")
    pending = chat.slots()["asked"]
    replies = chat.say(message)
    assert chat.slots()["language"] == "en"
    # the pending question again (or the next, if the message answered it), always in English
    questions = {say(group.text, "en") for group in ask_order.together(current_policy())} | {
        say(f"{kind}_{slot}", "en") for kind in ("ask", "reask") for slot in ANSWERED_SLOTS
        if texts.has(f"{kind}_{slot}")}
    assert pending and all(r in questions or r in {say("repeat", "en", text=q) for q in questions}
                           for r in replies), replies
