"""The phrase language of bot/lexicon.yml: parsing a phrase and compiling it to a small graph.

The reference for maintainers is docs/phrases.md. In short, a phrase is words to find in a message,
plus:

    [a b]  [a|b]     optional words, optionally one of several
    (a|b c)          one of several
    <name>           any entry of the word list `vocab.name`
    !word !<name> !(a|b)   not followed by that
    , ; :            that punctuation mark, if the message has it
    {n}              a number or a range ("35", "treinta y cinco", "unos 900", "entre 800 y 1000")
    {years}          a length of time, in years ("5 años", "seis meses", "año y medio")
    {ord}            a school year ("3ro", "tercero", "3")
    {trade} {job}    a trade: one the assistant knows, or any short description
    {place}          a place name (place prefixes end with it implicitly)
    {gap}            up to three words of the same clause
    {start} {end} {clause}   the start of a clause, its end, the start of a clause after a comma

There is no repetition, so every phrase reads a bounded number of words. Matching (match.py) never
backtracks: it works out each (step, position) at most once, so a phrase costs at most its steps
times the words it can read, at each place it may start. A phrase over those bounds (MAX_NODES
steps, MAX_WORDS words), one that can match no word and one that starts with {gap} are refused
when the lexicon loads.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

WILDCARDS = {"gap", "trade", "job", "place"}
SLOTS = WILDCARDS | {"n", "years", "ord", "start", "end", "clause"}
ASSERTIONS = {"start", "end", "clause"}
GAP_WORDS = 3  # {gap}: up to this many words
CAPTURE_WORDS = {"trade": 4, "job": 4, "place": 6}
MAX_NODES = 400  # a phrase compiles to at most this many steps
MAX_WORDS = 40  # and reads at most this many words
QUANTITY_WORDS = 8  # the most words a {n} or {years} is counted as, for that bound

_TOKEN = re.compile(r"\{\w*\}?|<\w*>?|!|[()|\[\]]|[,;:]|[^\s()|\[\]{}<>!,;:]+")


class PhraseError(ValueError):
    def __init__(self, column: int, reason: str):
        self.column = column  # 0-based, in the phrase
        self.reason = reason
        super().__init__(reason)


@dataclass
class Node:
    """One step: `kind` consumes tokens (word, list, n, years, ord, any, capture, punct) or not
    (split, not, start, end, clause, done); `nexts` are the steps after it, preferred first."""

    kind: str
    arg: object = None
    nexts: list[int] = field(default_factory=list)


@dataclass
class Phrase:
    text: str
    nodes: list[Node]
    entry: int
    first_words: frozenset  # literal words a match can start with
    first_slots: frozenset  # slots a match may start with: n, years (at a number), ord, trade, job, place
    first_literal: str | None  # the phrase's first written word (for the negation guard: "no soy ...")
    captures: tuple  # names of the slots it binds: n, years, ord, trade, job, place
    required: frozenset  # words every match contains: a message without one of them is not tried


def parse(text: str, words: Callable[[str], list[str]], lists: dict) -> list:
    """The phrase as a tree: ("seq", [items]) with items ("word", w), ("list", name), ("slot", name),
    ("alt", [seqs], optional), ("not", item), ("punct", mark). `words` normalises a literal the way
    messages are; `lists` are the known word lists."""
    items = [(m.group(), m.start()) for m in _TOKEN.finditer(text)]
    tree, k = _alternatives(items, 0, words, lists, closing=None, opened_at=0)
    if k < len(items):
        raise PhraseError(items[k][1], f"unexpected {items[k][0]!r}")
    return tree


def _alternatives(items, k, words, lists, closing, opened_at):
    seqs, seq = [], []
    while k < len(items):
        item, col = items[k]
        if item in (")", "]"):
            if item != closing:
                raise PhraseError(col, f"{item!r} closes nothing that is open")
            break
        if item == "|":
            seqs.append(("seq", seq))
            seq, k = [], k + 1
            continue
        node, k = _item(items, k, words, lists)
        if node is not None:
            seq.append(node)
    else:
        if closing:
            raise PhraseError(opened_at, f"a {'(' if closing == ')' else '['} is never closed")
    seqs.append(("seq", seq))
    if any(not s[1] for s in seqs) and (len(seqs) > 1 or closing):
        raise PhraseError(items[min(k, len(items) - 1)][1] if items else 0, "an empty choice: remove the extra '|'")
    return ("alt", seqs, False) if len(seqs) > 1 else seqs[0], k


def _item(items, k, words, lists):
    item, col = items[k]
    if item == "!":
        if k + 1 >= len(items) or items[k + 1][0] in ")]|!,;:":
            raise PhraseError(col, "'!' must be followed by a word, a <list> or a group")
        inner, k = _item(items, k + 1, words, lists)
        return ("not", inner), k
    if item in "([":
        closing = ")" if item == "(" else "]"
        inner, k = _alternatives(items, k + 1, words, lists, closing, opened_at=col)
        if inner[0] == "seq":
            inner = ("alt", [inner], False)
        return ("alt", inner[1], item == "["), k + 1
    if item in ",;:":
        return ("punct", item), k + 1
    if item.startswith("{"):
        name = item[1:-1] if item.endswith("}") else None
        if name not in SLOTS:
            known = ", ".join("{" + s + "}" for s in sorted(SLOTS))
            raise PhraseError(col, f"unknown slot {item!r}; slots are {known}")
        return ("slot", name), k + 1
    if item.startswith("<"):
        name = item[1:-1] if item.endswith(">") else None
        if name not in lists:
            raise PhraseError(col, f"unknown word list {item!r} (define it under `vocab`)")
        return ("list", name), k + 1
    normalised = words(item)
    if not normalised:
        return None, k + 1
    seq = [("word", w) for w in normalised]
    return (seq[0] if len(seq) == 1 else ("seq", seq)), k + 1


def check(tree, text: str) -> None:
    """Refuse phrases that would be tried everywhere for nothing: one that can read no word, one that
    starts with {gap}. (The cost of every phrase is bounded by its length, checked after compiling.)"""
    if _shortest(tree) == 0:
        raise PhraseError(0, "the phrase can match no word at all; make at least one word required")
    first = _first_items(tree)
    if any(_is_wildcard(i) and i[1] == "gap" for i in first):
        raise PhraseError(0, "a phrase cannot start with {gap}")


def _is_wildcard(item) -> bool:
    return item[0] == "slot" and item[1] in WILDCARDS


def _sequences(tree):
    if tree[0] == "seq":
        yield tree
        for item in tree[1]:
            yield from _sequences(item)
    elif tree[0] == "alt":
        for seq in tree[1]:
            yield from _sequences(seq)
    elif tree[0] == "not":
        yield from _sequences(tree[1])


def _shortest(tree) -> int:
    kind = tree[0]
    if kind == "seq":
        return sum(_shortest(i) for i in tree[1])
    if kind == "alt":
        return 0 if tree[2] else min(_shortest(s) for s in tree[1])
    if kind in ("not", "punct"):
        return 0
    if kind == "slot":
        return 0 if tree[1] in ASSERTIONS or tree[1] == "gap" else 1
    return 1


def _first_items(tree):
    """The items a match may start with (through optional parts and assertions)."""
    out = []
    if tree[0] == "seq":
        for item in tree[1]:
            out.extend(_first_items(item))
            if _shortest(item) > 0 and item[0] != "not":
                break
    elif tree[0] == "alt":
        for seq in tree[1]:
            out.extend(_first_items(seq))
    elif tree[0] == "not":
        pass
    else:
        out.append(tree)
    return out


def compile_phrase(text: str, words: Callable[[str], list[str]], lists: dict) -> Phrase:
    """Parse, check and compile one phrase. Raises PhraseError (with the column) when it is not valid."""
    tree = parse(text, words, lists)
    check(tree, text)
    nodes: list[Node] = [Node("done")]
    entry = _compile(tree, 0, nodes, lists)
    if len(nodes) > MAX_NODES or _longest(nodes, entry, {}) > MAX_WORDS:
        raise PhraseError(0, f"the phrase is too long (at most {MAX_WORDS} words and {MAX_NODES} steps)")
    first = _first_items(tree)
    first_words = set()
    for item in first:
        if item[0] == "word":
            first_words.add(item[1])
        elif item[0] == "list":
            first_words.update(entry_words[0] for entry_words in lists[item[1]])
    slots = frozenset(i[1] for i in first if i[0] == "slot" and i[1] not in ASSERTIONS)
    literal = next((i[1] for i in _preorder(tree) if i[0] == "word"), None)
    captures = tuple(sorted({i[1] for s in _sequences(tree) for i in s[1] if i[0] == "slot"} - ASSERTIONS - {"gap"}))
    return Phrase(text, nodes, entry, frozenset(first_words), slots, literal, captures, _required(tree))


def _required(tree) -> frozenset:
    kind = tree[0]
    if kind == "word":
        return frozenset({tree[1]})
    if kind == "seq":
        return frozenset().union(*(_required(i) for i in tree[1]))
    if kind == "alt" and not tree[2]:
        return frozenset.intersection(*(_required(s) for s in tree[1]))
    return frozenset()


def _preorder(tree):
    yield tree
    if tree[0] in ("seq", "alt"):
        for child in tree[1]:
            yield from _preorder(child)
    elif tree[0] == "not":
        yield from _preorder(tree[1])


def _add(nodes: list[Node], kind: str, arg=None, nexts=None) -> int:
    nodes.append(Node(kind, arg, list(nexts or [])))
    return len(nodes) - 1


def _compile(tree, cont: int, nodes: list[Node], lists: dict) -> int:
    """The node that reads `tree` and then goes on to `cont` (built from the end backwards)."""
    kind = tree[0]
    if kind == "seq":
        for item in reversed(tree[1]):
            cont = _compile(item, cont, nodes, lists)
        return cont
    if kind == "alt":
        branches = [_compile(seq, cont, nodes, lists) for seq in tree[1]]
        return _add(nodes, "split", None, branches + ([cont] if tree[2] else []))
    if kind == "word":
        return _add(nodes, "word", tree[1], [cont])
    if kind == "list":
        by_first: dict[str, list[tuple]] = {}
        for entry in sorted(lists[tree[1]], key=len, reverse=True):
            by_first.setdefault(entry[0], []).append(tuple(entry))
        return _add(nodes, "list", by_first, [cont])
    if kind == "punct":
        return _add(nodes, "split", None, [_add(nodes, "punct", tree[1], [cont]), cont])
    if kind == "not":
        inner = _compile(tree[1], 0, nodes, lists)
        return _add(nodes, "not", inner, [cont])
    name = tree[1]
    if name == "gap":
        for _ in range(GAP_WORDS):
            cont = _add(nodes, "split", None, [cont, _add(nodes, "any", None, [cont])])
        return cont
    if name in CAPTURE_WORDS:
        return _add(nodes, "capture", (name, CAPTURE_WORDS[name]), [cont])
    return _add(nodes, name, None, [cont])  # n, years, ord, start, end, clause


def _longest(nodes: list[Node], nid: int, memo: dict) -> int:
    if nid in memo:
        return memo[nid]
    node = nodes[nid]
    own = {"word": 1, "any": 1, "punct": 1, "ord": 1, "n": QUANTITY_WORDS, "years": QUANTITY_WORDS}.get(node.kind, 0)
    if node.kind == "list":
        own = max((len(e) for entries in node.arg.values() for e in entries), default=0)  # a list of no words
    elif node.kind == "capture":
        own = node.arg[1]
    memo[nid] = own + max((_longest(nodes, n, memo) for n in node.nexts), default=0)
    return memo[nid]
