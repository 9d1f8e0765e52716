"""Read-only access to the built database, safe from many threads.

Each call opens its own short-lived connection: SQLite connections must not be
shared across threads, and opening one costs well under a millisecond. Data
derived from the database (place index, search vocabulary) is cached per file
version, so a rebuild (an atomic rename, hence a new inode) is picked up on
the next call without restarting the action server.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from .paths import database_path

T = TypeVar("T")


class KnowledgeBaseError(Exception):
    """Base class for errors the API raises."""


class DatabaseMissing(KnowledgeBaseError):
    def __init__(self, path: Path):
        super().__init__(f"knowledge base not built: {path} not found (run `python -m knowledge build`)")
        self.path = path


_override: Path | None = None
_cache: dict[tuple, object] = {}
_lock = threading.Lock()


def use_database(path: str | Path | None) -> None:
    """Point the API at another database file (None: back to $KNOWLEDGE_DB or var/knowledge.db)."""
    global _override
    _override = Path(path) if path else None


def current_path(explicit: str | Path | None = None) -> Path:
    return database_path(explicit or _override)


def _version(path: Path) -> tuple:
    try:
        st = path.stat()
    except FileNotFoundError:
        raise DatabaseMissing(path) from None
    return (str(path.resolve()), st.st_ino, st.st_mtime_ns, st.st_size)


@contextmanager
def connect(explicit: str | Path | None = None) -> Iterator[sqlite3.Connection]:
    """A read-only connection, closed on exit."""
    path = current_path(explicit)
    _version(path)
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        yield conn
    finally:
        conn.close()


def cached(name: str, loader: Callable[[sqlite3.Connection], T], explicit: str | Path | None = None) -> T:
    """`loader(conn)` computed once per database file version."""
    path = current_path(explicit)
    key = (name, *_version(path))
    value = _cache.get(key)
    if value is None:
        with _lock:
            value = _cache.get(key)
            if value is None:
                with connect(path) as conn:
                    value = loader(conn)
                # Drop what was cached for older versions of this file, so memory stays flat.
                for old in [k for k in _cache if k[0] == name and k[1] == key[1]]:
                    del _cache[old]
                _cache[key] = value
    return value  # type: ignore[return-value]
