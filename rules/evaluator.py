"""Evaluating applicants with durable_rules, and keeping the policy current.

`Evaluator` holds one loaded policy and compiles a ruleset per period on first
use. `PolicyStore` is what a long-running process (the action server) holds:
it notices edited policy files, loads, checks and evaluates them, and swaps
them in only if they are good; a broken edit is refused and the last good
policy keeps serving.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from pathlib import Path

from datafiles import LastGood
from rules import ask_order
from rules.compiler import compile_period, parse_rule_name
from rules.dates import as_date
from rules.decision import Decision, decide
from rules.engine import EngineError, Ruleset
from rules.facts import clean_facts
from rules.inputs import load_policy, project_lists
from rules.policy import LANGS, POLICY_DIR, POLICY_FILES, Policy, PolicyError

__all__ = ["Evaluator", "PolicyStore", "as_date", "verify"]
log = logging.getLogger(__name__)


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


def verify(evaluator: Evaluator) -> None:
    """Evaluate sample applicants on every change date and today with durable_rules and with the
    reference evaluator; raise on any exception or any disagreement. A policy store installs no
    version that fails this."""
    from rules.loading import sample_values
    from rules.reference import evaluate as reference

    policy = evaluator.policy
    samples: list[dict] = [{}]
    for name, fact in policy.facts.items():
        samples += [{name: value} for value in sample_values(fact)]
    for i in range(3):
        samples.append({name: values[i % len(values)]
                        for name, fact in policy.facts.items() for values in [sample_values(fact)]})
    dates = sorted({*policy.change_dates(), max(dt.date.today(), policy.change_dates()[0])})
    for on in dates:
        for facts in samples:
            got = evaluator.evaluate(facts, on=on).to_dict()
            expected = reference(policy, facts, on=on)
            if got != expected:
                raise EngineError(f"on {on}, durable_rules and the reference evaluator disagree for {facts}")


class PolicyStore:
    """The current policy for a long-running process, reloaded when its files change.

    A new version is installed only once it has loaded and `verify` has evaluated it on every change
    date and today; any exception on the way (a broken file, a loader bug, an engine that refuses the
    ruleset) keeps the last good version serving and logs why (datafiles.LastGood).
    """

    def __init__(self, folder: str | Path | None = None, check_every: float = 1.0, lists=None):
        self.folder = Path(folder) if folder else None
        self._lists = lists or project_lists  # () -> {name: Injected}
        self._list_sources: tuple = ()
        self._retired: list[Evaluator] = []
        self._store = LastGood(self._build, self._sources, name="policy", check_every=check_every)

    def evaluator(self) -> Evaluator:
        return self._store.get()

    @property
    def problems(self):
        """What was wrong with the last version refused ([] when the last one loaded)."""
        return self._store.problems

    def reload(self) -> Policy:
        """Load the files now; raise PolicyError (and keep the old policy) if they are broken."""
        problems = self._store.reload()
        if problems:
            raise PolicyError(problems)
        return self._store.get().policy

    def _sources(self) -> list[Path]:
        folder = self.folder or POLICY_DIR
        return [folder / name for name in (*POLICY_FILES, *ask_order.FILES)] + list(self._list_sources)

    def _build(self) -> Evaluator:
        lists = self._lists()
        self._list_sources = tuple(path for injected in lists.values() for path in injected.sources)
        evaluator = Evaluator(load_policy(self.folder, lists))
        try:
            verify(evaluator)
        except BaseException:
            evaluator.close()
            raise
        # Evaluators retired at the previous reload are surely idle by now.
        for old in self._retired:
            old.close()
        current = self._store.current
        self._retired = [current] if current else []
        log.info("policy version %s loaded (%s)", evaluator.policy.version, evaluator.policy.digest)
        return evaluator
