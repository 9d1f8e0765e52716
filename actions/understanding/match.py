"""Matching compiled phrases against a message, in bounded time.

A phrase graph has no cycles, and each (step, position) is worked out once and remembered, so a
phrase costs at most (its steps) x (the words it can read) at each place it may start. Where several
ways through a phrase fit, the one reading the most words wins; on a tie, the one written first
(an optional part taken, a {trade} read long, a {gap} read short).
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import NamedTuple

from actions.understanding.numbers import Quantity
from actions.understanding.phrases import Phrase
from actions.understanding.text import Token

_DIGITS = re.compile(r"(\d{1,2})([a-z]*)")
_AT_NUMBERS = frozenset({"n", "years"})  # slots that can only start where a number reading starts


class MatchWords(NamedTuple):
    """The lexicon's words the matcher itself needs."""

    conjunctions: frozenset  # {start} after them too; a {gap} does not cross them
    end_words: frozenset  # {end} before them
    stops: dict  # capture name -> (single stop words, multi-word stops as tuples)
    ordinals: dict  # "tercero" -> 3
    ordinal_suffixes: frozenset  # "ro", "to"


class Match(NamedTuple):
    phrase: Phrase
    i: int  # token span [i, j)
    j: int
    slots: dict  # "n", "n2", "years", "ord" -> value; "trade", "job", "place" -> token span (a, b)


