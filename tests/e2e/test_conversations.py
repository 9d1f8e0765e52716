"""Whole conversations against the trained model and the running action server, over REST.

`rasa test` does not call the action server; these do: applicants who turn
out eligible, not eligible and not yet decided, in Spanish and English, with
questions and corrections mid-way, and erasure of their data.
"""

import sqlite3
import uuid

import pytest

from tests.reliability.scenarios import ANSWERS, question_in

pytestmark = pytest.mark.servers


def new_sender(label: str) -> str:
    return f"{label}-{uuid.uuid4().hex[:8]}"


class Chat:
    def __init__(self, bot, label):
        self.bot, self.sender = bot, new_sender(label)

    def say(self, message: str) -> str:
        reply = self.bot.texts(self.sender, message)
        assert reply.strip(), f"no reply to {message!r}"
        return reply

    def slots(self) -> dict:
        return self.bot.tracker(self.sender)["slots"]

    def answer(self, reply: str, facts: dict, until, midway: str | None = None) -> tuple[str, list[str]]:
        """Answer each question asked, in whatever order the policy asks them, until `until(reply)`;
        `midway`: a question of the applicant's own, asked at the third question. (reply, questions asked)."""
        asked = []
        for n in range(20):
            if until(reply):
                return reply, asked
            words = question_in(reply)
            assert words, f"no question in {reply[-200:]!r}"
            asked.append(words)
            if n == 2 and midway:
                answered = self.say(midway)
                assert question_in(answered) == words  # answered, then the same question again
                asked.append(answered)
            reply = self.say(next(say(facts) for w, _, say in ANSWERS if w == words))
        raise AssertionError(f"never reached: {reply[-200:]!r}")


ELIGIBLE = {"age": 35, "employment_status": "unemployed", "education": "secondary_complete", "household_head": True,
            "children": 2, "monthly_income": 900, "has_disability": False, "work_experience_years": 10,
            "occupation_experience_years": 5, "goal": "job"}


def is_result(reply: str) -> bool:
    return "Este es tu resultado" in reply or "Here is your result" in reply


def test_eligible_in_spanish_with_a_question_midway(bot):
    chat = Chat(bot, "es-eligible")
    assert "Impulsa Perú" in chat.say("hola")
    reply = chat.say("si")  # the offer named the sensitive data and the law: this yes is the consent too
    assert "años tienes" in reply
    result, asked = chat.answer(reply, ELIGIBLE, is_result, midway="cuanto duran los cursos?")
    assert any("6 a 9 semanas" in a for a in asked if isinstance(a, str))
    assert "Ley 29733" not in asked  # never asked again on its own
    assert result.count("calificas.") == 3
    assert "Te recomiendo: Capacitación para la Inserción Laboral" in result
    assert "Arequipa" in result
    assert chat.slots()["age"] == 35


def test_not_eligible_in_english_hears_why_and_where_to_go(bot):
    chat = Chat(bot, "en-not-eligible")
    chat.say("hello")
    assert "How old are you" in chat.say("yes")
    result = chat.say("I'm 40 years old and I have a stable full-time job")
    assert result.count("you don't qualify.") == 3
    assert "in adequate employment" in result  # the engine's reason, in English
    assert "Employment Centre" in result
    assert "district or province" in result  # offers the nearest centre
    assert "Trujillo" in chat.say("I live in Trujillo")


def test_volunteered_facts_are_taken_and_not_asked_again(bot):
    chat = Chat(bot, "es-volunteer")
    reply = chat.say("tengo 35 años, vivo en Chiclayo y gano 900 soles")
    assert "Ley 29733" in reply  # income was volunteered: consent first
    reply = chat.say("si")
    assert question_in(reply) not in (None, "años tienes", "ganas al mes", "distrito")
    slots = chat.slots()
    assert slots["age"] == 35 and slots["monthly_income"] == 900 and slots["place"]["name"] == "Chiclayo"


def test_not_yet_decided_keeps_asking_and_states_no_outcome(bot):
    chat = Chat(bot, "es-undecided")
    chat.say("quiero postular")
    reply = chat.say("tengo 45")
    pending = question_in(reply)
    assert pending not in (None, "años tienes")
    assert "calificas" not in reply
    reply = chat.say("es gratis?")
    assert question_in(reply) == pending  # answered, then back to the pending question


def test_a_correction_recomputes_the_decision(bot):
    chat = Chat(bot, "es-correction")
    chat.say("quiero saber si califico")
    result = chat.say("tengo 40 años y tengo trabajo estable")
    assert result.count("no calificas.") == 3
    reply = chat.say("me equivoque, estoy desempleado")
    assert "corregí" in reply
    assert question_in(reply) and not is_result(reply)  # no longer disqualified: the screening goes on


def test_switching_language_mid_screening(bot):
    chat = Chat(bot, "switch")
    chat.say("quiero postular")
    reply = chat.say("in English please")
    assert "continue in English" in reply and "How old are you" in reply


def test_unclear_answer_is_reasked_with_an_example_then_buttons(bot):
    chat = Chat(bot, "reask")
    chat.answer(chat.say("quiero postular"), ELIGIBLE, lambda reply: question_in(reply) == "estudiaste")
    first = chat.say("mmm pues")
    assert "Por ejemplo" in first
    replies = bot.say(chat.sender, "ehh")
    assert any(reply.get("buttons") for reply in replies)


def test_two_misses_in_a_row_hand_over_to_a_person(bot):
    chat = Chat(bot, "misses")
    assert "Impulsa Perú" in chat.say("asdkj qwpoe zxmn")  # a first message: the greeting and the offer
    chat.say("qwxz plmk")
    reply = chat.say("ñlkjh poiuy")
    assert "persona" in reply and "Unidad Zonal" in reply or "Lima" in reply


def test_delete_my_data_erases_the_conversation(bot):
    chat = Chat(bot, "erase")
    chat.say("tengo 35 años y gano 900 soles")
    reply = chat.say("borrar mis datos")
    assert "borré tus datos" in reply
    with sqlite3.connect(bot.workdir / "tracker.db") as db:
        rows = db.execute("SELECT COUNT(*) FROM events WHERE sender_id = ?", (chat.sender,)).fetchone()[0]
    assert rows == 0
    assert chat.slots()["age"] is None


def test_a_code_from_one_conversation_restores_the_case_in_another_and_for_staff(bot):
    import os
    import subprocess
    import sys

    from tests.conftest import CHANNEL_SECRETS

    chat = Chat(bot, "code-from")
    chat.say("hola")
    result, _ = chat.answer(chat.say("si"), ELIGIBLE, is_result)
    (code,) = [word.rstrip(".") for word in result.split() if word.startswith("IMP-")]
    web = Chat(bot, "web")  # another channel's conversation: only the code travels
    restored = web.say(f"tengo un codigo {code}")
    assert "recuperé tus respuestas" in restored
    statuses = [line for line in result.splitlines() if line[:1] in "✅❌"]
    assert statuses and [line for line in restored.splitlines() if line[:1] in "✅❌"] == statuses
    staff = subprocess.run([sys.executable, "-m", "rules", "case", code], capture_output=True, text=True,
                           env={**os.environ, "CASE_CODE_KEY": CHANNEL_SECRETS["CASE_CODE_KEY"]})
    assert staff.returncode == 0, staff.stderr
    assert "Edad: 35" in staff.stdout and "El resultado no cambió" in staff.stdout
    tampered = code[:-1] + ("0" if code[-1] != "0" else "1")
    assert "mal escrit" in web.say(tampered)
