"""Two Rasa servers sharing PostgreSQL (tracker store) and Redis (lock store, redelivered message ids)
with one action server: a conversation moves from one server to the other mid-screening without
losing a fact, and a WhatsApp message redelivered through the other server is answered once.

PostgreSQL and Redis come from Debian's packages, installed here when they are missing and we
are root with apt; otherwise the test is skipped and says why.
"""

import asyncio
import glob
import os
import shutil
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import pytest

from tests import servers
from tests.channels.test_whatsapp_roundtrip import meta_post, sent_to, text_message
from tests.conftest import CHANNEL_SECRETS
from tests.reliability.scenarios import answer_next, post, question_in

pytestmark = pytest.mark.servers


def ensure(binary_glob: str, package: str) -> str | None:
    """Path of a binary, installing its Debian package if we can; None if impossible."""
    found = glob.glob(binary_glob)
    if not found and os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", "install", "-y", "-q", package], capture_output=True, timeout=600)
        found = glob.glob(binary_glob)
    return sorted(found)[-1] if found else None


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    server = ensure("/usr/bin/redis-server", "redis-server")
    if not server:
        pytest.skip("Redis is not installed and cannot be (needs root and apt): scale-out test skipped")
    port = servers.free_port()
    process = subprocess.Popen(
        [
            server,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path_factory.mktemp("redis")),
        ],
        stdout=subprocess.DEVNULL,
    )
    time.sleep(1)
    yield f"redis://127.0.0.1:{port}/1"
    process.terminate()
    process.wait(timeout=30)


@pytest.fixture(scope="module")
def postgres_url():
    initdb = ensure("/usr/lib/postgresql/*/bin/initdb", "postgresql")
    if not initdb or os.geteuid() != 0 or not shutil.which("runuser"):
        pytest.skip("PostgreSQL is not installed and cannot be (needs root and apt): scale-out test skipped")
    bin_dir = Path(initdb).parent
    # Not under pytest's tmp (private to root): the postgres user must reach its data folder.
    base = Path(tempfile.mkdtemp(prefix="impulsa-pg-"))
    base.chmod(0o755)
    data = base / "data"
    subprocess.run(["install", "-d", "-o", "postgres", str(data)], check=True)
    as_postgres = ["runuser", "-u", "postgres", "--"]
    subprocess.run(
        [*as_postgres, str(bin_dir / "initdb"), "-D", str(data), "--auth=trust", "-U", "postgres"],
        check=True,
        capture_output=True,
    )
    port = servers.free_port()
    process = subprocess.Popen(
        [*as_postgres, str(bin_dir / "postgres"), "-D", str(data), "-p", str(port), "-h", "127.0.0.1", "-k", str(data)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(60):
        ready = subprocess.run([str(bin_dir / "pg_isready"), "-h", "127.0.0.1", "-p", str(port)], capture_output=True)
        if ready.returncode == 0:
            break
        time.sleep(0.5)
    subprocess.run(
        [str(bin_dir / "psql"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-c", "CREATE DATABASE rasa"],
        check=True,
        capture_output=True,
    )
    yield f"postgresql://postgres@127.0.0.1:{port}/rasa"
    process.terminate()
    process.wait(timeout=30)
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="module")
def pair(tmp_path_factory, kb_path, postgres_url, redis_url, provider):
    """Two Rasa servers (and one action server) on the shared stores, as behind a load balancer."""
    workdir = tmp_path_factory.mktemp("pair")
    env = {
        "KNOWLEDGE_DB": str(kb_path),
        "TRACKER_STORE_URL": postgres_url,
        "REDIS_URL": redis_url,
        **CHANNEL_SECRETS,
        "WHATSAPP_API_BASE": provider.url,
    }
    first = servers.launch(workdir / "a", env)
    try:
        actions = f"http://127.0.0.1:{first.actions_port}/webhook"
        second = servers.launch(workdir / "b", {**env, "ACTION_ENDPOINT_URL": actions}, mode="rasa")
        try:
            # Both load side by side; the second reaches the first's action server only with a message.
            servers.wait_until_ready(first)
            servers.wait_until_ready(second)
            yield first, second, workdir
        finally:
            servers.stop(second)
    finally:
        servers.stop(first)


def test_a_conversation_moves_between_two_servers_without_losing_a_fact(pair):
    first, second, workdir = pair
    sender = f"scale-{uuid.uuid4().hex[:8]}"
    facts = {"age": 35, "employment_status": "unemployed", "education": "secondary_complete",
             "occupation_experience_years": 4, "household_head": True, "children": 2, "monthly_income": 800}
    text = texts(post(first, sender, "quiero postular"))
    assert "años tienes" in text
    answered = {}
    # The load balancer sends each message to the other server; a yes to consent states no fact.
    for server in (first, second, first, second, first, second):
        fact, status, text = answer_next(server, sender, text, facts)
        assert status == 200 and question_in(text), text[-120:]
        if fact is not None:
            answered[fact] = facts.get(fact, "carpintero_industrial")
        if len(answered) == 4:
            break
    slots = (first if server is second else second).tracker(sender)["slots"]
    assert {name: slots[name] for name in answered} == answered and len(answered) == 4
    # Both really used the shared stores: nothing in their SQLite defaults.
    assert not (workdir / "a" / "tracker.db").exists() and not (workdir / "b" / "tracker.db").exists()


def test_a_whatsapp_message_redelivered_to_the_other_server_is_answered_once(pair, provider):
    first, second, _ = pair
    phone = "519" + str(uuid.uuid4().int)[:8]
    message = text_message("gracias", phone)
    assert meta_post(first, [message])[0] == 200
    assert len(sent_to(provider, phone, 1)) == 1
    # Meta did not get our 200 in time and delivers again, this time through the other server.
    assert meta_post(second, [message])[0] == 200
    time.sleep(3)
    assert len(sent_to(provider, phone, 1)) == 1


def test_redelivery_ids_live_in_redis_hashed_for_a_week_and_survive_a_restart(redis_url):
    import redis

    from channels.delivery import REDELIVERY_WINDOW, SeenIds
    from server.lock_store import redis_settings

    message_id = f"wamid.HBgLNTE5ODc2NTQzMjEVAgASGBQz{uuid.uuid4().hex}"
    assert asyncio.run(SeenIds("whatsapp", redis_url).first_time(message_id))
    # A new process (a restarted server, another server) knows it too.
    assert not asyncio.run(SeenIds("whatsapp", redis_url).first_time(message_id))
    assert asyncio.run(SeenIds("twilio_whatsapp", redis_url).first_time(message_id))  # each channel its own
    store = redis.Redis(**redis_settings(redis_url))
    key = SeenIds("whatsapp").key(message_id)
    assert message_id not in key and store.get(key) == b"1"
    assert REDELIVERY_WINDOW - 60 < store.ttl(key) <= REDELIVERY_WINDOW


def texts(reply) -> str:
    status, messages = reply
    assert status == 200
    return "\n".join(m.get("text", "") for m in messages)

