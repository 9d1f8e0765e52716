"""Assistant benchmark: per-message latency over the REST channel, ours against a bare `rasa init` bot.

    python -m bench.assistant [--conversations 20] [--rounds 3]

Both bots are trained and served in this run, on this machine: ours with its
action server (every message runs custom actions), the baseline as `rasa init`
makes it (no custom actions); rounds alternate between the two. Each simulated
applicant holds its own conversation and sends its next message as soon as the
previous reply comes.
Target: p95 at 20 concurrent conversations <= 1.25x the baseline's.

It says what it is doing (a progress bar on stderr: the step, the latest line of `rasa train`);
when it fails, the logs of both trainings and of all servers are kept in test-output/ and it
prints where.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

import aiohttp

from bench.progress import Failed, Progress, keep_logs, run_logged
from bench.table import ratio, table, verdict
from tests import servers

ROOT = Path(__file__).resolve().parent.parent
RASA = ROOT / ".venv" / "bin" / "rasa"
OURS = [
    "hola",
    "si",
    "tengo 35 años",
    "estoy desempleado",
    "cuanto duran los cursos?",
    "termine la secundaria",
    "si",
    "2",
    "si, acepto",
    "900 soles",
    "no",
    "10 años",
    "soy carpintero",
    "5 años",
    "quiero conseguir trabajo",
    "vivo en chiclayo",
]
BASELINE = [
    "hello",
    "I am feeling great",
    "yes",
    "hi",
    "I am sad",
    "yes",
    "bye",
    "are you a bot?",
    "hello",
    "not good",
    "no",
    "good morning",
    "perfect",
    "goodbye",
    "hey",
    "bye",
]


def env() -> dict:
    return {
        **os.environ,
        "RASA_TELEMETRY_ENABLED": "false",
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
    }


def rss_mib(port: int) -> float:
    """Resident memory of the `rasa run` process listening on this port."""
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmd = (proc / "cmdline").read_bytes().split(b"\0")
            if b"run" in cmd and str(port).encode() in cmd and b"actions" not in cmd:
                for line in (proc / "status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1]) / 1024
        except OSError:
            continue
    return float("nan")


async def conversation(session, url: str, script: list[str], latencies: list[float]) -> None:
    sender = f"bench-{uuid.uuid4().hex[:10]}"
    for message in script:
        start = time.perf_counter()
        async with session.post(url, json={"sender": sender, "message": message}) as response:
            await response.read()
            if response.status != 200:
                raise RuntimeError(f"HTTP {response.status} for {message!r}")
        latencies.append((time.perf_counter() - start) * 1000)


async def measure(bots: dict, concurrent: int, rounds: int, progress: Progress) -> dict:
    """Latency and rate per bot; rounds alternate between the bots so that any
    drift in the machine's load affects both alike."""
    latencies: dict = {name: [] for name in bots}
    busy: dict = {name: 0.0 for name in bots}
    timeout = aiohttp.ClientTimeout(total=120)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        for url, script in bots.values():  # one warm-up conversation each, not measured
            await conversation(session, url, script, [])
        for r in range(rounds):
            for name, (url, script) in bots.items():
                progress.note(f"round {r + 1}/{rounds}, {name}: {concurrent} x {len(script)} messages")
                start = time.perf_counter()
                await asyncio.gather(*(conversation(session, url, script, latencies[name]) for _ in range(concurrent)))
                busy[name] += time.perf_counter() - start
    results = {}
    for name, values in latencies.items():
        q = statistics.quantiles(values, n=100, method="inclusive")
        results[name] = {"p50": q[49], "p95": q[94], "rate": len(values) / busy[name], "messages": len(values)}
    return results


