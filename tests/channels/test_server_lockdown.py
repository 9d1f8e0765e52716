"""The Rasa server as an attacker meets it: the HTTP API without its token, other web origins, the
removed Socket.IO channel, and a server asked to open the API with no token."""

import os
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests import servers
from tests.conftest import ALLOWED_ORIGIN, SPARE_API_TOKEN

pytestmark = pytest.mark.servers
ROOT = Path(__file__).resolve().parents[2]


def status_and_headers(url, method="GET", headers=None, body=None):
    request = urllib.request.Request(url, data=body, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


def test_the_http_api_refuses_requests_without_the_token(bot):
    sender = "lockdown-api"
    bot.say(sender, "hola")
    for path in (f"/conversations/{sender}/tracker", "/status", f"/conversations/{sender}/story"):
        assert status_and_headers(bot.url + path)[0] == 401, path
        assert status_and_headers(bot.url + path + "?token=not-the-token")[0] == 401, path
    # Writing events without the token is refused too, and nothing is written.
    event = b'{"event": "slot", "name": "age", "value": 99}'
    refused = status_and_headers(
        f"{bot.url}/conversations/{sender}/tracker/events",
        method="POST",
        headers={"Content-Type": "application/json"},
        body=event,
    )
    assert refused[0] == 401
    assert bot.tracker(sender)["slots"].get("age") is None  # with the token: readable, and untouched


def test_other_web_origins_get_no_cors_permission(bot):
    url = f"{bot.url}/webhooks/rest/webhook"
    preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
    _, headers = status_and_headers(url, "OPTIONS", {"Origin": "https://evil.example", **preflight})
    assert "Access-Control-Allow-Origin" not in headers
    _, headers = status_and_headers(
        url,
        "POST",
        {"Origin": "https://evil.example", "Content-Type": "application/json"},
        b'{"sender": "lockdown-cors", "message": "hola"}',
    )
    assert "Access-Control-Allow-Origin" not in headers
    # The origin listed in CORS_ORIGINS is allowed, and only it.
    _, headers = status_and_headers(url, "OPTIONS", {"Origin": ALLOWED_ORIGIN, **preflight})
    assert headers.get("Access-Control-Allow-Origin") == ALLOWED_ORIGIN


def test_the_unused_socketio_channel_is_gone(bot):
    assert status_and_headers(f"{bot.url}/socket.io/?EIO=4&transport=polling")[0] == 404


def test_the_server_refuses_to_start_with_the_api_on_and_no_token(tmp_path):
    port = servers.free_port()
    env = {
        **os.environ,
        "RASA_ENABLE_API": "1",
        "RASA_API_TOKEN": "",
        "RASA_PORT": str(port),
        "ACTIONS_PORT": str(servers.free_port()),
        "LOG_DIR": str(tmp_path / "logs"),
        "TRACKER_DB": str(tmp_path / "tracker.db"),
    }
    run = subprocess.run(
        [str(ROOT / "scripts" / "serve"), "run"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 2
    assert "RASA_ENABLE_API=1 needs RASA_API_TOKEN" in run.stderr
    assert not (tmp_path / "logs" / "actions.log").exists()  # nothing was started


def test_a_token_that_starts_with_a_dash_is_a_token_not_an_option(spare):
    assert spare.env["RASA_API_TOKEN"] == SPARE_API_TOKEN and SPARE_API_TOKEN.startswith("-")
    assert spare.tracker("lockdown-dash")["sender_id"] == "lockdown-dash"
    assert status_and_headers(f"{spare.url}/conversations/lockdown-dash/tracker")[0] == 401
