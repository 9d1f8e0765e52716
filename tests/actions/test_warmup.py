"""The action server loads its data before its first request (actions/warmup.py, rasa_sdk_plugins/)."""

from __future__ import annotations

import asyncio
import logging
import subprocess
import sys
from pathlib import Path

from actions import warmup
from datafiles import DataFileError, Problem

ROOT = Path(__file__).resolve().parents[2]


class App:
    """What the plugin needs of rasa_sdk's Sanic app: a place for listeners."""

    def __init__(self):
        self.listeners = []

    def register_listener(self, listener, event):
        self.listeners.append((event, listener))


def test_importing_the_plugin_and_the_warm_up_loads_nothing():
    probe = ("import rasa_sdk_plugins, actions.warmup; from actions.understanding import lexicon; "
             "import knowledge.db as db; print(lexicon._STORE is None, db._stores == {})")
    run = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.stdout.split() == ["True", "True"], run.stderr[-2000:]


def test_the_action_servers_start_loads_every_store_before_it_listens(kb, caplog):
    from rasa_sdk.plugin import plugin_manager

    app = App()
    plugin_manager().hook.attach_sanic_app_extensions(app=app)  # as rasa_sdk's endpoint does at start
    assert [event for event, _ in app.listeners] == ["before_server_start"]
    with caplog.at_level(logging.INFO, logger="actions.warmup"):
        asyncio.run(app.listeners[0][1](app, asyncio.new_event_loop()))
    [line] = [r.getMessage() for r in caplog.records if r.name == "actions.warmup"]
    assert line.startswith("loaded at start in ") and line.endswith(": lexicon, texts, policy, knowledge base")


def test_a_store_that_cannot_load_is_named_and_the_others_still_load(monkeypatch, caplog):
    loaded = []

    def broken():
        raise DataFileError([Problem("bot/lexicon.yml", 3, 1, "not valid YAML")])

    monkeypatch.setattr(warmup, "_stores", lambda: {"lexicon": broken, "texts": lambda: loaded.append("texts")})
    with caplog.at_level(logging.INFO, logger="actions.warmup"):
        assert warmup.warm_up() == ["lexicon"]
    assert loaded == ["texts"]
    lines = [(r.levelname, r.getMessage()) for r in caplog.records if r.name == "actions.warmup"]
    assert lines[0] == ("WARNING", "lexicon not loaded at start (DataFileError: bot/lexicon.yml:3:1: not valid "
                                   "YAML); tried again on the first message")
    assert lines[1][0] == "INFO" and lines[1][1].endswith(": texts") and len(lines) == 2
