"""Serving the last version of a data file that loaded, while maintainers edit it."""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Generic, TypeVar

from datafiles.problems import DataFileError, Problem

log = logging.getLogger(__name__)
T = TypeVar("T")


class LastGood(Generic[T]):
    """Builds a value from files with `build()` and keeps it; rebuilds when a file changes.

    A rebuild that fails for any reason (a DataFileError, or any other exception raised while
    building) keeps the previous value serving and logs why; `problems` says what was wrong.
    Only when no version ever built does `get()` raise, with the problems.

    `sources()` names the files to watch; they are looked at (one stat each) at most once every
    `check_every` seconds, so a busy caller costs nothing more.
    """

    def __init__(self, build: Callable[[], T], sources: Callable[[], Iterable[Path]], name: str,
                 check_every: float = 2.0):
        self._build = build
        self._sources = sources
        self.name = name
        self.check_every = check_every
        self._value: T | None = None
        self._stamp: tuple | None = None
        self._checked = 0.0
        self._lock = threading.Lock()
        self.problems: list[Problem] = []

    def get(self) -> T:
        """The current value; built on the first call and rebuilt when its files changed."""
        now = time.monotonic()
        if self._value is not None and now - self._checked < self.check_every:
            return self._value
        with self._lock:
            self._checked = now
            if self._value is None or self._stamp != self._stat():
                self._rebuild()
            if self._value is None:
                raise DataFileError(self.problems or [Problem(self.name, 0, 0, "could not be loaded")])
            return self._value

    @property
    def current(self) -> T | None:
        """The value serving now, without looking at the files (None before the first build)."""
        return self._value

    def reload(self) -> list[Problem]:
        """Rebuild now, whether or not the files changed. Returns the problems ([] when it loaded)."""
        with self._lock:
            self._checked = time.monotonic()
            self._rebuild()
            return list(self.problems)

    def retarget(self, build: Callable[[], T], sources: Callable[[], Iterable[Path]]) -> list[Problem]:
        """Build from other files from now on (tests, staging). The current value keeps serving
        until they build; returns their problems ([] when they built)."""
        with self._lock:
            self._build, self._sources = build, sources
        return self.reload()

    def _rebuild(self) -> None:
        stamp = self._stat()
        try:
            value = self._build()
        except DataFileError as error:
            self._refuse(error.problems)
        except Exception as error:  # a loader bug must not take the running assistant down
            log.exception("%s: loading failed", self.name)
            self._refuse([Problem(self.name, 0, 0, f"could not be loaded ({type(error).__name__}: {error})")])
        else:
            self._value, self.problems = value, []
        self._stamp = stamp  # a refused version is not retried until it changes again

    def _refuse(self, problems: list[Problem]) -> None:
        self.problems = problems
        kept = "keeping the last good version" if self._value is not None else "no version loaded"
        log.error("%s refused (%s):\n%s", self.name, kept, "\n".join(str(p) for p in problems))

    def _stat(self) -> tuple:
        out = []
        for path in self._sources():
            try:
                st = os.stat(path)
                out.append((str(path), st.st_mtime_ns, st.st_size))
            except OSError:
                out.append((str(path), None, None))
        return tuple(out)
