"""Simulated applicants against the running bot, at a small seeded size (make simulate runs 1,000).

Fails on any conversation that went dead, looped, switched language or ended with a wrong
decision or centre; the failures file (test-output/simulation/) has their transcripts.
"""

from pathlib import Path

import pytest

from tests.simulation.run import simulate, summary, table, write_failures

pytestmark = pytest.mark.servers
ROOT = Path(__file__).resolve().parents[2]
N, SEED = 60, 12


def test_simulated_applicants_get_the_right_result_in_their_language(bot):
    reports = simulate(bot.url, N, SEED, workers=6)
    print(table(summary(reports)))
    bad = write_failures(reports, ROOT / "test-output" / "simulation" / "make-test-failures.jsonl")
    problems = [(r.sender, r.problems[:3]) for r in reports if not r.correct or r.dead or r.looped
                or not r.language_kept]
    assert bad == 0, problems
    assert bot.log("rasa").count("Circuit breaker tripped") == 0
