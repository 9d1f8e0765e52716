"""Shared fixtures. End-to-end fixtures start real servers once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

import knowledge
from knowledge import build
from knowledge.paths import SOURCES_DIR
from tests import servers as server_control


@pytest.fixture(scope="session")
def kb_path(tmp_path_factory) -> Path:
    """A knowledge base built from the real sources under tmp (never var/), shared by read-only tests."""
    path = tmp_path_factory.mktemp("kb") / "knowledge.db"
    build.build(path, SOURCES_DIR)
    return path


@pytest.fixture
def kb(kb_path):
    """The knowledge API pointed at the session database for one test."""
    knowledge.use_database(kb_path)
    yield kb_path
    knowledge.use_database(None)


@pytest.fixture(scope="session")
def bot(tmp_path_factory, kb_path):
    """The trained bot behind the real Rasa and action servers, on free ports."""
    running = server_control.start(tmp_path_factory.mktemp("servers"), {"KNOWLEDGE_DB": str(kb_path)})
    try:
        yield running
    finally:
        server_control.stop(running)
