"""The web chat page, served by the Rasa server itself at /webhooks/webchat/.

The page and its script are files in channels/webchat/ (no CDN, works
offline) and talk to the REST channel of the same server, which also
carries a shared location as message metadata.

One endpoint of its own, /webhooks/webchat/history?sender=web-..., gives the
page back its conversation after a reload, and the conversation's language
(the tracker's `language` slot): only for the web page's own sender ids,
which are random and held by the browser, and only what the page showed
(texts, the titles of tapped choices, the choices of the pending question).
"""

from __future__ import annotations

import re
from pathlib import Path

from rasa.core.channels.channel import InputChannel
from sanic import Blueprint, response

PAGE_DIR = Path(__file__).resolve().parent / "webchat"
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
}
FILES = {path.name: path for path in PAGE_DIR.iterdir() if path.suffix in TYPES} if PAGE_DIR.is_dir() else {}
# What chat.js makes: "web-" and 32 hex digits from crypto.getRandomValues. Nothing else is
# served: not a WhatsApp conversation, not a REST client's.
WEB_SENDER = re.compile(r"web-[0-9a-f]{32}")
LANGUAGES = ("es", "en")
SHARED_LOCATION = "/ask_centre"  # what the page sends with a location (chat.js)


class WebChatInput(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "webchat"

    def blueprint(self, on_new_message) -> Blueprint:
        page = Blueprint("webchat_page", __name__)

        @page.route("/", methods=["GET"])
        async def index(request):
            return _file("index.html")

        @page.route("/static/<name>", methods=["GET"])
        async def static(request, name: str):
            return _file(name)

        @page.route("/history", methods=["GET"])
        async def history(request):
            sender = request.args.get("sender") or ""
            if not WEB_SENDER.fullmatch(sender):
                return response.json({"error": "unknown conversation"}, status=404)
            agent = getattr(request.app.ctx, "agent", None)
            if agent is None or agent.tracker_store is None:
                return response.json({"error": "not ready"}, status=503)
            tracker = await agent.tracker_store.retrieve(sender)
            events = [event.as_dict() for event in tracker.events] if tracker else []
            language = tracker.get_slot("language") if tracker else None
            return response.json(
                {"language": language if language in LANGUAGES else "es", "messages": page_messages(events)},
                headers={"Cache-Control": "no-store"},
            )

        return page


def page_messages(events: list[dict]) -> list[dict]:
    """The conversation as the page showed it: [{"from": "user"|"bot", "text", "buttons"?}].

    A tapped choice sent its payload ("/affirm"); the page showed its title, found among the
    buttons of the bot's message before it. A shared location was shown as a pin.
    """
    shown: list[dict] = []
    offered: list[dict] = []
    for event in events:
        if event.get("event") == "user":
            text = event.get("text") or ""
            metadata = event.get("metadata") or {}
            title = next((b.get("title") for b in offered if b.get("payload") == text), None)
            if title:
                text = title
            elif text == SHARED_LOCATION and metadata.get("location"):
                text = "📍"
            shown.append({"from": "user", "text": text})
            offered = []
        elif event.get("event") == "bot":
            buttons = [
                {"title": str(b.get("title") or ""), "payload": str(b.get("payload") or "")}
                for b in (event.get("data") or {}).get("buttons") or []
            ]
            message = {"from": "bot", "text": event.get("text") or ""}
            if buttons:
                message["buttons"] = buttons
                offered = buttons
            shown.append(message)
    return shown


def _file(name: str):
    path = FILES.get(name)  # only the page's own files: no path from the request reaches the disk
    if path is None:
        return response.text("not found", status=404)
    return response.raw(
        path.read_bytes(),
        content_type=TYPES[path.suffix],
        headers={"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"},
    )
