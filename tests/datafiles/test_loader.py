"""The loader for maintainer-edited files: what it refuses, where it says the problem is, and that it
keeps the last good version serving. Every refusal must name file:line:column."""

from __future__ import annotations

import os
import re
import time

import pytest

from datafiles import DataFileError, LastGood, Limits, load, loads

SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["min_age"],
    "properties": {
        "min_age": {"type": "integer", "minimum": 0},
        "sensitive": {"type": "boolean"},
        "starts": {"type": "string"},
        "cap": {"type": "number", "amount": True, "minimum": 0},
        "words": {"type": "array", "items": {"type": "string"}},
        "level": {"enum": ["primary", "secondary"], "hint": "the school level"},
        "nested": {"type": "object", "additionalProperties": {"type": "array"}},
        "either": {"anyOf": [{"type": "integer"}, {"type": "array", "items": {"type": "integer"}}]},
    },
}
LOCATED = re.compile(r"^f\.yml:\d+:\d+: .+")


def problems(text: str, schema=SCHEMA, **limits) -> list[str]:
    with pytest.raises(DataFileError) as caught:
        loads(text, schema, "f.yml", Limits(**limits) if limits else Limits())
    lines = str(caught.value).splitlines()
    assert len(lines) == len(caught.value.problems)
    return lines


def test_a_good_file_loads_as_plain_data_with_places():
    doc = loads("min_age: 18\nsensitive: true\nwords: [no, si, 'on']\ncap: 1500\nlevel: primary\n", SCHEMA, "f.yml")
    assert doc.data == {"min_age": 18, "sensitive": True, "words": ["no", "si", "on"], "cap": 1500,
                        "level": "primary"}
    assert type(doc.data["cap"]) is int
    assert doc.where(("words", 2)) == (3, 17)
    assert doc.where(("words",), key=True) == (3, 1)
    assert doc.where(("words", 9)) == (3, 8)  # a missing path: the nearest value that exists
    assert str(doc.problem(("cap",), "too high")) == "f.yml:4:6: too high"


def test_every_problem_is_reported_at_once_in_file_order():
    text = "min_age: 017\nsensitive: yes\ncap: 1.800\nsensitve: true\nwords: [a, 1]\nmin_age: 3\n"
    assert problems(text) == [
        "f.yml:1:10: 017 has a leading zero, which some YAML readers take as octal; write 17, "
        "or quote it if it is a code",
        "f.yml:2:12: sensitive: expected true or false, not yes "
        "(write true or false: `yes` is a boolean only in YAML 1.1)",
        "f.yml:3:6: cap: 1.800 reads as 1.8; for an amount of 1800 write 1800",
        "f.yml:4:1: unknown key 'sensitve'; did you mean 'sensitive'?",
        "f.yml:5:12: words[1]: expected text, not 1",
        "f.yml:6:1: duplicate key 'min_age' (first at line 1)",
    ]


@pytest.mark.parametrize(("text", "expected"), [
    ("min_age: 1:30\n", "f.yml:1:10: min_age: expected a whole number, not 1:30 (`1:30` is text here; YAML 1.1 "
                        "reads it as a base-60 number: write the number itself)"),
    ("min_age: '17'\n", 'f.yml:1:10: min_age: expected a whole number, not "17" (it is quoted, so it is text: '
                        "remove the quotes)"),
    ("min_age: -1\n", "f.yml:1:10: min_age: -1 is less than the minimum of 0"),
    ("min_age: .nan\n", "f.yml:1:10: .nan is not a number a file may hold; write a number"),
    ("min_age: .inf\n", "f.yml:1:10: .inf is not a number a file may hold; write a number"),
    ("min_age: 1\nlevel: secundary\n", "f.yml:2:8: level: 'secundary' is not one of primary, secondary; "
                                       "did you mean 'secondary'? (the school level)"),
    ("sensitive: true\n", "f.yml:1:1: missing key 'min_age'"),
    ("min_age: !!python/object:os.system x\n",
     "f.yml:1:10: tags such as 'tag:yaml.org,2002:python/object:os.system' are not allowed"),
    ("? [a]\n: 1\nmin_age: 1\n", "f.yml:1:3: a key must be a plain name, not a list, a mapping or a tagged value"),
    ("min_age: 1\nnested: {a: [1], b: 2}\n", "f.yml:2:21: nested.b: expected a list, not 2"),
    ("min_age: 1\neither: [1, x]\n", "f.yml:2:13: either[1]: expected a whole number, not x"),
    ("min_age: [1, 2\nb: 3\n", "f.yml:2:2: not valid YAML: did not find expected ',' or ']'"),
    ("min_age: 1\n  bad: indent\n", "f.yml:2:6: not valid YAML: mapping values are not allowed in this context"),
])
def test_each_trap_is_refused_with_its_place_and_what_to_write(text, expected):
    assert problems(text) == [expected]


