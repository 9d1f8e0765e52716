"""Where the sources and the built database live.

Paths are computed from this package's location, never from the working
directory, so the CLI, the action server and the tests agree wherever they run.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent
SOURCES_DIR = PACKAGE_DIR / "sources"
DEFAULT_DB = PROJECT_ROOT / "var" / "knowledge.db"
DB_ENV = "KNOWLEDGE_DB"


def database_path(explicit: str | os.PathLike | None = None) -> Path:
    """The database to use: an explicit path, else $KNOWLEDGE_DB, else var/knowledge.db."""
    if explicit:
        return Path(explicit)
    from_env = os.environ.get(DB_ENV, "").strip()
    return Path(from_env) if from_env else DEFAULT_DB


def shown(path: Path) -> str:
    """A path as a maintainer would type it: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
