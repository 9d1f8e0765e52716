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
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
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
    servers.process = subprocess.Popen(
        [str(ROOT / "scripts" / "serve"), mode],
        cwd=ROOT,
        env=env,
        stdout=open(workdir / "serve.out", "w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if servers.process.poll() is not None:
            raise RuntimeError("servers exited early:\n" + (workdir / "serve.out").read_text()[-3000:])
        try:
            urllib.request.urlopen(f"{servers.url}/", timeout=2).read()
            return servers
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(1)
    stop(servers)
    raise RuntimeError(f"Rasa server did not answer within {timeout} s")


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
