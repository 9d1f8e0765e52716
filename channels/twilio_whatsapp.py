"""WhatsApp through Twilio: `channels.twilio_whatsapp.TwilioWhatsAppInput` in credentials.yml.

Rasa's built-in twilio connector checks no X-Twilio-Signature and rewrites
"¡" to "@", which corrupts Spanish. This one checks the signature with
Twilio's RequestValidator (a forged or unsigned request gets 403 and nothing
is processed), keeps the text exactly as typed, handles each MessageSid once
(in Redis when REDIS_URL is set), ignores status callbacks and its own
number, reads shared locations and the text sent with a file (saying the file
was not read), and answers other media politely. Choices go out as numbered
text: a reply of "2" picks the second one, until the bot sends its next
message. Conversation ids are keyed with PSEUDONYM_KEY.
"""

from __future__ import annotations

import asyncio
import logging
import os
import urllib.parse

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from twilio.request_validator import RequestValidator

from channels.delivery import CAPTION_NOTE, UNSUPPORTED, NumberedChoices, SeenIds, post_with_retries, pseudonym
from channels.safety import guarded
from channels.whatsapp import LOCATION_TEXT, chunks

log = logging.getLogger(__name__)
DEFAULT_API = "https://api.twilio.com"
TEXT_LIMIT = 1600  # Twilio's limit for one WhatsApp message body


def whatsapp_address(number: str) -> str:
    """"+14155238886", "whatsapp:+14155238886" -> "whatsapp:+14155238886" (how Twilio writes From and To)."""
    number = "".join(number.split())
    return number if number.startswith("whatsapp:") or not number else f"whatsapp:{number}"


def form_params(request) -> dict:
    """The POSTed form as Twilio signed it, empty fields included (Sanic's request.form drops them,
    and a location message has an empty Body: its signature would never match)."""
    fields = urllib.parse.parse_qs((request.body or b"").decode("utf-8", "replace"), keep_blank_values=True)
    return {key: values[0] for key, values in fields.items()}


class TwilioWhatsAppOutput(OutputChannel):
    def __init__(
        self,
        api: str,
        account_sid: str,
        auth_token: str,
        sender: str,
        to: str,
        numbered: NumberedChoices,
        conversation: str,
    ):
        self.url = f"{api.rstrip('/')}/2010-04-01/Accounts/{account_sid}/Messages.json"
        self.auth = (account_sid, auth_token)
        self.sender, self.to = sender, to
        self.numbered, self.conversation = numbered, conversation

    @classmethod
    def name(cls) -> str:
        return "twilio_whatsapp"

    # Numbered choices belong to the question that showed them: anything the bot sends next
    # clears them, so a "2" typed at a later question is read as the applicant's words.

    async def send_text_message(self, recipient_id: str, text: str, **kwargs) -> None:
        self.numbered.forget(self.conversation)
        await self._send(text)

    async def send_text_with_buttons(self, recipient_id: str, text: str, buttons: list, **kwargs) -> None:
        await self._send(NumberedChoices.render(text, buttons))
        self.numbered.remember(self.conversation, buttons)

    async def notice(self, text: str) -> None:
        """A word from the channel itself (a file it cannot read): the pending question stays."""
        await self._send(text)

    async def _send(self, text: str) -> None:
        import aiohttp

        for chunk in chunks(text, TEXT_LIMIT):
            await post_with_retries(
                self.url,
                what="Twilio API",
                data={"From": self.sender, "To": self.to, "Body": chunk},
                auth=aiohttp.BasicAuth(*self.auth),
            )


