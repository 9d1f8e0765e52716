"""What the action server loads before it answers its first request.

Each store (the lexicon, the texts, the policy, the knowledge base) is loaded on first use. Left to the
first message, that was about 2 s (the lexicon alone 1.7 s): the first applicant after every start waited
for it, and on a busy machine got the "technical problem" apology (channels/safety.py answers at 4 s).
`warm_up()` is called once by the action server's start (rasa_sdk_plugins/), never on import.
"""

from __future__ import annotations

import logging
import time

log = logging.getLogger(__name__)


def _stores() -> dict:
    import knowledge.db
    import rules
    from actions import texts
    from actions.understanding import lexicon

    return {"lexicon": lexicon.current, "texts": texts.keys, "policy": rules.current_policy,
            "knowledge base": knowledge.db.served}


def warm_up() -> list[str]:
    """Load every store now. Returns the names of those that could not be loaded: each is tried again, and
    its problem said, by the first message that needs it, as without a warm-up."""
    started = time.perf_counter()
    failed = []
    for name, load in _stores().items():
        try:
            load()
        except Exception as error:  # noqa: BLE001 - a broken file must not keep the server from starting
            log.warning("%s not loaded at start (%s: %s); tried again on the first message", name,
                        type(error).__name__, error)
            failed.append(name)
    loaded = [name for name in _stores() if name not in failed]
    log.info("loaded at start in %.1f s: %s", time.perf_counter() - started, ", ".join(loaded) or "nothing")
    return failed
