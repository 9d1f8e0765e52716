"""How long `parse` takes: on every held-out message, and on messages of 1,000 characters built to be
hard (word salads of the lexicon's own words, repeated phrase starts, numbers, held-out messages
repeated). Each message is parsed three times and its fastest run counts, in CPU time of this
thread, so other jobs on a shared machine do not count. The baseline, in the same run, is only
cutting the message into tokens: the least any reader of it must do.
"""

from __future__ import annotations

import random
import statistics
import time

from actions.understanding import lexicon, parse
from actions.understanding.text import clean, tokenise

LONG = 1000  # characters
RUNS = 3


def cpu_ms(func, *args) -> float:
    best = float("inf")
    for _ in range(RUNS):
        start = time.thread_time_ns()
        func(*args)
        best = min(best, (time.thread_time_ns() - start) / 1e6)
    return best


def long_messages(seed: int = 13, count: int = 120) -> list[tuple[str, str | None]]:
    """(text, asked) pairs of about LONG characters each."""
    lex = lexicon.current()
    rng = random.Random(seed)
    words = sorted({w for r in lex.rules for w in r.phrase.first_words} | {w for e in lex.trades for w in e})
    numbers = ["35", "1 600", "S/ 1.200", "treinta y cinco", "mil quinientos", "entre 800 y 1000", "año y medio"]
    asked = [None, "age", "monthly_income", "occupation", "place", "education", "work_experience_years"]
    out = []
    for _ in range(count // 2):
        pieces = []
        while sum(len(p) + 1 for p in pieces) < LONG:
            pieces.append(rng.choice(numbers) if rng.random() < 0.15 else rng.choice(words))
            if rng.random() < 0.1:
                pieces.append(rng.choice([",", ".", "?", "y"]))
        out.append((" ".join(pieces)[:LONG], rng.choice(asked)))
    for word in rng.sample(words, min(count // 2, len(words))):
        out.append(((word + " ") * (LONG // (len(word) + 1)), rng.choice(asked)))
    return out


def measure(messages: list[tuple[str, str | None]]) -> dict:
    spelling = lexicon.current()
    parse_ms = [cpu_ms(parse, text, asked) for text, asked in messages]
    token_ms = [cpu_ms(lambda t: tokenise(clean(t), spelling.spelling, spelling.token_re), text)
                for text, _ in messages]
    return {"messages": len(messages), "median": statistics.median(parse_ms), "worst": max(parse_ms),
            "baseline": statistics.median(token_ms)}
