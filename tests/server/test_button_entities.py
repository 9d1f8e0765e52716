"""Every button the assistant sends is read back by the Rasa server with all its entities: each
payload entity is declared in the domain (bot/domain/entities.yml), so Rasa keeps it and does not
warn. Runs each real button (every choice of every choice fact, in both languages, and a centre
button) through the component Rasa parses '/intent{...}' messages with."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader
from rasa.shared.nlu.training_data.message import Message

from actions.dialogue.screening import choice_buttons, place_buttons
from rules import current_policy

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(ROOT / "bot" / "domain"))


def every_button() -> list[dict]:
    policy = current_policy()
    buttons = [b for slot in policy.facts for lang in ("es", "en") for b in choice_buttons(slot, lang)]
    return buttons + place_buttons(["Villa El Salvador", "San Martín de Porres"])


def parsed(payload: str, domain: Domain) -> tuple[dict, list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        message = YAMLStoryReader.unpack_regex_message(Message(data={"text": payload}), domain)
    return message.data, [str(w.message) for w in caught]


def test_the_buttons_carry_entities_at_all():
    # Otherwise the test below would pass on buttons without entities.
    entities = {key for b in every_button() if "{" in b["payload"] for key in json.loads(b["payload"][7:])}
    assert {"education", "employment_status", "goal", "place"} <= entities


@pytest.mark.parametrize("button", every_button(), ids=lambda b: b["payload"])
def test_rasa_keeps_every_entity_a_button_carries_and_does_not_warn(button, domain):
    payload = button["payload"]
    data, warned = parsed(payload, domain)
    assert warned == []
    intent, _, carried = payload[1:].partition("{")
    assert data["intent"]["name"] == intent
    expected = [{"entity": k, "value": v} for k, v in json.loads("{" + carried).items()] if carried else []
    assert [{"entity": e["entity"], "value": e["value"]} for e in data.get("entities", [])] == expected


def test_an_undeclared_entity_is_still_dropped_with_a_warning(domain):
    # The control: Rasa does drop what the domain does not declare, so the declaration is what keeps them.
    data, warned = parsed('/inform{"shoe_size": "42"}', domain)
    assert data.get("entities", []) == []
    assert any("shoe_size" in w for w in warned)
