"""The speed fix (server/speedups.py): it goes onto the Rasa it was written for, only there, only when
the Rasa server starts, and checks action server responses exactly as Rasa's own method does."""

import hashlib
import inspect
import logging

import pytest
from jsonschema import ValidationError, validate
from rasa.core.actions.action import RemoteAction

from server import speedups

# Rasa 3.6.21's RemoteAction._validate_action_result, which the fix replaces. When Rasa's method
# changes (an upgrade), this fails: re-read it, re-measure, and update the fix and this fingerprint.
ORIGINAL_SOURCE_SHA256 = "f8cdb4be6812396167ced74161b2ccd65c5ea676ad86d7d359d8c322d9d8dc42"

SCHEMA = RemoteAction.action_response_format_spec()
GOOD = [
    {"events": [{"event": "slot", "name": "age", "value": 35}], "responses": [{"response": "utter_ask_age"}]},
    {"events": [], "responses": []},
    {"events": [{"event": "active_loop", "name": None}, {"event": "restart"}]},
]
BAD = [
    {"events": [{"name": "age"}]},  # no event type
    {"events": "nope"},
    {"responses": [1, 2]},
]


ORIGINAL = speedups.rasas_own()  # (another test may have built the tracker store, installing the fix)


@pytest.fixture
def rasas_own():
    """Rasa's own method in place for the test, and whatever was there before put back after."""
    before = RemoteAction.__dict__[speedups.METHOD]
    RemoteAction._validate_action_result = ORIGINAL
    yield ORIGINAL
    RemoteAction._validate_action_result = before


def test_the_installed_rasa_has_the_method_the_fix_replaces():
    assert list(inspect.signature(ORIGINAL).parameters) == speedups.PARAMETERS
    source = inspect.getsource(ORIGINAL)
    assert hashlib.sha256(source.encode()).hexdigest() == ORIGINAL_SOURCE_SHA256, source


def test_install_replaces_rasas_method_on_this_rasa(rasas_own):
    assert not speedups.installed()
    assert speedups.install() is True
    assert RemoteAction._validate_action_result is speedups._validate_action_result
    assert speedups.installed()


# Imports every module of server/ and channels/ (as the Rasa server and a test may), then builds the
# tracker store as the Rasa server does at start-up, and says what was in place at each point.
START = """
import importlib, logging, pkgutil, sys
import structlog
from rasa.core.actions.action import RemoteAction
from rasa.utils.log_utils import configure_structlog
configure_structlog(logging.INFO)
factory, processors = logging.getLogRecordFactory(), list(structlog.get_config()["processors"])
rasas = RemoteAction._validate_action_result
for package in ("server", "channels"):
    for module in pkgutil.walk_packages(importlib.import_module(package).__path__, package + "."):
        importlib.import_module(module.name)
print("after import:", RemoteAction._validate_action_result is rasas, logging.getLogRecordFactory() is factory,
      structlog.get_config()["processors"] == processors)
from server.log_privacy import redact_event
from server.tracker_store import ErasableSQLTrackerStore
ErasableSQLTrackerStore(dialect="sqlite", db=sys.argv[1])
print("after start:", RemoteAction._validate_action_result.__module__, logging.getLogRecordFactory() is factory,
      structlog.get_config()["processors"][0] is redact_event)
"""


def test_importing_changes_nothing_and_the_server_start_installs_the_fix_and_the_log_filter(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    run = subprocess.run(
        [sys.executable, "-c", START, str(tmp_path / "tracker.db")],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.stdout.splitlines() == ["after import: True True True", "after start: server.speedups False True"]


class Renamed:
    """A Rasa where the private method was renamed."""

    action_response_format_spec = RemoteAction.action_response_format_spec


class Reshaped(Renamed):
    def _validate_action_result(self, result, domain):  # a new parameter
        return True


@pytest.mark.parametrize(
    "version, remote_action, reason",
    [
        ("3.7.0", RemoteAction, "it was written for Rasa 3.6.x and this is Rasa 3.7.0"),
        ("3.6.21", Renamed, "Rasa 3.6.21 has no RemoteAction._validate_action_result"),
        (
            "3.6.21",
            Reshaped,
            "RemoteAction._validate_action_result takes ['self', 'result', 'domain'] in Rasa 3.6.21,"
            " not ['self', 'result']",
        ),
    ],
)
def test_refuses_a_rasa_it_was_not_written_for_and_says_why(
    rasas_own, monkeypatch, caplog, version, remote_action, reason
):
    import rasa
    import rasa.core.actions.action

    monkeypatch.setattr(rasa, "__version__", version)
    monkeypatch.setattr(rasa.core.actions.action, "RemoteAction", remote_action)
    with caplog.at_level(logging.WARNING, logger="server.speedups"):
        assert speedups.install() is False
    (record,) = caplog.records
    assert record.levelno == logging.WARNING
    assert record.getMessage() == (
        f"server.speedups not installed: {reason}. Rasa's own (slower) check of action server responses stays;"
        " re-measure and update server/speedups.py for this Rasa."
    )
    assert remote_action.__dict__.get("_validate_action_result") is not speedups._validate_action_result
    assert RemoteAction._validate_action_result is rasas_own


@pytest.mark.parametrize("response", GOOD)
def test_accepts_what_rasa_accepts(response):
    validate(response, SCHEMA)
    assert speedups._validate_action_result(RemoteAction("x", None), response) is True


@pytest.mark.parametrize("response", BAD)
def test_refuses_what_rasa_refuses_with_the_same_hint(response):
    with pytest.raises(ValidationError) as rasas:
        ORIGINAL(RemoteAction("x", None), response)
    with pytest.raises(ValidationError) as ours:
        speedups._validate_action_result(RemoteAction("x", None), response)
    assert ours.value.message == rasas.value.message
    assert "Failed to validate Action server response" in ours.value.message
