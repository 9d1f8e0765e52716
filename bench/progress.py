"""Progress for long runs (`make bench`, `make reliability`): say what is being done, show that it
moves, and keep the logs of a failed run where the reader is told.

- `Progress`: one tqdm bar over a run's named steps; `step(name)` sets what it says, and each finished
  step is printed with its time, so a log of the run reads like a list.
- `run_logged`: a long subprocess (rasa init, rasa train) writes to a log file; the bar shows its
  latest line (say, DIET's epoch) and the elapsed time; a failure raises `Failed` naming the log.
- `keep_logs`: the logs of a failed run copied to test-output/<run>-<time>/, whose path is returned.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from tqdm import tqdm

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "test-output"
LOG_PATTERNS = ("*.log", "*.out", "*.txt", "*.json", "*.jsonl")
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


class Failed(RuntimeError):
    """A step of a long run failed; `log` is where its output went."""

    def __init__(self, what: str, log: Path | None, detail: str = "") -> None:
        self.what, self.log = what, log
        super().__init__(f"{what} failed{': ' + detail if detail else ''}" + (f" (log: {log})" if log else ""))


class Progress:
    def __init__(self, title: str, steps: int) -> None:
        self.bar = tqdm(total=steps, desc=title, unit="step", file=sys.stderr, dynamic_ncols=True, leave=True)
        self.title = title

    @contextlib.contextmanager
    def step(self, what: str):
        """A named step: the bar says what it is doing; when it ends, a line says how long it took."""
        self.bar.set_description(f"{self.title}: {what}")
        start = time.perf_counter()
        try:
            yield self
        except BaseException:
            self.bar.write(f"  FAILED  {what} ({time.perf_counter() - start:.0f} s)")
            raise
        self.bar.write(f"  done    {what} ({time.perf_counter() - start:.0f} s)")
        self.bar.update(1)

    def note(self, text: str) -> None:
        self.bar.set_postfix_str(text[:70], refresh=True)

    def write(self, text: str) -> None:
        self.bar.write(text)

    def close(self) -> None:
        self.bar.close()


def last_line(log: Path) -> str:
    """The latest non-empty line of a log (progress bars write '\\r', not '\\n', between updates)."""
    try:
        with log.open("rb") as f:
            f.seek(max(0, log.stat().st_size - 4096))
            tail = f.read().decode(errors="replace")
    except OSError:
        return ""
    parts = [p.strip() for p in re.split(r"[\r\n]", _ANSI.sub("", tail)) if p.strip()]
    return parts[-1] if parts else ""


def run_logged(args: list[str], cwd: Path, env: dict, log: Path, what: str, progress: Progress | None = None) -> float:
    """Run a command with its output in `log`, showing its latest line; its duration in seconds."""
    log.parent.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    with log.open("wb") as out:
        process = subprocess.Popen(args, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        while process.poll() is None:
            if progress is not None:
                progress.note(f"{time.perf_counter() - start:.0f} s | {last_line(log)}")
            time.sleep(1)
    if process.returncode != 0:
        raise Failed(what, log, f"exit status {process.returncode}: {last_line(log)}")
    return time.perf_counter() - start


def keep_logs(run: str, *folders: Path) -> Path:
    """Copy the logs under `folders` to test-output/<run>-<time>/ (kept; test-output/ is never committed)."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = OUTPUT / f"{run}-{stamp}"
    target.mkdir(parents=True, exist_ok=True)
    for folder in folders:
        if not folder.exists():
            continue
        for pattern in LOG_PATTERNS:
            for path in folder.rglob(pattern):
                if path.is_file():
                    dest = target / folder.name / path.relative_to(folder)
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(path, dest)
    return target
