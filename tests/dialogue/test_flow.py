"""Whole conversations with the dialogue, in-process: every reply asserted in full.

The intent given with each message is what a classifier might say, right or wrong: the
dialogue must do the right thing either way (issue 12's examples are here, and the
classes they stand for).
"""

import pytest

from actions.dialogue.turn import Conversation, Incoming, Turn
from actions.result import show, summary
from actions.slots import decide
from tests.dialogue.chat import Chat, next_question, text

pytestmark = pytest.mark.usefixtures("kb")
ELIGIBLE = {
    "age": 35, "employment_status": "unemployed", "education": "secondary_complete", "household_head": True,
    "children": 2, "consent": True, "monthly_income": 900, "has_disability": False,
}
FACTS = {k: v for k, v in ELIGIBLE.items() if k != "consent"}
CHICLAYO = {"name": "Chiclayo", "kind": "province", "lat": -6.7714, "lon": -79.8409, "department": "Lambayeque"}


def result_texts(slots: dict, lang: str = "es") -> list[str]:
    """The whole result for these facts, as actions/result.py words it (its own tests check the words)."""
    turn = Turn(Conversation(slots={**slots, "language": lang}), Incoming())
    show(turn, decide(turn))
    return [m.text for m in turn.messages]


def screened(**extra) -> Chat:
    """A chat just after its result was shown (with `extra` facts, e.g. the place)."""
    slots = {**ELIGIBLE, "work_experience_years": 0, "goal": "job", "language": "es", **extra}
    return Chat(**slots, shown_result=summary(decide(slots)), screening=False)


# --- first messages -------------------------------------------------------------------------

@pytest.mark.parametrize("first", [("sí", "affirm"), ("ok", "affirm"), ("no", "deny"), ("bueno", "affirm"),
                                   ("sí sí sí sí sí", "affirm"), ("ok", "nlu_fallback")])
def test_a_bare_yes_or_no_as_first_message_gets_the_greeting_and_the_offer(first):
    chat = Chat()
    assert chat.say(*first) == [text("greet"), text("offer")]
    assert chat.say("si", "affirm") == [next_question()]


def test_greeting_then_no_thanks_invites_questions():
    chat = Chat()
    assert chat.say("hola", "greet") == [text("greet"), text("offer")]
    assert chat.say("no", "deny") == [text("ask_your_question")]
    assert chat.slots["asked"] is None


# --- the answer to the question just asked wins ---------------------------------------------

@pytest.mark.parametrize("intent", ["ask_question", "greet", "out_of_scope", "nlu_fallback", "inform"])
def test_an_answer_is_taken_whatever_the_classifier_guessed(intent):
    chat = Chat(age=35, language="es", screening=True, asked="employment_status")
    assert chat.say("estoy subempleado", intent) == [next_question(age=35, employment_status="underemployed")]
    assert chat.slots["employment_status"] == "underemployed"


@pytest.mark.parametrize("intent", ["restart", "inform", "deny"])
def test_cero_as_the_income_is_an_amount_not_a_restart(intent):
    chat = Chat(**{**ELIGIBLE, "monthly_income": None}, language="es", screening=True, asked="monthly_income")
    assert chat.say("cero", intent) == [next_question(**{**FACTS, "monthly_income": 0})]
    assert chat.slots["monthly_income"] == 0


def test_a_question_with_a_fact_is_answered_and_the_fact_kept():
    chat = Chat(language="es", screening=True, asked="age")
    replies = chat.say("soy electricista, ¿puedo certificarme?", "ask_question")
    assert chat.slots["occupation"] == "electricista_edificaciones"
    assert len(replies) == 2 and replies[1] == next_question()
    assert "certific" in replies[0].lower()


# --- digressions and corrections resume the question in its normal wording ------------------

def test_hola_after_two_misses_resumes_the_question_in_its_first_wording():
    chat = Chat(language="es", screening=True, asked="age")
    assert chat.say("mmm", "nlu_fallback") == [text("reask_age")]
    assert chat.say("ehh", "inform") == [text("reask2_age")]
    assert chat.say("hola", "greet") == [text("greet_again"), next_question()]
    assert chat.say("35", "inform") == [next_question(age=35)]


