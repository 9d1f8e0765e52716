"""WhatsApp through Meta's Cloud API: `channels.whatsapp.WhatsAppCloudInput` in credentials.yml.

Inbound (webhook at /webhooks/whatsapp/webhook):
- GET answers Meta's verification (hub.mode, hub.verify_token, hub.challenge);
- POST is accepted only with a valid X-Hub-Signature-256 (HMAC-SHA256 of the raw
  body with the app secret); otherwise 403 and nothing is processed;
- a message addressed to another phone number (`metadata.phone_number_id`) is
  refused: not processed, not answered (logged);
- a redelivered message id is handled once (in Redis when REDIS_URL is set,
  so across servers and restarts: channels/delivery.py);
- text, interactive button and list replies, and shared locations go to the
  bot; the caption of an image, video or document goes to the bot as text,
  and the applicant is told the file itself was not read; statuses,
  reactions (and their removal) and system messages are ignored; audio,
  stickers and files without a caption get a polite answer.

Conversation ids are keyed hashes of the phone number (PSEUDONYM_KEY); without
that key the channel refuses every request.

Outbound: the Graph API (base URL configurable, so tests use a local fake),
with reply buttons (at most 3, titles up to 20 characters), lists (at most
10 rows, titles up to 24) or numbered text beyond that, and retries.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import os

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response

from channels.delivery import CAPTION_NOTE, UNSUPPORTED, NumberedChoices, SeenIds, post_with_retries, pseudonym
from channels.safety import guarded

log = logging.getLogger(__name__)

DEFAULT_API = "https://graph.facebook.com/v19.0"
TEXT_LIMIT = 4096
INTERACTIVE_BODY_LIMIT = 1024
BUTTON_TITLE_LIMIT, MAX_BUTTONS = 20, 3
ROW_TITLE_LIMIT, ROW_DESCRIPTION_LIMIT, MAX_ROWS = 24, 72, 10
LIST_BUTTON = "Opciones"  # the list's opening button (20 characters at most); read the same in English
# Nothing to answer: a thumbs-up (or its removal), "this user changed their number".
IGNORED_TYPES = {"reaction", "system"}
# Files that can carry a caption; the caption is read, the file is not.
CAPTIONED_TYPES = ("image", "video", "document")
# A shared location asks for the nearest centre; the coordinates travel as metadata.
LOCATION_TEXT = "/ask_centre"


def valid_signature(app_secret: str, body: bytes, header: str | None) -> bool:
    if not app_secret or not header or not header.startswith("sha256="):
        return False
    expected = hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, header[len("sha256=") :])


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def inbound_messages(payload: dict) -> list[dict]:
    """The messages in a webhook payload: [{"id", "from", "to", "type", "text", "location", "file"}].

    `to` is the phone number id the message was sent to; `text` is None for what the bot cannot
    read; `file` names the kind of file whose caption `text` is. Statuses, reactions and system
    messages are left out.
    """
    found = []
    for entry in payload.get("entry") or []:
        for change in entry.get("changes") or []:
            value = change.get("value") or {}
            to = str((value.get("metadata") or {}).get("phone_number_id") or "")
            for message in value.get("messages") or []:
                if not isinstance(message, dict) or not message.get("from"):
                    continue
                kind = message.get("type")
                if kind in IGNORED_TYPES:
                    continue
                item = {
                    "id": str(message.get("id") or ""),
                    "from": str(message["from"]),
                    "to": to,
                    "type": kind,
                    "text": None,
                    "location": None,
                    "file": None,
                }
                if kind == "text":
                    item["text"] = (message.get("text") or {}).get("body") or ""
                elif kind == "interactive":
                    interactive = message.get("interactive") or {}
                    reply = interactive.get("button_reply") or interactive.get("list_reply") or {}
                    item["text"] = reply.get("id") or reply.get("title") or ""
                elif kind == "button":  # a template's quick-reply button
                    button = message.get("button") or {}
                    item["text"] = button.get("payload") or button.get("text") or ""
                elif kind == "location":
                    where = message.get("location") or {}
                    if "latitude" in where and "longitude" in where:
                        item["text"] = LOCATION_TEXT
                        item["location"] = {
                            "lat": where["latitude"],
                            "lon": where["longitude"],
                            "name": where.get("name") or where.get("address"),
                        }
                elif kind in CAPTIONED_TYPES:
                    caption = str((message.get(kind) or {}).get("caption") or "").strip()
                    if caption:
                        item["text"], item["file"] = caption, kind
                found.append(item)
    return found


def outbound_payloads(to: str, text: str, buttons: list[dict] | None) -> list[dict]:
    """Graph API message bodies for one bot message, within WhatsApp's limits."""
    base = {"messaging_product": "whatsapp", "recipient_type": "individual", "to": to}
    if not buttons:
        return [{**base, "type": "text", "text": {"body": chunk, "preview_url": False}} for chunk in chunks(text)]
    out = []
    body = text or "👇"
    if len(body) > INTERACTIVE_BODY_LIMIT:
        out += outbound_payloads(to, body, None)
        body = "👇"
    titles = [str(b.get("title") or "") for b in buttons]
    ids = [str(b.get("payload") or b.get("title") or "")[:200] for b in buttons]
    if len(buttons) <= MAX_BUTTONS and all(len(t) <= BUTTON_TITLE_LIMIT for t in titles):
        action = {
            "buttons": [{"type": "reply", "reply": {"id": i, "title": t}} for i, t in zip(ids, titles, strict=True)]
        }
        out.append(
            {**base, "type": "interactive", "interactive": {"type": "button", "body": {"text": body}, "action": action}}
        )
    else:
        rows = []
        for row_id, title in zip(ids, titles, strict=True):
            row = {"id": row_id, "title": shorten(title, ROW_TITLE_LIMIT)}
            if len(title) > ROW_TITLE_LIMIT:
                row["description"] = shorten(title, ROW_DESCRIPTION_LIMIT)
            rows.append(row)
        action = {"button": LIST_BUTTON, "sections": [{"rows": rows}]}
        out.append(
            {**base, "type": "interactive", "interactive": {"type": "list", "body": {"text": body}, "action": action}}
        )
    return out


