"""Words applicants type that the FAQ search reads as other words: knowledge/sources/search_words.yml.

    words:
      es: {q: que, xq: porque, chamba: trabajo}
      en: {u: you}

The search folds a question (lower case, no accents), then replaces each such
word by its meaning before matching, and the FAQ phrasings are indexed the same
way, so "q piden pa entrar" and "¿Qué piden para entrar?" are one question.
"""

from __future__ import annotations

import re
from pathlib import Path

import datafiles
from datafiles import DataFileError, Problem

from .schemas import SEARCH_WORDS_FILE
from .text import fold, words

FILE = "search_words.yml"
LANGS = ("es", "en")
_TOKEN = re.compile(r"^[a-z0-9ñ]+$")


def load(path: Path) -> tuple[dict[str, dict[str, str]], list[Problem]]:
    """({lang: {word: meaning}}, every problem found, as file:line:column)."""
    try:
        doc = datafiles.read(path)
    except DataFileError as error:
        return {}, error.problems
    problems = doc.problems + datafiles.validate(doc, SEARCH_WORDS_FILE)
    if problems:
        return {}, problems
    out: dict[str, dict[str, str]] = {}
    for lang, entries in doc.data["words"].items():
        out[lang] = {}
        for word, means in entries.items():
            at = ("words", lang, word)
            if not _TOKEN.match(word) or fold(word) != word:
                problems.append(doc.problem(at, f"{word!r}: a word is one folded token (lower case, no accents)",
                                            key=True))
            elif not words(means) or " ".join(words(means)) != means.strip():
                problems.append(doc.problem(at, f"{word}: its meaning must be folded words (lower case, no accents)"))
            elif means.strip() == word:
                problems.append(doc.problem(at, f"{word}: means itself"))
            else:
                out[lang][word] = means.strip()
        for word, means in out[lang].items():
            chained = [w for w in means.split() if w in out[lang] and w != word]
            if chained:
                problems.append(doc.problem(("words", lang, word),
                                            f"{word}: its meaning uses '{chained[0]}', which is itself replaced"))
    return out, problems


def normalise(text: str, table: dict[str, str]) -> str:
    """The folded words of `text`, each replaced by its meaning when the table has one."""
    return " ".join(table.get(word, word) for word in words(text))
