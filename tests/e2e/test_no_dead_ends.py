"""Conversations that used to go dead, over REST against the running servers (the trained model's own
intents, right or wrong): each message gets a reply, and Rasa never trips its circuit breaker."""

import uuid

import pytest

from actions import texts

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


@pytest.mark.parametrize("first", ["sí", "ok", "no", "bueno", "sí sí sí sí sí", "/affirm"])
def test_a_bare_first_message_gets_the_greeting_and_the_offer(bot, first):
    chat = Chat(bot)
    assert chat.say(first) == [say("greet"), say("offer")]
    assert chat.say("sí") == [say("ask_age")]


def test_hola_after_two_misses_and_the_old_offer_button_after_the_result_and_after_erasure(bot):
    chat = Chat(bot)
    chat.say("quiero postular")
    assert chat.say("mmm") == [say("reask_age")]
    assert chat.say("ehh") == [say("reask2_age")]
    assert chat.say("hola") == [say("greet_again"), say("ask_age")]
    for answer in ["tengo 25 años", "estoy desempleado", "termine la secundaria", "no"]:
        replies = chat.say(answer)
    assert replies[0].startswith("Este es tu resultado")  # 25 and not head of household: no component
    assert chat.say("/affirm") == [say("after_result_yes")]
    assert chat.say("borrar mis datos") == [say("data_deleted")]
    assert chat.say("/affirm") == [say("greet"), say("offer")]
    assert "Circuit breaker tripped" not in bot.log("rasa")


@pytest.mark.parametrize("place,city", [("arequipa", "Arequipa"), ("Satipo", "Huancayo"), ("callao", "Lima"),
                                        ("in tarapoto", "Moyobamba")])
def test_a_bare_place_after_the_result_gives_the_centre(bot, place, city):
    chat = Chat(bot)
    chat.say("quiero postular")
    for answer in ["tengo 25 años", "estoy desempleado", "termine la secundaria", "no"]:
        chat.say(answer)
    replies = chat.say(place)
    assert replies[0].startswith("📍") and f", en {city} " in replies[0], replies


def test_cero_as_the_income_and_a_correction_mid_screening(bot):
    chat = Chat(bot)
    chat.say("quiero postular")
    for answer in ["tengo 35 años", "estoy desempleado", "termine la secundaria", "si", "2"]:
        chat.say(answer)
    assert chat.say("si acepto") == [say("ask_monthly_income")]
    assert chat.say("cero") == [say("ask_has_disability")]
    assert chat.say("me equivoqué, tengo 45") == [say("correction_noted"), say("ask_has_disability")]
    slots = chat.slots()
    assert (slots["monthly_income"], slots["age"]) == (0, 45)


@pytest.mark.parametrize("message", ["500 soles", "2500", "/check_eligibility", "Lima"])
def test_numbers_places_and_taps_keep_english(bot, message):
    chat = Chat(bot)
    chat.say("hello")
    chat.say("yes")
    chat.say("I'm 40")
    replies = chat.say(message)
    assert chat.slots()["language"] == "en"
    assert all(r in (say("ask_employment_status", "en"), say("reask_employment_status", "en"),
                     say("repeat", "en", text=say("ask_employment_status", "en"))) for r in replies), replies
