"""The faster action-response check accepts and refuses exactly what Rasa's own check does."""

import pytest
from jsonschema import ValidationError, validate
from rasa.core.actions.action import RemoteAction

import server  # noqa: F401 - installs the fix
from server.speedups import _validate_action_result

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


def test_installed_on_remote_actions():
    assert RemoteAction._validate_action_result is _validate_action_result


@pytest.mark.parametrize("response", GOOD)
def test_accepts_what_rasa_accepts(response):
    validate(response, SCHEMA)
    assert RemoteAction("x", None)._validate_action_result(response)


@pytest.mark.parametrize("response", BAD)
def test_refuses_what_rasa_refuses_with_the_same_hint(response):
    with pytest.raises(ValidationError):
        validate(response, SCHEMA)
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        RemoteAction("x", None)._validate_action_result(response)
