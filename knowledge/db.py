"""Read-only access to the built database, safe from many threads, that survives a bad rebuild.

Each call opens its own short-lived connection: SQLite connections must not be
shared across threads, and opening one costs well under a millisecond.

The database file is not read in place. Each new version (a rebuild is an atomic rename) is copied
aside, checked (its schema version, its tables, and every derived index the API builds from it:
places, search vocabulary, occupations, the FAQ classifier) and only then served. A version that
fails any of that, for any reason, is refused and logged, and the last good version keeps serving
(datafiles.LastGood), so a rebuilt database is picked up without a restart and a broken one cannot
take the assistant down.
"""

from __future__ import annotations

import atexit
import os
import shutil
import sqlite3
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import TypeVar

from datafiles import DataFileError, LastGood, Problem

from .paths import database_path

T = TypeVar("T")


class KnowledgeBaseError(Exception):
    """Base class for errors the API raises."""


class DatabaseMissing(KnowledgeBaseError):
    def __init__(self, path: Path):
        super().__init__(f"knowledge base not built: {path} not found (run `python -m knowledge build`)")
        self.path = path


SCHEMA_VERSION = "3"  # of the database build.py writes; a file of another version is not served
TABLES = ("meta", "chapter_sections", "sectors", "components", "component_parts", "courses", "profiles",
          "profile_synonyms", "centres", "programmes", "faqs", "faq_phrasings", "places", "place_names",
          "search_words", "search_docs", "search_docs_fts", "search_vocab")
NOT_EMPTY = ("centres", "faqs", "profiles", "places", "place_names")

_override: Path | None = None
_loaders: dict[str, Callable] = {}  # derived data the API builds from a version: built before it serves
_cache: dict[tuple, object] = {}
_lock = threading.Lock()
_stores: dict[Path, LastGood] = {}
_copies: list[Path] = []  # the private folder of checked copies, made on first use (not at import)


def use_database(path: str | Path | None) -> None:
    """Point the API at another database file (None: back to $KNOWLEDGE_DB or var/knowledge.db)."""
    global _override
    _override = Path(path) if path else None


def current_path(explicit: str | Path | None = None) -> Path:
    return database_path(explicit or _override)


def derived(name: str) -> Callable[[Callable[[sqlite3.Connection], T]], Callable[[sqlite3.Connection], T]]:
    """Declare `loader(conn)` as data derived from the database: built (and so checked) for each new
    version before that version serves, then read with `cached(name, loader)`."""

    def register(loader):
        _loaders[name] = loader
        return loader

    return register


def served(explicit: str | Path | None = None) -> Path:
    """The checked copy of the database version now serving for this path."""
    target = Path(os.path.abspath(current_path(explicit)))
    with _lock:
        store = _stores.get(target)
        if store is None:
            store = _stores[target] = LastGood(lambda: _accept(target), lambda: [target],
                                               name=f"knowledge base {target}", check_every=0)
    try:
        return store.get()
    except DataFileError as error:
        if not target.exists():
            raise DatabaseMissing(target) from None
        raise KnowledgeBaseError(f"the knowledge base cannot be used: {error}") from None


@contextmanager
def connect(explicit: str | Path | None = None) -> Iterator[sqlite3.Connection]:
    """A read-only connection to the version serving, closed on exit."""
    conn = _open(served(explicit))
    try:
        yield conn
    finally:
        conn.close()


def cached(name: str, loader: Callable[[sqlite3.Connection], T], explicit: str | Path | None = None) -> T:
    """`loader(conn)` computed once per database version (already built for a `derived` loader)."""
    copy = served(explicit)
    key = (name, copy)
    value = _cache.get(key)
    if value is None:
        with _lock:
            value = _cache.get(key)
            if value is None:
                with closing(_open(copy)) as conn:
                    value = loader(conn)
                _cache[key] = value
    return value  # type: ignore[return-value]


def _open(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path.as_uri() + "?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    return conn


def _accept(target: Path) -> Path:
    """Copy the version now at `target` aside, check it, build its derived data; the copy's path."""
    if not target.exists():
        raise DataFileError([Problem(str(target), 0, 0, "not built (run `python -m knowledge build`)")])
    fd, name = tempfile.mkstemp(dir=_copies_dir(), suffix=".db")
    os.close(fd)
    copy = Path(name)
    try:
        shutil.copyfile(target, copy)  # one open of one inode: a rename under way cannot mix versions
        with closing(_open(copy)) as conn:
            _check(conn)
            built = {loader_name: loader(conn) for loader_name, loader in _loaders.items()}
    except BaseException:
        copy.unlink(missing_ok=True)
        raise
    with _lock:
        for loader_name, value in built.items():
            _cache[(loader_name, copy)] = value
        _retire(target, copy)
    return copy


def _check(conn: sqlite3.Connection) -> None:
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    lacking = [t for t in TABLES if t not in names]
    if lacking:
        raise KnowledgeBaseError(f"tables missing: {', '.join(lacking)}")
    version = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    if version is None or version[0] != SCHEMA_VERSION:
        raise KnowledgeBaseError(f"schema version {version[0] if version else None}, not {SCHEMA_VERSION}")
    empty = [t for t in NOT_EMPTY if conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] == 0]
    if empty:
        raise KnowledgeBaseError(f"empty tables: {', '.join(empty)}")
    conn.execute("SELECT rowid FROM search_docs_fts WHERE search_docs_fts MATCH 'programa' LIMIT 1").fetchall()


_previous: dict[Path, list[Path]] = {}


def _copies_dir() -> Path:
    with _lock:
        if not _copies:
            _copies.append(Path(tempfile.mkdtemp(prefix="knowledge-served-")))
            atexit.register(shutil.rmtree, _copies[0], True)
        return _copies[0]


def _retire(target: Path, copy: Path) -> None:
    """Keep the copy serving and the one before it (a reader may still be opening it); drop older ones."""
    kept = _previous.setdefault(target, [])
    kept.append(copy)
    while len(kept) > 2:
        old = kept.pop(0)
        for key in [k for k in _cache if k[1] == old]:
            del _cache[key]
        old.unlink(missing_ok=True)
