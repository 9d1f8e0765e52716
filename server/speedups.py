"""One measured fix to Rasa 3.6's hot path, installed by `server.startup.prepare()` when the Rasa
server starts (never on import).

Rasa checks every action server response with `jsonschema.validate()`, which
re-checks the schema itself on every call. Profiled under load (py-spy, 20
concurrent conversations), that was 70% of the Rasa server's CPU: about 80 of
the 111 ms each message cost. Here the response is checked against the same
schema, with the same error, by one validator built once.

The fix replaces a private method, so `install()` first checks that it is patching the Rasa it was
written for: a 3.6 release whose `RemoteAction._validate_action_result(self, result)` exists. On any
other Rasa it leaves Rasa's own method in place and logs a warning (slower, never wrong).
tests/server/test_speedups.py fails when the installed Rasa's method is no longer the one this
replaces.
"""

from __future__ import annotations

import functools
import inspect
import logging

log = logging.getLogger(__name__)

# The Rasa releases whose RemoteAction._validate_action_result this replaces (checked by the tests).
RASA_SERIES = "3.6."
METHOD = "_validate_action_result"
PARAMETERS = ["self", "result"]


@functools.lru_cache(maxsize=1)
def _response_validator():
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction

    schema = RemoteAction.action_response_format_spec()
    cls = validator_for(schema)
    cls.check_schema(schema)  # once, instead of on every response
    return cls(schema)


def _validate_action_result(self, result: dict) -> bool:
    from jsonschema import ValidationError
    from rasa.shared.constants import DOCS_BASE_URL

    try:
        _response_validator().validate(result)
        return True
    except ValidationError as error:
        error.message += (
            ". Failed to validate Action server response from API, make sure your response from the Action "
            f"endpoint is valid. For more information about the format visit {DOCS_BASE_URL}/custom-actions"
        )
        raise error


def why_not(rasa_version: str, remote_action: type) -> str | None:
    """Why the fix cannot go onto this Rasa (None: it can)."""
    if not rasa_version.startswith(RASA_SERIES):
        return f"it was written for Rasa {RASA_SERIES}x and this is Rasa {rasa_version}"
    method = getattr(remote_action, METHOD, None)
    if method is None:
        return f"Rasa {rasa_version} has no RemoteAction.{METHOD}"
    if method is _validate_action_result:
        return None
    try:
        parameters = list(inspect.signature(method).parameters)
    except (TypeError, ValueError):
        parameters = None
    if parameters != PARAMETERS:
        return f"RemoteAction.{METHOD} takes {parameters} in Rasa {rasa_version}, not {PARAMETERS}"
    if not callable(getattr(remote_action, "action_response_format_spec", None)):
        return f"Rasa {rasa_version} has no RemoteAction.action_response_format_spec"
    return None


def install() -> bool:
    """Put the fix on Rasa's RemoteAction; False (and a warning) when this Rasa is not the one it fits."""
    import rasa
    from rasa.core.actions.action import RemoteAction

    reason = why_not(rasa.__version__, RemoteAction)
    if reason is not None:
        log.warning(
            "server.speedups not installed: %s. Rasa's own (slower) check of action server responses stays;"
            " re-measure and update server/speedups.py for this Rasa.",
            reason,
        )
        return False
    if not installed():
        _replaced["rasa"] = RemoteAction.__dict__[METHOD]
        RemoteAction._validate_action_result = _validate_action_result
    return True


_replaced: dict = {}


def installed() -> bool:
    from rasa.core.actions.action import RemoteAction

    return getattr(RemoteAction, METHOD, None) is _validate_action_result


def rasas_own():
    """Rasa's own method, installed or not (the tests compare the fix with it)."""
    from rasa.core.actions.action import RemoteAction

    return _replaced["rasa"] if installed() else RemoteAction.__dict__[METHOD]
