"""The one module that talks to durable_rules. Everything else goes through `Ruleset`.

durable_rules' edges, and what this wrapper does about each:

- At most 1,024 live sessions per ruleset: the 1,025th `assert_fact` raises
  MemoryError and the process later segfaults. Each evaluation uses its own
  session and deletes it as soon as its actions are done; a counter refuses
  to go near the limit rather than crash. A session that failed half-way
  cannot be deleted safely (that aborts the process), so its ruleset is
  retired instead and the evaluator compiles a fresh one.
- `post` fires only one matching rule; `assert_fact` fires all of them. The
  compiled policy needs every requirement's rule to fire, so facts are
  asserted, never posted.
- An exception raised inside a Python action is stored in the session state
  instead of being raised, and the Host's background timer threads call into
  the C extension on their own. So no Python actions and no `Host`: rule names
  say what they mean (`CODE|OUTCOME`, see compiler.py) and the actions durable
  queues are read and completed here, through the extension's own calls.
- A rule of only `$neq`/`$nex` conditions can loop on its own state: every
  compiled rule carries a positive anchor, and a run that fires more actions
  than the ruleset has rules is stopped with EngineError.
- A ruleset name cannot be registered twice: names carry a process-wide
  counter, so a reloaded policy always gets a new one.
- No `$in` operator: the compiler expands membership tests.
- The C extension is not thread-safe: every call holds one process-wide lock.
- Nothing matching (MessageNotHandledException in the Host API) still
  creates a session, and deleting such a session corrupts the heap ("free():
  invalid size", then a crash, depending on the allocator's state). So every
  ruleset gets one more rule, SEEN, that matches every fact: durable always
  handles the fact, and the session is deleted the normal way.
"""

from __future__ import annotations

import itertools
import json
import threading

import durable_rules_engine as _durable

from rules.compiler import ANCHOR

# One lock for the whole extension, not per ruleset: its globals are shared.
_LOCK = threading.RLock()
_NAMES = itertools.count(1)
_SESSIONS = itertools.count(1)
SESSION_LIMIT = 1024  # durable_rules' own limit per ruleset

SEEN = f"{ANCHOR}|seen"  # the catch-all rule (see above); never reported as an outcome


class EngineError(RuntimeError):
    """durable_rules did something the wrapper does not accept."""


class Ruleset:
    """A compiled ruleset: `fire(facts)` returns the names of the rules that matched."""

    def __init__(self, definition: dict, label: str = "policy"):
        self.name = f"{label}_{next(_NAMES)}"
        self.live_sessions = 0
        self.last_sid = ""
        self.usable = True
        definition = {**definition, SEEN: {"all": [{"m": {ANCHOR: 1}}]}}
        self.rule_count = len(definition)
        with _LOCK:
            self._handle = _durable.create_ruleset(self.name, json.dumps(definition, ensure_ascii=False))

    def fire(self, facts: dict) -> list[str]:
        """Assert the facts in a fresh session, run every matching rule once, delete the session.

        If anything goes wrong half-way, the ruleset is retired (`usable` turns
        False) and never called again: deleting a session whose actions were not
        all completed, or abandoning an action that is not in flight, aborts the
        whole process inside the C extension. The owner compiles a fresh one.
        """
        sid = self.last_sid = f"s{next(_SESSIONS)}"
        message = json.dumps({**facts, ANCHOR: 1, "sid": sid}, ensure_ascii=False)
        with _LOCK:
            if not self.usable:
                raise EngineError(f"ruleset {self.name} is closed")
            if self.live_sessions >= SESSION_LIMIT - 1:
                raise EngineError(f"ruleset {self.name} has {self.live_sessions} live sessions; refusing another")
            self.live_sessions += 1
            try:
                code, state = _durable.assert_fact(self._handle, message)
                if code != 0:  # not even SEEN matched: do not touch that session
                    raise EngineError(f"durable_rules answered {code} to a new applicant")
                fired = self._drain(state)
            except BaseException:
                self.usable = False
                raise
            self._delete(sid)
            return [name for name in fired if name != SEEN]

    def _drain(self, state) -> list[str]:
        """Take the queued actions one by one; each is one matched rule."""
        fired: list[str] = []
        started = _durable.start_action_for_state(self._handle, state)
        action = started[1] if started else None
        while action:
            # An action is '{"RULE NAME": {...the fact...}}'; compiled rule names hold no quotes.
            if not action.startswith('{"'):
                raise EngineError(f"unexpected action from durable_rules: {action[:80]!r}")
            fired.append(action[2 : action.index('"', 2)])
            if len(fired) > self.rule_count:
                raise EngineError(f"ruleset {self.name} fired more actions than it has rules: a loop")
            action = _durable.complete_and_start_action(self._handle, state)
        return fired

    def _delete(self, sid: str) -> None:
        _durable.delete_state(self._handle, sid)
        self.live_sessions -= 1

    def _exists(self, sid: str) -> bool:
        try:
            _durable.get_state(self._handle, sid)
            return True
        except _durable.error:
            return False

    def has_session(self, sid: str) -> bool:
        """For tests: does durable_rules still hold this session?"""
        with _LOCK:
            return self._exists(sid)

    def close(self) -> None:
        """Free the ruleset inside durable_rules (its name is never reused)."""
        with _LOCK:
            if self.usable:
                self.usable = False
                _durable.delete_ruleset(self._handle)
