"""Fixtures for the knowledge base: every test database is built under tmp, never in var/."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from knowledge.paths import PROJECT_ROOT, SOURCES_DIR

# The read-only reference gazetteer beside the repo (MIT); CI may not have it.
REFERENCE_UBIGEO = PROJECT_ROOT.parent / "shared" / "data" / "ubigeo"


@pytest.fixture
def sources_copy(tmp_path) -> Path:
    """A private copy of the sources that a test may break."""
    target = tmp_path / "sources"
    shutil.copytree(SOURCES_DIR, target)
    return target


def run_cli(*args: str, db: Path | None = None, env: dict | None = None, timeout: int = 60):
    """`python -m knowledge ARGS` in a subprocess, from the project root."""
    environment = dict(os.environ)
    environment.pop("KNOWLEDGE_DB", None)
    if db is not None:
        environment["KNOWLEDGE_DB"] = str(db)
    environment.update(env or {})
    return subprocess.run([sys.executable, "-m", "knowledge", *args], cwd=PROJECT_ROOT, env=environment,
                          capture_output=True, text=True, timeout=timeout)
