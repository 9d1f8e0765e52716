"""Evaluating applicants with durable_rules, and keeping the policy current.

`Evaluator` holds one loaded policy and compiles a ruleset per period on first
use. `PolicyStore` is what a long-running process (the action server) holds:
it notices edited policy files, loads and checks them, and swaps them in only
if they are good; a broken edit is refused and the last good policy keeps
serving.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from pathlib import Path

from rules.compiler import compile_period, parse_rule_name
from rules.decision import Decision, decide
from rules.engine import EngineError, Ruleset
from rules.facts import clean_facts
from rules.policy import LANGS, Policy, PolicyError, load_policy

log = logging.getLogger(__name__)


def as_date(on) -> dt.date:
    if on is None:
        return dt.date.today()
    if isinstance(on, dt.datetime):
        return on.date()
    if isinstance(on, dt.date):
        return on
    try:
        return dt.date.fromisoformat(str(on))
    except ValueError:
        raise ValueError(f"not a date (YYYY-MM-DD): {on!r}") from None


class Evaluator:
    def __init__(self, policy: Policy):
        self.policy = policy
        self._rulesets: dict[dt.date, Ruleset] = {}
        self._lock = threading.Lock()

    def ruleset(self, start: dt.date) -> Ruleset:
        with self._lock:
            current = self._rulesets.get(start)
            if current is None or not current.usable:  # first use, or retired after a failure
                definition = compile_period(self.policy.at(start))
                self._rulesets[start] = Ruleset(definition, label=f"impulsa_{self.policy.digest}_{start:%Y%m%d}")
            return self._rulesets[start]

    def evaluate(self, facts: dict, on=None, lang: str = "es") -> Decision:
        if lang not in LANGS:
            raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
        on = as_date(on)
        clean = clean_facts(self.policy, facts)
        period = self.policy.at(on)
        outcomes: dict[str, str] = {}
        referrals: set[str] = set()
        for name in self.ruleset(period.start).fire(clean):
            code, outcome = parse_rule_name(name)
            if outcome == "referral":
                referrals.add(code)
            elif code in outcomes:
                raise EngineError(f"requirement {code} had two outcomes: {outcomes[code]} and {outcome}")
            else:
                outcomes[code] = outcome
        if len(outcomes) != len(self.policy.requirements):
            lost = sorted(set(self.policy.requirements) - set(outcomes))
            raise EngineError(f"no rule fired for requirement(s) {', '.join(lost)}")
        return decide(period, clean, outcomes, referrals, on, lang)

    def live_sessions(self) -> int:
        """durable_rules sessions still open (0 between evaluations)."""
        return sum(ruleset.live_sessions for ruleset in self._rulesets.values())

    def close(self) -> None:
        with self._lock:
            for ruleset in self._rulesets.values():
                ruleset.close()
            self._rulesets.clear()


class PolicyStore:
    """The current policy for a long-running process, reloaded when its files change."""

    def __init__(self, folder: str | Path | None = None, check_every: float = 1.0):
        self.folder = Path(folder) if folder else None
        self.check_every = check_every
        self._lock = threading.Lock()
        self._current: Evaluator | None = None
        self._signature: tuple = ()
        self._refused: tuple = ()
        self._checked = 0.0
        self._retired: list[Evaluator] = []

    def evaluator(self) -> Evaluator:
        with self._lock:
            if self._current is None:
                self._install(load_policy(self.folder))
            elif time.monotonic() - self._checked >= self.check_every:
                self._reload_if_changed()
            return self._current

    def reload(self) -> Policy:
        """Load the files now; raise PolicyError (and keep the old policy) if they are broken."""
        with self._lock:
            self._install(load_policy(self.folder))
            return self._current.policy

    def _reload_if_changed(self) -> None:
        self._checked = time.monotonic()
        signature = _signature(self._current.policy.sources)
        if signature in (self._signature, self._refused):
            return
        try:
            self._install(load_policy(self.folder))
        except PolicyError as error:
            # Logged once per broken edit; the last good policy keeps serving.
            self._refused = signature
            log.error("policy change refused, still serving version %s: %s", self._current.policy.version, error)

    def _install(self, policy: Policy) -> None:
        # Evaluators retired at the previous reload are surely idle by now.
        for old in self._retired:
            old.close()
        self._retired = [self._current] if self._current else []
        self._current = Evaluator(policy)
        self._signature = _signature(policy.sources)
        self._refused = ()
        self._checked = time.monotonic()
        log.info("policy version %s loaded (%s)", policy.version, policy.digest)


def _signature(paths) -> tuple:
    out = []
    for path in paths:
        try:
            stat = Path(path).stat()
            out.append((str(path), stat.st_mtime_ns, stat.st_size))
        except OSError:
            out.append((str(path), None, None))
    return tuple(out)
