"""The library API the actions call: lazy, thread-safe, and current after a rebuild."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

import knowledge
from knowledge import build
from knowledge.paths import PROJECT_ROOT


def test_import_has_no_side_effects(tmp_path):
    missing = tmp_path / "nowhere" / "knowledge.db"
    code = ("import knowledge, knowledge.api, knowledge.cli\n"
            "try:\n    knowledge.profiles()\nexcept knowledge.DatabaseMissing as e:\n    print('missing', e.path)\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True,
                            env={"KNOWLEDGE_DB": str(missing), "PATH": "/usr/bin:/bin"}, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"missing {missing}"
    assert not missing.parent.exists(), "importing or querying must not create files"


def test_listings(kb):
    assert [p["id"] for p in knowledge.profiles()][:2] == ["carpintero_industrial", "confeccionista_tejido_punto"]
    assert knowledge.certifiable_profile_ids() == [p["id"] for p in knowledge.profiles()]
    assert "carpintero" in knowledge.profile("carpintero_industrial")["synonyms_es"]
    assert knowledge.profile("no_such") is None
    assert len(knowledge.courses()) >= 6
    assert {c["sector"] for c in knowledge.courses("servicios")} == {
        "servicios_hoteleria_turismo", "servicios_financieros", "servicios_otros"}
    assert len(knowledge.centres()) == 12 and knowledge.centre("puno")["city"] == "Puno"
    assert knowledge.programme("ponte_en_carrera")["name_es"] == "Ponte en Carrera"
    assert [c["id"] for c in knowledge.components()] == ["capacitacion_laboral", "autoempleo", "certificacion"]


def test_component_details(kb):
    autoempleo = knowledge.component("autoempleo")
    assert autoempleo["hours_total"] == 160
    assert [m["hours"] for m in autoempleo["modules"]] == [20, 40, 20, 80]
    assert len(autoempleo["stages"]) == 3
    assert "20%" in autoempleo["offers_es"] and "seed" in autoempleo["offers_en"]
    assert "gratuito" in knowledge.component("capacitacion_laboral")["cost_es"].lower()
    assert knowledge.component("nope") is None


def test_faq_details(kb):
    faq = knowledge.faq("otros_programas")
    assert "trabaja_peru" in faq["programmes"] and len(faq["phrasings_es"]) >= 2
    assert knowledge.faq("nope") is None


def test_safe_from_many_threads(kb):
    def work(i: int):
        return (knowledge.search("cuánto cuesta")[0]["id"], knowledge.nearest(["Juliaca", "Huaraz"][i % 2])
                ["centre"]["id"], knowledge.occupation_to_profile("carpintero"))

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(work, range(400)))
    assert {r[0] for r in results} == {"costo"}
    assert {r[1] for r in results} == {"puno", "ancash"}
    assert {r[2] for r in results} == {"carpintero_industrial"}


def test_a_rebuild_is_seen_without_restart(sources_copy, tmp_path):
    db = tmp_path / "live.db"
    build.build(db, sources_copy)
    knowledge.use_database(db)
    try:
        assert knowledge.search("quipu andino") == []
        faq_file = sources_copy / "faqs" / "zz_new.yml"
        faq_file.write_text(
            "faqs:\n  - id: quipu\n    es:\n      questions: ['¿Qué es un quipu?', '¿Para qué servía el quipu?']\n"
            "      answer: Una prueba.\n    en:\n      questions: ['What is a quipu?', 'What was a quipu for?']\n"
            "      answer: A test.\n    source: maintainer\n", encoding="utf-8")
        build.build(db, sources_copy)
        assert knowledge.search("quipu andino")[0]["id"] == "quipu"
    finally:
        knowledge.use_database(None)


def test_missing_database_is_a_clear_error(tmp_path):
    knowledge.use_database(tmp_path / "absent.db")
    try:
        with pytest.raises(knowledge.DatabaseMissing, match="python -m knowledge build"):
            knowledge.search("hola")
    finally:
        knowledge.use_database(None)