def test_keys_are_names_as_written():
    doc = loads("on: 2024-01-01\n2027-01-01: 1500\nyes: 1\n017: a\n", None, "f.yml")
    assert list(doc.data) == ["on", "2027-01-01", "yes", "017"]
    assert str(doc.data["on"]) == "2024-01-01"


def test_a_billion_laughs_file_is_refused_quickly():
    text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(8))
    started = time.process_time()
    assert problems(text, None) == ["f.yml:1:56: more than 200000 values (aliases expanded)"]
    assert problems(text, None, max_aliases=10)[0].endswith("more than 10 aliases (*name)")
    assert time.process_time() - started < 10  # bounded work, not a hang (a generous bound, not a benchmark)


def test_aliases_are_counted_as_written_not_once_per_value_inside_them():
    # A case file merges its base applicant (a dozen facts) into every case: one alias each.
    base = "base: &b {" + ", ".join(f"f{i}: {i}" for i in range(12)) + "}\n"
    cases = "".join(f"c{i}: {{<<: *b, f0: 0}}\n" for i in range(50))
    assert loads(base + cases, None, "f.yml").data["c49"]["f11"] == 11
    # (said at the anchor: an alias is the very value it names)
    assert problems(base + cases + "c50: *b\n", None) == ["f.yml:1:7: more than 50 aliases (*name)"]


def test_a_few_aliases_and_merges_are_fine_and_explicit_keys_win():
    doc = loads("base: &b {x: 1, y: 2}\nother:\n  <<: *b\n  y: 3\nlist: &l [1]\nagain: *l\n", None, "f.yml")
    assert doc.data["other"] == {"x": 1, "y": 3}
    assert doc.data["again"] == [1]


def test_recursive_aliases_deep_nesting_and_big_files_are_refused():
    assert problems("a: &x [*x]\n", None) == ["f.yml:1:4: an alias refers to the value that contains it"]
    deep = problems("a: " + "[" * 60 + "]" * 60 + "\n", None)
    assert deep[0].endswith("nested deeper than 40 levels (aliases expanded)")
    assert problems("a: 1\n" * 100, None, max_bytes=100) == [
        "f.yml:21:1: the file passes 100 bytes here (the most a data file may hold): split it, or remove what was "
        "pasted by mistake"]


def test_files_that_cannot_be_read(tmp_path):
    with pytest.raises(DataFileError, match=r"missing\.yml: file not found"):
        load(tmp_path / "missing.yml", SCHEMA)
    (tmp_path / "latin1.yml").write_bytes("min_age: 1 # año".encode("latin-1"))
    with pytest.raises(DataFileError, match=r"latin1\.yml:1:15: not UTF-8 text \(invalid continuation byte\)"):
        load(tmp_path / "latin1.yml", SCHEMA)


def test_last_good_version_keeps_serving_after_a_broken_edit(tmp_path, caplog):
    path = tmp_path / "f.yml"
    path.write_text("min_age: 18\n")
    store = LastGood(lambda: load(path, SCHEMA).data, lambda: [path], "f.yml", check_every=0)
    assert store.get() == {"min_age": 18}
    path.write_text("min_age: 18\nmin_age: x\n")
    assert store.get() == {"min_age": 18}
    assert [str(p).split("/")[-1] for p in store.problems] == ["f.yml:2:1: duplicate key 'min_age' (first at line 1)"]
    assert "keeping the last good version" in caplog.text
    path.write_text("min_age: 21\n")
    os.utime(path, ns=(time.time_ns() + 10**9, time.time_ns() + 10**9))  # a new mtime even on coarse clocks
    assert store.get() == {"min_age": 21} and store.problems == []


def test_last_good_version_survives_a_builder_crash_and_reports_it(tmp_path):
    calls = []

    def build():
        calls.append(1)
        if len(calls) > 1:
            raise KeyError("boom")
        return "v1"

    store = LastGood(build, lambda: [], "thing", check_every=0)
    assert store.get() == "v1"
    assert [str(p) for p in store.reload()] == ["thing: could not be loaded (KeyError: 'boom')"]
    assert store.get() == "v1"


