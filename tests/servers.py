"""Start the real action server and Rasa server for end-to-end tests.

`rasa test` never calls the action server, so whole conversations are tested
against both servers over the REST channel. Each test session gets its own
free ports, its own tracker database and its own log folder, and every
process is stopped at the end, whatever happened.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "impulsa.tar.gz"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Servers:
    """The running pair; `say` talks to the bot on the REST channel."""

    rasa_port: int
    actions_port: int
    workdir: Path
    process: subprocess.Popen | None = None
    env: dict = field(default_factory=dict)
    mode: str = "run"  # scripts/serve's: `run` (both servers) or `rasa` (a Rasa server only)
    proxy: ActionsProxy | None = None  # the `spare` server's way to its action server (tests/conftest.py)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    def say(self, sender: str, message: str, timeout: float = 60) -> list[dict]:
        body = json.dumps({"sender": sender, "message": message}).encode()
        request = urllib.request.Request(
            f"{self.url}/webhooks/rest/webhook", data=body, headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.loads(response.read())

    def texts(self, sender: str, message: str) -> str:
        """All the bot's text replies to one message, joined by newlines."""
        return "\n".join(m.get("text", "") for m in self.say(sender, message))

    def api(self, path: str, token: str | None = None) -> dict:
        """GET from Rasa's HTTP API with this server's token (or another `token`, to test refusals)."""
        token = self.env.get("RASA_API_TOKEN", "") if token is None else token
        query = urllib.parse.urlencode({"token": token}) if token else ""
        separator = "&" if "?" in path else "?"
        with urllib.request.urlopen(f"{self.url}{path}{separator if query else ''}{query}", timeout=30) as response:
            return json.loads(response.read())

    def tracker(self, sender: str) -> dict:
        return self.api(f"/conversations/{urllib.parse.quote(sender)}/tracker")

    def pid(self, which: str = "rasa") -> int | None:
        """The process id of this pair's Rasa server (`rasa`) or action server (`actions`)."""
        port = str(self.rasa_port if which == "rasa" else self.actions_port)
        for proc in Path("/proc").iterdir():
            if not proc.name.isdigit():
                continue
            try:
                argv = (proc / "cmdline").read_bytes().decode(errors="replace").split("\0")
            except OSError:
                continue
            if port in argv and "run" in argv and (("actions" in argv) == (which == "actions")):
                return int(proc.name)
        return None

    def log(self, name: str = "rasa") -> str:
        path = self.workdir / "logs" / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""


def start(workdir: Path, extra_env: dict | None = None, timeout: float = 300, mode: str = "run") -> Servers:
    """Start `scripts/serve run` (or `rasa`: a Rasa server only) in its own process group; wait until it answers."""
    servers = launch(workdir, extra_env, mode)
    wait_until_ready(servers, timeout)
    return servers


def launch(workdir: Path, extra_env: dict | None = None, mode: str = "run") -> Servers:
    """Start `scripts/serve` without waiting: several servers can load side by side (wait_until_ready)."""
    if not MODEL.exists():
        raise RuntimeError(f"no trained model at {MODEL}: run `make train` first")
    workdir.mkdir(parents=True, exist_ok=True)
    servers = Servers(rasa_port=free_port(), actions_port=free_port(), workdir=workdir)
    env = dict(os.environ)
    env.update(
        RASA_PORT=str(servers.rasa_port),
        ACTIONS_PORT=str(servers.actions_port),
        TRACKER_DB=str(workdir / "tracker.db"),
        DECISION_LOG_DB=str(workdir / "decisions.db"),
        LOG_DIR=str(workdir / "logs"),
        RASA_TELEMETRY_ENABLED="false",
        # The tests read trackers through the HTTP API, which never opens without a token.
        RASA_ENABLE_API="1",
        RASA_API_TOKEN=secrets.token_urlsafe(24),
        TF_CPP_MIN_LOG_LEVEL="2",
    )
    env.update(extra_env or {})
    servers.env = env
    servers.mode = mode
    servers.process = subprocess.Popen(
        [str(ROOT / "scripts" / "serve"), mode],
        cwd=ROOT,
        env=env,
        stdout=open(workdir / "serve.out", "w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    return servers


def wait_until_ready(servers: Servers, timeout: float = 300) -> None:
    """Wait until Rasa and, unless the mode is `rasa`, the action server answer (scripts/serve starts
    them side by side); stop them and raise if they exit or take longer than `timeout` seconds."""
    ready = [f"{servers.url}/"]
    if servers.mode != "rasa":
        ready.append(f"http://127.0.0.1:{servers.actions_port}/health")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if servers.process.poll() is not None:
            raise RuntimeError("servers exited early:\n" + (servers.workdir / "serve.out").read_text()[-3000:])
        try:
            for url in ready:
                urllib.request.urlopen(url, timeout=2).read()
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.25)
    stop(servers)
    raise RuntimeError(f"the servers did not answer within {timeout} s")


def stop(servers: Servers) -> None:
    """Stop the whole process group: the script, the Rasa server and the action server."""
    process = servers.process
    if process is None or process.poll() is not None:
        return
    pgid = os.getpgid(process.pid)
    os.killpg(pgid, signal.SIGINT)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        pass
    try:
        os.killpg(pgid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait(timeout=10)


def other_server_env(servers: Servers) -> dict:
    """`servers`' settings without what a second server beside it must have of its own (ports, logs,
    tracker and decision databases)."""
    own = ("RASA_PORT", "ACTIONS_PORT", "LOG_DIR", "TRACKER_DB", "DECISION_LOG_DB")
    return {k: v for k, v in servers.env.items() if k not in own}


class ActionsProxy:
    """An action server as tests need it to misbehave, in front of a real one (`target`, its base URL).

    It passes every call through, holds each action call for `delay` seconds while `slow()` lasts,
    and is down (nothing listens on its port: connections are refused) while `down()` lasts.
    The health check (GET) is never held.
    """

    def __init__(self, target: str):
        self.target = target
        self.delay = 0.0
        self.calls = 0  # action calls (POST) received
        self.port = 0
        self._server: ThreadingHTTPServer | None = None
        self._listen()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @contextmanager
    def slow(self, delay: float):
        self.delay = delay
        try:
            yield self
        finally:
            self.delay = 0.0

    @contextmanager
    def down(self):
        self._close()
        try:
            yield self
        finally:
            self._listen()  # the same port again (SO_REUSEADDR): the Rasa server is configured with it

    def close(self) -> None:
        self._close()

    def _listen(self) -> None:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def forward(self, body=None):
                request = urllib.request.Request(
                    proxy.target + self.path, data=body, headers={"Content-Type": "application/json"}
                )
                with urllib.request.urlopen(request, timeout=60) as response:
                    status, data = response.status, response.read()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):  # noqa: N802 - http.server's naming
                self.forward()

            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                proxy.calls += 1
                time.sleep(proxy.delay)
                self.forward(body)

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def _close(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
