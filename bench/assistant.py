"""Assistant benchmark: per-message latency over the REST channel, ours against a bare `rasa init` bot.

    python -m bench.assistant [--conversations 20] [--loads 1,20,50] [--rounds 3]

Both bots are trained and served in this run, on this machine: ours with its
action server (every message runs custom actions), the baseline as `rasa init`
makes it (no custom actions); rounds alternate between the two. Each simulated
applicant holds its own conversation and sends its next message as soon as the
previous reply comes.
Loads 1, 20 and 50 concurrent conversations; targets (issue 17) at 20: p95 <= 1.0x the baseline's,
messages/s >= 1.1x, p50 with one conversation <= 1.2x, training <= 120 s, Rasa server memory <= 0.8x.

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
    """Per bot, one {p50, p95, rate} per round. Rounds alternate between the bots, and which bot goes
    first alternates too, so that a drift in the machine's load (other work on it) hits both alike;
    a ratio is taken within a round, between the two bots measured side by side."""
    per_round: dict = {name: [] for name in bots}
    timeout = aiohttp.ClientTimeout(total=300)
    async with aiohttp.ClientSession(timeout=timeout, connector=aiohttp.TCPConnector(limit=0)) as session:
        for url, script in bots.values():  # one warm-up conversation each, not measured
            await conversation(session, url, script, [])
        for r in range(rounds):
            order = list(bots) if r % 2 == 0 else list(reversed(bots))
            for name in order:
                url, script = bots[name]
                progress.note(f"round {r + 1}/{rounds}, {name}: {concurrent} x {len(script)} messages")
                latencies: list[float] = []
                start = time.perf_counter()
                await asyncio.gather(*(conversation(session, url, script, latencies) for _ in range(concurrent)))
                busy = time.perf_counter() - start
                q = statistics.quantiles(latencies, n=100, method="inclusive")
                per_round[name].append({"p50": q[49], "p95": q[94], "rate": len(latencies) / busy})
    return per_round


def spread(values: list[float], unit: str = "") -> str:
    """median (min-max)"""
    return f"{_num(statistics.median(values))}{unit} ({_num(min(values))}-{_num(max(values))})"


def _num(value: float) -> str:
    return f"{value:,.2f}" if value < 10 else f"{value:,.1f}" if value < 100 else f"{value:,.0f}"


def ratios(ours: list[dict], baseline: list[dict], key: str) -> list[float]:
    return [a[key] / b[key] for a, b in zip(ours, baseline, strict=True)]


def knee(by_load: dict) -> int:
    """The smallest load whose median rate is within 10% of the best measured: past it, more
    concurrent conversations only wait longer."""
    rates = {c: statistics.median(r["rate"] for r in by_load[c]) for c in by_load}
    best = max(rates.values())
    return min(c for c, rate in rates.items() if rate >= 0.9 * best)


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
    parser.add_argument("--conversations", type=int, default=20, help="the load the targets are set at")
    parser.add_argument("--loads", default="1,20,50", help="concurrent conversations measured, comma-separated")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    loads = sorted({int(c) for c in args.loads.split(",")} | {1, args.conversations})

    work = Path(tempfile.mkdtemp(prefix="bench-assistant-"))
    progress = Progress("bench.assistant", steps=3 + len(loads))
    try:
        baseline_dir = work / "baseline"
        baseline_dir.mkdir()
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
            by_load: dict = {}
            for c in loads:
                with progress.step(f"{args.rounds} rounds of {c} concurrent conversation(s), alternating bots"):
                    by_load[c] = asyncio.run(measure(bots, c, args.rounds, progress))
            memory = {"ours": rss_mib(ours.rasa_port), "baseline": rss_mib(baseline_port)}
        finally:
            servers.stop(ours)
            stop_baseline(baseline)
        progress.close()
        print(report(by_load, args.conversations, args.rounds, ours_train, baseline_train, memory))
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


# The targets of issue 17, at `--conversations` (20) concurrent conversations.
TARGETS = {"p95": 1.0, "rate": 1.1, "p50_single": 1.2, "training_s": 120, "memory": 0.8}


def report(by_load: dict, n: int, rounds: int, ours_train: float, baseline_train: float, memory: dict) -> str:
    rows = []
    for c in sorted(by_load):
        ours, base = by_load[c]["ours"], by_load[c]["baseline"]
        for key, label in (("p50", "p50 ms"), ("p95", "p95 ms"), ("rate", "messages/s")):
            rows.append(
                [
                    f"{label}, {c} conversation{'s' if c > 1 else ''}",
                    spread([r[key] for r in ours]),
                    spread([r[key] for r in base]),
                    spread(ratios(ours, base, key), "x"),
                ]
            )
    rows += [
        ["training time (s), one run", f"{ours_train:.0f}", f"{baseline_train:.0f}", ratio(ours_train, baseline_train)],
        [
            "Rasa server memory (MiB)",
            f"{memory['ours']:.0f}",
            f"{memory['baseline']:.0f}",
            ratio(memory["ours"], memory["baseline"]),
        ],
    ]
    ours_knee, base_knee = (
        knee({c: by_load[c]["ours"] for c in by_load}),
        knee({c: by_load[c]["baseline"] for c in by_load}),
    )
    rows.append(
        [
            "messages/s at the knee (load)",
            f"{statistics.median(r['rate'] for r in by_load[ours_knee]['ours']):.1f} ({ours_knee})",
            f"{statistics.median(r['rate'] for r in by_load[base_knee]['baseline']):.1f} ({base_knee})",
            "",
        ]
    )
    out = [
        f"Assistant over REST, {rounds} alternating rounds per load; each cell: median (min-max) over the rounds,"
        " a ratio taken within each round. Baseline: a bare `rasa init` bot, served in this run.",
        table(["measure", "Impulsa assistant", "rasa init baseline", "ratio"], rows),
    ]

    def median_ratio(load: int, key: str) -> float:
        return statistics.median(ratios(by_load[load]["ours"], by_load[load]["baseline"], key))

    p95, rate, p50 = median_ratio(n, "p95"), median_ratio(n, "rate"), median_ratio(1, "p50")
    mem = memory["ours"] / memory["baseline"] if memory["baseline"] else float("nan")
    out += [
        "\nTargets (medians of the per-round ratios):",
        table(
            ["target", "measured", "verdict"],
            [
                [
                    f"p95 at {n} conversations <= {TARGETS['p95']}x baseline",
                    f"{p95:.2f}x",
                    verdict(p95 <= TARGETS["p95"]),
                ],
                [
                    f"messages/s at {n} conversations >= {TARGETS['rate']}x baseline",
                    f"{rate:.2f}x",
                    verdict(rate >= TARGETS["rate"]),
                ],
                [
                    f"p50 at 1 conversation <= {TARGETS['p50_single']}x baseline",
                    f"{p50:.2f}x",
                    verdict(p50 <= TARGETS["p50_single"]),
                ],
                [
                    f"training <= {TARGETS['training_s']} s",
                    f"{ours_train:.0f} s",
                    verdict(ours_train <= TARGETS["training_s"]),
                ],
                [
                    f"Rasa server memory <= {TARGETS['memory']}x baseline",
                    f"{mem:.2f}x",
                    verdict(mem <= TARGETS["memory"]),
                ],
            ],
        ),
    ]
    return "\n".join(out)


if __name__ == "__main__":
    raise SystemExit(main())
