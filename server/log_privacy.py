"""No phone number, message text, provider body or API token in the Rasa server's logs (Ley 29733).

Records reach the logs two ways, and each gets its own guard:

- Rasa 3.6 logs through structlog, with the applicant's words under keys such as `text`,
  `parse_data_text` or `user_message` (Rasa's own list of user content, in
  `rasa.utils.log_utils._anonymizer`). A processor at the head of structlog's chain replaces those
  values with "[redacted]" before any renderer sees them; the event name stays, so the line still
  says what happened.
- Everything else (Rasa's stdlib loggers, Sanic, aiohttp, our channels) makes `logging` records.
  A record factory rewrites each finished message and traceback: phone-like numbers become
  "[phone]", case codes (rules/casecode.py: they decode to income and disability) become
  "[case code]" and `token=...` becomes `token=[redacted]`. A factory, not a handler filter, so that a
  handler added later (a log file, pytest's caplog) is covered too.

Our own code never logs a provider's response body or a message's text in the first place
(channels/delivery.py logs the HTTP status and the provider's numeric error code); this is the net
under it. `install()` is idempotent; `server.startup.prepare()` calls it when the Rasa server builds
the tracker store at start-up, after Rasa has configured its logging (structlog's chain is replaced
when Rasa configures it, so installing earlier would not last).
"""

from __future__ import annotations

import logging
import re

REDACTED = "[redacted]"
PHONE_MARK = "[phone]"

# Rasa's own list of structlog keys that carry user content (rasa.utils.log_utils._anonymizer).
SENSITIVE_KEYS = frozenset(
    {
        "text",
        "response_text",
        "user_text",
        "slot_values",
        "parse_data_text",
        "parse_data_entities",
        "prediction_events",
        "tracker_latest_message",
        "prefilled_slots",
        "message",
        "response",
        "slot_candidates",
        "rasa_event",
        "rasa_events",
        "tracker_states",
        "current_states",
        "old_states",
        "successes",
        "current_entity",
        "next_entity",
        "states",
        "entity",
        "token_text",
        "user_message",
        "json_message",
    }
)

# A phone number as it shows up in logs: 7 to 15 digits, optionally grouped by single spaces or
# dashes, after "+", "whatsapp:+" or their URL-encoded forms. Not inside a longer word or number
# (a pseudonym "wa-3f8291037…", a 20-digit id), not an ISO date (2024-05-01), not an IP address
# (dots are no separator).
PHONE = re.compile(
    r"(?<![\w%])(?:whatsapp:|whatsapp%3A)?(?:\+|%2B)?(?!\d{4}-\d{2}-\d{2})\d(?:[ -]?\d){6,14}(?![\w])",
    re.IGNORECASE,
)
TOKEN = re.compile(r"(token=)[^&\s\"']+", re.IGNORECASE)
# A case code as anyone may type it: IMP, then 11 letters or digits with spaces or dashes between
# (rules/casecode.py reads the same forms). Masked before phones, whose digits it may hold.
CASE_CODE = re.compile(r"\bIMP(?:[\s-]*[0-9A-Z]){11}\b", re.IGNORECASE)
CASE_CODE_MARK = "[case code]"


def redact(text: str) -> str:
    """The text with case codes, phone numbers and token values masked."""
    return TOKEN.sub(r"\1" + REDACTED, PHONE.sub(PHONE_MARK, CASE_CODE.sub(CASE_CODE_MARK, text)))


def redact_event(logger, method_name: str, event_dict: dict) -> dict:
    """structlog processor: user content under Rasa's sensitive keys never reaches a renderer."""
    for key in SENSITIVE_KEYS.intersection(event_dict):
        event_dict[key] = REDACTED
    return event_dict


def redact_record(record: logging.LogRecord) -> None:
    try:
        message = record.getMessage()
    except Exception:  # noqa: BLE001 - a malformed call is logging's own error to report
        return
    clean = redact(message)
    if clean != message:
        record.msg, record.args = clean, ()
    if record.exc_info and not record.exc_text:
        # Exception messages quote what failed (a URL with a token, a body with a number).
        record.exc_text = redact(logging.Formatter().formatException(record.exc_info))


_installed = {"factory": False}


def install() -> None:
    if not _installed["factory"]:
        previous = logging.getLogRecordFactory()

        def factory(*args, **kwargs):
            record = previous(*args, **kwargs)
            redact_record(record)
            return record

        logging.setLogRecordFactory(factory)
        _installed["factory"] = True
    try:
        import structlog
    except ImportError:  # structlog comes with Rasa; nothing to guard without it
        return
    # The very list Rasa configured (loggers already created share it), so insert in place.
    processors = structlog.get_config()["processors"]
    if isinstance(processors, list) and redact_event not in processors:
        processors.insert(0, redact_event)
