"""YAML loading that remembers line numbers (for the policy and the knowledge sources), so a broken file is refused
with its name, the line and the reason, which is what a maintainer needs.

Mappings load as `LineDict` and sequences as `LineList`; both carry `.line`
(1-based) and mappings also `.lines[key]`. Duplicate keys are errors, not
silently overwritten as plain YAML would do.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml


class SourceError(ValueError):
    """A data file that cannot be used: where and why."""

    def __init__(self, path: str | Path, line: int | None, reason: str):
        self.path = str(path)
        self.line = line
        self.reason = reason
        super().__init__(f"{self.path}:{line}: {reason}" if line else f"{self.path}: {reason}")


class LineDict(dict):
    line: int = 0

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines: dict = {}

    def line_of(self, key) -> int:
        return self.lines.get(key, self.line)


class LineList(list):
    line: int = 0


# libyaml's parser where present: faster, and it reads `[¿Qué es?, ¿Cuánto cuesta?]`
# in a flow list, which the pure-Python parser rejects (it takes `?` for a key marker).
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc, valid-type]
    path = "<yaml>"


# YAML 1.2 booleans: only true/false. YAML 1.1 would read the case key `on:`
# and answers like `no` or `si` as booleans, surprising every maintainer.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    own = sum(1 for key_node, _ in node.value if key_node.tag != "tag:yaml.org,2002:merge")
    loader.flatten_mapping(node)
    merged = len(node.value) - own  # flatten puts merged (`<<: *base`) pairs first
    result = LineDict()
    result.line = node.start_mark.line + 1
    from_merge: set = set()
    for index, (key_node, value_node) in enumerate(node.value):
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if key in result and key not in from_merge:
            raise SourceError(loader.path, line, f"duplicate key {key!r} (first at line {result.lines[key]})")
        from_merge.discard(key)  # an explicit key overrides what `<<:` brought in
        if index < merged:
            from_merge.add(key)
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = line
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    return result


def _construct_timestamp(loader: _Loader, node: yaml.ScalarNode):
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError as error:
        raise SourceError(loader.path, node.start_mark.line + 1, f"{node.value!r} is not a date ({error})") from None


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def loads(text: str, path: str | Path = "<yaml>"):
    """Parse YAML text; syntax errors become SourceError with the line."""
    loader = _Loader(text)
    loader.path = str(path)  # for the errors raised while constructing
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise SourceError(path, mark.line + 1 if mark else None, f"not valid YAML: {error.problem}") from None
    except yaml.YAMLError as error:
        raise SourceError(path, None, f"not valid YAML: {error}") from None
    finally:
        loader.dispose()


def load(path: str | Path):
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SourceError(path, None, "file not found") from None
    except UnicodeDecodeError as error:
        raise SourceError(path, None, f"not UTF-8 text ({error.reason})") from None
    return loads(text, path)
