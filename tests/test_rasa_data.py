"""Rasa's own checks: the training data validates, the held-out set stays independent,
and the conversation test stories (bot/tests) pass with the trained model."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
RASA = ROOT / ".venv" / "bin" / "rasa"
MODEL = ROOT / "models" / "impulsa.tar.gz"


def rasa(*args, timeout=900):
    return subprocess.run([str(RASA), *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout)


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9ñ ]+", "", re.sub(r"\s+", " ", text)).strip()


def test_rasa_data_validate_is_clean():
    result = rasa("data", "validate", "--domain", "bot/domain", "--data", "bot/data", "--config", "config.yml")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    output = result.stdout + result.stderr
    unused = set(re.findall(r"The utterance '(\w+)' is not used in any story or rule", output))
    # Responses that only custom actions utter are reported as unused; each must really be used by an action.
    code = "\n".join(p.read_text() for p in (ROOT / "actions").glob("*.py"))
    patterns = set(re.findall(r'response=f?"(utter_[a-z_{}.]+)"', code))
    regexes = [re.compile("^" + re.sub(r"\{[^}]+\}", r"\\w+", p) + "$") for p in patterns]
    said_by_rasa = {"utter_restart"}  # Rasa's own action_restart says it
    dead = [name for name in unused - said_by_rasa if not any(r.match(name) for r in regexes)]
    assert dead == [], f"responses nobody uses: {dead}"
    other_warnings = [
        line for line in output.splitlines()
        if "UserWarning" in line and "is not used in any story" not in line and "Slot auto-fill" not in line
    ]
    assert other_warnings == []


def test_the_heldout_sets_are_never_trained_on():
    from rasa.shared.nlu.training_data.loading import load_data

    trained = {normalise(e.get("text")) for e in load_data(str(ROOT / "bot" / "data" / "nlu")).training_examples}
    for name, es, en in (("heldout.yml", 300, 100), ("heldout_chats.yml", 200, 80)):
        heldout = yaml.safe_load((ROOT / "tests" / "nlu" / name).read_text())["examples"]
        overlap = [e["text"] for e in heldout if normalise(e["text"]) in trained]
        assert overlap == [], f"{name}: held-out examples found in the training data: {overlap}"
        assert sum(e["lang"] == "es" for e in heldout) >= es and sum(e["lang"] == "en" for e in heldout) >= en


@pytest.mark.skipif(not MODEL.exists(), reason="no trained model: run `make train`")
def test_conversation_stories_pass(tmp_path):
    out = tmp_path / "results"
    result = rasa("test", "core", "--model", str(MODEL), "--stories", "bot/tests", "--out", str(out))
    assert result.returncode == 0, result.stderr[-3000:]
    failed = out / "failed_test_stories.yml"
    text = failed.read_text() if failed.exists() else ""
    assert "story:" not in text, f"failed test stories:\n{text}"
