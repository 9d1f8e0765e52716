"""Every message gets a reply within a few seconds, even when the action server is down or stuck.

Rasa waits up to 5 minutes for a custom action and, when the action server
cannot be reached, logs the error and answers nothing. `guarded` wraps the
handling of each message on our channels: if it takes longer than
REPLY_WITHIN seconds, fails, or ends with no reply while the action server does
not answer its health check, the applicant gets an apology and the employment
centre's contact instead of silence (a message that was answered gets no
apology). A slow message is not cancelled: it finishes, its events are saved,
and on WhatsApp its reply still goes out. The REST channel
(`SafeRestInput`, at /webhooks/rest/) is Rasa's, with this guard.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time

import aiohttp
from rasa.core.channels.rest import RestInput

log = logging.getLogger(__name__)
REPLY_WITHIN = 4.0  # seconds; the applicant gets an answer within 5
HEALTH_TTL = 2.0  # seconds a health check result is trusted
_health = {"checked": 0.0, "up": True}


def apology() -> str:
    """In both languages (the conversation's language may be what is unavailable), with a real contact."""
    contact = ""
    try:
        import knowledge

        hq = knowledge.centre("lima") or {}
        if hq.get("address"):
            contact = f" {hq.get('name_es', 'Impulsa Perú')}: {hq['address']}."
    except Exception:  # noqa: BLE001 - the apology must not fail too
        log.debug("no headquarters contact for the apology")
    return (
        "Disculpa, tengo un problema técnico. Intenta de nuevo en unos minutos o acércate a tu centro de "
        f"empleo.{contact} / Sorry, I have a technical problem; please try again later or visit your "
        "employment centre."
    )


async def actions_up() -> bool:
    url = os.environ.get("ACTION_ENDPOINT_URL", "")
    if not url:
        return True
    now = time.monotonic()
    if now - _health["checked"] < HEALTH_TTL:
        return _health["up"]
    health = url.rsplit("/", 1)[0] + "/health"
    try:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=0.5)) as session:
            async with session.get(health) as response:
                up = response.status == 200
    except (aiohttp.ClientError, asyncio.TimeoutError):
        up = False
    _health.update(checked=now, up=up)
    return up


# Messages still being processed after their apology: referenced here until they finish (the
# event loop keeps only weak references to tasks).
_late: set[asyncio.Task] = set()


def nothing_said() -> str:
    """For a message that got no reply at all (a Rasa default such as "/session_start" answers
    nothing): what the assistant can do, in both languages, as its own texts word it."""
    try:
        from actions import texts

        return f"{texts.render('default', 'es').text} / {texts.render('default', 'en').text}"
    except Exception:  # noqa: BLE001 - the fallback must not fail too
        return "Perdona, no te entendí. / Sorry, I didn't understand that."


def _counted(channel) -> list:
    """Count what the output channel sends for this message (the instance's own send_response)."""
    sent: list = []
    original = channel.send_response

    async def send_response(recipient_id, message):
        sent.append(1)
        await original(recipient_id, message)

    channel.send_response = send_response
    return sent


def guarded(on_new_message):
    async def handle(message) -> None:
        sent = _counted(message.output_channel)
        # The processing runs as its own task: past REPLY_WITHIN the applicant gets the apology,
        # but the processing is not cancelled. Cancelling it mid-way would lose the real reply (on
        # WhatsApp it still goes out when ready) and possibly the tracker's save; the events of a
        # message that finishes late are kept like any other's.
        processing = asyncio.ensure_future(on_new_message(message))
        _late.add(processing)
        processing.add_done_callback(_late.discard)
        done, _ = await asyncio.wait({processing}, timeout=REPLY_WITHIN)
        if not done:
            log.error("no reply within %.0f s: apology sent; the message is still being processed", REPLY_WITHIN)
            processing.add_done_callback(_finished_late)
            await message.output_channel.send_text_message(message.sender_id, apology())
            return
        if processing.exception() is not None:
            await message.output_channel.send_text_message(message.sender_id, apology())
            processing.result()  # raised again for the channel to log, as before
        if sent:
            return  # answered: whatever the action server is doing now, this applicant has their reply
        if not await actions_up():
            log.error("action server unavailable: apology sent")
            await message.output_channel.send_text_message(message.sender_id, apology())
        else:
            # Every message gets an answer, even one Rasa handled without the dialogue.
            log.warning("a message got no reply: the assistant says what it can do")
            await message.output_channel.send_text_message(message.sender_id, nothing_said())

    return handle


def _finished_late(task: asyncio.Task) -> None:
    if task.cancelled():
        log.warning("a late message was cancelled before it finished (server stopping)")
    elif task.exception() is not None:
        log.error("a late message failed: %s", type(task.exception()).__name__)
    else:
        log.info("a late message finished; its events are saved")


class SafeRestInput(RestInput):
    """Rasa's REST channel (same URL, same JSON), with the reply guarantee."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message):
        return super().blueprint(guarded(on_new_message))
