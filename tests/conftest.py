"""Shared fixtures. End-to-end fixtures start real servers once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

import knowledge
from knowledge import build
from knowledge.paths import SOURCES_DIR
from tests import servers as server_control


@pytest.fixture(autouse=True)
def decision_log(tmp_path, monkeypatch):
    """Every test writes its decision log under tmp, never to var/."""
    path = tmp_path / "decisions.db"
    monkeypatch.setenv("DECISION_LOG_DB", str(path))
    return path


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


# Channel secrets the test servers run with (tests/channels sign their requests with them).
CHANNEL_SECRETS = {
    "WHATSAPP_VERIFY_TOKEN": "test-verify-token",
    "WHATSAPP_APP_SECRET": "test-app-secret",
    "WHATSAPP_ACCESS_TOKEN": "test-access-token",
    "WHATSAPP_PHONE_NUMBER_ID": "1234567890",
    "TWILIO_ACCOUNT_SID": "ACtest",
    "TWILIO_AUTH_TOKEN": "test-auth-token",
    "TWILIO_WHATSAPP_NUMBER": "+14155238886",
    "PSEUDONYM_KEY": "test-pseudonym-key",
    "CASE_CODE_KEY": "test-case-code-key-0123",
}


# The one other web origin the test servers accept (CORS_ORIGINS); every other is refused.
ALLOWED_ORIGIN = "https://centro.example"


@pytest.fixture(scope="session")
def provider():
    """A fake Graph API / Twilio API that records what the bot sends out."""
    from tests.channels.fake_provider import FakeProvider

    fake = FakeProvider()
    yield fake
    fake.close()


@pytest.fixture(scope="session")
def bot(tmp_path_factory, kb_path, provider):
    """The trained bot behind the real Rasa and action servers, on free ports."""
    workdir = tmp_path_factory.mktemp("servers")
    env = {"KNOWLEDGE_DB": str(kb_path), "DECISION_LOG_DB": str(workdir / "decisions.db"), **CHANNEL_SECRETS,
           "WHATSAPP_API_BASE": provider.url, "TWILIO_API_BASE": provider.url, "CORS_ORIGINS": ALLOWED_ORIGIN}
    running = server_control.start(workdir, env)
    try:
        yield running
    finally:
        server_control.stop(running)
