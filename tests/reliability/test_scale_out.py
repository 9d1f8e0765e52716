"""Two Rasa servers sharing PostgreSQL (tracker store) and Redis (lock store) with one action server:
a conversation moves from one server to the other mid-screening without losing a fact.

PostgreSQL and Redis come from Debian's packages, installed here when they are missing and we
are root with apt; otherwise the test is skipped and says why.
"""

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
from tests.conftest import CHANNEL_SECRETS
from tests.reliability.scenarios import post

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


def test_a_conversation_moves_between_two_servers_without_losing_a_fact(tmp_path, kb_path, postgres_url, redis_url):
    env = {"KNOWLEDGE_DB": str(kb_path), "TRACKER_STORE_URL": postgres_url, "REDIS_URL": redis_url, **CHANNEL_SECRETS}
    first = servers.start(tmp_path / "a", env)
    try:
        actions = f"http://127.0.0.1:{first.actions_port}/webhook"
        second = servers.start(tmp_path / "b", {**env, "ACTION_ENDPOINT_URL": actions}, mode="rasa")
        try:
            sender = f"scale-{uuid.uuid4().hex[:8]}"
            assert "años tienes" in texts(post(first, sender, "quiero postular"))
            assert "situación de trabajo" in texts(post(first, sender, "tengo 35 años"))
            # The load balancer sends the next message to the other server.
            assert "estudiaste" in texts(post(second, sender, "estoy desempleado"))
            assert "jefe o jefa de hogar" in texts(post(first, sender, "secundaria completa"))
            slots = second.tracker(sender)["slots"]
            assert (slots["age"], slots["employment_status"], slots["education"]) == (
                35,
                "unemployed",
                "secondary_complete",
            )
            # Both really used the shared stores: nothing in their SQLite defaults.
            assert not (tmp_path / "a" / "tracker.db").exists() and not (tmp_path / "b" / "tracker.db").exists()
        finally:
            servers.stop(second)
    finally:
        servers.stop(first)


def texts(reply) -> str:
    status, messages = reply
    assert status == 200
    return "\n".join(m.get("text", "") for m in messages)