def test_a_correction_is_acknowledged_and_the_pending_question_asked_again_normally():
    chat = Chat(age=35, language="es", screening=True, asked="employment_status", reask_count=1)
    assert chat.say("me equivoqué, tengo 45", "correct") == [text("correction_noted"), text("ask_employment_status")]
    assert chat.slots["age"] == 45 and chat.slots["reask_count"] == 1  # a correction is no answer to it


def test_a_bare_correction_changes_the_last_answer():
    chat = Chat(language="es", screening=True, asked="age")
    chat.say("35", "inform")
    assert chat.say("perdón, era 45", "correct") == [text("correction_noted"), next_question(age=45)]
    assert chat.slots["age"] == 45


def test_a_question_mid_screening_is_answered_then_the_question_comes_back():
    chat = Chat(age=35, language="es", screening=True, asked="employment_status")
    replies = chat.say("cuanto duran los cursos?", "ask_question")
    assert "6 a 9 semanas" in replies[0] and replies[1:] == [text("ask_employment_status")]


# --- no question asked more than three times --------------------------------------------------

def test_three_misses_and_the_bot_moves_on_and_says_so():
    chat = Chat(age=35, language="es", screening=True, asked="employment_status")
    assert chat.say("mmm", "nlu_fallback") == [text("reask_employment_status")]
    assert chat.say("???", "nlu_fallback") == [text("choose")]
    assert len(chat.buttons()) == 4  # the four employment situations
    assert chat.say("no sé", "deny") == [text("skip_question"), next_question(("employment_status",), age=35)]
    assert chat.slots["skipped"] == ["employment_status"]


def test_a_skipped_fact_is_shown_as_missing_in_the_result():
    chat = Chat(**{**ELIGIBLE, "employment_status": None}, work_experience_years=0, language="es",
                screening=True, asked="employment_status", reask_count=2, place=CHICLAYO)
    replies = chat.say("ehh", "nlu_fallback")
    assert replies[0] == text("skip_question")
    assert replies[1:] == result_texts({**ELIGIBLE, "employment_status": None, "work_experience_years": 0,
                                        "place": CHICLAYO})
    assert any(r.startswith("❔") for r in replies)


def test_an_unknown_place_offers_suggestions_then_gives_up():
    chat = Chat(**ELIGIBLE, work_experience_years=0, goal="job", language="es", screening=True, asked="place")
    first = chat.say("xqzv", "inform")
    assert first == [text("place_suggestions")] and len(chat.buttons()) == 5
    chat.say("zzxq", "inform")
    replies = chat.say("qqqq", "inform")
    assert replies[0] == text("skip_question") and replies[1].startswith("Entendí: ")
    assert replies[2].startswith("Este es tu resultado")


# --- after the result ------------------------------------------------------------------------

@pytest.mark.parametrize("place,city", [("arequipa", "Arequipa"), ("Satipo", "Huancayo"), ("callao", "Lima"),
                                        ("in tarapoto", "Moyobamba"), ("vivo en chiclayo", "Chiclayo")])
def test_a_place_after_the_result_gives_the_nearest_centre(place, city):
    chat = screened()
    replies = chat.say(place, "inform")
    assert len(replies) >= 1 and replies[0].startswith("📍") and f", en {city} " in replies[0], replies


def test_a_shared_location_after_the_result_gives_the_nearest_centre():
    chat = screened()
    replies = chat.say("", "inform", metadata={"location": {"lat": -6.77, "lon": -79.84}})
    assert replies[0].startswith("📍") and ", en Chiclayo " in replies[0]


def test_a_correction_after_the_result_gives_the_new_result():
    chat = screened(place=CHICLAYO)
    replies = chat.say("me equivoqué, gano 2000", "correct")
    assert replies[0] == text("correction_noted")
    assert replies[1:] == result_texts({**ELIGIBLE, "work_experience_years": 0, "monthly_income": 2000,
                                        "goal": "job", "place": CHICLAYO})


def test_a_correction_that_changes_nothing_says_so():
    chat = screened(place=CHICLAYO)
    assert chat.say("me equivoqué, gano 950", "correct") == [text("correction_noted"), text("result_unchanged")]


@pytest.mark.parametrize("message,intent,key", [
    ("sí", "affirm", "after_result_yes"), ("ok", "affirm", "after_result_yes"),
    ("/affirm", "affirm", "after_result_yes"),
    ("no", "deny", "after_result_no"), ("gracias", "thanks", "thanks"), ("chau", "goodbye", "goodbye"),
])
def test_small_talk_after_the_result_gets_a_short_fitting_reply(message, intent, key):
    chat = screened(place=CHICLAYO)
    assert chat.say(message, intent) == [text(key)]