class Context:
    """One message, ready for matching: tokens, where each word is, the number readings by start."""

    def __init__(self, toks: list[Token], quantities: list[Quantity], words: MatchWords):
        self.toks = toks
        self.norms = [t.norm for t in toks]
        self.kinds = [t.kind for t in toks]
        self.size = len(toks)
        self.words = words
        self.positions: dict[str, list[int]] = defaultdict(list)
        for k, norm in enumerate(self.norms):
            self.positions[norm].append(k)
        self.numbers: dict[int, list[Quantity]] = defaultdict(list)
        self.durations: dict[int, list[Quantity]] = defaultdict(list)
        for q in sorted(quantities, key=lambda q: q.i - q.j):  # longest first at each start
            (self.durations if q.unit else self.numbers)[q.i].append(q)
        self.number_starts = sorted(set(self.numbers) | set(self.durations))
        self._capturable: dict = {}
        self._found: dict[int, list[Match]] = {}  # id(phrase) -> its matches (phrases are asked about often)
        self._memo: dict[int, dict] = {}

    def starts(self, phrase: Phrase) -> list[int]:
        """Where a match of the phrase can begin."""
        positions = self.positions
        for word in phrase.required:
            if word not in positions:
                return []
        if phrase.first_slots - _AT_NUMBERS:
            return list(range(self.size))
        found = set(self.number_starts) if phrase.first_slots else set()
        for word in phrase.first_words:
            if word in positions:
                found.update(positions[word])
        return sorted(found)

    def find(self, phrase: Phrase) -> list[Match]:
        """The best match at each place the phrase can start."""
        key = id(phrase)
        if key not in self._found:
            found = (self.at(phrase, start) for start in self.starts(phrase))
            self._found[key] = [m for m in found if m is not None]
        return self._found[key]

    def at(self, phrase: Phrase, start: int) -> Match | None:
        """The best match of the phrase starting at token `start`."""
        memo = self._memo.setdefault(id(phrase), {})
        best = self._best(phrase, phrase.entry, start, memo)
        if best is None or best[0] <= start:
            return None
        return Match(phrase, start, best[0], _slots(best[1]))

    def _best(self, phrase: Phrase, nid: int, pos: int, memo: dict):
        """(end, bindings) of the best way from step `nid` at token `pos`, or None; worked out once."""
        key = nid * 4096 + pos  # a message has fewer than 4096 tokens (text.MAX_CHARS)
        if key in memo:
            return memo[key]
        nodes, norms, size = phrase.nodes, self.norms, self.size
        node = nodes[nid]
        start = pos
        while node.kind == "word":  # plain words in a row: no need to remember each step
            if pos >= size or norms[pos] != node.arg:
                memo[key] = None
                return None
            pos += 1
            nid = node.nexts[0]
            node = nodes[nid]
        if pos != start:
            result = self._best(phrase, nid, pos, memo)
        else:
            result = self._step(phrase, node, pos, memo)
        memo[key] = result
        return result

    def _step(self, phrase: Phrase, node, pos: int, memo: dict):  # noqa: C901 (one branch per step kind)
        kind = node.kind
        if kind == "done":
            return pos, ()
        if kind == "split":
            best = None
            for n in node.nexts:
                c = self._best(phrase, n, pos, memo)
                if c is not None and (best is None or c[0] > best[0]):
                    best = c
            return best
        nxt = node.nexts[0]
        if kind in ("start", "end", "clause"):
            return self._best(phrase, nxt, pos, memo) if self._holds(kind, pos) else None
        if kind == "not":
            return self._best(phrase, nxt, pos, memo) if self._best(phrase, node.arg, pos, memo) is None else None
        if kind == "punct":
            ok = pos < self.size and self.norms[pos] == node.arg
            return self._best(phrase, nxt, pos + 1, memo) if ok else None
        if kind == "any":
            ok = pos < self.size and self.kinds[pos] != "p" and self.norms[pos] not in self.words.conjunctions
            return self._best(phrase, nxt, pos + 1, memo) if ok else None
        return _pick(self._bound(phrase, nxt, name, value, end, memo) for name, value, end in self._reads(node, pos))

    def _bound(self, phrase: Phrase, nxt: int, name, value, end: int, memo: dict):
        rest = self._best(phrase, nxt, end, memo)
        if rest is None:
            return None
        return rest[0], ((name, value), *rest[1]) if name else rest[1]

    def _reads(self, node, pos: int):
        """(slot name or None, value, end) for each way a consuming step can read from pos."""
        kind = node.kind
        if kind == "list":
            for entry in node.arg.get(self.norms[pos], ()) if pos < self.size else ():
                if tuple(self.norms[pos:pos + len(entry)]) == entry:
                    yield None, None, pos + len(entry)
        elif kind in ("n", "years"):
            for q in (self.numbers if kind == "n" else self.durations).get(pos, ()):
                yield kind, q, q.j
        elif kind == "ord":
            value = self._ordinal(pos)
            if value:
                yield "ord", value, pos + 1
        elif kind == "capture":
            name, most = node.arg
            for length in range(self._run(name, pos, most), 0, -1):
                yield name, (pos, pos + length), pos + length

    def _holds(self, kind: str, pos: int) -> bool:
        if kind == "start":
            return pos == 0 or self.kinds[pos - 1] == "p" or self.norms[pos - 1] in self.words.conjunctions
        if kind == "clause":
            return pos > 0 and self.norms[pos - 1] in (",", ";", ":")
        # {end}: the end, punctuation, an end word, or a number starting the next item ("35 años 3 hijos")
        return pos >= self.size or self.kinds[pos] in "pn" or self.norms[pos] in self.words.end_words

    def _ordinal(self, pos: int) -> int | None:
        if pos >= self.size:
            return None
        norm = self.norms[pos]
        if norm in self.words.ordinals:
            return self.words.ordinals[norm]
        m = _DIGITS.fullmatch(norm)
        if m and (not m.group(2) or m.group(2) in self.words.ordinal_suffixes):
            return int(m.group(1))
        return None

    def _run(self, name: str, pos: int, most: int) -> int:
        """How many tokens from pos (at most `most`) a {trade}, {job} or {place} may take: words (and
        numbers, for a place) up to a punctuation mark or a stop word."""
        key = (name, pos)
        if key not in self._capturable:
            single, multi = self.words.stops.get(name, (frozenset(), ()))
            k, last = pos, min(self.size, pos + most)
            while k < last and (self.kinds[k] == "w" or (name == "place" and self.kinds[k] == "n")):
                if self.norms[k] in single or any(tuple(self.norms[k:k + len(s)]) == s for s in multi):
                    break
                k += 1
            self._capturable[key] = k - pos
        return self._capturable[key]


def _pick(candidates):
    """The way that reads furthest; the first one on a tie."""
    best = None
    for c in candidates:
        if c is not None and (best is None or c[0] > best[0]):
            best = c
    return best


def _slots(bindings: tuple) -> dict:
    out: dict = {}
    for name, value in bindings:
        key, n = name, 2
        while key in out:
            key, n = f"{name}{n}", n + 1
        out[key] = value
    return out