def chunks(text: str, limit: int = TEXT_LIMIT) -> list[str]:
    text = text or ""
    return [text[i : i + limit] for i in range(0, len(text), limit)] or [""]


class WhatsAppCloudOutput(OutputChannel):
    """Sends to one WhatsApp user (the phone number travels here, never in the tracker)."""

    def __init__(
        self, api: str, phone_number_id: str, token: str, to: str, numbered: NumberedChoices, conversation: str
    ):
        self.url = f"{api.rstrip('/')}/{phone_number_id}/messages"
        self.token, self.to = token, to
        self.numbered, self.conversation = numbered, conversation

    @classmethod
    def name(cls) -> str:
        return "whatsapp"

    async def _send(self, payload: dict) -> None:
        await post_with_retries(
            self.url, what="WhatsApp Cloud API", json=payload, headers={"Authorization": f"Bearer {self.token}"}
        )

    # Numbered choices belong to the message that showed them: anything the bot sends next clears them.

    async def send_text_message(self, recipient_id: str, text: str, **kwargs) -> None:
        self.numbered.forget(self.conversation)
        await self.notice(text)

    async def send_text_with_buttons(self, recipient_id: str, text: str, buttons: list, **kwargs) -> None:
        if len(buttons) > MAX_ROWS:
            await self.send_text_message(recipient_id, NumberedChoices.render(text, buttons))
            self.numbered.remember(self.conversation, buttons)
            return
        self.numbered.forget(self.conversation)
        for payload in outbound_payloads(self.to, text, buttons):
            await self._send(payload)

    async def notice(self, text: str) -> None:
        """A word from the channel itself (a file it cannot read): the pending question stays."""
        for payload in outbound_payloads(self.to, text, None):
            await self._send(payload)

    async def send_custom_json(self, recipient_id: str, json_message: dict, **kwargs) -> None:
        self.numbered.forget(self.conversation)
        await self._send({"messaging_product": "whatsapp", "to": self.to, **json_message})


