"""YAML text -> plain Python data that remembers where each value was written.

Read as YAML 1.2 (ruamel.yaml), so `no`, `on` and `yes` stay words and `1:30` stays text. What YAML
allows but no maintainer means is refused here, every case at once: duplicate keys, numbers with a
leading zero (`017`, octal in YAML 1.1), `.nan` and `.inf`, tags, keys that are not plain names,
and anchors or aliases past the limits (a "billion laughs" file is refused, not expanded).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError

from datafiles.problems import DataFileError, Problem

Key = tuple  # a path into the data: mapping keys (text) and list indexes (int)

_STR, _INT, _FLOAT = "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"
_PLAIN_TAGS = {_STR, _INT, _FLOAT, "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null",
               "tag:yaml.org,2002:timestamp"}
_MERGE = "tag:yaml.org,2002:merge"
_LEADING_ZERO = re.compile(r"[-+]?0\d[\d_]*")
_BASE_PREFIX = re.compile(r"[-+]?0[xXoObB][0-9a-fA-F_]+")  # 0x1F, 0o17: YAML 1.1 and 1.2 disagree


@dataclass(frozen=True)
class Limits:
    """Bounds on what a file may make the loader do."""

    max_bytes: int = 2_000_000  # the file itself
    max_aliases: int = 50  # uses of `*anchor` and `<<: *anchor`
    max_nodes: int = 200_000  # values once aliases are expanded
    max_depth: int = 40  # nesting


DEFAULT_LIMITS = Limits()


class Document:
    """A file's data (plain dicts, lists, str, int, float, bool, None, dates) and where each value is."""

    def __init__(self, path: str, data: Any, places: dict, key_places: dict, plain: dict,
                 problems: list[Problem] | None = None):
        self.path = path
        self.data = data
        self.problems = problems or []  # what reading found wrong; `load` adds the schema's and raises
        self.flagged: set = set()  # paths of the values those problems are about (the schema says no more)
        self._places = places  # path -> (line, column) of the value
        self._key_places = key_places  # path -> (line, column) of the mapping key that names it
        self._plain = plain  # path -> source text of an unquoted scalar

    def where(self, keys: Key = (), *, key: bool = False) -> tuple[int, int]:
        """(line, column), 1-based, of the value at `keys` (of its key with key=True); the nearest
        enclosing value when that path does not exist."""
        keys = tuple(keys)
        while keys:
            found = (self._key_places if key else self._places).get(keys) or self._places.get(keys)
            if found:
                return found
            keys = keys[:-1]
        return self._places.get((), (1, 1))

    def plain_text(self, keys: Key) -> str | None:
        """How an unquoted scalar was written ("yes", "1:30", "1.500"); None for quoted or missing ones."""
        return self._plain.get(tuple(keys))

    def problem(self, keys: Key, reason: str, *, key: bool = False) -> Problem:
        line, column = self.where(keys, key=key)
        return Problem(self.path, line, column, reason)

    def part(self, keys: Key, data: Any = None) -> Document:
        """The value at `keys` as a document of its own (paths relative to it, places kept), to check it
        against a schema of its own. `data` replaces the value (an expanded reference, say); paths inside
        it that were not written fall back to the value's place."""
        keys = tuple(keys)
        n = len(keys)

        def inside(table: dict) -> dict:
            return {k[n:]: v for k, v in table.items() if k[:n] == keys}

        places = inside(self._places)
        places.setdefault((), self.where(keys))
        value = self.value(keys) if data is None else data
        doc = Document(self.path, value, places, inside(self._key_places), inside(self._plain))
        doc.flagged = {k[n:] for k in self.flagged if k[:n] == keys}
        return doc

    def value(self, keys: Key) -> Any:
        """The value at `keys` (KeyError or IndexError when there is none)."""
        value = self.data
        for key in keys:
            value = value[key]
        return value


