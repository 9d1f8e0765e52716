"""Whatever arrives, `parse` answers with valid engine values and never raises; trades told by what
people do; parsing without a knowledge base; no side effects at import."""

from __future__ import annotations

import math
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import knowledge
from actions.understanding import Parsed, parse
from knowledge.paths import PROJECT_ROOT
from rules import current_policy
from tests.understanding.conftest import read

ENGINE_FACTS = current_policy().facts


def assert_engine_values(facts: dict) -> None:
    """Every fact is one the engine knows, with a value of its type (rules/policy/facts.yml)."""
    for name, value in facts.items():
        spec = ENGINE_FACTS[name]
        if spec.type == "integer":
            assert type(value) is int, (name, value)
        elif spec.type == "number":
            assert type(value) in (int, float) and math.isfinite(value), (name, value)
        elif spec.type == "boolean":
            assert type(value) is bool, (name, value)
        elif spec.type == "choice":
            assert value in spec.choices, (name, value)
        elif spec.type == "choice_list":
            assert value and all(v in spec.choices for v in value), (name, value)
        elif spec.type == "text":
            assert isinstance(value, str) and value.strip(), (name, value)
        if spec.type in ("integer", "number"):
            assert (spec.min or 0) <= value <= (spec.max if spec.max is not None else math.inf), (name, value)


def assert_contract_types(result: Parsed) -> None:
    assert result.language in (None, "es", "en") and result.sentence_language in (None, "es", "en")
    assert result.language_request in (None, "es", "en")
    assert result.yes_no in (None, True, False) and result.correction in (True, False)
    assert result.command in (None, "erase", "restart", "handoff") and result.question in (True, False)
    assert not set(result.ranges) & set(result.facts)
    for fact, (low, high) in result.ranges.items():
        assert ENGINE_FACTS[fact].type in ("integer", "number") and low < high, (fact, low, high)
    assert result.place is None or (isinstance(result.place, str) and result.place.strip())


# (text, profile): a trade told by what the applicant does, its tools or its products
ACTIVITIES = [
    ("coso pantalones y camisas", "confeccionista_tejido_plano"),
    ("coso a maquina", "confeccionista_tejido_plano"),
    ("I sew clothes at home", "confeccionista_tejido_plano"),
    ("tejo chompas de alpaca a palitos", "tejedor_fibra_alpaca"),
    ("tejo chompas", "tejedor_fibra_alpaca"),
    ("I knit alpaca sweaters and scarves by hand", "tejedor_fibra_alpaca"),
    ("hago moldes y corto tela", "cortador_patronista"),
    ("I make patterns and cut fabric", "cortador_patronista"),
    ("bordo polleras a mano", "bordador"),
    ("hago bordados", "bordador"),
    ("I do embroidery", "bordador"),
    ("cosecho esparragos en un fundo de Ica", "cosechador_esparrago"),
    ("trabajo en el esparrago", "cosechador_esparrago"),
    ("I pick asparagus", "cosechador_esparrago"),
    ("estampo polos", "estampador_prendas"),
    ("hago serigrafia", "estampador_prendas"),
    ("I do screen printing", "estampador_prendas"),
    ("hago instalaciones electricas en casas", "electricista_edificaciones"),
    ("instalo tomacorrientes y cableado", "electricista_edificaciones"),
    ("I do electrical wiring in houses", "electricista_edificaciones"),
    ("limpio oficinas", "operario_limpieza"),
    ("hago limpieza en oficinas", "operario_limpieza"),
    ("I clean offices", "operario_limpieza"),
    ("reviso plagas en los cultivos", "evaluador_fitosanitario"),
    ("monitoreo plagas en un fundo", "evaluador_fitosanitario"),
    ("I check crops for pests", "evaluador_fitosanitario"),
    ("tejo polos en maquina", "confeccionista_tejido_punto"),
    ("trabajo con remalladora", "confeccionista_tejido_punto"),
    ("tejo chompas a maquina", "confeccionista_tejido_punto"),
    ("I knit t-shirts", "confeccionista_tejido_punto"),
    ("I operate an overlock machine", "confeccionista_tejido_punto"),
    ("hago muebles de madera", "carpintero_industrial"),
    ("fabrico muebles de melamina", "carpintero_industrial"),
    ("I make furniture", "carpintero_industrial"),
    # not a trade
    ("quiero aprender a coser", None),
    ("limpio mi casa", None),
    ("hago pan", None),
    ("corto el pelo", None),
]



