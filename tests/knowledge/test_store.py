"""The running assistant's knowledge base survives a bad rebuild: any version that cannot be read,
checked or indexed is refused and logged, and the last good version keeps answering."""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3

import pytest

import knowledge
from knowledge import build, db


@pytest.fixture
def served(sources_copy, tmp_path):
    target = tmp_path / "kb" / "knowledge.db"
    build.build(target, sources_copy)
    knowledge.use_database(target)
    yield target
    knowledge.use_database(None)


def replace(target, make):
    """Put a new version in place the way a build does: write beside it, then rename over it."""
    new = target.with_name("new.db")
    make(new)
    os.replace(new, target)


def answers() -> tuple:
    return (knowledge.search("cuanto duran los cursos")[0]["id"], knowledge.nearest("Huaraz")["centre"]["id"],
            knowledge.occupation_to_profile("soy costurera"))


GOOD = ("duracion_cursos", "ancash", "confeccionista_tejido_plano")


def without_table(target, table):
    def make(new):
        shutil.copy(target, new)
        with sqlite3.connect(new) as conn:
            conn.execute(f"DROP TABLE {table}")
    return make


@pytest.mark.parametrize("broken, reason", [
    (lambda target: (lambda new: new.write_bytes(b"not a database at all" * 100)), "file is not a database"),
    (lambda target: (lambda new: new.write_bytes(b"")), "tables missing"),
    (lambda target: without_table(target, "place_names"), "tables missing: place_names"),
    (lambda target: without_table(target, "search_vocab"), "tables missing: search_vocab"),
])
def test_a_broken_version_is_refused_and_the_last_good_one_answers(served, caplog, broken, reason):
    assert answers() == GOOD
    replace(served, broken(served))
    with caplog.at_level(logging.ERROR, logger="datafiles.lastgood"):
        assert answers() == GOOD
    refusals = [r.getMessage() for r in caplog.records if "refused" in r.getMessage()]
    assert len(refusals) == 1 and "keeping the last good version" in refusals[0] and reason in refusals[0]


def test_a_version_whose_index_cannot_be_built_is_refused(served, caplog, monkeypatch):
    assert answers() == GOOD

    def broken(conn):
        raise ValueError("the place index cannot be built")

    monkeypatch.setitem(db._loaders, "places", broken)
    shutil.copy(served, served.with_name("copy.db"))
    replace(served, lambda new: shutil.copy(served.with_name("copy.db"), new))
    with caplog.at_level(logging.ERROR, logger="datafiles.lastgood"):
        assert answers() == GOOD
    assert "the place index cannot be built" in caplog.text


def test_a_good_rebuild_after_a_broken_one_is_picked_up(served, sources_copy):
    assert answers() == GOOD
    replace(served, lambda new: new.write_bytes(b"garbage"))
    assert answers() == GOOD
    (sources_copy / "faqs" / "zz_new.yml").write_text(
        "faqs:\n  - id: quipu\n    es:\n      questions: ['¿Qué es un quipu?', '¿Para qué servía el quipu?']\n"
        "      answer: Una prueba.\n    en:\n      questions: ['What is a quipu?', 'What was a quipu for?']\n"
        "      answer: A test.\n    source: maintainer\n", encoding="utf-8")
    build.build(served, sources_copy)
    assert knowledge.search("quipu andino")[0]["id"] == "quipu"
    assert answers() == GOOD


def test_a_deleted_database_keeps_serving_and_a_never_built_one_is_named(served, tmp_path):
    assert answers() == GOOD
    served.unlink()
    assert answers() == GOOD
    knowledge.use_database(tmp_path / "never" / "built.db")
    with pytest.raises(knowledge.DatabaseMissing, match="python -m knowledge build"):
        knowledge.search("hola")


def test_with_no_good_version_ever_the_reason_is_given(tmp_path):
    broken = tmp_path / "knowledge.db"
    broken.write_bytes(b"garbage")
    knowledge.use_database(broken)
    try:
        with pytest.raises(knowledge.KnowledgeBaseError, match="file is not a database"):
            knowledge.search("hola")
    finally:
        knowledge.use_database(None)
