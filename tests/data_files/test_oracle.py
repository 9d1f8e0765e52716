"""The oracle that judges accepted mutations can say no: wrong data handed to it directly is caught."""

import pytest

from rules.loading import load_policy
from tests.data_files.mutations import Mutation
from tests.data_files.runner import REFERENCE_UBIGEO, Workspace, oracle

pytestmark = pytest.mark.skipif(not REFERENCE_UBIGEO.is_dir(),
                                reason="the oracle's gazetteer is not beside the project")


@pytest.fixture(scope="module")
def ws():
    workspace = Workspace()
    yield workspace
    workspace.close()


def either(file):
    area = next((a for a in ("knowledge", "lexicon", "texts") if a in file), "policy")
    return Mutation("m", area, file, "", "test", "either")


def edited(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text


def test_the_oracle_accepts_the_real_data(ws):
    assert ws.places.judge(ws.sources) == ""
    assert oracle(ws, either("rules/policy/parameters.yml"), ws.original, []) == ""


@pytest.mark.parametrize("old, new, wrong", [
    ("    lat: -9.52972\n    lon: -77.52917\n", "    lat: -2.19616\n    lon: -79.88621\n",
     "centre ancash is not within 5 km of Huaraz in Ancash"),
    ("  - alias: SJL\n", "  - alias: Piura\n", "alias Piura shadows the department piura"),
    ("synonyms_es: [carpintero,", "synonyms_es: [trabajo, carpintero,", "synonym trabajo is part of a fact's phrase"),
])
def test_the_oracle_catches_wrong_knowledge(ws, old, new, wrong):
    file = {"lat": "centres.yml", "alias": "place_aliases.yml", "synonyms_es": "profiles.yml"}[
        old.split(":")[0].strip(" -")]
    original = edited(ws.sources / file, old, new)
    try:
        assert ws.places.judge(ws.sources) == wrong
    finally:
        (ws.sources / file).write_text(original, encoding="utf-8")


def test_the_oracle_catches_a_wrong_policy(ws):
    from rules.loading import Injected

    original = edited(ws.policy / "parameters.yml", "    2009-04-01: 1500\n",
                      "    2009-04-01: 1500\n    2027-01-01: 1.8\n")
    lists = {"certifiable_profiles": Injected(tuple(ws.original.parameters["certifiable_profiles"].values[0][1]))}
    try:
        policy = load_policy(ws.policy, lists)  # 1.8 written as 1.8 is a number the loader has no reason to refuse
        assert oracle(ws, either("rules/policy/parameters.yml"), policy, []) == "an income limit of 1.8 on 2027-01-01"
    finally:
        (ws.policy / "parameters.yml").write_text(original, encoding="utf-8")


def test_the_texts_oracle_accepts_the_real_texts_and_catches_wrong_ones(ws):
    ws.bot.prepare("texts")
    assert ws.bot._judge_texts(either("bot/texts/general.yml")) == ""
    general = ws.bot.texts / "general.yml"
    for old, new, wrong in [
        ("  goodbye:\n", "  godbye:\n", "the code says 'goodbye', which is gone"),
        ("attend in person: {centre}.", "attend in person: {centro}.", "handoff (en) cannot be said with the values"),
        ('{title: "Yes, check", payload: "/affirm"}', '{title: "Yes, check", payload: "/afirm"}',
         "offer (en) has buttons"),  # the store still says the last good ones
    ]:
        original = edited(general, old, new)
        try:
            assert ws.bot._judge_texts(either("bot/texts/general.yml")).startswith(wrong)
        finally:
            general.write_text(original, encoding="utf-8")
    intents = ws.bot.intents
    ws.bot.intents = intents - {"affirm"}
    try:
        assert ws.bot._judge_texts(either("bot/texts/general.yml")).startswith("offer (es) has a button that does")
    finally:
        ws.bot.intents = intents


def test_the_lexicon_oracle_knows_the_engines_facts(ws):
    assert ws.bot._wrong_value("age", 35) == "" and ws.bot._wrong_value("employment_status", "unemployed") == ""
    assert ws.bot._wrong_value("age", 500) == "out of the engine's limits"
    assert ws.bot._wrong_value("age", 35.5) == "not a whole number"
    assert ws.bot._wrong_value("employment_status", "jobless") == "not one of its choices"
    assert ws.bot._wrong_value("household_head", "true") == "not true or false"
    assert ws.bot._wrong_value("edad", 35) == "not a fact of the engine"
