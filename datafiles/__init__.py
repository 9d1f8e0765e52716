"""Loading the files maintainers edit by hand: line-aware, schema-checked, every error at once.

    from datafiles import DataFileError, LastGood, load

    doc = load("bot/lexicon.yml", SCHEMA)     # raises DataFileError listing every problem
    doc.data                                  # plain dicts, lists, str, int, float, bool, None, dates
    doc.where(("phrases", "goal"))            # (line, column) of that value, 1-based
    doc.problem(("phrases", "goal"), "...")   # a Problem there, for checks the schema cannot express

    try:
        ...
    except DataFileError as error:
        print(error)                          # one `file:line:column: reason` per line
        error.problems                        # [Problem(path, line, column, reason), ...]

What the loader refuses, whatever the schema says:
- YAML syntax errors (the first one: YAML cannot go on past it);
- duplicate keys (each one, with the line of the first);
- keys that are not plain names (mapping keys are always text, as written: `on:`, `2027-01-01:`);
- numbers with a leading zero (`017`: octal in YAML 1.1), `.nan`, `.inf`, and tags (`!!python/...`);
- more than `Limits.max_aliases` aliases, more than `Limits.max_nodes` values once aliases are
  expanded (a "billion laughs" file), nesting past `Limits.max_depth`, files over `Limits.max_bytes`.

Values are read as YAML 1.2: `yes`, `no`, `on`, `off` are words and `1:30` is text. Where the
schema wants a boolean or a number instead, the error says what to write. The schema is JSON Schema
(draft 2020-12) with `additionalProperties: false` where unknown keys must be refused, plus two
keywords of ours, `hint` and `amount` (see datafiles/schema.py).

To run checks of your own even on a file the schema refuses (so that one run lists everything),
read and validate in two steps:

    doc = read(path)                          # raises only when nothing can be read (syntax, limits)
    problems = doc.problems + validate(doc, SCHEMA) + your_checks(doc)

`LastGood(build, sources, name)` keeps the last version that built while a file is being edited
(see datafiles/lastgood.py). Nothing here knows about any particular file.
"""

from __future__ import annotations

from pathlib import Path

from datafiles.lastgood import LastGood
from datafiles.problems import DataFileError, Problem
from datafiles.reading import DEFAULT_LIMITS, Document, Limits, read_file, read_text
from datafiles.schema import validate

__all__ = ["DataFileError", "Document", "LastGood", "Limits", "Problem", "load", "loads", "read", "validate"]

read = read_file


def load(path: str | Path, schema: dict | None = None, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read a YAML file and check it against `schema` (when given); raise DataFileError on any problem."""
    return _checked(read_file(path, limits), schema)


def loads(text: str, schema: dict | None = None, path: str | Path = "<text>",
          limits: Limits = DEFAULT_LIMITS) -> Document:
    """Like load, from text; `path` is the name used in the problems."""
    return _checked(read_text(text, path, limits), schema)


def _checked(doc: Document, schema: dict | None) -> Document:
    problems = list(doc.problems)
    if schema is not None:
        problems += validate(doc, schema)
    if problems:
        raise DataFileError(problems)
    return doc
