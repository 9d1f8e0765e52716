"""The domain, the texts and the actions agree."""

import re
from pathlib import Path

import rasa_sdk.executor

from actions import texts
from actions.dialogue.screening import choice_buttons
from actions.slots import ASKABLE, FACT_SLOTS
from rules import current_policy
from tests.actions.trackers import domain

ROOT = Path(__file__).resolve().parents[2]
CODE = "\n".join(p.read_text() for p in (ROOT / "actions").rglob("*.py"))


def test_every_fact_slot_is_an_engine_fact_and_a_domain_slot():
    assert set(FACT_SLOTS) <= set(current_policy().facts)
    assert set(FACT_SLOTS) | set(ASKABLE) <= set(domain()["slots"])


def test_every_slot_the_dialogue_sets_is_declared():
    written = set(re.findall(r'\.set\("(\w+)"', CODE))
    assert written and written <= set(domain()["slots"]), written - set(domain()["slots"])


def test_each_askable_slot_can_be_asked_three_ways():
    for slot in ASKABLE:
        assert texts.has(f"ask_{slot}") and texts.has(f"reask_{slot}"), slot
        # the third try: buttons for a choice, else a last hint
        assert choice_buttons(slot, "es") or texts.has(f"reask2_{slot}"), slot


def test_every_text_the_code_says_exists():
    said = set(re.findall(r'\bsay\("([a-z_0-9]+)"', CODE))
    patterns = set(re.findall(r'\bsay\(f"([a-z_0-9{}]+)"', CODE))
    assert said - texts.keys() == set()
    for pattern in patterns:
        rx = re.compile("^" + re.sub(r"\{[^}]+\}", r"\\w+", pattern) + "$")
        assert any(rx.match(key) for key in texts.keys()), pattern
    for intent in ("thanks", "goodbye", "bot_challenge", "help"):  # said by intent name (flow.converse)
        assert texts.has(intent)


def test_the_domain_declares_exactly_the_actions_the_server_registers():
    registered = set()
    executor = rasa_sdk.executor.ActionExecutor()
    executor.register_package("actions")
    registered = set(executor.actions)
    assert set(domain()["actions"]) == registered
