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

from rules import yamlfile

from .text import fold, words

FILE = "search_words.yml"
LANGS = ("es", "en")
_TOKEN = re.compile(r"^[a-z0-9ñ]+$")


def load(path: Path, errors: list, error) -> dict[str, dict[str, str]]:
    """{lang: {word: meaning}}; each problem is appended to `errors` as error(path, line, reason)."""
    try:
        data = yamlfile.load(path)
    except yamlfile.SourceError as exc:
        errors.append(error(path, exc.line, exc.reason))
        return {}
    if not isinstance(data, dict) or set(data) != {"words"} or not isinstance(data["words"], dict):
        errors.append(error(path, 1, "the file must hold one mapping, words: (with es: and en:)"))
        return {}
    table = data["words"]
    out: dict[str, dict[str, str]] = {}
    for lang, entries in table.items():
        line = table.line_of(lang)
        if lang not in LANGS:
            errors.append(error(path, line, f"unknown language '{lang}' (es or en)"))
            continue
        if not isinstance(entries, dict):
            errors.append(error(path, line, f"'{lang}' must be a mapping of word: meaning"))
            continue
        out[lang] = {}
        for word, means in entries.items():
            at = entries.line_of(word)
            if not isinstance(word, str) or not _TOKEN.match(word) or fold(word) != word:
                errors.append(error(path, at, f"{word!r}: a word is one folded token (lower case, no accents)"))
            elif not isinstance(means, str) or not words(means) or " ".join(words(means)) != means.strip():
                errors.append(error(path, at, f"{word}: its meaning must be folded words (lower case, no accents)"))
            elif means.strip() == word:
                errors.append(error(path, at, f"{word}: means itself"))
            else:
                out[lang][word] = means.strip()
        for word, means in out[lang].items():
            chained = [w for w in means.split() if w in out[lang] and w != word]
            if chained:
                errors.append(error(path, entries.line_of(word),
                                    f"{word}: its meaning uses '{chained[0]}', which is itself replaced"))
    return out


def normalise(text: str, table: dict[str, str]) -> str:
    """The folded words of `text`, each replaced by its meaning when the table has one."""
    return " ".join(table.get(word, word) for word in words(text))
