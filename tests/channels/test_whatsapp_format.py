"""The WhatsApp connectors' pure parts: signatures, payloads, limits, redeliveries, retries."""

import asyncio
import hashlib
import hmac
import json

from channels.delivery import NumberedChoices, RecentIds, SeenIds, post_with_retries, pseudonym
from channels.twilio_whatsapp import TwilioWhatsAppInput
from channels.whatsapp import WhatsAppCloudInput, inbound_messages, outbound_payloads, valid_signature
from tests.channels.fake_provider import FakeProvider

SECRET = "app-secret"


def sign(body: bytes, secret: str = SECRET) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def test_signature_checks():
    body = b'{"entry": []}'
    assert valid_signature(SECRET, body, sign(body))
    assert not valid_signature(SECRET, body, sign(body, "other-secret"))
    assert not valid_signature(SECRET, body + b" ", sign(body))
    assert not valid_signature(SECRET, body, None)
    assert not valid_signature(SECRET, body, "sha1=abc")
    assert not valid_signature("", body, sign(body, ""))  # no secret configured: refuse everything


def envelope(*messages, statuses=None, phone_number_id="1234567890"):
    value = {
        "messaging_product": "whatsapp",
        "metadata": {"phone_number_id": phone_number_id},
        "messages": list(messages),
    }
    if statuses:
        value = {"statuses": statuses}
    return {"object": "whatsapp_business_account", "entry": [{"changes": [{"field": "messages", "value": value}]}]}


def test_inbound_text_buttons_lists_locations_and_captions():
    payload = envelope(
        {"id": "m1", "from": "51987654321", "type": "text", "text": {"body": "¡Hola! tengo 35 años"}},
        {
            "id": "m2",
            "from": "51987654321",
            "type": "interactive",
            "interactive": {"type": "button_reply", "button_reply": {"id": "/affirm", "title": "Sí"}},
        },
        {
            "id": "m3",
            "from": "51987654321",
            "type": "interactive",
            "interactive": {
                "type": "list_reply",
                "list_reply": {"id": '/inform{"education": "secondary_complete"}', "title": "secundaria completa"},
            },
        },
        {"id": "m4", "from": "51987654321", "type": "location", "location": {"latitude": -15.5, "longitude": -70.13}},
        {"id": "m5", "from": "51987654321", "type": "image", "image": {"id": "x"}},
        {"id": "m6", "from": "51987654321", "type": "image", "image": {"id": "y", "caption": " mi DNI "}},
        {"id": "m7", "from": "51987654321", "type": "document", "document": {"id": "z", "caption": "mi CV"}},
        {"id": "m8", "from": "51987654321", "type": "audio", "audio": {"id": "a"}},
    )
    found = inbound_messages(payload)
    assert [(m["id"], m["to"], m["text"], m["file"]) for m in found] == [
        ("m1", "1234567890", "¡Hola! tengo 35 años", None),
        ("m2", "1234567890", "/affirm", None),
        ("m3", "1234567890", '/inform{"education": "secondary_complete"}', None),
        ("m4", "1234567890", "/ask_centre", None),
        ("m5", "1234567890", None, None),  # no caption: nothing to read, a polite answer
        ("m6", "1234567890", "mi DNI", "image"),
        ("m7", "1234567890", "mi CV", "document"),
        ("m8", "1234567890", None, None),
    ]
    assert found[3]["location"] == {"lat": -15.5, "lon": -70.13, "name": None}


def test_reactions_their_removal_and_system_messages_yield_nothing():
    payload = envelope(
        {"id": "r1", "from": "51987654321", "type": "reaction", "reaction": {"message_id": "wamid.x", "emoji": "👍"}},
        {"id": "r2", "from": "51987654321", "type": "reaction", "reaction": {"message_id": "wamid.x"}},
        {
            "id": "s1",
            "from": "51987654321",
            "type": "system",
            "system": {"body": "User A changed from 51987654321 to 51911122233", "type": "user_changed_number"},
        },
    )
    assert inbound_messages(payload) == []


def test_the_number_a_message_was_sent_to_is_kept_for_the_check():
    (message,) = inbound_messages(
        envelope({"id": "m", "from": "1", "type": "text", "text": {"body": "x"}}, phone_number_id="999")
    )
    assert message["to"] == "999"
    payload = envelope({"id": "m", "from": "1", "type": "text", "text": {"body": "x"}})
    del payload["entry"][0]["changes"][0]["value"]["metadata"]
    assert inbound_messages(payload)[0]["to"] == ""  # no metadata: matches no configured number


def test_statuses_and_junk_yield_nothing():
    assert inbound_messages(envelope(statuses=[{"id": "m1", "status": "delivered"}])) == []
    assert inbound_messages({"entry": [{"changes": [{"value": {"messages": ["junk", {"type": "text"}]}}]}]}) == []
    assert inbound_messages({}) == []


def test_three_short_choices_become_reply_buttons():
    buttons = [{"title": "Sí, acepto", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}]
    (payload,) = outbound_payloads("51987654321", "¿Estás de acuerdo?", buttons)
    assert payload["interactive"]["type"] == "button"
    assert [b["reply"]["id"] for b in payload["interactive"]["action"]["buttons"]] == ["/affirm", "/deny"]


