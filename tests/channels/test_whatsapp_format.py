"""The WhatsApp connectors' pure parts: signatures, payloads, limits, redeliveries, retries."""

import asyncio
import hashlib
import hmac
import json

from channels.delivery import NumberedChoices, RecentIds, post_with_retries, pseudonym
from channels.whatsapp import inbound_messages, outbound_payloads, valid_signature
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


def envelope(*messages, statuses=None):
    value = {"messaging_product": "whatsapp", "messages": list(messages)}
    if statuses:
        value = {"statuses": statuses}
    return {"object": "whatsapp_business_account", "entry": [{"changes": [{"field": "messages", "value": value}]}]}


def test_inbound_text_buttons_lists_and_locations():
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
        {"id": "m6", "from": "51987654321", "type": "reaction", "reaction": {"emoji": "👍"}},
    )
    found = inbound_messages(payload)
    assert [m["text"] for m in found] == [
        "¡Hola! tengo 35 años",
        "/affirm",
        '/inform{"education": "secondary_complete"}',
        "/ask_centre",
        None,
        None,
    ]
    assert found[3]["location"] == {"lat": -15.5, "lon": -70.13, "name": None}


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


def test_long_text_is_split_at_whatsapps_limit():
    payloads = outbound_payloads("51987654321", "a" * 9000, None)
    assert [len(p["text"]["body"]) for p in payloads] == [4096, 4096, 808]


def test_redelivered_ids_are_handled_once_and_memory_is_bounded():
    seen = RecentIds(size=3)
    assert seen.first_time("a") and not seen.first_time("a")
    for n in range(5):
        seen.first_time(str(n))
    assert seen.first_time("a")  # long forgotten


def test_conversation_ids_are_not_phone_numbers():
    sender = pseudonym(SECRET, "51987654321", "wa")
    assert "987654321" not in sender and sender == pseudonym(SECRET, "51987654321", "wa")


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
