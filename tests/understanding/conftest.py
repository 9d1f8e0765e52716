"""The parser's tests read messages against a knowledge base built from the real sources under tmp,
and assert the whole result: every fact found and nothing extra."""

from __future__ import annotations

import pytest

import knowledge
from actions.understanding import Parsed, parse
from knowledge import build
from knowledge.paths import SOURCES_DIR


@pytest.fixture(scope="module", autouse=True)
def understanding_kb(tmp_path_factory):
    path = tmp_path_factory.mktemp("understanding-kb") / "knowledge.db"
    build.build(path, SOURCES_DIR)
    knowledge.use_database(path)
    yield path
    knowledge.use_database(None)


_COMPARED = ("facts", "place", "ranges", "command")


def read(text, asked=None, intent=None, entities=None, facts=None, place=None, ranges=None, command=None,
         **fields) -> Parsed:
    """Parse and check the whole reading: `facts` (all of them), `place`, `ranges` and `command` always
    (missing means none); any other Parsed field named in `fields`."""
    result = parse(text, asked=asked, intent=intent, entities=entities)
    expected = {"facts": facts or {}, "place": place, "ranges": ranges or {}, "command": command, **fields}
    got = {name: getattr(result, name) for name in expected}
    wrong = {k: got[k] for k in expected if got[k] != expected[k]}
    assert not wrong, f"{text!r} (asked={asked}, intent={intent}): got {wrong}, expected " \
                      f"{ {k: expected[k] for k in wrong} }"
    return result
