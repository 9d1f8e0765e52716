"""One turn of the conversation: what the applicant just sent, what the bot knew, and what it answers.

`Turn` is the working object the dialogue passes around: it holds a copy of
the slots that the turn may change, and the messages the bot will send.
Two of the dialogue's promises are kept here, for every reply whatever code
produced it: a turn always ends with at least one message, and no message
repeats, word for word, the one the applicant saw just before it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from actions import texts
from actions.slots import LANGS
from actions.texts import Message


@dataclass
class Incoming:
    """The applicant's message as Rasa understood it."""

    text: str = ""
    intent: str | None = None
    confidence: float = 0.0
    entities: list = field(default_factory=list)
    metadata: dict = field(default_factory=dict)
    channel: str | None = None


@dataclass
class Conversation:
    """What the bot knew before the message: the slots, and what it said last."""

    slots: dict = field(default_factory=dict)
    last_bot_text: str | None = None
    first_message: bool = False


@dataclass
class Outcome:
    """What the turn decided: the messages, the slot values that changed, and the side effects."""

    messages: list[Message]
    slots: dict
    reset: bool = False  # start over: every slot back to its initial value, then `slots`
    erase: bool = False  # delete every stored event of this conversation (Ley 29733)
    # Decision-log writes: ("progress", screening id, slot) or ("result", screening id, decision).
    records: list = field(default_factory=list)


class Turn:
    def __init__(self, conversation: Conversation, incoming: Incoming) -> None:
        self.incoming = incoming
        self.conversation = conversation
        self._slots = dict(conversation.slots)
        self.changed: dict = {}
        self.messages: list[Message] = []
        self.records: list = []
        self.reset = False
        self.erase = False

    # --- slots -------------------------------------------------------------------------------

    def get(self, name: str):
        return self._slots.get(name)

    def set(self, name: str, value) -> None:
        if self._slots.get(name) != value or name in self.changed:
            self._slots[name] = value
            self.changed[name] = value

    def start_over(self, initial: dict) -> None:
        """Forget every slot (as Rasa's AllSlotsReset does), then keep `initial`."""
        self._slots = dict(initial)
        self.changed = dict(initial)
        self.reset = True

    @property
    def lang(self) -> str:
        lang = self._slots.get("language")
        return lang if lang in LANGS else "es"

    # --- messages ----------------------------------------------------------------------------

    def say(self, key: str, buttons: list[dict] | None = None, **values) -> None:
        self.add(texts.render(key, self.lang, buttons=buttons, **values))

    def say_text(self, text: str) -> None:
        """A text that does not come from bot/texts (a knowledge-base answer)."""
        self.add(Message(text))

    def add(self, message: Message) -> None:
        previous = self.messages[-1].text if self.messages else self.conversation.last_bot_text
        if message.text == previous:
            # The same words twice in a row read as a stuck bot; say that it is a repetition.
            message = Message(texts.render("repeat", self.lang, text=message.text).text, message.buttons)
        self.messages.append(message)

    def outcome(self) -> Outcome:
        if not self.messages:  # never silence: whatever happened, the applicant gets an answer
            self.say("default")
        return Outcome(self.messages, self.changed, self.reset, self.erase, self.records)