class WhatsAppCloudInput(InputChannel):
    def __init__(
        self,
        verify_token: str = "",
        app_secret: str = "",
        access_token: str = "",
        phone_number_id: str = "",
        api_base: str = DEFAULT_API,
        pseudonym_key: str = "",
        redis_url: str = "",
    ):
        self.verify_token = verify_token or ""
        self.app_secret = app_secret or ""
        self.access_token = access_token or ""
        self.phone_number_id = phone_number_id or ""
        self.api_base = api_base or DEFAULT_API
        self.pseudonym_key = pseudonym_key or ""
        self.seen = SeenIds(self.name(), redis_url or os.environ.get("REDIS_URL", ""))
        self.numbered = NumberedChoices()
        if self.app_secret and not self.pseudonym_key:
            log.warning("WhatsApp (Cloud API) is configured but PSEUDONYM_KEY is not: every message will be refused")

    @classmethod
    def name(cls) -> str:
        return "whatsapp"

    @classmethod
    def from_credentials(cls, credentials: dict | None) -> WhatsAppCloudInput:
        credentials = credentials or {}
        return cls(
            **{
                key: str(credentials.get(key) or "")
                for key in (
                    "verify_token",
                    "app_secret",
                    "access_token",
                    "phone_number_id",
                    "api_base",
                    "pseudonym_key",
                )
            }
        )

    def output_for(self, phone: str, conversation: str) -> WhatsAppCloudOutput:
        return WhatsAppCloudOutput(
            self.api_base, self.phone_number_id, self.access_token, phone, self.numbered, conversation
        )

    def blueprint(self, on_new_message) -> Blueprint:
        hook = Blueprint("whatsapp_cloud", __name__)

        @hook.route("/", methods=["GET"])
        async def health(request):
            return response.json({"status": "ok"})

        @hook.route("/webhook", methods=["GET"])
        async def verify(request):
            args = request.args
            if (
                self.verify_token
                and args.get("hub.mode") == "subscribe"
                and hmac.compare_digest(args.get("hub.verify_token") or "", self.verify_token)
            ):
                return response.text(args.get("hub.challenge") or "")
            return response.text("forbidden", status=403)

        @hook.route("/webhook", methods=["POST"])
        async def receive(request):
            if not valid_signature(self.app_secret, request.body, request.headers.get("X-Hub-Signature-256")):
                log.warning("WhatsApp webhook refused: missing or wrong signature")
                return response.text("forbidden", status=403)
            if not (self.pseudonym_key and self.phone_number_id):
                log.error("WhatsApp webhook refused: PSEUDONYM_KEY or WHATSAPP_PHONE_NUMBER_ID is not set")
                return response.text("forbidden", status=403)
            try:
                payload = json.loads(request.body or b"{}")
            except ValueError:
                return response.text("bad request", status=400)
            for message in inbound_messages(payload if isinstance(payload, dict) else {}):
                if message["to"] != self.phone_number_id:
                    # Another number of the same Meta app: not ours to answer. Still a 200: Meta
                    # would redeliver anything else for days, and it will never become ours.
                    log.warning("WhatsApp message for another phone number id refused")
                    continue
                if message["id"] and not await self.seen.first_time(message["id"]):
                    continue  # Meta redelivered it: already handled
                # Answer Meta at once; the bot's reply goes out through the Graph API.
                request.app.add_task(self.handle(message, on_new_message))
            return response.text("ok")

        return hook

    async def handle(self, message: dict, on_new_message) -> None:
        conversation = pseudonym(self.pseudonym_key, message["from"], "wa")
        output = self.output_for(message["from"], conversation)
        try:
            if message["text"] is None:
                await output.notice(UNSUPPORTED)
                return
            text = self.numbered.resolve(conversation, message["text"])
            metadata = {"location": message["location"]} if message["location"] else {}
            if message["file"]:
                await output.notice(CAPTION_NOTE)
                metadata["file"] = {"type": message["file"], "read": False}
            await guarded(on_new_message)(
                UserMessage(text, output, conversation, input_channel=self.name(), metadata=metadata)
            )
        except asyncio.CancelledError:
            raise
        except Exception:  # noqa: BLE001 - one bad message must not take the webhook down
            log.exception("WhatsApp message could not be handled")