def test_a_question_after_the_result_is_answered():
    chat = screened(place=CHICLAYO)
    replies = chat.say("cuanto duran los cursos?", "ask_question")
    assert len(replies) == 1 and "6 a 9 semanas" in replies[0]


def test_the_same_reply_twice_is_marked_as_a_repetition():
    chat = screened(place=CHICLAYO)
    assert chat.say("sí", "affirm") == [text("after_result_yes")]
    assert chat.say("sí", "affirm") == [text("repeat", text=text("after_result_yes"))]


# --- language ----------------------------------------------------------------------------------

@pytest.mark.parametrize("message,intent", [("500 soles", "inform"), ("2500", "inform"),
                                            ("/check_eligibility", "check_eligibility"), ("Lima", "inform")])
def test_numbers_places_and_buttons_never_switch_the_language(message, intent):
    chat = Chat(age=40, language="en", screening=True, asked="employment_status")
    replies = chat.say(message, intent)
    assert chat.slots.get("language", "en") == "en"
    assert all(r in (text("ask_employment_status", "en"), text("reask_employment_status", "en"),
                     text("repeat", "en", text=text("ask_employment_status", "en"))) for r in replies), replies


def test_the_first_english_message_sets_english():
    chat = Chat()
    assert chat.say("hello", "greet") == [text("greet", "en"), text("offer", "en")]


def test_asking_for_english_switches_and_resumes_the_question():
    chat = Chat(language="es", screening=True, asked="age")
    assert chat.say("in English please", "switch_language_en") == [text("language_switched", "en"),
                                                                   next_question(lang="en")]


# --- erase, start over and a person work in every state ----------------------------------------

STATES = {
    "new": {},
    "offered": {"language": "es", "asked": "start"},
    "screening": {"age": 35, "language": "es", "screening": True, "asked": "employment_status", "reask_count": 2},
    "consent": {"age": 35, "language": "es", "screening": True, "asked": "consent"},
    "place alone": {"language": "es", "asked": "place"},
    "done": {**ELIGIBLE, "language": "es", "shown_result": {"x": 1}},
    "no consent": {"language": "es", "consent": False},
}


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("intent", ["delete_my_data"])
def test_delete_my_data_works_in_every_state(state, intent):
    chat = Chat(**STATES[state])
    assert chat.say("borrar mis datos", intent) == [text("data_deleted")]
    assert chat.erased


@pytest.mark.parametrize("state", STATES)
def test_start_over_works_in_every_state(state):
    chat = Chat(**STATES[state])
    assert chat.say("empezar de nuevo", "restart") == [text("restart")]
    assert chat.outcome.reset and all(v is None for k, v in chat.slots.items() if k != "language")


@pytest.mark.parametrize("state", STATES)
def test_a_person_is_offered_in_every_state(state):
    chat = Chat(**STATES[state])
    replies = chat.say("quiero hablar con alguien", "human_handoff")
    assert len(replies) == 1 and "Unidad Zonal" in replies[0] or "Lima" in replies[0]
    assert chat.slots.get("asked") is None


def test_two_misses_in_a_row_outside_a_screening_offer_a_person():
    chat = Chat()
    assert chat.say("asdkj qwpoe", "nlu_fallback") == [text("greet"), text("offer")]  # a first message
    assert chat.say("zxcvb", "nlu_fallback") == [text("default")]
    replies = chat.say("ñlkjh poiuy", "nlu_fallback")
    assert replies[0] == text("handoff_after_misses") and "Lima" in replies[1]


def test_refused_consent_keeps_nothing_and_questions_still_work():
    chat = Chat(age=40, monthly_income=900, language="es", screening=True, asked="consent")
    assert chat.say("no", "deny") == [text("no_consent")]
    assert chat.slots["age"] is None and chat.slots["monthly_income"] is None
    replies = chat.say("es gratis?", "ask_question")
    assert len(replies) == 1 and "gratuit" in replies[0].lower()


