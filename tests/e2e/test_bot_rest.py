"""The trained bot answers on the REST channel, with the action server running."""

import pytest

pytestmark = pytest.mark.servers


def test_greeting_in_spanish(bot):
    reply = bot.texts("foundation-greet", "hola")
    assert "Hola" in reply and "Impulsa Perú" in reply


def test_goodbye(bot):
    assert "Hasta pronto" in bot.texts("foundation-bye", "chau")


def test_the_action_server_loaded_its_data_before_the_first_message(bot):
    [line] = [line for line in bot.log("actions").splitlines() if "actions.warmup" in line]
    assert "loaded at start in " in line and line.endswith(": lexicon, texts, policy, knowledge base")
