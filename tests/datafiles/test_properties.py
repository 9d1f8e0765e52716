"""The loader on any text: it returns data or raises DataFileError with located problems; nothing else."""

import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from datafiles import DataFileError, Limits, loads

from .test_loader import SCHEMA

# Fragments maintainers (and their editors) produce, glued at random.
PIECES = ["min_age: ", "cap: ", "words: ", "level: ", "nested:\n  a: ", "- ", "  ", "\n", "[", "]", "{", "}", ",",
          ": ", "&a ", "*a", "<<: *a", "!!python/object ", "017", "1.500", "1:30", "yes", "on", ".nan", "~", "'",
          '"', "#", "?", "¿Qué?", "2009-13-01", "2024-05-01", "-1", "0x1F", "\t", "|\n  x", ">-\n  y", "%YAML 1.1\n"]
LOCATED = re.compile(r"^f\.yml(:\d+:\d+)?: .+")


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=4), max_size=25).map("".join))
@example("017\n\n[")  # a value written over lines was quoted with its line break, splitting the problem in two
def test_any_text_loads_or_is_refused_with_its_problems(text):
    try:
        loads(text, SCHEMA, "f.yml", Limits(max_aliases=5, max_nodes=2000))
    except DataFileError as error:
        assert error.problems and all(LOCATED.match(line) for line in str(error).splitlines()), str(error)
