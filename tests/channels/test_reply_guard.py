"""The reply guard (channels/safety.py) against a real Rasa server whose action server is slow (the
`spare` server, its proxy holding every action call): the applicant gets the apology in time, and the
message is still processed to the end and kept."""

import time
import uuid

import pytest

pytestmark = pytest.mark.servers
DELAY = 6.0  # seconds each custom action takes: past the guard's 4


def bot_texts_after_last_user_message(tracker: dict) -> list[str]:
    events = tracker["events"]
    users = [i for i, e in enumerate(events) if e["event"] == "user"]
    if not users:  # not even logged yet: the session start is also a custom action, held too
        return []
    last_user = users[-1]
    return [e.get("text") or "" for e in events[last_user + 1 :] if e["event"] == "bot"]


def test_a_slow_message_gets_the_apology_in_time_and_still_finishes_with_its_events_kept(bot, spare):
    message = "quiero postular"
    usual = [r.get("text", "") for r in bot.say(f"guard-usual-{uuid.uuid4().hex[:8]}", message)]
    calls = spare.proxy.calls
    with spare.proxy.slow(DELAY):
        sender = f"guard-slow-{uuid.uuid4().hex[:8]}"
        replies = [r.get("text", "") for r in spare.say(sender, message)]
        # The answer came back before the processing was done: the apology, not the usual reply.
        assert "problema técnico" in replies[-1] and "technical problem" in replies[-1]
        assert replies[:-1] != usual
        # The processing went on to the end: the usual replies are in the conversation, saved.
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and bot_texts_after_last_user_message(spare.tracker(sender)) != usual:
            time.sleep(1)
    assert bot_texts_after_last_user_message(spare.tracker(sender)) == usual
    assert spare.proxy.calls > calls
    assert "the message is still being processed" in spare.log("rasa")
    assert "a late message finished; its events are saved" in spare.log("rasa")
