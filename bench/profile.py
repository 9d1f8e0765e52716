"""Where the servers spend their time under load: py-spy samples the Rasa server and the action
server while simulated applicants hold concurrent conversations (bench/assistant.py's script).

    python -m bench.profile [--conversations 20] [--seconds 40] [--top 15]

Prints, for each server, the functions that take the most samples: by their own time and with what
they call. The raw stacks stay in test-output/profile-<time>/ (flame graphs: `py-spy`'s collapsed
format, readable by speedscope or inferno).
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import subprocess
import time
from pathlib import Path

import aiohttp

from bench.assistant import OURS, conversation
from bench.progress import OUTPUT, ROOT, Progress
from bench.table import table
from tests import servers

PY_SPY = ROOT / ".venv" / "bin" / "py-spy"


async def load(url: str, concurrent: int, seconds: float) -> int:
    """Conversations back to back, `concurrent` at a time, for `seconds`; the messages sent."""
    sent: list[float] = []
    deadline = time.monotonic() + seconds

    async def applicant(session):
        while time.monotonic() < deadline:
            await conversation(session, url, OURS, sent)

    timeout = aiohttp.ClientTimeout(total=300)
    async with aiohttp.ClientSession(timeout=timeout, connector=aiohttp.TCPConnector(limit=0)) as session:
        await asyncio.gather(*(applicant(session) for _ in range(concurrent)))
    return len(sent)


def summary(collapsed: Path, top: int) -> tuple[list[list], list[list], int]:
    """(own time rows, inclusive rows, samples) from py-spy's collapsed stacks."""
    own: collections.Counter = collections.Counter()
    inclusive: collections.Counter = collections.Counter()
    total = 0
    for line in collapsed.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack:
            continue
        n = int(count)
        frames = stack.split(";")
        total += n
        own[frames[-1]] += n
        for frame in set(frames):
            inclusive[frame] += n

    def rows(counter):
        return [[frame[:110], f"{100 * n / total:.1f}%"] for frame, n in counter.most_common(top)]

    return rows(own), rows(inclusive), total


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--conversations", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=40)
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args(argv)

    out = OUTPUT / f"profile-{time.strftime('%Y%m%d-%H%M%S')}"
    out.mkdir(parents=True)
    progress = Progress("bench.profile", steps=3)
    with progress.step("starting the servers (scripts/serve run)"):
        bot = servers.start(out / "servers")
    try:
        with progress.step(
            f"{args.conversations} concurrent conversations for {args.seconds:.0f} s, sampled by py-spy"
        ):
            asyncio.run(load(f"{bot.url}/webhooks/rest/webhook", args.conversations, 5))  # warm-up
            spies = {
                which: subprocess.Popen(
                    [str(PY_SPY), "record", "--pid", str(bot.pid(which)), "--duration", str(int(args.seconds))]
                    + ["--format", "raw", "--rate", "50", "--nonblocking", "--output", str(out / f"{which}.txt")],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
                for which in ("rasa", "actions")
            }
            messages = asyncio.run(load(f"{bot.url}/webhooks/rest/webhook", args.conversations, args.seconds))
            for spy in spies.values():
                spy.wait(timeout=120)
    finally:
        with progress.step("stopping the servers"):
            servers.stop(bot)
    progress.close()
    print(
        f"{messages} messages in {args.seconds:.0f} s at {args.conversations} concurrent conversations "
        f"({messages / args.seconds:.1f}/s); stacks in {out.relative_to(ROOT)}/"
    )
    for which in ("rasa", "actions"):
        own, inclusive, total = summary(out / f"{which}.txt", args.top)
        print(f"\n{which} server: {total} samples. Own time:")
        print(table(["function (file:line)", "samples"], own))
        print(f"\n{which} server, with what it calls:")
        print(table(["function (file:line)", "samples"], inclusive))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
