"""The mutation suite: every mutation of the real files ends refused with file and line, or accepted
only when the data is valid (tests/data_files/runner.py says how each is run and judged).
`python -m tests.data_files` prints the counts per outcome."""

from __future__ import annotations

from collections import Counter, defaultdict

import pytest

from tests.data_files.mutations import generate
from tests.data_files.runner import GOOD, MUTATION_OUTCOME, REFERENCE_UBIGEO, Workspace, run

MUTATIONS = generate()
GENERIC_SHARE = 3  # of the generic mutations of one kind in one file, make test runs one in this many
# A lexicon edit costs a reload of the whole lexicon (about 2 s): make test runs one in this many of them,
# the texts one in three (--all runs all of both).
SHARES = {"lexicon": 8, "texts": 3}


def selected() -> list:
    """The mutations `make test` runs: every mutation specific to a kind of file, and the first of every
    GENERIC_SHARE generic ones of each kind in each file; of the lexicon's and the texts' edits, one in SHARES
    (`python -m tests.data_files --all` runs all)."""
    from tests.data_files.mutations import GENERIC_KINDS

    seen: dict = defaultdict(int)
    per_area: dict = defaultdict(int)
    out = []
    for mutation in MUTATIONS:
        if mutation.area in SHARES:
            per_area[mutation.area] += 1
            if (per_area[mutation.area] - 1) % SHARES[mutation.area]:
                continue
            out.append(mutation)
            continue
        if mutation.kind in GENERIC_KINDS:
            seen[(mutation.file, mutation.kind)] += 1
            if (seen[(mutation.file, mutation.kind)] - 1) % GENERIC_SHARE:
                continue
        out.append(mutation)
    return out


pytestmark = pytest.mark.skipif(not REFERENCE_UBIGEO.is_dir(), reason=f"the oracle's gazetteer {REFERENCE_UBIGEO} "
                                                                       "is not beside the project")


@pytest.fixture(scope="module")
def workspace():
    ws = Workspace()
    yield ws
    ws.close()


def test_there_are_enough_mutations_of_every_kind_of_file():
    areas = Counter(m.area for m in selected())
    assert len(selected()) >= 300 and min(areas[a] for a in ("policy", "cases", "knowledge")) >= 100, areas
    assert areas["lexicon"] >= 8 and areas["texts"] >= 80, areas
    every = Counter((m.area, m.expect) for m in MUTATIONS)
    assert all(every[(area, expect)] for area in ("lexicon", "texts") for expect in ("refuse", "valid", "either"))
    assert {m.expect for m in selected()} == {"refuse", "valid", "either"}


@pytest.mark.parametrize("mutation", selected(), ids=[m.id for m in selected()])
def test_mutation(workspace, mutation, record_property):
    result = run(workspace, mutation)
    # Counted in the table printed at the end of the run (tests/conftest.py), from whichever worker ran it.
    record_property(MUTATION_OUTCOME, (mutation.area, result.outcome))
    assert result.outcome in GOOD, f"{result.outcome}: {result.detail}"
