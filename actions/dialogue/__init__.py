"""The dialogue: what the bot answers to each message, in plain Python.

Rasa runs one custom action, `action_respond` (actions/respond.py), after
every user message; that action hands the message and the slots to
`respond()`, which returns the messages to send and the slots to change.
Rasa's part is to understand the message (the intent), keep the
conversation and carry the channels. Keeping the dialogue here, rather than
in Rasa rules and forms, is what makes its promises hold in every state:

- every message gets at least one reply (turn.Turn.outcome);
- no action is predicted twice without a user message in between: the one
  action always ends the turn;
- no text is sent twice in a row (turn.Turn.add);
- no question is asked more than three times (screening.MAX_REASKS);
- "borrar mis datos", "empezar de nuevo" and "hablar con alguien" work in
  every state (flow.respond handles them first).

Modules: turn (the working object and its guarantees), reading (what a
message says), screening (which question next), replies (questions, centre,
person, misses), flow (the order of it all).
"""

from actions.dialogue.flow import respond
from actions.dialogue.turn import Conversation, Incoming, Outcome

__all__ = ["Conversation", "Incoming", "Outcome", "respond"]