@pytest.mark.parametrize("intent", ["restart", "delete_my_data", "human_handoff"])
def test_a_place_is_taken_even_when_the_classifier_hears_a_command(intent):
    chat = screened()
    replies = chat.say("mire, yo vivo en Nuevo Imperial", intent)
    assert replies[0].startswith("📍") and chat.slots["place"]["name"] == "Nuevo Imperial"


def test_a_range_gets_a_follow_up_for_one_number_not_a_guess():
    chat = Chat(**{**ELIGIBLE, "monthly_income": None}, language="es", screening=True, asked="monthly_income")
    assert chat.say("entre 800 y 1000", "inform") == [text("range_followup", low="800", high="1000")]
    assert chat.slots.get("monthly_income") is None
    assert chat.say("900", "inform") == [next_question(**{**FACTS, "monthly_income": 900})]


@pytest.mark.parametrize("intent", ["delete_my_data", "nlu_fallback", "inform", "ask_question"])
def test_borrar_mis_datos_erases_whatever_the_classifier_says(intent):
    chat = Chat(age=35, language="es", screening=True, asked="employment_status")
    assert chat.say("borrar mis datos", intent) == [text("data_deleted")]
    assert chat.erased


@pytest.mark.parametrize("intent", ["restart", "inform"])
def test_an_answer_is_not_a_restart_but_a_restart_request_is(intent):
    chat = Chat(age=35, language="es", screening=True, asked="employment_status")
    assert chat.say("empezar de nuevo", intent) == [text("restart")]
    chat = Chat(**{**ELIGIBLE, "monthly_income": None}, language="es", screening=True, asked="monthly_income")
    assert chat.say("cero", intent) == [next_question(**{**FACTS, "monthly_income": 0})]


def test_questions_between_misses_do_not_reset_the_count():
    chat = Chat(age=35, language="es", screening=True, asked="employment_status")
    assert chat.say("mmm", "nlu_fallback") == [text("reask_employment_status")]
    assert chat.say("ehh", "nlu_fallback") == [text("choose")]
    replies = chat.say("cuanto duran los cursos?", "ask_question")
    assert replies[-1] == text("ask_employment_status")  # asked again in its first wording
    assert chat.say("ajá", "nlu_fallback") == [text("skip_question"), next_question(("employment_status",), age=35)]


def test_a_place_after_the_result_is_taken_even_heard_as_goodbye():
    chat = screened()
    replies = chat.say("de Punchao", "goodbye")
    assert replies[0].startswith("📍")


def test_only_where_they_live_gets_their_centre_then_the_offer():
    chat = Chat()
    replies = chat.say("vivo en Chiclayo", "inform")
    assert replies[0] == text("greet") and replies[2] == text("offer") and len(replies) == 3
    assert replies[1].startswith("📍") and ", en Chiclayo " in replies[1]
    assert chat.slots["asked"] == "start" and not chat.slots.get("screening")
    assert chat.say("sí", "affirm") == [text("ask_age_and_schooling")]  # where they live is known


@pytest.mark.parametrize("message", ["soy jornalera en el esparrago, en cosecha pe", "trabajo en cosecha"])
def test_a_near_miss_of_a_place_name_nobody_asked_for_is_no_place(message):
    chat = Chat(**{**ELIGIBLE, "language": "es", "work_experience_years": 3}, screening=True, asked="occupation")
    chat.say(message, "inform")
    assert chat.slots.get("occupation") and chat.slots.get("place") is None
    assert chat.slots.get("place_suggestions") is None


ANSWERS = {"age": "35", "occupation": "vendo comida", "education": "secundaria completa", "household_head": "sí",
           "children": "2", "monthly_income": "900", "employment_status": "no tengo trabajo",
           "work_experience_years": "3", "has_disability": "no", "goal": "un empleo", "place": "Chiclayo"}


def answer_all(chat: Chat, first: list[str]) -> list[str]:
    """Answer each question the bot asks (as an applicant would) until the result; the questions asked."""
    asked, replies = [], first
    while chat.slots.get("asked") and len(asked) < 20:
        asked.append(chat.slots["asked"])
        replies = chat.say(ANSWERS.get(chat.slots["asked"], "sí"), "inform")
    assert replies[0].startswith("Entendí: ") and replies[1].startswith("Este es tu resultado"), replies
    return asked


