"""Shared fixtures. End-to-end fixtures start real servers once per session."""

from __future__ import annotations

import pytest

from tests import servers as server_control


@pytest.fixture(scope="session")
def bot(tmp_path_factory):
    """The trained bot behind the real Rasa and action servers, on free ports."""
    running = server_control.start(tmp_path_factory.mktemp("servers"))
    try:
        yield running
    finally:
        server_control.stop(running)
