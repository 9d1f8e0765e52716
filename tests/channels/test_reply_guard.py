"""The reply guard (channels/safety.py) against a real Rasa server whose action server is slow: the
applicant gets the apology in time, and the message is still processed to the end and kept."""

import threading
import time
import urllib.request
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests import servers

pytestmark = pytest.mark.servers
DELAY = 6.0  # seconds each custom action takes: past the guard's 4


class SlowActions:
    """A proxy in front of a running action server that holds every action call for DELAY seconds."""

    def __init__(self, target: str, delay: float = DELAY):
        outer = self
        self.calls = 0

        class Handler(BaseHTTPRequestHandler):
            def forward(self, body=None):
                request = urllib.request.Request(
                    target + self.path, data=body, headers={"Content-Type": "application/json"}
                )
                with urllib.request.urlopen(request, timeout=60) as response:
                    status, data = response.status, response.read()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):  # noqa: N802 - http.server's naming; the health check is not held
                self.forward()

            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                outer.calls += 1
                time.sleep(delay)
                self.forward(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()


def bot_texts_after_last_user_message(tracker: dict) -> list[str]:
    events = tracker["events"]
    users = [i for i, e in enumerate(events) if e["event"] == "user"]
    if not users:  # not even logged yet: the session start is also a custom action, held too
        return []
    last_user = users[-1]
    return [e.get("text") or "" for e in events[last_user + 1 :] if e["event"] == "bot"]


def test_a_slow_message_gets_the_apology_in_time_and_still_finishes_with_its_events_kept(bot, tmp_path):
    message = "quiero postular"
    usual = [r.get("text", "") for r in bot.say(f"guard-usual-{uuid.uuid4().hex[:8]}", message)]
    proxy = SlowActions(f"http://127.0.0.1:{bot.actions_port}")
    own = ("RASA_PORT", "ACTIONS_PORT", "LOG_DIR", "TRACKER_DB", "DECISION_LOG_DB")  # the new server's
    env = {k: v for k, v in bot.env.items() if k not in own}
    slow = servers.start(tmp_path, {**env, "ACTION_ENDPOINT_URL": f"{proxy.url}/webhook"}, mode="rasa")
    try:
        sender = f"guard-slow-{uuid.uuid4().hex[:8]}"
        replies = [r.get("text", "") for r in slow.say(sender, message)]
        # The answer came back before the processing was done: the apology, not the usual reply.
        assert "problema técnico" in replies[-1] and "technical problem" in replies[-1]
        assert replies[:-1] != usual
        # The processing went on to the end: the usual replies are in the conversation, saved.
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and bot_texts_after_last_user_message(slow.tracker(sender)) != usual:
            time.sleep(1)
        assert bot_texts_after_last_user_message(slow.tracker(sender)) == usual
        assert proxy.calls >= 1
        assert "the message is still being processed" in slow.log("rasa")
        assert "a late message finished; its events are saved" in slow.log("rasa")
    finally:
        servers.stop(slow)
        proxy.close()
