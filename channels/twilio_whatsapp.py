"""WhatsApp through Twilio: `channels.twilio_whatsapp.TwilioWhatsAppInput` in credentials.yml.

Rasa's built-in twilio connector checks no X-Twilio-Signature and rewrites
"¡" to "@", which corrupts Spanish. This one checks the signature with
Twilio's RequestValidator (a forged or unsigned request gets 403 and nothing
is processed), keeps the text exactly as typed, handles each MessageSid once,
reads shared locations, and answers media politely. Choices go out as
numbered text (a reply of "2" picks the second one).
"""

from __future__ import annotations

import asyncio
import logging
import urllib.parse

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from twilio.request_validator import RequestValidator

from channels.delivery import NumberedChoices, RecentIds, post_with_retries, pseudonym
from channels.safety import guarded
from channels.whatsapp import LOCATION_TEXT, UNSUPPORTED, chunks

log = logging.getLogger(__name__)
DEFAULT_API = "https://api.twilio.com"
TEXT_LIMIT = 1600  # Twilio's limit for one WhatsApp message body


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

    async def send_text_message(self, recipient_id: str, text: str, **kwargs) -> None:
        import aiohttp

        for chunk in chunks(text, TEXT_LIMIT):
            await post_with_retries(
                self.url,
                what="Twilio API",
                data={"From": self.sender, "To": self.to, "Body": chunk},
                auth=aiohttp.BasicAuth(*self.auth),
            )

    async def send_text_with_buttons(self, recipient_id: str, text: str, buttons: list, **kwargs) -> None:
        self.numbered.remember(self.conversation, buttons)
        await self.send_text_message(recipient_id, NumberedChoices.render(text, buttons))


class TwilioWhatsAppInput(InputChannel):
    def __init__(
        self,
        account_sid: str = "",
        auth_token: str = "",
        whatsapp_number: str = "",
        webhook_url: str = "",
        api_base: str = DEFAULT_API,
    ):
        self.account_sid = account_sid or ""
        self.auth_token = auth_token or ""
        number = whatsapp_number or ""
        self.whatsapp_number = number if number.startswith("whatsapp:") or not number else f"whatsapp:{number}"
        self.webhook_url = webhook_url or ""
        self.api_base = api_base or DEFAULT_API
        self.seen = RecentIds()
        self.numbered = NumberedChoices()

    @classmethod
    def name(cls) -> str:
        return "twilio_whatsapp"

    @classmethod
    def from_credentials(cls, credentials: dict | None) -> TwilioWhatsAppInput:
        credentials = credentials or {}
        return cls(
            **{
                key: str(credentials.get(key) or "")
                for key in ("account_sid", "auth_token", "whatsapp_number", "webhook_url", "api_base")
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
            params = form_params(request)
            sid = params.get("MessageSid") or params.get("SmsSid") or ""
            if params.get("From") and (not sid or self.seen.first_time(sid)):
                request.app.add_task(self.handle(params, on_new_message))
            # Empty TwiML: the answer goes out through the REST API.
            return response.text("<Response></Response>", content_type="text/xml")

        return hook

    async def handle(self, params: dict, on_new_message) -> None:
        phone = params["From"]
        conversation = pseudonym(self.auth_token, phone, "tw")
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
            elif int(params.get("NumMedia") or 0) > 0 and not params.get("Body"):
                await output.send_text_message(conversation, UNSUPPORTED)
                return
            else:
                text = self.numbered.resolve(conversation, params.get("Body") or "")
            await guarded(on_new_message)(
                UserMessage(text, output, conversation, input_channel=self.name(), metadata=metadata)
            )
        except asyncio.CancelledError:
            raise
        except Exception:  # noqa: BLE001 - one bad message must not take the webhook down
            log.exception("Twilio message could not be handled")
