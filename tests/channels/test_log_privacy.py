"""The log filter (server/log_privacy.py): with Rasa's own logging set up as `rasa run` does, no phone
number, message text, provider body or API token gets written; without the filter the same calls
leak all of them (so the test can fail)."""

import subprocess
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from server.log_privacy import PHONE_MARK, redact

ROOT = Path(__file__).resolve().parents[2]
PHONE = "51987654321"
TEXT = "me llamo Rosa Quispe y gano 1234 soles"
TOKEN = "s3cr3t-api-token"

# The calls Rasa 3.6 and our channels really make, at DEBUG so that every one is written.
EMIT = f"""
import logging, sys
from rasa.utils.common import configure_logging_and_warnings
from rasa.utils.log_utils import configure_structlog
configure_logging_and_warnings(logging.DEBUG)
configure_structlog(logging.DEBUG)
if sys.argv[1] == "guarded":
    from server.startup import prepare
    prepare()  # what the Rasa server's start-up calls (building the tracker store), after configuring logging
import structlog
structlogger = structlog.get_logger()
structlogger.error("rest.message.received.timeout", text={TEXT!r})
structlogger.debug("processor.message.parse", parse_data_text={TEXT!r},
                   parse_data_intent={{"name": "inform"}}, parse_data_entities=[{{"value": {PHONE!r}}}])
logging.getLogger("channels.delivery").error(
    "Twilio API refused a message: %s", '{{"code": 21211, "message": "The To number whatsapp:+{PHONE} is invalid"}}')
logging.getLogger("rasa.core.channels").warning("no reply for +51 987 654 321")
try:
    raise ValueError("GET http://127.0.0.1/conversations/x/tracker?token={TOKEN} failed")
except ValueError:
    logging.getLogger("sanic.error").exception("Exception occurred while handling uri")
"""


def emitted(mode: str) -> str:
    run = subprocess.run(
        [sys.executable, "-c", EMIT, mode],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PATH": "/usr/bin:/bin", "TF_CPP_MIN_LOG_LEVEL": "3", "RASA_TELEMETRY_ENABLED": "false"},
    )
    assert run.returncode == 0, run.stderr[-2000:]
    return run.stdout + run.stderr


def leaks(output: str) -> list[str]:
    # (That a provider's body is not logged at all is our channels' doing: test_whatsapp_roundtrip.py.)
    secrets = [PHONE, "987654321", "987 654 321", "Rosa Quispe", "1234 soles", TOKEN]
    return [secret for secret in secrets if secret in output]


def test_without_the_filter_rasas_own_logging_writes_personal_data():
    # The control: these calls do leak, so the guarded run below proves the filter's work.
    assert len(leaks(emitted("plain"))) >= 5


def test_with_the_filter_nothing_personal_is_written_and_each_line_still_says_what_happened():
    output = emitted("guarded")
    assert leaks(output) == []
    for what in (
        "rest.message.received.timeout",
        "processor.message.parse",
        "Twilio API refused a message",
        "no reply for [phone]",
        "Exception occurred while handling uri",
        "ValueError",
        "token=[redacted]",
    ):
        assert what in output, what


@st.composite
def phone_numbers(draw):
    national = draw(st.sampled_from(["9", "1", "4", "6", "8"])) + draw(st.text("0123456789", min_size=6, max_size=8))
    groups = [national[i : i + 3] for i in range(0, len(national), 3)]
    separator = draw(st.sampled_from(["", " ", "-"]))
    number = separator.join(groups)
    prefix = draw(st.sampled_from(["", "+51", "+51 ", "51", "whatsapp:+51", "whatsapp%3A%2B51", "%2B51"]))
    return prefix + number, national


@given(
    phone_numbers(),
    st.sampled_from(["", "From=", "mi celular es ", "To ", "'", "(", "["]),
    st.sampled_from(["", " ", ".", "'", ")", ","]),
)
def test_any_written_phone_number_is_masked(phone, before, after):
    written, national = phone
    clean = redact(f"{before}{written}{after} gracias")
    assert national not in clean.replace(" ", "").replace("-", "")
    assert PHONE_MARK in clean


@given(
    st.sampled_from(
        [
            "wa-3f8291037481ab55c0de",
            "tw-0123456789abcdef0123",
            "on 2024-05-01",
            "at 127.0.0.1:45621",
            "HTTP 400, error code 21211",
            "took 0.61 s",
            "12345678901234567890",
            "conversation erased on request (42 events)",
        ]
    )
)
def test_ids_dates_addresses_and_counts_are_left_alone(text):
    assert redact(text) == text
