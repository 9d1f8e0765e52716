"""The held-out sets stay independent of the training data (`rasa data validate` is run, and its warnings
judged, by tests/test_foundation.py).
(Whole conversations are tested against the running servers: tests/e2e, tests/simulation.)"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9ñ ]+", "", re.sub(r"\s+", " ", text)).strip()


def test_the_heldout_sets_are_never_trained_on():
    from rasa.shared.nlu.training_data.loading import load_data

    trained = {normalise(e.get("text")) for e in load_data(str(ROOT / "bot" / "data" / "nlu")).training_examples}
    for name, es, en in (("heldout.yml", 300, 100), ("heldout_chats.yml", 200, 80)):
        heldout = yaml.safe_load((ROOT / "tests" / "nlu" / name).read_text())["examples"]
        overlap = [e["text"] for e in heldout if normalise(e["text"]) in trained]
        assert overlap == [], f"{name}: held-out examples found in the training data: {overlap}"
        assert sum(e["lang"] == "es" for e in heldout) >= es and sum(e["lang"] == "en" for e in heldout) >= en
