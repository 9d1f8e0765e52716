"""A local stand-in for the Graph API and Twilio's REST API: records what the bot sends.

`failures` makes the next N requests answer with the given status (to test retries).
"""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def reply(body: dict, status: int) -> dict:
    """What the provider answers; errors quote the recipient's number, as Twilio's and Meta's do."""
    if status < 400:
        return {"messages": [{"id": "wamid.fake"}]}
    if "To" in body:  # Twilio
        return {"code": 21211, "message": f"The 'To' number {body['To']} is not a valid phone number.", "status": 400}
    to = body.get("to", "")
    return {"error": {"message": f"(#131030) Recipient phone number {to} not in allowed list", "code": 131030}}


class FakeProvider:
    def __init__(self):
        self.requests: list[dict] = []
        self.failures: list[int] = []
        self._lock = threading.Lock()
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's naming
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode()
                if "json" in (self.headers.get("Content-Type") or ""):
                    body = json.loads(raw or "{}")
                else:
                    body = {k: v[0] for k, v in urllib.parse.parse_qs(raw).items()}
                with provider._lock:
                    status = provider.failures.pop(0) if provider.failures else 200
                    provider.requests.append(
                        {"path": self.path, "body": body, "status": status, "auth": self.headers.get("Authorization")}
                    )
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(json.dumps(reply(body, status)).encode())

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def sent(self) -> list[dict]:
        with self._lock:
            return [r["body"] for r in self.requests if r["status"] < 400]

    def wait_for(self, count: int, timeout: float = 30) -> list[dict]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.sent()) >= count:
                return self.sent()
            time.sleep(0.1)
        return self.sent()

    def clear(self) -> None:
        with self._lock:
            self.requests.clear()

    def close(self) -> None:
        self.server.shutdown()