def test_a_yes_to_the_offer_is_also_the_consent_it_explains():
    chat = Chat()
    assert chat.say("hola", "greet") == [text("greet"), text("offer")]
    first = chat.say("sí", "affirm")
    assert chat.slots["consent"] is True and first == [next_question()]
    asked = answer_all(chat, first)
    assert "consent" not in asked and "monthly_income" in asked and "has_disability" in asked


def test_a_screening_started_another_way_still_asks_consent_before_income():
    chat = Chat()
    chat.say("hola", "greet")
    assert chat.say("no, gracias", "deny") == [text("ask_your_question")]
    assert chat.slots.get("consent") is None
    asked = answer_all(chat, chat.say("quiero ver si califico", "check_eligibility"))
    # Just before the first question about income: the one that asks the work situation and the income together.
    assert asked.index("consent") == asked.index("employment_status") - 1


@pytest.mark.parametrize("message,intent", [("wait", "correct"), ("perdón, me equivoqué", "correct")])
def test_a_correction_with_no_value_names_no_trade(message, intent):
    chat = Chat(age=35, occupation="bordadora", last_fact="occupation", language="es", screening=True,
                asked="education")
    chat.say(message, intent)
    assert chat.slots["occupation"] == "bordadora"


# --- head of household and children in one question -------------------------------------------

def test_head_of_household_and_children_are_asked_together_and_answered_in_one_message():
    chat = Chat(age=35, occupation="ambulante", education="secondary_complete", consent=True,
                language="es", screening=True, asked="occupation_experience_years")
    assert chat.say("2", "inform") == [next_question(age=35, occupation="ambulante", education="secondary_complete",
                                                     occupation_experience_years=2)]
    assert chat.slots["asked"] == "household_head"
    assert chat.last == text("ask_household_and_children")
    replies = chat.say("sí, 2", "affirm")
    assert chat.slots["household_head"] is True and chat.slots["children"] == 2
    assert replies == [next_question(age=35, occupation="ambulante", education="secondary_complete",
                                     occupation_experience_years=2, household_head=True, children=2)]


@pytest.mark.parametrize("message,intent,head,children,then", [
    ("no", "deny", False, None, None),
    ("/deny", "deny", False, None, None),
    ("sí", "affirm", True, None, "next"),
    ("sí, pero no tengo hijos", "affirm", True, 0, None),
    ("yes, 2 kids", "affirm", True, 2, None),
    ("tengo 3 hijos", "inform", None, 3, "ask_household_head"),
])
def test_either_half_of_the_joint_question_is_taken_and_the_other_asked_alone(message, intent, head, children, then):
    chat = Chat(age=35, occupation="ambulante", education="secondary_complete", occupation_experience_years=2,
                consent=True, language="es", screening=True, asked="household_head")
    replies = chat.say(message, intent)
    assert (chat.slots.get("household_head"), chat.slots.get("children")) == (head, children)
    known = dict(age=35, occupation="ambulante", education="secondary_complete", occupation_experience_years=2)
    if then == "next":  # the children come in their turn, in the stored order
        assert replies == [next_question(**known, household_head=True)] and chat.slots["asked"] != "household_head"
    elif then:
        assert replies == [text(then)]


# --- case codes ------------------------------------------------------------------------------------

KEY = "a-test-case-code-key-0123"


def code_of(replies: list[str]) -> str:
    (line,) = [r for r in replies if r.startswith("Tu código es ")]
    return line.split()[3].rstrip(".")


def test_a_result_ends_with_a_code_that_restores_the_case_in_another_conversation(monkeypatch):
    monkeypatch.setenv("CASE_CODE_KEY", KEY)
    chat = screened(place=CHICLAYO)
    first = chat.say("me equivoqué, gano 2000", "correct")
    code = code_of(first)
    assert first[-1] == text("case_code", code=code) and code.startswith("IMP-") and len(code) <= 16
    elsewhere = Chat()
    restored = elsewhere.say(f"hola, tengo un código {code.lower()}", "greet")
    assert restored[0] == text("case_code_restored")
    # the same result (the code does not carry the place, so the centre is asked again)
    assert restored[1:] == result_texts({**ELIGIBLE, "monthly_income": 2000, "work_experience_years": 0, "goal": "job"})
    assert elsewhere.slots["monthly_income"] == 2000 and elsewhere.slots["consent"] is True