class TwilioWhatsAppInput(InputChannel):
    def __init__(
        self,
        account_sid: str = "",
        auth_token: str = "",
        whatsapp_number: str = "",
        webhook_url: str = "",
        api_base: str = DEFAULT_API,
        pseudonym_key: str = "",
        redis_url: str = "",
    ):
        self.account_sid = account_sid or ""
        self.auth_token = auth_token or ""
        self.whatsapp_number = whatsapp_address(whatsapp_number or "")
        self.webhook_url = webhook_url or ""
        self.api_base = api_base or DEFAULT_API
        self.pseudonym_key = pseudonym_key or ""
        self.seen = SeenIds(self.name(), redis_url or os.environ.get("REDIS_URL", ""))
        self.numbered = NumberedChoices()
        if self.auth_token and not self.pseudonym_key:
            log.warning("WhatsApp (Twilio) is configured but PSEUDONYM_KEY is not: every message will be refused")

    @classmethod
    def name(cls) -> str:
        return "twilio_whatsapp"

    @classmethod
    def from_credentials(cls, credentials: dict | None) -> TwilioWhatsAppInput:
        credentials = credentials or {}
        return cls(
            **{
                key: str(credentials.get(key) or "")
                for key in ("account_sid", "auth_token", "whatsapp_number", "webhook_url", "api_base", "pseudonym_key")
            }
        )

    def signed(self, request) -> bool:
        signature = request.headers.get("X-Twilio-Signature")
        if not self.auth_token or not signature:
            return False
        # Twilio signs the public URL it called; behind a proxy that is webhook_url, not request.url.
        url = self.webhook_url or request.url
        return RequestValidator(self.auth_token).validate(url, form_params(request), signature)

    def blueprint(self, on_new_message) -> Blueprint:
        hook = Blueprint("twilio_whatsapp", __name__)

        @hook.route("/", methods=["GET"])
        async def health(request):
            return response.json({"status": "ok"})

        @hook.route("/webhook", methods=["POST"])
        async def receive(request):
            if not self.signed(request):
                log.warning("Twilio webhook refused: missing or wrong signature")
                return response.text("forbidden", status=403)
            if not (self.pseudonym_key and self.whatsapp_number):
                log.error("Twilio webhook refused: PSEUDONYM_KEY or TWILIO_WHATSAPP_NUMBER is not set")
                return response.text("forbidden", status=403)
            params = form_params(request)
            sid = params.get("MessageSid") or params.get("SmsSid") or ""
            if self.from_applicant(params) and (not sid or await self.seen.first_time(sid)):
                request.app.add_task(self.handle(params, on_new_message))
            # Empty TwiML: the answer goes out through the REST API.
            return response.text("<Response></Response>", content_type="text/xml")

        return hook

    def from_applicant(self, params: dict) -> bool:
        """An applicant's message to our number; not a status callback (`MessageStatus`: sent,
        delivered, read... posted to the same URL when the sender's status callback points here),
        not our own number's echo, not a message to another sender of the account."""
        # An inbound message says "received" (in SmsStatus); a callback says sent, delivered, read...
        if any(params.get(field, "received") != "received" for field in ("MessageStatus", "SmsStatus")):
            return False
        sender = whatsapp_address(params.get("From") or "")
        if not sender or sender == self.whatsapp_number:
            return False
        if whatsapp_address(params.get("To") or "") != self.whatsapp_number:
            log.warning("Twilio message for another sender of the account refused")
            return False
        return True

    async def handle(self, params: dict, on_new_message) -> None:
        phone = params["From"]
        conversation = pseudonym(self.pseudonym_key, phone, "tw")
        output = TwilioWhatsAppOutput(
            self.api_base, self.account_sid, self.auth_token, self.whatsapp_number, phone, self.numbered, conversation
        )
        try:
            metadata = {}
            if params.get("Latitude") and params.get("Longitude"):
                text = LOCATION_TEXT
                metadata = {
                    "location": {
                        "lat": float(params["Latitude"]),
                        "lon": float(params["Longitude"]),
                        "name": params.get("Address") or None,
                    }
                }
            elif int(params.get("NumMedia") or 0) > 0:
                if not (params.get("Body") or "").strip():
                    await output.notice(UNSUPPORTED)
                    return
                # A caption: read as text, the file is not.
                await output.notice(CAPTION_NOTE)
                text = params["Body"]
                metadata = {"file": {"type": params.get("MediaContentType0") or "file", "read": False}}
            else:
                text = self.numbered.resolve(conversation, params.get("Body") or "")
            await guarded(on_new_message)(
                UserMessage(text, output, conversation, input_channel=self.name(), metadata=metadata)
            )
        except asyncio.CancelledError:
            raise
        except Exception:  # noqa: BLE001 - one bad message must not take the webhook down
            log.exception("Twilio message could not be handled")