@pytest.mark.parametrize(("text", "profile"), ACTIVITIES, ids=[t for t, _ in ACTIVITIES])
def test_trades_told_by_what_people_do(text, profile):
    read(text, facts={"occupation": profile} if profile else {})


HOSTILE = [
    "",
    " ",
    "   \n\t ",
    "a" * 10_000,
    "tengo 35 años " * 800,
    "🙂" * 3000,
    "\x00\x01\x02\x1b[31m",
    "\u202e\u200b",
    "'; DROP TABLE faq;--",
    "NEAR(",
    "NEAR(a b",
    '" OR 1=1 --',
    "<script>alert(1)</script>",
    "<b>hola</b>",
    "Привет, как дела",
    "مرحبا",
    "你好，我想找工作",
    "-5",
    "0",
    "999",
    "1e9",
    "mil millones",
    "9" * 5000,
    "1.2.3.4.5",
    "1,,2",
    "..,,;;",
    "¿¿??",
    "/",
    "//",
    "/inform{",
    '/inform{"age": 1e999}',
    "/inform[]",
    "S/",
    "S/.",
    "$",
    "US$ 500",
    "-",
    "--5",
    "5--6",
    "%s %d {0}",
    "\\x00",
    "ñ" * 100,
    "\ud800",
]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_input_never_raises(text, caplog):
    for asked in (
        None,
        "age",
        "children",
        "monthly_income",
        "place",
        "occupation",
        "education",
        "goal",
        "household_head",
        "consent",
        "nonsense",
    ):
        result = parse(text, asked=asked)
        assert isinstance(result, Parsed)
        assert_engine_values(result.facts)
        assert_contract_types(result)
    assert "could not parse" not in caplog.text


@pytest.mark.parametrize(
    "args",
    [(None,), (123,), (b"bytes",), (["list"],), ("hola", 5), ("hola", None, 7), ("hola", None, None, "not a list"),
     ("hola", None, None, [1, None, "x"])],
)
def test_wrong_argument_types_never_raise(args):
    assert isinstance(parse(*args), Parsed)


def test_absurd_values_are_ignored():
    read("-5", asked="children")
    read("999", asked="age")
    read("1e9", asked="monthly_income")
    read("mil millones", asked="monthly_income")
    read("gano -500 soles")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.text(max_size=300),
    asked=st.sampled_from(
        [None, "age", "monthly_income", "children", "place", "occupation", "education", "household_head", "consent"]
    ),
)
def test_any_text_never_raises(text, asked):
    result = parse(text, asked=asked)
    assert isinstance(result, Parsed)
    assert_engine_values(result.facts)
    assert_contract_types(result)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    words=st.lists(
        st.sampled_from(
            [
                "tengo",
                "35",
                "años",
                "no",
                "si",
                "hijos",
                "gano",
                "soles",
                "vivo",
                "en",
                "Lima",
                "soy",
                "carpintero",
                "de",
                "y",
                ",",
                "?",
                "mil",
                "treinta",
                "hace",
                "trabajo",
                "como",
                "sin",
                "chamba",
                "I",
                "am",
                "a",
                "years",
                "old",
                "sino",
                "perdon",
                "secundaria",
                "3ro",
                "S/",
                "1.200",
                "-5",
                "quiero",
                "negocio",
            ]
        ),
        max_size=25,
    )
)
def test_word_salad_gives_valid_facts(words):
    result = parse(" ".join(words))
    assert_engine_values(result.facts)


def test_without_a_knowledge_base_parsing_still_works(tmp_path, understanding_kb):
    knowledge.use_database(tmp_path / "missing" / "knowledge.db")
    try:
        read("tengo 35 años", facts={"age": 35})
        read("trabajo como carpintero", facts={"occupation": "carpintero"})
        read("vivo en Chiclayo", place="Chiclayo")
        assert isinstance(parse("soy de Piura"), Parsed)
    finally:
        knowledge.use_database(understanding_kb)


def test_importing_reads_nothing_and_needs_no_rasa():
    code = (
        "import sys\nimport actions.understanding as u\nfrom actions.understanding import lexicon\n"
        "assert lexicon._STORE is None, 'lexicon loaded at import'\n"
        "assert not [m for m in sys.modules if m.split('.')[0] in ('rasa', 'rasa_sdk')], 'rasa imported'\n"
        "print(u.parse('tengo 35 años').facts)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "{'age': 35}"
