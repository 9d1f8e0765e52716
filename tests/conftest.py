"""Shared fixtures. End-to-end fixtures start real servers once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

import knowledge
from knowledge import build
from knowledge.paths import SOURCES_DIR
from tests import servers as server_control

# The fixtures that start the shared servers (below): every module that uses one runs on the same
# worker, so make test's workers start them once, not once each.
SHARED_SERVERS = ("bot", "spare")


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(items):
    """Schedule the suite for make test's workers (pytest-xdist, --dist loadgroup): each module runs whole
    on one worker, as one group, and the modules on the shared servers as one group together. The modules
    that talk to servers come first: they take the longest, and the short modules after them fill the
    gaps, so the workers end together."""

    def module(item) -> str:
        return item.nodeid.split("::")[0]

    shared = {module(i) for i in items if set(SHARED_SERVERS) & set(getattr(i, "fixturenames", ()))}
    slow = shared | {module(i) for i in items if i.get_closest_marker("servers")}
    for item in items:
        item.add_marker(pytest.mark.xdist_group("shared servers" if module(item) in shared else module(item)))
    # A stable sort: each module keeps its order.
    items.sort(key=lambda item: (module(item) not in shared, module(item) not in slow))


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


# The API token of the `spare` server: one that starts with a dash, which scripts/serve must pass as a
# token, not read as an option (tests/channels/test_server_lockdown.py).
SPARE_API_TOKEN = "-x9"


@pytest.fixture(scope="session")
def spare(bot, tmp_path_factory):
    """A second Rasa server beside `bot`, started alone (scripts/serve rasa), that reaches `bot`'s action
    server through a `servers.ActionsProxy` (`spare.proxy`): the tests that need an action server that is
    slow or down share it, instead of starting a Rasa server each."""
    proxy = server_control.ActionsProxy(f"http://127.0.0.1:{bot.actions_port}")
    env = {**server_control.other_server_env(bot), "RASA_API_TOKEN": SPARE_API_TOKEN,
           "ACTION_ENDPOINT_URL": f"{proxy.url}/webhook"}
    try:
        running = server_control.start(tmp_path_factory.mktemp("spare"), env, mode="rasa")
        running.proxy = proxy
        try:
            yield running
        finally:
            server_control.stop(running)
    finally:
        proxy.close()


# --- the mutation suite's table (issue 14) -----------------------------------------------------------
# Here, not in tests/data_files/: with several workers (make test), only this process prints the summary,
# and it sees each test's report, with the (area, outcome) the mutation test recorded, whichever worker ran it.
_MUTATION_OUTCOMES: list = []


def pytest_runtest_logreport(report):
    from tests.data_files.runner import MUTATION_OUTCOME

    if report.when == "call":
        _MUTATION_OUTCOMES.extend(tuple(value) for name, value in report.user_properties if name == MUTATION_OUTCOME)


def pytest_terminal_summary(terminalreporter):
    from tests.data_files.runner import table

    if _MUTATION_OUTCOMES:
        terminalreporter.section("data file mutations: outcomes")
        terminalreporter.write_line(table(_MUTATION_OUTCOMES))
