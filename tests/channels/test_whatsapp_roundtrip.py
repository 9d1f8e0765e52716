"""WhatsApp as Meta and Twilio call it: signed and forged webhooks, redeliveries, each message
type, through the real Rasa and action servers, out to a fake provider."""

import hashlib
import hmac
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

import pytest
from twilio.request_validator import RequestValidator

from channels.delivery import CAPTION_NOTE, UNSUPPORTED, NumberedChoices, pseudonym
from tests.conftest import CHANNEL_SECRETS
from tests.reliability.scenarios import ANSWERS

pytestmark = pytest.mark.servers
PHONE = "51987654321"
KEY = CHANNEL_SECRETS["PSEUDONYM_KEY"]
OUR_NUMBER = "whatsapp:" + CHANNEL_SECRETS["TWILIO_WHATSAPP_NUMBER"]
JULIACA = {"latitude": -15.4997, "longitude": -70.1333}


def http(url, body=None, headers=None, method=None):
    request = urllib.request.Request(url, data=body, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def meta_post(
    bot,
    messages=(),
    secret=CHANNEL_SECRETS["WHATSAPP_APP_SECRET"],
    signature=None,
    phone_number_id=CHANNEL_SECRETS["WHATSAPP_PHONE_NUMBER_ID"],
    statuses=None,
):
    """POST a webhook as Meta does: the messages (or statuses) of one phone number id, signed."""
    value = {"messaging_product": "whatsapp", "metadata": {"phone_number_id": phone_number_id}}
    if messages:
        value["messages"] = list(messages)
    if statuses:
        value["statuses"] = statuses
    payload = {"object": "whatsapp_business_account", "entry": [{"changes": [{"field": "messages", "value": value}]}]}
    body = json.dumps(payload).encode()
    if signature is None:
        signature = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    headers = {"Content-Type": "application/json"}
    if signature:
        headers["X-Hub-Signature-256"] = signature
    return http(f"{bot.url}/webhooks/whatsapp/webhook", body, headers)


def text_message(text, phone=PHONE):
    return {"id": f"wamid.{uuid.uuid4().hex}", "from": phone, "type": "text", "text": {"body": text}}


def sent_to(provider, phone, count, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        mine = [b for b in provider.sent() if b.get("to") == phone or b.get("To") == phone]
        if len(mine) >= count:
            return mine
        time.sleep(0.1)
    return [b for b in provider.sent() if b.get("to") == phone or b.get("To") == phone]


def bodies(messages):
    out = []
    for m in messages:
        if m.get("type") == "text":
            out.append(m["text"]["body"])
        elif m.get("type") == "interactive":
            out.append(m["interactive"]["body"]["text"])
        elif "Body" in m:
            out.append(m["Body"])
    return "\n".join(out)


def new_phone():
    return "519" + str(uuid.uuid4().int)[:8]


def test_meta_verification_handshake(bot):
    token = CHANNEL_SECRETS["WHATSAPP_VERIFY_TOKEN"]
    query = urllib.parse.urlencode({"hub.mode": "subscribe", "hub.verify_token": token, "hub.challenge": "1158201444"})
    assert http(f"{bot.url}/webhooks/whatsapp/webhook?{query}") == (200, "1158201444")
    query = urllib.parse.urlencode({"hub.mode": "subscribe", "hub.verify_token": "wrong", "hub.challenge": "x"})
    assert http(f"{bot.url}/webhooks/whatsapp/webhook?{query}")[0] == 403


def test_unsigned_and_forged_requests_are_refused_and_nothing_is_processed(bot, provider):
    phone = new_phone()
    assert meta_post(bot, [text_message("hola", phone)], signature="")[0] == 403
    assert meta_post(bot, [text_message("hola", phone)], secret="not-the-secret")[0] == 403
    time.sleep(2)
    assert sent_to(provider, phone, 1, timeout=1) == []


def test_a_text_gets_a_reply_with_buttons(bot, provider):
    phone = new_phone()
    assert meta_post(bot, [text_message("hola", phone)])[0] == 200
    replies = sent_to(provider, phone, 2)
    assert "Impulsa Perú" in bodies(replies)
    offer = [m for m in replies if m.get("type") == "interactive"]
    assert offer and offer[0]["interactive"]["type"] == "button"


def test_a_redelivered_message_is_answered_once(bot, provider):
    phone = new_phone()
    message = text_message("gracias", phone)
    for _ in range(3):
        assert meta_post(bot, [message])[0] == 200
    time.sleep(3)
    assert len(sent_to(provider, phone, 1)) == 1


def test_a_button_reply_continues_the_conversation(bot, provider):
    phone = new_phone()
    meta_post(bot, [text_message("hola", phone)])
    sent_to(provider, phone, 2)
    reply = {
        "id": f"wamid.{uuid.uuid4().hex}",
        "from": phone,
        "type": "interactive",
        "interactive": {"type": "button_reply", "button_reply": {"id": "/affirm", "title": "Sí, revisar"}},
    }
    meta_post(bot, [reply])
    assert "años tienes" in bodies(sent_to(provider, phone, 3)[2:])


def test_a_shared_location_gives_the_nearest_centre(bot, provider):
    phone = new_phone()
    location = {"id": f"wamid.{uuid.uuid4().hex}", "from": phone, "type": "location", "location": JULIACA}
    meta_post(bot, [location])
    assert "Puno" in bodies(sent_to(provider, phone, 1))


def wamid():
    return f"wamid.{uuid.uuid4().hex}"


def user_events(bot, conversation):
    return [e for e in bot.tracker(conversation)["events"] if e["event"] == "user"]


def test_an_image_without_caption_gets_a_polite_answer_statuses_reactions_and_system_messages_nothing(bot, provider):
    phone = new_phone()
    meta_post(bot, [{"id": wamid(), "from": phone, "type": "image", "image": {"id": "1"}}])
    assert bodies(sent_to(provider, phone, 1)) == UNSUPPORTED
    quiet = [
        {"id": wamid(), "from": phone, "type": "reaction", "reaction": {"message_id": "wamid.x", "emoji": "👍"}},
        {"id": wamid(), "from": phone, "type": "reaction", "reaction": {"message_id": "wamid.x"}},  # removed
        {
            "id": wamid(),
            "from": phone,
            "type": "system",
            "system": {"body": "User changed number", "type": "user_changed_number"},
        },
    ]
    assert meta_post(bot, quiet)[0] == 200
    statuses = [{"id": "wamid.x", "status": "read", "recipient_id": phone}]
    assert meta_post(bot, statuses=statuses)[0] == 200
    time.sleep(3)
    assert len(sent_to(provider, phone, 1)) == 1  # only the answer to the image
    assert user_events(bot, pseudonym(KEY, phone, "wa")) == []


def test_a_caption_reaches_the_bot_as_text_with_a_note_that_the_file_was_not_read(bot, provider):
    # the reply REST gives to the same text (Meta shows the choices as buttons under that text)
    usual = [m.get("text", "") for m in bot.say(f"caption-rest-{uuid.uuid4().hex[:8]}", "mi DNI")]
    phone = new_phone()
    image = {"id": wamid(), "from": phone, "type": "image", "image": {"id": "1", "caption": "mi DNI"}}
    assert meta_post(bot, [image])[0] == 200
    replies = sent_to(provider, phone, 1 + len(usual))
    assert [bodies([m]) for m in replies] == [CAPTION_NOTE, *usual]  # the note, then the bot's usual answer
    (said,) = user_events(bot, pseudonym(KEY, phone, "wa"))
    assert said["text"] == "mi DNI"
    assert said["metadata"]["file"] == {"type": "image", "read": False}


def test_a_message_for_another_phone_number_id_is_refused(bot, provider):
    phone = new_phone()
    assert meta_post(bot, [text_message("hola", phone)], phone_number_id="9999999999")[0] == 200
    time.sleep(3)
    assert sent_to(provider, phone, 1, timeout=1) == []
    assert user_events(bot, pseudonym(KEY, phone, "wa")) == []
    assert "WhatsApp message for another phone number id refused" in bot.log("rasa")


# --- Twilio -------------------------------------------------------------------------


def twilio_post(bot, params, token=CHANNEL_SECRETS["TWILIO_AUTH_TOKEN"], sign=True):
    url = f"{bot.url}/webhooks/twilio_whatsapp/webhook"
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if sign:
        headers["X-Twilio-Signature"] = RequestValidator(token).compute_signature(url, params)
    return http(url, urllib.parse.urlencode(params).encode(), headers)


def twilio_message(phone, body, **extra):
    return {
        "MessageSid": f"SM{uuid.uuid4().hex}",
        "From": f"whatsapp:+{phone}",
        "To": "whatsapp:+14155238886",
        "Body": body,
        "SmsStatus": "received",
        "NumMedia": "0",
        **extra,
    }


def test_twilio_forged_or_unsigned_is_refused(bot, provider):
    phone = new_phone()
    assert twilio_post(bot, twilio_message(phone, "hola"), sign=False)[0] == 403
    assert twilio_post(bot, twilio_message(phone, "hola"), token="wrong-token")[0] == 403
    time.sleep(2)
    assert sent_to(provider, f"whatsapp:+{phone}", 1, timeout=1) == []


def test_twilio_keeps_spanish_text_intact_and_answers_once(bot, provider):
    phone = new_phone()
    params = twilio_message(phone, "¡Hola! ¿Cuánto duran los cursos?")
    for _ in range(2):
        assert twilio_post(bot, params)[0] == 200
    replies = sent_to(provider, f"whatsapp:+{phone}", 1)
    time.sleep(2)
    replies = sent_to(provider, f"whatsapp:+{phone}", 1)
    assert "semanas" in bodies(replies)
    conversation = pseudonym(KEY, f"whatsapp:+{phone}", "tw")
    tracker = bot.tracker(conversation)
    said = [e["text"] for e in tracker["events"] if e["event"] == "user"]
    assert said == ["¡Hola! ¿Cuánto duran los cursos?"]


def test_twilio_location_and_numbered_choices(bot, provider):
    phone = new_phone()
    twilio_post(bot, twilio_message(phone, "", Latitude=str(JULIACA["latitude"]), Longitude=str(JULIACA["longitude"])))
    assert "Puno" in bodies(sent_to(provider, f"whatsapp:+{phone}", 1))
    twilio_post(bot, twilio_message(phone, "hola"))
    offer = bodies(sent_to(provider, f"whatsapp:+{phone}", 3))
    assert "1. Sí, revisar" in offer
    twilio_post(bot, twilio_message(phone, "1"))  # the first choice: /affirm
    assert "años tienes" in bodies(sent_to(provider, f"whatsapp:+{phone}", 4)[3:])


def test_twilio_status_callbacks_our_own_number_and_other_senders_are_ignored(bot, provider):
    phone = new_phone()
    callback = {
        "MessageSid": f"SM{uuid.uuid4().hex}",
        "SmsSid": "",
        "AccountSid": CHANNEL_SECRETS["TWILIO_ACCOUNT_SID"],
        "MessageStatus": "delivered",
        "SmsStatus": "delivered",
        "From": OUR_NUMBER,
        "To": f"whatsapp:+{phone}",
        "ChannelToAddress": f"+{phone}",
        "ApiVersion": "2010-04-01",
    }
    assert twilio_post(bot, callback)[0] == 200
    own = twilio_message(phone, "hola", From=OUR_NUMBER, To=OUR_NUMBER)
    assert twilio_post(bot, own)[0] == 200
    elsewhere = twilio_message(phone, "hola", To="whatsapp:+15005550006")
    assert twilio_post(bot, elsewhere)[0] == 200
    time.sleep(3)
    assert sent_to(provider, OUR_NUMBER, 1, timeout=1) == []
    assert sent_to(provider, f"whatsapp:+{phone}", 1, timeout=1) == []


def twilio_turn(bot, provider, phone, text) -> str:
    """Send one message over Twilio; the bot's whole answer, once its turn is over."""
    conversation = pseudonym(KEY, f"whatsapp:+{phone}", "tw")
    before = len(sent_to(provider, f"whatsapp:+{phone}", 0, timeout=0))
    said = len(user_events(bot, conversation))
    assert twilio_post(bot, twilio_message(phone, text))[0] == 200
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        tracker = bot.tracker(conversation)
        users = [e for e in tracker["events"] if e["event"] == "user"]
        if len(users) > said and tracker["latest_action_name"] == "action_listen":
            break
        time.sleep(0.2)
    return bodies(sent_to(provider, f"whatsapp:+{phone}", before, timeout=0)[before:])


def test_twilio_old_numbered_choices_do_not_answer_a_later_question(bot, provider):
    phone = new_phone()
    facts = {"age": 35, "employment_status": "unemployed", "education": "secondary_complete",
             "occupation_experience_years": 4, "monthly_income": 900}
    asked = twilio_turn(bot, provider, phone, "quiero postular")
    for _ in range(10):
        if "jefe o jefa de hogar" in asked:
            break
        answer = next(say(facts) for words, _, say in ANSWERS if words in asked)
        asked = twilio_turn(bot, provider, phone, answer)
    assert "jefe o jefa de hogar" in asked and "\n1. " in asked and "\n2. " in asked  # shown with numbers
    asked = twilio_turn(bot, provider, phone, "sí")  # typed, not a number: the children are asked in their turn
    for _ in range(4):
        if "Cuántos hijos" in asked:
            break
        answer = next(say(facts) for words, _, say in ANSWERS if words in asked)
        asked = twilio_turn(bot, provider, phone, answer)
    assert "Cuántos hijos" in asked and "\n1. " not in asked
    twilio_turn(bot, provider, phone, "2")  # two children, not choice 2 of an old question
    tracker = bot.tracker(pseudonym(KEY, f"whatsapp:+{phone}", "tw"))
    assert [e["text"] for e in tracker["events"] if e["event"] == "user"][-1] == "2"
    assert (tracker["slots"]["household_head"], tracker["slots"]["children"]) == (True, 2)


def test_twilio_a_caption_is_read_with_a_note_and_media_alone_gets_a_polite_answer(bot, provider):
    # the reply REST gives to the same text, as Twilio sends it (choices as a numbered list)
    usual = [NumberedChoices.render(m.get("text", ""), m["buttons"]) if m.get("buttons") else m.get("text", "")
             for m in bot.say(f"caption-rest-{uuid.uuid4().hex[:8]}", "mi DNI")]
    phone = new_phone()
    media = {"NumMedia": "1", "MediaContentType0": "image/jpeg", "MediaUrl0": "https://api.twilio.com/x"}
    twilio_post(bot, twilio_message(phone, "", **media))
    assert bodies(sent_to(provider, f"whatsapp:+{phone}", 1)) == UNSUPPORTED
    twilio_post(bot, twilio_message(phone, "mi DNI", **media))
    replies = sent_to(provider, f"whatsapp:+{phone}", 2 + len(usual))
    assert [bodies([m]) for m in replies[1:]] == [CAPTION_NOTE, *usual]
    said = user_events(bot, pseudonym(KEY, f"whatsapp:+{phone}", "tw"))
    assert [(e["text"], e["metadata"].get("file")) for e in said] == [("mi DNI", {"type": "image/jpeg", "read": False})]


# --- what reaches the logs ------------------------------------------------------------


def refused_to(provider, recipient, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(
            r["status"] >= 400 and recipient in (r["body"].get("to"), r["body"].get("To")) for r in provider.requests
        ):
            return True
        time.sleep(0.1)
    return False


def test_a_refused_reply_is_logged_without_the_providers_body_or_any_number(bot, provider):
    phone = new_phone()
    provider.failures = [400]
    twilio_post(bot, twilio_message(phone, "me llamo Zoila Vaca Paredes"))
    assert refused_to(provider, f"whatsapp:+{phone}")
    provider.failures = [400]
    meta_post(bot, [text_message("me llamo Zoila Vaca Paredes", phone)])
    assert refused_to(provider, phone)
    time.sleep(1)
    log = bot.log("rasa")
    assert "Twilio API refused a message: HTTP 400, error code 21211" in log
    assert "WhatsApp Cloud API refused a message: HTTP 400, error code 131030" in log
    for leak in ("not a valid phone number", "not in allowed list", "Zoila Vaca"):
        assert leak not in log
    # No number of any conversation of this session, in any form.
    assert re.search(r"(?<![0-9a-f])(?:\+?51)?9\d{2}[ -]?\d{3}[ -]?\d{3}(?!\d)", log) is None
