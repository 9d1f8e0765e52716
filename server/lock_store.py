"""The conversation lock store, chosen by the environment (endpoints.yml names this class).

With REDIS_URL set (redis://[:password@]host:port/db), locks live in Redis, so
several Rasa servers behind a load balancer never handle two messages of one
conversation at once. Without it, Rasa's in-memory lock store (one server).
"""

from __future__ import annotations

import os
from urllib.parse import urlparse

from rasa.core.lock_store import InMemoryLockStore, LockStore, RedisLockStore


def redis_settings(url: str) -> dict:
    """host/port/db/password from REDIS_URL (redis://[:password@]host:port/db; db 1 by default)."""
    parts = urlparse(url)
    return {
        "host": parts.hostname or "localhost",
        "port": parts.port or 6379,
        "db": int((parts.path or "/1").lstrip("/") or 1),
        "password": parts.password or None,
    }


class EnvLockStore(LockStore):
    def __init__(self, endpoint_config=None, **kwargs) -> None:
        url = os.environ.get("REDIS_URL", "")
        if url:
            self.store: LockStore = RedisLockStore(**redis_settings(url))
        else:
            self.store = InMemoryLockStore()
        super().__init__()

    def get_lock(self, conversation_id):
        return self.store.get_lock(conversation_id)

    def delete_lock(self, conversation_id) -> None:
        self.store.delete_lock(conversation_id)

    def save_lock(self, lock) -> None:
        self.store.save_lock(lock)