def test_a_mistyped_a_foreign_and_an_unreadable_code_are_each_said_plainly(monkeypatch):
    monkeypatch.setenv("CASE_CODE_KEY", KEY)
    code = code_of(screened().say("me equivoqué, gano 2000", "correct"))
    swapped = code[:-2] + code[-1] + code[-2] if code[-1] != code[-2] else code[:-1] + "Z"
    assert Chat().say(swapped, "inform") == [text("case_code_mistyped")]
    monkeypatch.setenv("CASE_CODE_KEY", "another-deployment-key-99")
    assert Chat().say(code, "inform") == [text("case_code_unknown")]
    monkeypatch.delenv("CASE_CODE_KEY")
    assert Chat().say(code, "inform") == [text("case_code_unavailable")]
    assert not any(r.startswith("Tu código es ") for r in screened().say("me equivoqué, gano 2000", "correct"))


# --- questions that ask several facts at once (rules/policy/asked_together.yml) ---------------------------

AT_WORK_QUESTION = {"language": "es", "screening": True, "consent": True, "age": 40, "occupation": "bordador",
                    "occupation_experience_years": 3, "household_head": True, "children": 2,
                    "education": "secondary_complete"}


@pytest.mark.parametrize("message,facts", [
    ("sin trabajo, nada", {"employment_status": "unemployed", "monthly_income": 0}),
    ("hago cachuelos, unos 600", {"employment_status": "underemployed", "monthly_income": 600}),
    ("desempleado, no gano nada", {"employment_status": "unemployed", "monthly_income": 0}),
    ("no tengo chamba, cero", {"employment_status": "unemployed", "monthly_income": 0}),
    ("trabajo eventual 800 soles", {"employment_status": "underemployed", "monthly_income": 800}),
])
def test_the_work_and_income_question_is_answered_in_one_message(message, facts):
    chat = Chat(**AT_WORK_QUESTION)
    assert chat.say("hola", "greet") == [text("greet_again"), text("ask_work_and_income")]
    chat.say(message, "inform")
    assert {k: chat.slots.get(k) for k in facts} == facts
    assert chat.slots["asked"] not in ("employment_status", "monthly_income")


def test_half_an_answer_to_a_joint_question_gets_the_other_half_asked_alone():
    chat = Chat(**{**AT_WORK_QUESTION, "asked": "employment_status"})
    chat.say("no tengo trabajo", "inform")  # nothing about the income
    assert chat.slots["employment_status"] == "unemployed" and chat.slots.get("monthly_income") is None
    asked = answer_all(chat, chat.messages and [m.text for m in chat.messages])
    assert "monthly_income" in asked and "employment_status" not in asked


def test_a_bare_no_answers_only_the_first_half():
    chat = Chat(**{**AT_WORK_QUESTION, "household_head": None, "children": None, "asked": "household_head"})
    assert chat.say("no", "deny")
    assert chat.slots["household_head"] is False and chat.slots.get("children") is None


@pytest.mark.parametrize("message,facts", [
    ("carpintero, 10 años", {"occupation": "carpintero_industrial", "occupation_experience_years": 10}),
    ("soy soldador, 7", {"occupation": "soldador", "occupation_experience_years": 7}),
    ("bordadora, diez", {"occupation": "bordador", "occupation_experience_years": 10}),
    ("ayudante de cocina, 2 años", {"occupation": "ayudante de cocina", "occupation_experience_years": 2}),
    ("soy carpintero", {"occupation": "carpintero_industrial", "occupation_experience_years": None}),
    # A trade no profile knows is read from a message that says nothing else: here, its first part.
    ("cuidadora, llevo 12 años en el oficio", {"occupation": "cuidadora", "occupation_experience_years": 12}),
    ("cuidadora de adultos mayores de oficio, llevo 12 años en el oficio",
     {"occupation": "cuidadora de adultos mayores", "occupation_experience_years": 12}),
    ("la verdad, 5 años", {"occupation": None, "occupation_experience_years": 5}),
    ("llevo 12 años en el oficio, cuidadora", {"occupation": None, "occupation_experience_years": 12}),
    # Only beside another answer of the question, never in a question of its own.
    ("antes q sigas, pasame el telefono del centro pa llamar",
     {"occupation": None, "occupation_experience_years": None}),
    ("espera, cuanto dura el curso?", {"occupation": None, "occupation_experience_years": None}),
])
def test_the_trade_and_its_years_come_in_one_message(message, facts):
    chat = Chat(language="es", screening=True, consent=True, age=40, asked="age")
    assert chat.say("40", "inform") == [text("ask_occupation_and_years")]
    chat.say(message, "inform")
    assert {k: chat.slots.get(k) for k in facts} == facts and chat.slots["age"] == 40


