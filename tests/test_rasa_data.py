"""Rasa's own checks: the training data validates cleanly, and the held-out set stays independent.
(Whole conversations are tested against the running servers: tests/e2e, tests/simulation.)"""

from __future__ import annotations

import os
import re
import subprocess
import unicodedata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
RASA = ROOT / ".venv" / "bin" / "rasa"


def rasa(*args, timeout=900):
    # SQLAlchemy's 2.0 notice is about Rasa's own code; the Makefile silences it the same way.
    env = {**os.environ, "SQLALCHEMY_SILENCE_UBER_WARNING": "1"}
    return subprocess.run([str(RASA), *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout, env=env)


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9ñ ]+", "", re.sub(r"\s+", " ", text)).strip()


def test_rasa_data_validate_is_clean():
    result = rasa("data", "validate", "--domain", "bot/domain", "--data", "bot/data", "--config", "config.yml")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    output = result.stdout + result.stderr
    warnings = [line for line in output.splitlines() if "UserWarning" in line or "WARNING" in line]
    assert warnings == []


def test_the_heldout_sets_are_never_trained_on():
    from rasa.shared.nlu.training_data.loading import load_data

    trained = {normalise(e.get("text")) for e in load_data(str(ROOT / "bot" / "data" / "nlu")).training_examples}
    for name, es, en in (("heldout.yml", 300, 100), ("heldout_chats.yml", 200, 80)):
        heldout = yaml.safe_load((ROOT / "tests" / "nlu" / name).read_text())["examples"]
        overlap = [e["text"] for e in heldout if normalise(e["text"]) in trained]
        assert overlap == [], f"{name}: held-out examples found in the training data: {overlap}"
        assert sum(e["lang"] == "es" for e in heldout) >= es and sum(e["lang"] == "en" for e in heldout) >= en
