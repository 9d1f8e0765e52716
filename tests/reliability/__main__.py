"""`make reliability`: every reliability scenario at full load, one after another, saying which one is
running (a progress bar on stderr) and how each ended; then the table of scenario, load, failures and
data lost. When a scenario fails, crashes or loses data, the logs of every server it started are
kept in test-output/reliability-<time>/ and the run says where.

    python -m tests.reliability
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

from bench.progress import Progress, keep_logs
from tests import servers
from tests.conftest import CHANNEL_SECRETS
from tests.reliability import scenarios

ROOT = Path(__file__).resolve().parents[2]
KB_STEP = "building the knowledge base"
STARTING, STOPPING = "starting the servers (scripts/serve run)", "stopping the servers"
SET_UP = {KB_STEP, STARTING, STOPPING}


def clean(row: dict) -> bool:
    return row["failures"] == 0 and row["lost"] == 0


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="reliability-"))
    env = {"KNOWLEDGE_DB": str(work / "kb.db"), **CHANNEL_SECRETS}
    bot_dir = work / "main"
    bot: dict = {}

    def on_bot(scenario):
        return lambda: scenario(bot["servers"])

    def start_bot():
        bot["servers"] = servers.start(bot_dir, env)

    def stop_bot():
        if "servers" in bot:
            servers.stop(bot.pop("servers"))

    # (what the bar says, what it runs); a step that returns a row is a scenario, the others set up
    # what the next scenarios need (when one fails, the run stops there).
    steps = [
        (KB_STEP, lambda: build_kb(work)),
        ("the engine under load", scenarios.engine_load),
        (STARTING, start_bot),
        ("hostile input", on_bot(scenarios.hostile_input)),
        ("hostile input in one conversation, then a screening", on_bot(scenarios.hostile_conversation)),
        ("concurrent applicants", on_bot(scenarios.concurrent_applicants)),
        ("privacy: logs and erasure", on_bot(scenarios.privacy)),
        (STOPPING, stop_bot),
        ("Rasa killed mid-screening, then restarted", lambda: scenarios.kill_and_restart(work / "restart", env)),
        ("action server down", lambda: scenarios.action_server_down(work / "down", env)),
        ("broken policy and FAQ files while running", lambda: scenarios.broken_files_while_running(work / "b", env)),
        ("scale-out: PostgreSQL + Redis (tests/reliability/test_scale_out.py)", scenarios.scale_out),
    ]
    started = time.perf_counter()
    progress = Progress("reliability", steps=len(steps))
    rows: list[dict] = []
    crashed = False
    try:
        for what, run in steps:
            try:
                with progress.step(what):
                    row = run()
            except Exception as error:  # noqa: BLE001 - one scenario's crash must not hide the others
                crashed = True
                with (work / "crashes.txt").open("a") as crashes:
                    crashes.write(f"{what}\n{traceback.format_exc()}\n")
                rows.append(scenarios.result(what, "-", 1, 0, f"crashed: {type(error).__name__}: {error}"[:200]))
                if what in SET_UP:
                    break  # the scenarios after it cannot run
                continue
            if isinstance(row, dict):
                rows.append(row)
                mark = "ok" if clean(row) else "FAILED"
                outcome = f"{row['failures']} failures, {row['lost']} lost; {row['notes'][:80]}"
                progress.write(f"          {mark} at {row['load']}: {outcome}")
    finally:
        stop_bot()
        progress.close()
    print(f"Reliability suite ({dt.date.today()}, {time.perf_counter() - started:.0f} s)")
    print(scenarios.table(rows))
    ok = not crashed and all(clean(r) for r in rows) and len(rows) == len(steps) - len(SET_UP)
    if not ok:
        (work / "results.json").write_text(json.dumps(rows, indent=2, ensure_ascii=False))
        kept = keep_logs("reliability", work)
        print(f"\nA scenario failed: the logs of every server it started are kept in {kept.relative_to(ROOT)}/")
    shutil.rmtree(work, ignore_errors=True)
    return 0 if ok else 1


def build_kb(work: Path) -> None:
    log = work / "knowledge-build.log"
    with log.open("wb") as out:
        subprocess.run(
            [sys.executable, "-m", "knowledge", "build", "--db", str(work / "kb.db")],
            cwd=ROOT,
            check=True,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


if __name__ == "__main__":
    sys.exit(main())