def serve_baseline(folder: Path, port: int, log: Path) -> subprocess.Popen:
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(RASA), "run", "--model", "models", "--port", str(port), "--interface", "127.0.0.1"],
            cwd=folder,
            env=env(),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise Failed("the baseline bot", log, f"exited with status {process.returncode}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).read()
            return process
        except OSError:
            time.sleep(1)
    stop_baseline(process)
    raise Failed("the baseline bot", log, "did not answer within 300 s")


def stop_baseline(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(os.getpgid(process.pid), signal.SIGTERM)
        process.wait(timeout=30)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--conversations", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="bench-assistant-"))
    progress = Progress("bench.assistant", steps=5)
    try:
        baseline_dir = work / "baseline"
        with progress.step("training the baseline bot (rasa init)"):
            baseline_train = run_logged(
                [str(RASA), "init", "--no-prompt", "--init-dir", str(baseline_dir)],
                work,
                env(),
                work / "rasa-init.log",
                "rasa init",
                progress,
            )
        with progress.step("training the assistant (rasa train)"):
            ours_train = run_logged(
                [str(RASA), "train", "--domain", "bot/domain", "--data", "bot/data", "--config", "config.yml"]
                + ["--out", str(work / "models"), "--fixed-model-name", "bench", "--force"],
                ROOT,
                env(),
                work / "rasa-train.log",
                "rasa train",
                progress,
            )
        with progress.step("starting both bots (scripts/serve, rasa run)"):
            try:
                ours = servers.start(work / "ours", {"MODEL": str(work / "models" / "bench.tar.gz")})
            except RuntimeError as error:
                raise Failed("starting the assistant", work / "ours" / "serve.out", str(error)[:200]) from error
            baseline_port = servers.free_port()
            try:
                baseline = serve_baseline(baseline_dir, baseline_port, work / "baseline-rasa.log")
            except Failed:
                servers.stop(ours)
                raise
        try:
            bots = {
                "ours": (f"{ours.url}/webhooks/rest/webhook", OURS),
                "baseline": (f"http://127.0.0.1:{baseline_port}/webhooks/rest/webhook", BASELINE),
            }
            by_load = {}
            for c in (1, args.conversations):
                with progress.step(f"{args.rounds} rounds of {c} concurrent conversation(s), alternating bots"):
                    by_load[c] = asyncio.run(measure(bots, c, args.rounds, progress))
            results = {name: {c: by_load[c][name] for c in by_load} for name in bots}
            memory = {"ours": rss_mib(ours.rasa_port), "baseline": rss_mib(baseline_port)}
        finally:
            servers.stop(ours)
            stop_baseline(baseline)
        progress.close()

        n = args.conversations
        rows = []
        for concurrent in (1, n):
            a, b = results["ours"][concurrent], results["baseline"][concurrent]
            rows += [
                [f"p50 ms, {concurrent} conversation(s)", a["p50"], b["p50"], ratio(a["p50"], b["p50"])],
                [f"p95 ms, {concurrent} conversation(s)", a["p95"], b["p95"], ratio(a["p95"], b["p95"])],
                [f"messages/s, {concurrent} conversation(s)", a["rate"], b["rate"], ratio(a["rate"], b["rate"])],
            ]
        rows += [
            ["training time (s)", ours_train, baseline_train, ratio(ours_train, baseline_train)],
            ["Rasa server memory (MiB)", memory["ours"], memory["baseline"], ratio(memory["ours"], memory["baseline"])],
        ]
        print(
            f"Assistant over REST: {args.rounds} rounds of {n} concurrent conversations "
            f"({results['ours'][n]['messages']} messages each bot); baseline: a bare `rasa init` bot"
        )
        print(table(["measure", "Impulsa assistant", "rasa init baseline", "ratio"], rows))
        p95, base = results["ours"][n]["p95"], results["baseline"][n]["p95"]
        print("\nTargets:")
        print(
            table(
                ["target", "measured", "verdict"],
                [
                    [f"p95 at {n} conversations <= 1.25x baseline", f"{p95 / base:.2f}x", verdict(p95 <= 1.25 * base)],
                    ["training under 5 minutes on this machine", f"{ours_train:.0f} s", verdict(ours_train < 300)],
                ],
            )
        )
    except BaseException as error:
        progress.close()
        kept = keep_logs("bench-assistant", work)
        print(f"bench.assistant failed: {error}\nIts logs are kept in {kept.relative_to(ROOT)}/", file=sys.stderr)
        if isinstance(error, Failed):
            return 1
        raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