def test_long_titles_or_more_than_three_choices_become_a_list_within_limits():
    titles = [
        "sin estudios",
        "primaria incompleta",
        "primaria completa",
        "secundaria incompleta",
        "secundaria completa",
        "estudios superiores incompletos",
        "estudios superiores completos",
    ]
    buttons = [{"title": t, "payload": f'/inform{{"education": "{i}"}}'} for i, t in enumerate(titles)]
    (payload,) = outbound_payloads("51987654321", "Por ejemplo:", buttons)
    interactive = payload["interactive"]
    assert interactive["type"] == "list"
    rows = interactive["action"]["sections"][0]["rows"]
    assert len(rows) == 7 and all(len(r["title"]) <= 24 for r in rows)
    assert rows[5]["description"] == "estudios superiores incompletos"
    assert len(interactive["action"]["button"]) <= 20


def test_more_than_ten_choices_become_numbered_text_and_a_number_picks_one():
    numbered = NumberedChoices()
    buttons = [{"title": f"opción {n}", "payload": f'/inform{{"x": {n}}}'} for n in range(12)]
    numbered.remember("wa-1", buttons)
    assert "12. opción 11" in NumberedChoices.render("Elige:", buttons)
    assert numbered.resolve("wa-1", "3") == '/inform{"x": 2}'
    assert numbered.resolve("wa-1", "3") == "3"  # used once
    numbered.remember("wa-1", buttons)
    numbered.forget("wa-1")  # the bot sent its next message
    assert numbered.resolve("wa-1", "3") == "3"


def test_long_text_is_split_at_whatsapps_limit():
    payloads = outbound_payloads("51987654321", "a" * 9000, None)
    assert [len(p["text"]["body"]) for p in payloads] == [4096, 4096, 808]


def test_redelivered_ids_are_handled_once_and_memory_is_bounded():
    seen = RecentIds(size=3)
    assert seen.first_time("a") and not seen.first_time("a")
    for n in range(5):
        seen.first_time(str(n))
    assert seen.first_time("a")  # long forgotten


def test_without_redis_redeliveries_are_remembered_in_memory_and_hashed():
    seen = SeenIds("whatsapp")
    wamid = "wamid.HBgLNTE5ODc2NTQzMjEVAgASGBQzQTk"
    assert asyncio.run(seen.first_time(wamid)) and not asyncio.run(seen.first_time(wamid))
    assert asyncio.run(SeenIds("whatsapp").first_time(wamid))  # another process: in memory, not shared
    assert all(wamid not in key for key in seen.memory._seen)


def test_conversation_ids_are_not_phone_numbers_and_depend_only_on_the_pseudonym_key():
    sender = pseudonym(SECRET, "51987654321", "wa")
    assert "987654321" not in sender and sender == pseudonym(SECRET, "51987654321", "wa")
    assert pseudonym("another-key", "51987654321", "wa") != sender


def conversation_id(channel_class, **secrets) -> str:
    """The sender id a channel gives the bot for a message from +51 987 654 321.

    The bot says nothing here, so the channel sends its "nothing said" notice: to a local fake,
    never to the real provider (offline, that waited out every retry).
    """
    seen = []

    async def on_new_message(message):
        seen.append(message.sender_id)

    fake = FakeProvider()
    try:
        channel = channel_class(api_base=fake.url, **secrets)
        deliver(channel, channel_class, on_new_message)
    finally:
        fake.close()
    return seen[0]


def deliver(channel, channel_class, on_new_message) -> None:
    if channel_class is WhatsAppCloudInput:
        message = {
            "id": "m",
            "from": "51987654321",
            "to": "1",
            "type": "text",
            "text": "hola",
            "location": None,
            "file": None,
        }
        asyncio.run(channel.handle(message, on_new_message))
    else:
        asyncio.run(channel.handle({"From": "whatsapp:+51987654321", "Body": "hola"}, on_new_message))


def test_rotating_a_providers_secret_keeps_every_conversation_id(monkeypatch):
    monkeypatch.delenv("ACTION_ENDPOINT_URL", raising=False)
    before = conversation_id(WhatsAppCloudInput, app_secret="old-secret", pseudonym_key="k", phone_number_id="1")
    after = conversation_id(WhatsAppCloudInput, app_secret="new-secret", pseudonym_key="k", phone_number_id="1")
    assert before == after == pseudonym("k", "51987654321", "wa")
    before = conversation_id(TwilioWhatsAppInput, auth_token="old-token", pseudonym_key="k")
    after = conversation_id(TwilioWhatsAppInput, auth_token="new-token", pseudonym_key="k")
    assert before == after == pseudonym("k", "whatsapp:+51987654321", "tw")


def test_retries_with_backoff_on_429_and_5xx_then_succeeds():
    fake = FakeProvider()
    try:
        fake.failures = [429, 503]
        status = asyncio.run(post_with_retries(fake.url + "/x", what="test", delays=(0.01, 0.01, 0.01), json={"a": 1}))
        assert status == 200 and len(fake.requests) == 3
    finally:
        fake.close()


def test_a_4xx_is_not_retried_and_is_logged(caplog):
    fake = FakeProvider()
    try:
        fake.failures = [400]
        status = asyncio.run(
            post_with_retries(fake.url + "/x", what="WhatsApp Cloud API", delays=(0.01,), data=json.dumps({}))
        )
        assert status == 400 and len(fake.requests) == 1
        assert "WhatsApp Cloud API refused a message: HTTP 400" in caplog.text
    finally:
        fake.close()
