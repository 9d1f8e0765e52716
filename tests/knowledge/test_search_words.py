"""search_words.yml: the applicants' words the search reads as other words; a slip is refused with its line."""

import shutil

import pytest

from knowledge import search_words, sources
from knowledge.paths import SOURCES_DIR


def load(tmp_path, text: str):
    path = tmp_path / "search_words.yml"
    path.write_text(text, encoding="utf-8")
    table, errors = search_words.load(path)
    return table, [(e.line, e.reason) for e in errors]


def test_the_real_file_loads_and_replaces_words():
    table, errors = search_words.load(SOURCES_DIR / search_words.FILE)
    assert errors == []
    assert search_words.normalise("Q piden pa entrar?", table["es"]) == "que piden para entrar"


@pytest.mark.parametrize("body,line,reason", [
    ("words:\n  es:\n    qué: que\n", 3, "one folded token"),
    ("words:\n  es:\n    Q: que\n", 3, "one folded token"),
    ("words:\n  es:\n    q: Qué\n", 3, "folded words"),
    ("words:\n  es:\n    q: q\n", 3, "means itself"),
    ("words:\n  es:\n    q: que\n    q: quien\n", 4, "duplicate key"),
    ("words:\n  es:\n    xq: por q\n    q: que\n", 3, "itself replaced"),
    ("words:\n  fr:\n    q: que\n", 2, "unknown key 'fr'"),
    ("words:\n  es: [q, que]\n", 2, "a mapping of word: meaning"),
    ("words:\n  es:\n    q: yes\n    x: 1\n", 4, "expected text, not 1"),
    ("words:\n  es:\n    q: [que\n", 4, "not valid YAML"),
])
def test_a_broken_entry_is_refused_with_its_line(tmp_path, body, line, reason):
    _, errors = load(tmp_path, body)
    assert len(errors) == 1 and errors[0][0] == line and reason in errors[0][1], errors


def test_a_misspelt_top_key_is_named_with_what_is_missing(tmp_path):
    assert load(tmp_path, "palabras:\n  es: {}\n")[1] == [
        (1, "missing key 'words' (the file holds one mapping, words: (with es: and en:))"),
        (1, "unknown key 'palabras'; expected one of words")]


def test_the_sources_check_refuses_a_broken_words_file(tmp_path):
    folder = tmp_path / "sources"
    shutil.copytree(SOURCES_DIR, folder)
    (folder / "search_words.yml").write_text("words:\n  es:\n    q: Que\n", encoding="utf-8")
    with pytest.raises(sources.SourceErrors) as refused:
        sources.load(folder)
    assert "search_words.yml:3:" in str(refused.value)
