"""The held-out sets measure; they are never copied into what is measured. No held-out message of three
words or more appears in the lexicon or in the parser's tests (the training data is checked in
tests/test_rasa_data.py)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import yaml

from knowledge.paths import PROJECT_ROOT
from knowledge.text import fold

HELDOUT = sorted((PROJECT_ROOT / "tests" / "nlu").glob("heldout*.yml"))
TESTS = Path(__file__).resolve().parent
# Texts of issue 13 itself, which its tests must read right whatever a held-out set contains.
ISSUE_EXAMPLES = {"menos de un año", "año y medio", "tengo 3 hijos y 35 años", "35 años y 3 hijos",
                  "gano S/ 1 600 al mes", "eight hundred fifty soles", "trabajo en madera", "unos 23 años"}
# Entries of bot/lexicon.yml older than this guard that equal a held-out message (vocabulary any
# lexicon lists: a yes/no restatement, a language request, a zero answer). Nothing may join them.
LEXICON_BEFORE = {"todavia no lo tengo", "do you speak english", "switch to spanish", "no se todavia", "ni un sol"}


def normalise(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9ñ']+", fold(text)))


def heldout_sentences() -> dict[str, str]:
    out = {}
    for path in HELDOUT:
        for example in yaml.safe_load(path.read_text(encoding="utf-8"))["examples"]:
            key = normalise(example["text"])
            if len(key.split()) >= 3:
                out[key] = f"{path.name}: {example['text']!r}"
    return out


def strings_in(value) -> list[str]:
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in [str(k), *strings_in(v)]]
    if isinstance(value, list):
        return [s for v in value for s in strings_in(v)]
    return [value] if isinstance(value, str) else []


def test_there_are_two_heldout_sets():
    assert [p.name for p in HELDOUT] == ["heldout.yml", "heldout_chats.yml"]


def test_no_heldout_sentence_is_in_the_lexicon():
    lexicon = yaml.safe_load((PROJECT_ROOT / "bot" / "lexicon.yml").read_text(encoding="utf-8"))
    entries = {normalise(s) for s in strings_in(lexicon)}
    copied = [where for key, where in heldout_sentences().items() if key in entries and key not in LEXICON_BEFORE]
    assert copied == []


def test_no_heldout_sentence_is_in_the_parsers_tests():
    literals = set()
    for path in sorted(set(TESTS.glob("test_*.py")) - {Path(__file__).resolve()}):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(normalise(node.value))
    allowed = {normalise(t) for t in ISSUE_EXAMPLES}
    copied = [where for key, where in heldout_sentences().items() if key in literals and key not in allowed]
    assert copied == []