def read_text(text: str, path: str | Path = "<text>", limits: Limits = DEFAULT_LIMITS) -> Document:
    """Parse YAML text. Raises DataFileError when nothing can be read (syntax, limits); other problems
    (duplicate keys, leading zeros, ...) are left in `Document.problems`, to be reported with the schema's."""
    path = str(path)
    data = text.encode("utf-8", "surrogatepass")
    if len(data) > limits.max_bytes:
        raise DataFileError([_too_big(path, data, limits)])
    try:
        node = YAML(typ="safe").compose(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        reason = f"not valid YAML: {error.problem or error.context}"
        line = text.splitlines()[mark.line] if mark and mark.line < len(text.splitlines()) else ""
        if "flow" in str(error.context) and "?" in line:
            reason += ' (a "?" inside [...] or {...} stops YAML readers: quote that text, or write one item a line)'
        raise DataFileError([Problem(path, *where, reason)]) from None
    except ReaderError as error:  # a control character: say where, as for any other problem
        before = text[: error.position]
        line, column = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
        code = error.character if isinstance(error.character, int) else ord(str(error.character)[:1] or "\0")
        raise DataFileError([Problem(path, line, column, f"a control character (U+{code:04X}) that a text "
                                                         "file may not hold; delete it")]) from None
    except YAMLError as error:
        raise DataFileError([Problem(path, 0, 0, f"not valid YAML: {error}")]) from None
    builder = _Builder(path, limits)
    data = builder.build(node) if node is not None else None
    if builder.over_limits:
        raise DataFileError(builder.problems)
    doc = Document(path, data, builder.places, builder.key_places, builder.plain, builder.problems)
    doc.flagged = builder.flagged
    return doc


def read_file(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read and parse a UTF-8 YAML file, as read_text does."""
    path = Path(path)
    try:
        with path.open("rb") as file:
            data = file.read(limits.max_bytes + 1)  # never more than the limit, however big the file
        if len(data) > limits.max_bytes:
            raise DataFileError([_too_big(str(path), data, limits)])
        text = data.decode("utf-8")
    except FileNotFoundError:
        raise DataFileError([Problem(str(path), 0, 0, "file not found")]) from None
    except UnicodeDecodeError as error:
        line, column = _place(error.object, error.start)
        raise DataFileError([Problem(str(path), line, column, f"not UTF-8 text ({error.reason}): save the file "
                                                              "as UTF-8")]) from None
    except OSError as error:
        raise DataFileError([Problem(str(path), 0, 0, f"cannot be read ({error.strerror})")]) from None
    return read_text(text, path, limits)


def _place(data: bytes, offset: int) -> tuple[int, int]:
    """(line, column), 1-based, of a byte offset (the column counts characters)."""
    before = data[:offset]
    start = before.rfind(b"\n") + 1
    return before.count(b"\n") + 1, len(before[start:].decode("utf-8", "replace")) + 1


def _too_big(path: str, data: bytes, limits: Limits) -> Problem:
    line, column = _place(data, limits.max_bytes)
    return Problem(path, line, column, f"the file passes {limits.max_bytes} bytes here (the most a data file may "
                                       "hold): split it, or remove what was pasted by mistake")


class _Builder:
    """Walks ruamel's node graph once, building plain data and the table of places."""

    def __init__(self, path: str, limits: Limits):
        self.path = path
        self.limits = limits
        self.problems: list[Problem] = []
        self.places: dict = {}
        self.key_places: dict = {}
        self.plain: dict = {}
        self.seen: set[int] = set()
        self.aliases = 0
        self.nodes = 0
        self.over_limits = False
        self.flagged: set = set()
        self.constructor = YAML(typ="safe", pure=True).constructor

    def fail(self, node: Node, reason: str, keys: Key | None = None) -> None:
        if keys is not None:
            self.flagged.add(keys)
        mark = node.start_mark
        self.problems.append(Problem(self.path, mark.line + 1, mark.column + 1, reason))

    def build(self, node: Node, keys: Key = (), depth: int = 0, stack: frozenset = frozenset(),
              aliased: bool = False) -> Any:
        self.places[keys] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if id(node) in stack:
            self.fail(node, "an alias refers to the value that contains it")
            self.over_limits = True
            return None
        if id(node) in self.seen and not aliased:  # composed once, met again: an alias (counted once,
            aliased = True                         # not once per value inside it; those count as values)
            self.aliases += 1
            if self.aliases == self.limits.max_aliases + 1:
                self.fail(node, f"more than {self.limits.max_aliases} aliases (*name)")
                self.over_limits = True
        self.seen.add(id(node))
        self.nodes += 1
        if self.nodes > self.limits.max_nodes or depth > self.limits.max_depth:
            if self.nodes == self.limits.max_nodes + 1 or depth == self.limits.max_depth + 1:
                what = f"more than {self.limits.max_nodes} values" if depth <= self.limits.max_depth \
                    else f"nested deeper than {self.limits.max_depth} levels"
                self.fail(node, f"{what} (aliases expanded)")
                self.over_limits = True
            return None
        if self.aliases > self.limits.max_aliases:
            return None
        inner = stack | {id(node)}
        if isinstance(node, MappingNode):
            return self.mapping(node, keys, depth, inner, aliased)
        if isinstance(node, SequenceNode):
            return [self.build(child, (*keys, i), depth + 1, inner, aliased) for i, child in enumerate(node.value)]
        return self.scalar(node, keys)

    def mapping(self, node: MappingNode, keys: Key, depth: int, stack: frozenset, aliased: bool = False) -> dict:
        out: dict = {}
        first: dict = {}
        merged: set = set()
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                self.merge(value_node, keys, depth, stack, out, merged, aliased)
                continue
            name = self.key(key_node)
            if name is None:
                continue
            if name in first:
                self.fail(key_node, f"duplicate key {name!r} (first at line {first[name]})")
                continue
            first[name] = key_node.start_mark.line + 1
            merged.discard(name)  # a key written here overrides one brought in by `<<:`
            self.key_places[(*keys, name)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            out[name] = self.build(value_node, (*keys, name), depth + 1, stack, aliased)
        return out

    def merge(self, value_node: Node, keys: Key, depth: int, stack, out: dict, merged: set,
              aliased: bool = False) -> None:
        sources = value_node.value if isinstance(value_node, SequenceNode) else [value_node]
        for source in sources:
            if not isinstance(source, MappingNode):
                self.fail(source, "`<<:` merges only mappings")
                continue
            for name, value in self.build(source, keys, depth + 1, stack, aliased).items():
                if name not in out:
                    out[name] = value
                    merged.add(name)

    def key(self, node: Node) -> str | None:
        if not isinstance(node, ScalarNode) or node.tag not in _PLAIN_TAGS:
            self.fail(node, "a key must be a plain name, not a list, a mapping or a tagged value")
            return None
        return node.value  # as written: `on:` and `2027-01-01:` are names, not a boolean and a date

    def scalar(self, node: ScalarNode, keys: Key) -> Any:
        if node.tag not in _PLAIN_TAGS:
            self.fail(node, f"tags such as {node.tag!r} are not allowed", keys)
            return None
        plain = not node.style
        if plain:
            self.plain[keys] = node.value
        if node.tag == _STR:
            return node.value
        if node.tag == _INT and _LEADING_ZERO.fullmatch(node.value):
            digits = node.value.lstrip("+-0") or "0"
            self.fail(node, f"{node.value} has a leading zero, which some YAML readers take as octal; "
                            f"write {digits}, or quote it if it is a code", keys)
        if node.tag == _INT and _BASE_PREFIX.fullmatch(node.value):
            self.fail(node, f"{node.value} is a number in another base, which YAML readers disagree on; "
                            "write it in decimal, or quote it if it is a code", keys)
        try:
            value = self.constructor.construct_object(node)
        except (ValueError, OverflowError, YAMLError) as error:  # 2009-13-01 looks like a date but is none
            what = "a date" if node.tag == "tag:yaml.org,2002:timestamp" else "a value YAML can read"
            self.fail(node, f"{node.value} is not {what} ({error}); write YYYY-MM-DD, or quote it if it is text",
                      keys)
            return None
        if node.tag == _FLOAT and not math.isfinite(value):
            self.fail(node, f"{node.value} is not a number a file may hold; write a number", keys)
        return value
