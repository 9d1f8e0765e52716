"""Fixtures for the engine tests: the real policy, and editable copies of it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rules import Evaluator, load_policy
from rules.policy import POLICY_DIR

ROOT = POLICY_DIR.parent.parent


@pytest.fixture(scope="session")
def policy():
    return load_policy()


@pytest.fixture(scope="session")
def evaluator(policy):
    engine = Evaluator(policy)
    yield engine
    engine.close()


@pytest.fixture
def policy_copy(tmp_path) -> Path:
    """A copy of the project laid out like the real one (rules/policy + the profiles file)."""
    folder = tmp_path / "rules" / "policy"
    shutil.copytree(POLICY_DIR, folder)
    profiles = tmp_path / "knowledge" / "sources" / "profiles.yml"
    profiles.parent.mkdir(parents=True)
    shutil.copy(ROOT / "knowledge" / "sources" / "profiles.yml", profiles)
    return folder


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))
