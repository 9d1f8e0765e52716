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

from channels.delivery import pseudonym
from tests.conftest import CHANNEL_SECRETS

pytestmark = pytest.mark.servers
PHONE = "51987654321"
JULIACA = {"latitude": -15.4997, "longitude": -70.1333}


def http(url, body=None, headers=None, method=None):
    request = urllib.request.Request(url, data=body, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def meta_post(bot, messages, secret=CHANNEL_SECRETS["WHATSAPP_APP_SECRET"], signature=None):
    payload = {
        "object": "whatsapp_business_account",
        "entry": [{"changes": [{"field": "messages", "value": {"messages": messages}}]}],
    }
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


def test_images_audio_and_reactions_get_a_polite_answer_statuses_nothing(bot, provider):
    phone = new_phone()
    meta_post(bot, [{"id": f"wamid.{uuid.uuid4().hex}", "from": phone, "type": "image", "image": {"id": "1"}}])
    assert "solo puedo leer" in bodies(sent_to(provider, phone, 1))
    status_only = {
        "object": "whatsapp_business_account",
        "entry": [{"changes": [{"value": {"statuses": [{"id": "wamid.x", "status": "read", "recipient_id": phone}]}}]}],
    }
    body = json.dumps(status_only).encode()
    signature = "sha256=" + hmac.new(CHANNEL_SECRETS["WHATSAPP_APP_SECRET"].encode(), body, hashlib.sha256).hexdigest()
    assert (
        http(
            f"{bot.url}/webhooks/whatsapp/webhook",
            body,
            {"Content-Type": "application/json", "X-Hub-Signature-256": signature},
        )[0]
        == 200
    )
    time.sleep(2)
    assert len(sent_to(provider, phone, 1)) == 1


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
    conversation = pseudonym(CHANNEL_SECRETS["TWILIO_AUTH_TOKEN"], f"whatsapp:+{phone}", "tw")
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