def test_a_volunteered_fact_turns_a_joint_question_into_the_single_one():
    chat = Chat(language="es", screening=True, consent=True, age=40, occupation_experience_years=6, asked="age")
    assert chat.say("40", "inform") == [next_question(age=40, occupation_experience_years=6)]
    assert chat.last == text("ask_occupation")


def test_a_question_about_income_waits_for_consent_even_when_it_also_asks_the_work_situation():
    chat = Chat(**{**AT_WORK_QUESTION, "consent": None})
    replies = chat.say("hola", "greet")
    assert replies[-1] == text("ask_consent_and_goal") and chat.slots["asked"] == "consent"
    assert chat.say("sí", "affirm") == [text("ask_work_and_income")]


@pytest.mark.parametrize("message,intent", [("sí, mi propio negocio", "affirm"),
                                            ("si, quiero poner mi negocio", "affirm")])
def test_the_offer_takes_a_yes_and_what_they_want_in_one_message(message, intent):
    chat = Chat()
    chat.say("hola", "greet")
    chat.say(message, intent)
    assert chat.slots["consent"] is True and chat.slots["goal"] == "own_business"
    asked = answer_all(chat, [m.text for m in chat.messages])
    assert "goal" not in asked and "consent" not in asked


def test_consent_asked_mid_screening_takes_the_goal_too_unless_it_is_known():
    chat = Chat(**{**AT_WORK_QUESTION, "consent": None, "asked": "education", "education": None})
    assert chat.say("secundaria completa", "inform") == [text("ask_consent_and_goal")]
    chat.say("sí, busco chamba", "affirm")
    assert chat.slots["consent"] is True and chat.slots["goal"] == "job"
    known = Chat(**{**AT_WORK_QUESTION, "consent": None, "asked": "education", "education": None, "goal": "job"})
    assert known.say("secundaria completa", "inform") == [text("ask_consent")]


@pytest.mark.parametrize("message,place", [
    ("35, secundaria completa, Chiclayo", "Chiclayo"),
    ("40 años, secundaria, de Huancayo", "Huancayo"),
    ("tengo 40, termine la secundaria, vivo en Olmos", "Olmos"),
    ("38, quinto de secundaria, San Juan de Lurigancho", "San Juan de Lurigancho"),
    ("35, secundaria completa, Chohcope", None),  # a near miss is asked again at the end, where it can be fuzzy
    ("40, secundaria, 2 hijos", None),
])
def test_the_first_question_takes_age_schooling_and_place_in_one_message(message, place):
    chat = Chat(language="es", screening=True, consent=True)
    assert chat.say("hola", "greet") == [text("greet_again"), text("ask_age_schooling_place")]
    chat.say(message, "inform")
    assert chat.slots["education"] == "secondary_complete" and chat.slots["age"] in (35, 38, 40)
    assert (chat.slots.get("place") or {}).get("name") == place


@pytest.mark.parametrize("message,place", [("secundaria completa, Chiclayo", "Chiclayo"),
                                           ("acabe la secundaria, vivo en piura", "Piura"),
                                           ("termine el colegio. En Arequipa", "Arequipa")])
def test_after_an_age_alone_schooling_and_place_are_asked_in_one_question(message, place):
    # "tengo 50" answered only the first part of the first question: the rest comes back as one question.
    chat = Chat(**{**AT_WORK_QUESTION, "education": None, "employment_status": "unemployed", "monthly_income": 0,
                   "has_disability": False, "work_experience_years": 5, "goal": "job"})
    assert chat.say("hola", "greet") == [text("greet_again"), text("ask_schooling_and_place")]
    chat.say(message, "inform")
    assert chat.slots["education"] == "secondary_complete" and chat.slots["place"]["name"] == place
    said = [m.text for m in chat.messages]  # every fact is known now: neither part is asked again
    assert text("ask_place") not in said and text("ask_education") not in said
    assert any(m.startswith(text("understood", facts="")[:8]) for m in said), said
