"""Impulsa Perú eligibility and routing engine.

    from rules import evaluate
    decision = evaluate({"age": 35, "education": "secondary_complete", ...}, on="2024-05-01", lang="es")
    decision.components["capacitacion_laboral"].status   # "eligible" | "needs_info" | "not_eligible"
    decision.to_dict()                                   # the JSON interface of `python -m rules evaluate`

The policy lives in rules/policy/*.yml (see docs/maintaining.md); it is
loaded on first use and reloaded when its files change. Nothing happens at
import time.
"""

from __future__ import annotations

import os

from rules.decision import ComponentDecision, Decision, Reason
from rules.engine import EngineError
from rules.evaluator import Evaluator, PolicyStore
from rules.facts import FactError
from rules.inputs import load_policy
from rules.policy import Policy, PolicyError

__all__ = [
    "ComponentDecision",
    "Decision",
    "EngineError",
    "Evaluator",
    "FactError",
    "Policy",
    "PolicyError",
    "PolicyStore",
    "Reason",
    "current_policy",
    "evaluate",
    "load_policy",
]

# POLICY_DIR points a process at another policy folder (tests, staging); the
# store reads nothing until the first evaluation.
_store = PolicyStore(os.environ.get("POLICY_DIR") or None)


def evaluate(facts: dict, on=None, lang: str = "es") -> Decision:
    """Decide, for one applicant's facts, each component's status and why.

    `on` is the evaluation date (date or "YYYY-MM-DD", default today);
    `lang` is "es" or "en". Raises FactError for an unknown fact or a bad value.
    """
    return _store.evaluator().evaluate(facts, on=on, lang=lang)


def current_policy() -> Policy:
    return _store.evaluator().policy
