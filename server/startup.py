"""What the Rasa server needs before its first message, installed by one explicit call.

Rasa builds our tracker store (endpoints.yml) while it starts, after it has configured its
logging (the structlog chain the log filter joins) and before it accepts a request; that
constructor calls `prepare()`. Nothing in server/ or channels/ does anything on import, so a test,
a script or the action server can import them without changing Rasa.
"""

from __future__ import annotations

from server import log_privacy, speedups


def prepare() -> None:
    """Install the log filter (server/log_privacy.py) and the speed fix (server/speedups.py); idempotent."""
    # No phone number, message text or provider body in the logs, from here on.
    log_privacy.install()
    # Guarded: on a Rasa it was not written for, it logs a warning and changes nothing.
    speedups.install()
