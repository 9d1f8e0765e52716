"""bot/texts/*.yml as maintainers edit them: every mistake is refused with file:line and the reason, all at
once, and the running assistant keeps saying the last good texts. Tests edit a copy of the folder."""

from __future__ import annotations

import os
import re
import shutil
import time

import pytest

from actions import texts
from actions.slots import ASKABLE
from rules import ask_order, current_policy
from tests.data_files.calls import SUFFIX, said

GENERAL = (texts.TEXTS_DIR / "general.yml").read_text(encoding="utf-8")


def line_of(text: str, needle: str) -> int:
    return text[:text.index(needle)].count("\n") + 1


@pytest.fixture
def folder(tmp_path):
    shutil.copytree(texts.TEXTS_DIR, tmp_path / "texts")
    return tmp_path / "texts"


def edit(folder, old: str, new: str) -> str:
    assert GENERAL.count(old) == 1, f"general.yml changed: {old!r} is no longer there once"
    text = GENERAL.replace(old, new)
    (folder / "general.yml").write_text(text, encoding="utf-8")
    return text


def problems(folder) -> list[str]:
    with pytest.raises(texts.TextsError) as caught:
        texts.load(folder)
    return [str(p).replace(str(folder) + os.sep, "") for p in caught.value.problems]


def test_the_texts_in_the_repository_load_and_render():
    loaded = texts.load()
    assert set(loaded) >= texts.said()[0]
    assert texts.render("handoff", "en", centre="CEM Lima").text.endswith("attend in person: CEM Lima.")
    assert [b["payload"] for b in texts.render("offer", "es").buttons] == ["/affirm", "/deny"]


HANDOFF_ES = "en persona: {centre}.\"\n"
# (old text, new text, the problem is on the line of this needle in the new text, reason)
MUTATIONS = [
    ("  goodbye:\n", "  goodbye:\n    es: \"Chau.\"\n    en: \"Bye.\"\n  goodbye:\n", "  goodbye:\n    es: \"¡Hasta",
     "duplicate key 'goodbye' (first at line"),
    ("  goodbye:\n", "  godbye:\n", "  godbye:", "unknown text 'godbye'; did you mean 'goodbye'?"),
    ("    en: \"Goodbye! Write to me again whenever you like.\"\n", "", "    es: \"¡Hasta pronto",
     "goodbye: missing key 'en'"),
    (HANDOFF_ES, "en persona: {centro}.\"\n", "en persona: {centro}",
     "handoff (es): the code fills no {centro} (it gives this text: {centre})"),
    ("    es: \"¡De nada! ¿Te ayudo en algo más?\"", "    es: \"¡De nada, {name}! ¿Te ayudo en algo más?\"",
     "¡De nada, {name}", "thanks (es): the code fills no {name} (it gives this text: none)"),
    (HANDOFF_ES, "en persona.\"\n", "  handoff:",
     "handoff: the placeholders differ between es (none) and en ({centre})"),
    (HANDOFF_ES, "en persona: {centre.name}.\"\n", "{centre.name}", "{centre.name} is not a placeholder"),
    (HANDOFF_ES, "en persona: {centre.\"\n", "en persona: {centre.", "handoff (es): expected '}' before end"),
    ("        - {title: \"Sí, revisar\", payload: \"/affirm\"}", "        - {title: \"Sí, revisar\"}",
     "{title: \"Sí, revisar\"}", "missing key 'payload'"),
    ("        - {title: \"Sí, revisar\", payload: \"/affirm\"}",
     "        - {title: \"Sí, revisar\", payload: \"/afirm\"}",
     "payload: \"/afirm\"", "'/afirm' is not an intent of the domain (bot/domain); did you mean '/affirm'?"),
    ("        - {title: \"Sí, revisar\", payload: \"/affirm\"}", "        - {title: \"Sí, revisar\", payload: affirm}",
     "payload: affirm", "a payload is /intent"),
    ("        - {title: \"Tengo una pregunta\", payload: \"/deny\"}\n", "", "  offer:",
     "offer: the buttons differ between es (/affirm) and en (/affirm, /deny)"),
    ("  thanks:\n    es: \"¡De nada! ¿Te ayudo en algo más?\"", "  thanks:\n    es: \"  \"", "    es: \"  \"",
     "is blank"),
    ("  thanks:\n    es: \"¡De nada! ¿Te ayudo en algo más?\"", "  thanks:\n    es: 42", "    es: 42", "thanks.es"),
    ("\n  thanks:\n", "\n\tthanks:\n", "\tthanks:", "not valid YAML"),
]


