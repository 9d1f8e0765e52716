"""Case codes never reach a log: server/log_privacy.py masks every form of a code decode() accepts."""

import datetime as dt
import logging

from hypothesis import given, settings
from hypothesis import strategies as st

from rules import casecode
from server import log_privacy
from server.log_privacy import CASE_CODE_MARK, redact

SECRET = b"test-case-code-key-0001"


@settings(max_examples=60, deadline=None)
@given(age=st.integers(15, 80), income=st.integers(0, 5000), form=st.sampled_from(["as_given", "lower", "bare",
                                                                                     "spaced", "look_alikes"]))
def test_every_way_of_writing_a_code_is_masked(age, income, form):
    code = casecode.encode({"age": age, "monthly_income": income}, SECRET, dt.date(2026, 12, 1))
    body = code[4:].replace("-", "")
    written = {"as_given": code, "lower": code.lower(), "bare": "IMP" + body,
               "spaced": "IMP " + " ".join(body[i:i + 4] for i in range(0, 11, 4)),
               "look_alikes": code.replace("0", "O").replace("1", "l")}[form]
    casecode.decode(written, SECRET)  # a form people type, which the bot reads
    line = f"user said: tengo un código {written}, gracias"
    assert redact(line) == f"user said: tengo un código {CASE_CODE_MARK}, gracias"


def test_a_log_record_with_a_code_is_rewritten_before_any_handler_sees_it():
    code = casecode.encode({"age": 41}, SECRET, dt.date(2026, 12, 1))
    record = logging.LogRecord("rasa.core.processor", logging.INFO, __file__, 1,
                               "Received user message 'mi código es %s'", (code,), None)
    log_privacy.redact_record(record)
    assert record.getMessage() == f"Received user message 'mi código es {CASE_CODE_MARK}'"


def test_words_and_numbers_that_are_no_code_are_left_alone():
    for text in ("IMPORTANTE: el curso dura 3 meses", "impulsa peru 2026", "IMP-1234 corto", "politica 2026.11.1"):
        assert redact(text) == text
