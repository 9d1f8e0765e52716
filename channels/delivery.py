"""What both WhatsApp connectors need: sending with retries, remembering which
messages were already handled, pseudonymous sender ids, numbered choices, and
what to say about files."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
from collections import OrderedDict

import aiohttp

log = logging.getLogger(__name__)
RETRY_DELAYS = (0.5, 1.0, 2.0)  # seconds before the 2nd, 3rd and 4th attempt
MAX_RETRY_AFTER = 10.0
REDELIVERY_WINDOW = 7 * 24 * 3600  # seconds: Meta retries a webhook for up to 7 days
# Said when a message carries a file: the bot reads only its caption.
UNSUPPORTED = (
    "Por ahora solo puedo leer mensajes de texto y ubicaciones. / For now I can only read text messages and locations."
)
CAPTION_NOTE = (
    "No puedo abrir archivos: leí solo el texto que enviaste con él. / I can't open files: I only read the text "
    "you sent with it."
)


async def post_with_retries(url: str, *, what: str, delays=RETRY_DELAYS, **kwargs) -> int | None:
    """POST, retrying with backoff on 429, 5xx and network errors; a 4xx gets one clear log line.

    Returns the final HTTP status, or None if the provider could not be reached.
    """
    status = None
    for attempt in range(len(delays) + 1):
        retry_after = None
        try:
            async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=15)) as session:
                async with session.post(url, **kwargs) as response:
                    status = response.status
                    body = await response.text()
                    if status < 400:
                        return status
                    if status != 429 and status < 500:
                        # Not worth retrying: our request is wrong (token, number, payload). The body
                        # is not logged: Twilio's usually quote the recipient's number.
                        log.error("%s refused a message: HTTP %s, error code %s", what, status, error_code(body))
                        return status
                    retry_after = response.headers.get("Retry-After")
        except (aiohttp.ClientError, asyncio.TimeoutError) as error:
            status = None
            log.warning("%s unreachable (attempt %d): %s", what, attempt + 1, error)
        if attempt < len(delays):
            delay = delays[attempt]
            if retry_after:
                try:
                    delay = min(max(float(retry_after), delay), MAX_RETRY_AFTER)
                except ValueError:
                    pass
            await asyncio.sleep(delay)
    log.error("%s: giving up after %d attempts (last status %s)", what, len(delays) + 1, status)
    return status


def error_code(body: str) -> str:
    """The provider's numeric error code (Twilio: `code`; Graph API: `error.code`), or "?"."""
    try:
        data = json.loads(body)
    except ValueError:
        return "?"
    if not isinstance(data, dict):
        return "?"
    code = data.get("code")
    if isinstance(data.get("error"), dict):
        code = data["error"].get("code", code)
    return str(code) if isinstance(code, int) and not isinstance(code, bool) else "?"


class RecentIds:
    """Message ids already handled, in this process's memory; bounded, oldest forgotten first."""

    def __init__(self, size: int = 10_000):
        self.size = size
        self._seen: OrderedDict[str, None] = OrderedDict()

    def first_time(self, message_id: str) -> bool:
        if message_id in self._seen:
            self._seen.move_to_end(message_id)
            return False
        self._seen[message_id] = None
        if len(self._seen) > self.size:
            self._seen.popitem(last=False)
        return True


class SeenIds:
    """Message ids already handled: providers redeliver on timeouts and errors, for days.

    With REDIS_URL set, in Redis (`SET key 1 NX EX window`: one atomic check-and-remember), so every
    Rasa server behind a load balancer shares them and they survive a restart; otherwise in memory
    (one server). Ids are stored hashed: a WhatsApp message id encodes the sender's number. If Redis
    cannot be reached the message is handled (a rare double answer beats a lost message).
    """

    def __init__(self, channel: str, redis_url: str | None = None, window: int = REDELIVERY_WINDOW):
        self.channel, self.window = channel, window
        self.memory = RecentIds()
        self.redis = None
        if redis_url:
            import redis.asyncio

            from server.lock_store import redis_settings

            self.redis = redis.asyncio.Redis(**redis_settings(redis_url), socket_timeout=2, socket_connect_timeout=2)

    def key(self, message_id: str) -> str:
        return f"impulsa:seen:{self.channel}:{hashlib.sha256(message_id.encode()).hexdigest()[:32]}"

    async def first_time(self, message_id: str) -> bool:
        key = self.key(message_id)
        if self.redis is None:
            return self.memory.first_time(key)
        try:
            return bool(await self.redis.set(key, 1, nx=True, ex=self.window))
        except Exception as error:  # noqa: BLE001 - any Redis trouble: handle the message
            log.warning("redelivery check unavailable (%s): handling the message", type(error).__name__)
            return True


def pseudonym(key: str, phone: str, prefix: str) -> str:
    """A stable conversation id that is not the phone number (Ley 29733: no phone in the tracker or logs).

    Keyed with PSEUDONYM_KEY, which is only for this: rotating a provider's secret changes no id.
    """
    digest = hmac.new(key.encode(), phone.encode(), hashlib.sha256).hexdigest()[:20]
    return f"{prefix}-{digest}"


class NumberedChoices:
    """Choices sent as numbered text, so that a reply of "2" means the second payload."""

    def __init__(self, size: int = 10_000):
        self.size = size
        self._pending: OrderedDict[str, list[str]] = OrderedDict()

    @staticmethod
    def render(text: str, buttons: list[dict]) -> str:
        lines = [f"{number}. {button.get('title', '')}" for number, button in enumerate(buttons, start=1)]
        return text + "\n\n" + "\n".join(lines)

    def remember(self, conversation: str, buttons: list[dict]) -> None:
        self._pending[conversation] = [str(b.get("payload") or b.get("title") or "") for b in buttons]
        self._pending.move_to_end(conversation)
        if len(self._pending) > self.size:
            self._pending.popitem(last=False)

    def forget(self, conversation: str) -> None:
        """The bot sent something else: the numbers shown with the earlier question mean nothing now."""
        self._pending.pop(conversation, None)

    def resolve(self, conversation: str, text: str) -> str:
        """The payload a bare number stands for, else the text unchanged."""
        choices = self._pending.get(conversation)
        stripped = (text or "").strip().rstrip(".")
        if choices and stripped.isdigit() and 1 <= int(stripped) <= len(choices):
            self._pending.pop(conversation, None)
            return choices[int(stripped) - 1]
        return text
