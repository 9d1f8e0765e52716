"""Fixtures for the engine tests: the real policy, and editable copies of it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rules import Evaluator, load_policy
from rules.policy import POLICY_DIR

ROOT = POLICY_DIR.parent.parent
# An applicant who meets every requirement of every component (tests change one fact at a time).
FULL = {
    "age": 35,
    "education": "secondary_complete",
    "employment_status": "unemployed",
    "monthly_income": 900,
    "household_head": True,
    "children": 2,
    "has_disability": False,
    "work_experience_years": 5,
    "occupation": "bordador",
    "occupation_experience_years": 3,
    "goal": "job",
}


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
