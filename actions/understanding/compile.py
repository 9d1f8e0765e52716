"""Turning the checked lexicon file into what the readers use, and refusing what cannot work.

Every problem is collected with its place in the file (file:line:column), so one run of
`python -m actions.understanding check` lists them all.
"""

from __future__ import annotations

from collections.abc import Iterable

from actions.understanding.phrases import Phrase, PhraseError, compile_phrase
from actions.understanding.text import Spelling, near_spellings, token_pattern, tokenise
from datafiles import Document, Problem


class Compiler:
    """Normalises words and compiles phrases of one lexicon document, collecting problems."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.data = doc.data
        self.problems: list[Problem] = []
        norm = self.data["normalise"]
        numbers = self.data["numbers"]
        self.pattern = token_pattern({str(k): v for k, v in norm["symbols"].items()})
        plain = Spelling({}, {}, frozenset(), {}, frozenset())
        fold_only = lambda raw: " ".join(t.norm for t in tokenise(raw, plain, self.pattern))  # noqa: E731
        typos = {fold_only(k): fold_only(v) for k, v in norm["typos"].items()}
        self.spelling = Spelling(
            typos=typos,
            symbols={str(k): fold_only(v) for k, v in norm["symbols"].items()},
            keep_double=frozenset(fold_only(w) for w in norm["keep_final_double"]),
            scales={fold_only(k): float(v) for k, v in numbers["scales"].items()},
            ordinal_suffixes=frozenset(fold_only(s) for s in numbers["ordinal_suffixes"]),
        )
        self.known: set[str] = set()  # every word a phrase or list is written with
        self._entries: dict[tuple, list[tuple]] = {}
        self.lists: dict[str, list[tuple]] = {}
        for name in self.data["vocab"]:
            self.lists[name] = self.entries(("vocab", name))

    def fail(self, keys: tuple, reason: str, key: bool = False) -> None:
        self.problems.append(self.doc.problem(keys, reason, key=key))

    def words(self, raw: str) -> list[str]:
        """A lexicon entry normalised exactly like a message."""
        words = [t.norm for t in tokenise(raw, self.spelling, self.pattern)]
        self.known.update(words)
        return words

    def near_spelling(self) -> Spelling:
        """The spelling with slips of the lexicon's words (text.near_spellings), once every word is known."""
        known = frozenset(self.known)  # before the listed real words are read, which are not the lexicon's
        not_typos = frozenset(w for entry in self.entries(("normalise", "not_typos")) for w in entry)
        return self.spelling._replace(known=known, near=near_spellings(known, not_typos), not_typos=not_typos)

    def entries(self, keys: tuple) -> list[tuple]:
        """A list of words or word groups (no phrase syntax) as tuples of normalised words; each must
        be new to its list."""
        if keys in self._entries:
            return self._entries[keys]
        out: list[tuple] = []
        seen: dict[tuple, int] = {}
        self._entries[keys] = out
        for i, raw in enumerate(self._at(keys) or []):
            if raw.startswith("<") and raw.endswith(">") and raw[1:-1] in self.lists:
                out.extend(self.lists[raw[1:-1]])  # a word list named inside another
                continue
            entry = tuple(self.words(raw))
            if not entry:
                self.fail((*keys, i), f"{raw!r} has no word in it")
            elif entry in seen:
                line = self.doc.where((*keys, seen[entry]))[0]
                self.fail((*keys, i), f"{raw!r} is listed twice (first at line {line})")
            else:
                seen[entry] = i
                out.append(entry)
        return out

    def word_set(self, keys: tuple) -> frozenset:
        """Single words of a list (entries of several words give each of their words)."""
        return frozenset(w for entry in self.entries(keys) for w in entry)

    def phrase(self, keys: tuple, suffix: str = "") -> Phrase | None:
        """The phrase at `keys` (with `suffix` added, for place prefixes), or None and a problem."""
        raw = self._at(keys)
        try:
            return compile_phrase(raw + suffix, self.words, self.lists)
        except PhraseError as error:
            line, column = self.doc.where(keys)
            quoted = 0 if self.doc.plain_text(keys) is not None else 1
            self.problems.append(Problem(self.doc.path, line, column + quoted + error.column,
                                         f"{error.reason}, in phrase {raw!r}"))
            return None

    def phrases(self, keys: tuple) -> list[Phrase]:
        found = []
        seen: dict[str, int] = {}
        for i, raw in enumerate(self._at(keys) or []):
            if raw in seen:
                line = self.doc.where((*keys, seen[raw]))[0]
                self.fail((*keys, i), f"phrase {raw!r} is listed twice (first at line {line})")
                continue
            seen[raw] = i
            compiled = self.phrase((*keys, i))
            if compiled is not None:
                found.append(compiled)
        return found

    def fact(self, keys: tuple, name: str, facts: dict, types: Iterable[str]) -> bool:
        """The key names an engine fact of one of these types (rules/policy/facts.yml)."""
        spec = facts.get(name)
        types = tuple(types)
        if spec is None:
            self.fail(keys, f"{name!r} is not a fact of the engine (rules/policy/facts.yml)", key=True)
            return False
        if spec.type not in types:
            self.fail(keys, f"{name!r} is a fact of type {spec.type}; here only {', '.join(types)} facts fit", key=True)
            return False
        return True

    def value(self, keys: tuple, fact, raw: str, key: bool = True):
        """A value of the fact as the engine reads it: a choice, or true/false; None (and a problem) if not."""
        if fact.type == "boolean":
            if raw in ("true", "false"):
                return raw == "true"
            self.fail(keys, f"{fact.name} is true or false, not {raw!r}", key=key)
            return None
        if raw in fact.choices:
            return raw
        self.fail(keys, f"{raw!r} is not a value of {fact.name}; its values are {', '.join(fact.choices)}", key=key)
        return None

    def _at(self, keys: tuple):
        value = self.data
        for k in keys:
            value = value[k]
        return value
