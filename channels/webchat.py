"""The web chat page, served by the Rasa server itself at /webhooks/webchat/.

The page and its script are files in channels/webchat/ (no CDN, works
offline) and talk to the REST channel of the same server, which also
carries a shared location as message metadata.
"""

from __future__ import annotations

from pathlib import Path

from rasa.core.channels.channel import InputChannel
from sanic import Blueprint, response

PAGE_DIR = Path(__file__).resolve().parent / "webchat"
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
}
FILES = {path.name: path for path in PAGE_DIR.iterdir() if path.suffix in TYPES} if PAGE_DIR.is_dir() else {}


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

        return page


def _file(name: str):
    path = FILES.get(name)  # only the page's own files: no path from the request reaches the disk
    if path is None:
        return response.text("not found", status=404)
    return response.raw(
        path.read_bytes(),
        content_type=TYPES[path.suffix],
        headers={"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"},
    )
