"""Case codes in the conversation: one ends every result, and one typed in any channel restores the case.

The code (rules/casecode.py) carries the applicant's answers, sealed with the deployment's
CASE_CODE_KEY, so a screening moves from WhatsApp to the web, or to staff (`python -m rules case`),
with nothing stored on a server. Without the key no code is shown, and a typed code is answered
with a plain "not available here". Codes decode to income and disability: they are never logged
(server/log_privacy.py masks them in the Rasa server; nothing here logs one).
"""

from __future__ import annotations

import datetime as dt

from actions.slots import FACT_SLOTS
from rules import casecode
from server.log_privacy import CASE_CODE


def make(slots: dict) -> str | None:
    """The code for these answers, or None when this deployment has no key."""
    try:
        secret = casecode.key_from_env()
    except casecode.NoKey:
        return None
    facts = {name: slots.get(name) for name in FACT_SLOTS if slots.get(name) is not None}
    return casecode.encode(facts, secret, dt.date.today())


def find(text: str) -> str | None:
    """The code in a message ("tengo un código IMP-7K3QM-9XZ4AB"), as typed, or None."""
    found = CASE_CODE.search(text or "")
    return found.group(0) if found else None


def read(code: str) -> tuple[dict | None, str | None]:
    """(the answers, None) or (None, why not: "unavailable", "mistyped" or "unknown")."""
    try:
        case = casecode.decode(code, casecode.key_from_env())
    except casecode.NoKey:
        return None, "unavailable"
    except casecode.MistypedCode:
        return None, "mistyped"
    except casecode.CaseCodeError:
        return None, "unknown"
    return case.facts, None
