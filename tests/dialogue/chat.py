"""A conversation with the dialogue in-process, without Rasa: the tests say which intent the
classifier would give each message, so every state can be reached and checked quickly.

    chat = Chat()
    assert chat.say("hola", "greet") == [text("greet"), text("offer")]
"""

from __future__ import annotations

from actions import texts
from actions.dialogue import Conversation, Incoming, respond


def text(key: str, lang: str = "es", **values) -> str:
    """What the bot says for `key`, as the applicant sees it."""
    return texts.render(key, lang, **values).text


def next_question(skipped: tuple = (), lang: str = "es", **facts) -> str:
    """The question the screening asks after these facts (where they live unknown): the engine's first
    needed fact, in the order the policy stores (rules/policy/ask_order.yml; its own tests check that order)."""
    from rules import ask_order, current_policy, evaluate

    needed = [f for f in evaluate(facts).needed if f not in skipped]
    # One question for the largest group (asked_together.yml) none of whose other facts is known; the
    # tests that use this helper have given consent.
    group = ask_order.group_of(current_policy(), needed[0], lambda f: facts.get(f) is not None or f in skipped)
    if group:
        return text(group.text, lang)
    return text(f"ask_{needed[0]}", lang)


def plain(reply: str, lang: str = "es") -> str:
    """The reply without the marker a repetition gets ("Como te decía: ...")."""
    before, _, after = text("repeat", lang, text="\0").partition("\0")
    return reply[len(before):len(reply) - len(after)] if reply.startswith(before) and reply.endswith(after) else reply


class Chat:
    def __init__(self, **slots) -> None:
        self.slots: dict = dict(slots)
        self.last: str | None = None
        self.turns = 0
        self.messages: list = []  # the last turn's messages (texts.Message)
        self.outcome = None
        self.erased = False

    def say(self, message: str, intent: str | None = "inform", confidence: float = 0.95,
            metadata: dict | None = None) -> list[str]:
        conversation = Conversation(slots=dict(self.slots), last_bot_text=self.last, first_message=self.turns == 0)
        self.outcome = respond(conversation, Incoming(message, intent, confidence, [], metadata or {}, "rest"))
        self.turns += 1
        if self.outcome.reset:
            self.slots = {}
        self.slots.update(self.outcome.slots)
        self.erased = self.outcome.erase
        if self.outcome.erase:  # the tracker store forgets the whole conversation
            self.slots, self.turns = {}, 0
        self.messages = self.outcome.messages
        self.last = None if self.erased else (self.messages[-1].text if self.messages else self.last)
        return [m.text for m in self.messages]

    def buttons(self) -> list[str]:
        return [b["title"] for m in self.messages for b in m.buttons]