@pytest.mark.parametrize(("old", "new", "needle", "reason"), MUTATIONS, ids=[m[3][:40] for m in MUTATIONS])
def test_each_mistake_is_refused_with_its_line(folder, old, new, needle, reason):
    text = edit(folder, old, new)
    found = problems(folder)
    assert len(found) == 1, found
    assert re.match(rf"general\.yml:{line_of(text, needle)}:\d+: .*{re.escape(reason)}", found[0]), found


def test_a_deleted_text_is_refused_where_texts_begin(folder):
    start = GENERAL.index("  goodbye:\n")
    end = GENERAL.index("  thanks:\n")
    (folder / "general.yml").write_text(GENERAL[:start] + GENERAL[end:], encoding="utf-8")
    assert problems(folder) == ["general.yml:1:1: no texts file has 'goodbye', which the code says: add it, "
                                "with es: and en:"]


def test_a_text_in_two_files_is_refused_at_the_second(folder):
    results = (folder / "results.yml").read_text(encoding="utf-8")
    (folder / "results.yml").write_text(results + "  goodbye:\n    es: \"Chau\"\n    en: \"Bye\"\n", encoding="utf-8")
    line = results.count("\n") + 1
    assert problems(folder) == [f"results.yml:{line}:3: 'goodbye' is also in general.yml "
                                f"(line {line_of(GENERAL, '  goodbye:')})"]


def test_every_problem_of_every_file_is_listed_at_once(folder):
    edit(folder, "  goodbye:\n", "  godbye:\n")
    text = (folder / "general.yml").read_text(encoding="utf-8")
    (folder / "general.yml").write_text(text.replace("    es: \"¡De nada! ¿Te ayudo en algo más?\"", "    es: \" \""),
                                        encoding="utf-8")
    (folder / "results.yml").write_text("texts: [unclosed\n", encoding="utf-8")
    found = problems(folder)
    assert [p.split(":")[0] for p in found] == ["general.yml", "general.yml", "results.yml"], found
    assert "unknown text 'godbye'; did you mean 'goodbye'?" in found[0] and "thanks.es: is blank" in found[1]
    assert "not valid YAML" in found[2]


def test_yes_and_no_stay_words(folder):
    edit(folder, "    es: \"¡De nada! ¿Te ayudo en algo más?\"", "    es: no")
    assert texts.load(folder)["thanks"]["es"] == ("no", ())


@pytest.fixture
def served(folder):
    """The assistant saying the copy's texts; the real folder again after."""
    assert texts.reload(folder) == []
    yield folder
    assert texts.reload(texts.TEXTS_DIR) == []


def _touch_later(path):
    later = time.time_ns() + 2 * 10**9  # a new modification time even on a coarse clock
    os.utime(path, ns=(later, later))


def test_a_broken_edit_is_refused_and_the_last_good_texts_keep_serving(served, caplog):
    before = texts.render("goodbye", "es")
    edit(served, "  goodbye:\n", "  godbye:\n")
    _touch_later(served / "general.yml")
    assert texts.render("goodbye", "es") == before  # picked up, refused, and the old texts serve
    assert "texts refused (keeping the last good version)" in caplog.text
    assert re.search(r"general\.yml:\d+:3: unknown text 'godbye'; did you mean 'goodbye'\?", caplog.text)
    assert [p.reason for p in texts.reload()][:1] == ["unknown text 'godbye'; did you mean 'goodbye'?"]


def test_a_good_edit_is_said_from_the_next_message(served):
    edit(served, "    es: \"¡Hasta pronto! Cuando quieras, escríbeme de nuevo.\"", "    es: \"¡Chau!\"")
    _touch_later(served / "general.yml")
    assert texts.render("goodbye", "es").text == "¡Chau!"


def test_no_texts_at_all_is_an_error_callers_can_catch(tmp_path):
    with pytest.raises(texts.TextsError, match="no texts files"):
        texts.load(tmp_path)


def test_the_declared_texts_and_values_are_the_codes_calls():
    literal, computed = said()
    required, optional = texts.said()
    declared = {key: set(texts.VALUES.get(key, ())) for key in required | optional}
    for key, names in literal.items():
        assert key in declared and names == declared[key], key
    for pattern, names in computed.items():
        matching = {k: v for k, v in declared.items() if re.fullmatch(pattern, k) and k not in literal}
        assert matching, pattern
        for key, values in matching.items():
            suffix = re.fullmatch(pattern, key).group(1)
            assert values == {suffix if n == SUFFIX else n for n in names}, key
    assert {f"ask_{s}" for s in ASKABLE} <= required
    assert set(declared) == set(literal) | {k for k in declared for p in computed if re.fullmatch(p, k)} | {
        "thanks", "goodbye", "bot_challenge", "help"} | {  # said by intent name (flow.converse)
        group.text for group in ask_order.together(current_policy())}  # questions of asked_together.yml