def test_without_any_good_version_get_raises_the_problems(tmp_path):
    path = tmp_path / "f.yml"
    path.write_text("min_age: [\n")
    store = LastGood(lambda: load(path, SCHEMA).data, lambda: [path], "f.yml", check_every=0)
    with pytest.raises(DataFileError, match=r"f\.yml:2:1: not valid YAML"):
        store.get()


def test_every_message_names_file_line_and_column():
    for text in ("min_age: x\n", "min_age: 1\nfoo: 2\n", "min_age: 1\nwords: a\n", "min_age: 1\nmin_age: 2\n"):
        for line in problems(text):
            assert LOCATED.match(line), line


def test_a_store_can_be_pointed_at_other_files_and_keeps_serving_until_they_load(tmp_path):
    good, broken = tmp_path / "good.yml", tmp_path / "broken.yml"
    good.write_text("min_age: 18\n")
    broken.write_text("min_age: [\n")
    store = LastGood(lambda: load(good, SCHEMA).data, lambda: [good], "f.yml", check_every=0)
    assert store.get() == {"min_age": 18}
    assert [p.line for p in store.retarget(lambda: load(broken, SCHEMA).data, lambda: [broken])] == [2]
    assert store.get() == {"min_age": 18}


def test_reading_and_validating_in_two_steps_lists_everything(tmp_path):
    from datafiles import read, validate

    path = tmp_path / "f.yml"
    path.write_text("min_age: 017\nsensitive: maybe\n")
    doc = read(path)
    problems = doc.problems + validate(doc, SCHEMA) + [doc.problem(("min_age",), "must be 18 or more")]
    assert [(p.line, p.reason.split(":")[0]) for p in sorted(problems)] == [
        (1, "017 has a leading zero, which some YAML readers take as octal; write 17, or quote it if it is a code"),
        (1, "must be 18 or more"), (2, "sensitive")]


@pytest.mark.parametrize(("text", "expected"), [
    ("min_age: 1\nday: 2009-13-01\n", "f.yml:2:6: 2009-13-01 is not a date (month must be in 1..12); write "
                                      "YYYY-MM-DD, or quote it if it is text"),
    ("min_age: 0x1F\n", "f.yml:1:10: 0x1F is a number in another base, which YAML readers disagree on; write it "
                        "in decimal, or quote it if it is a code"),
    ("min_age: 0o17\n", "f.yml:1:10: 0o17 is a number in another base, which YAML readers disagree on; write it "
                        "in decimal, or quote it if it is a code"),
    ("min_age: 1\nday: '2024-05-01'\n", 'f.yml:2:6: day: expected a date (YYYY-MM-DD), not "2024-05-01" (it is '
                                        "quoted, so it is text: remove the quotes)"),
    ("min_age: 1\nday: 2024-05-01 10:00:00\n", 'f.yml:2:6: day: expected a date (YYYY-MM-DD), not '
                                               '"2024-05-01 10:00:00"'),
])
def test_impossible_dates_other_bases_and_date_values(text, expected):
    assert problems(text, {**SCHEMA, "properties": {**SCHEMA["properties"], "day": {"date": True}}}) == [expected]


def test_a_real_date_is_a_date():
    import datetime as dt

    schema = {**SCHEMA, "properties": {**SCHEMA["properties"], "day": {"date": True}}}
    assert loads("min_age: 1\nday: 2024-05-01\n", schema, "f.yml").data["day"] == dt.date(2024, 5, 1)


def test_a_question_mark_in_a_flow_list_is_explained():
    assert problems("words: [¿Qué es?, ¿Cuánto cuesta?]\n", None) == [
        "f.yml:1:16: not valid YAML: did not find expected ',' or ']' (a \"?\" inside [...] or {...} stops YAML "
        "readers: quote that text, or write one item a line)"]


def test_a_control_character_is_refused_at_its_place():
    assert problems("a: 1\nb: x\x1fy\n", None) == [
        "f.yml:2:5: a control character (U+001F) that a text file may not hold; delete it"]


def test_a_value_that_may_be_left_empty_is_explained_by_what_it_may_be_otherwise():
    schema = {"type": "object", "properties": {"max": {"anyOf": [{"type": "null"}, {"type": "integer"}]}}}
    assert problems("max: [29]\n", schema) == ["f.yml:1:6: max: expected a whole number, not [29]"]
