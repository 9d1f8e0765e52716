"""The built database: schema, idempotence, speed, and the data contracts other modules rely on."""

from __future__ import annotations

import sqlite3
import time

import yaml

from knowledge import build
from knowledge.paths import DEFAULT_DB, PROJECT_ROOT, SOURCES_DIR

PROFILE_IDS = [
    "carpintero_industrial", "confeccionista_tejido_punto", "evaluador_fitosanitario", "operario_limpieza",
    "confeccionista_tejido_plano", "cortador_patronista", "electricista_edificaciones", "bordador",
    "tejedor_fibra_alpaca", "estampador_prendas", "cosechador_esparrago",
]
ZONE_UNITS = {
    "ancash": ("Ancash", "Huaraz"), "arequipa": ("Arequipa", "Arequipa"), "cusco": ("Cusco", "Cusco"),
    "ica": ("Ica", "Ica"), "junin": ("Junín", "Huancayo"), "la_libertad": ("La Libertad", "Trujillo"),
    "lambayeque": ("Lambayeque", "Chiclayo"), "piura": ("Piura", "Piura"), "puno": ("Puno", "Puno"),
    "san_martin": ("San Martín", "Moyobamba"), "tacna": ("Tacna", "Tacna"),
}


def connect(path):
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    return conn


def test_default_database_is_var_in_the_project_root():
    assert DEFAULT_DB == PROJECT_ROOT / "var" / "knowledge.db"
    assert (PROJECT_ROOT / "knowledge" / "__init__.py").is_file()


def test_tables_have_primary_keys_foreign_keys_and_indexes(kb_path):
    conn = connect(kb_path)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for table in ("faqs", "faq_phrasings", "profiles", "profile_synonyms", "courses", "sectors", "components",
                  "component_parts", "centres", "programmes", "places", "place_names", "search_docs", "meta"):
        assert table in tables
        assert any(col["pk"] for col in conn.execute(f"PRAGMA table_info({table})")), table
    fks = {(r["table"], r["from"]) for r in conn.execute("PRAGMA foreign_key_list(courses)")}
    assert ("sectors", "sector") in fks and ("components", "component") in fks
    assert {r["table"] for r in conn.execute("PRAGMA foreign_key_list(faq_programmes)")} == {"faqs", "programmes"}
    indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert any("place_names" in i and "norm" in i for i in indexes)
    assert any("profile_synonyms" in i for i in indexes)
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_full_text_index_is_fts5_without_diacritics(kb_path):
    sql = connect(kb_path).execute("SELECT sql FROM sqlite_master WHERE name = 'search_docs_fts'").fetchone()[0]
    assert "FTS5" in sql.upper() and "remove_diacritics 2" in sql
    kinds = {r[0] for r in connect(kb_path).execute("SELECT DISTINCT kind FROM search_docs")}
    assert kinds == {"faq", "course", "profile"}


def dump(path) -> list[str]:
    return list(sqlite3.connect(path).iterdump())


def test_build_is_idempotent_and_fast(tmp_path):
    db = tmp_path / "k.db"
    started = time.perf_counter()
    build.build(db)
    elapsed = time.perf_counter() - started
    first = dump(db)
    build.build(db)
    assert dump(db) == first
    assert elapsed < 5, f"build took {elapsed:.1f} s"


def test_profiles_file_keeps_the_format_the_engine_reads():
    data = yaml.safe_load((SOURCES_DIR / "profiles.yml").read_text(encoding="utf-8"))
    assert list(data) == ["profiles"] and isinstance(data["profiles"], list)
    assert [p["id"] for p in data["profiles"]] == PROFILE_IDS
    for p in data["profiles"]:
        for key in ("name_es", "name_en", "sector", "source"):
            assert isinstance(p[key], str) and p[key].strip(), (p["id"], key)
        for key in ("synonyms_es", "synonyms_en"):
            assert isinstance(p[key], list) and p[key], (p["id"], key)


def test_components_programmes_and_centres(kb_path):
    conn = connect(kb_path)
    assert [r[0] for r in conn.execute("SELECT id FROM components ORDER BY position")] == [
        "capacitacion_laboral", "autoempleo", "certificacion"]
    hours = [r[0] for r in conn.execute(
        "SELECT hours FROM component_parts WHERE component_id = 'autoempleo' AND part = 'module' ORDER BY position")]
    assert hours == [20, 40, 20, 80]
    assert {r[0] for r in conn.execute("SELECT id FROM programmes")} == {
        "centro_empleo", "jovenes_productivos", "trabaja_peru", "peru_responsable", "ponte_en_carrera"}
    centres = {r["id"]: r for r in conn.execute("SELECT * FROM centres")}
    assert set(centres) == set(ZONE_UNITS) | {"lima"}
    for cid, (region, city) in ZONE_UNITS.items():
        row = centres[cid]
        assert (row["region"], row["city"], row["kind"]) == (region, city, "zone_unit")
        # Unknown contact details stay empty: never invented.
        assert row["address"] == row["phone"] == row["hours"] == ""
    hq = centres["lima"]
    assert hq["kind"] == "headquarters" and "Salaverry 655" in hq["address"] and "Jesús María" in hq["address"]
    assert hq["address_source"] == "maintainer"
    for row in centres.values():
        assert -18.5 <= row["lat"] <= 0 and -81.5 <= row["lon"] <= -68.5


def test_courses_cover_every_training_sector(kb_path):
    conn = connect(kb_path)
    sectors = {r[0] for r in conn.execute("SELECT DISTINCT sector FROM courses")}
    assert {"construccion", "manufactura", "agrario", "servicios_hoteleria_turismo", "servicios_financieros",
            "servicios_otros"} <= sectors
    weeks = {(r[0], r[1]) for r in conn.execute("SELECT weeks_min, weeks_max FROM courses")}
    assert weeks == {(6, 9)}


def test_faqs_are_bilingual_and_traceable(kb_path):
    conn = connect(kb_path)
    faqs = conn.execute("SELECT * FROM faqs").fetchall()
    assert len(faqs) >= 50
    for row in faqs:
        assert row["answer_es"].strip() and row["answer_en"].strip() and row["source"].strip()
        for lang in ("es", "en"):
            count = conn.execute("SELECT count(*) FROM faq_phrasings WHERE faq_id = ? AND lang = ?",
                                 (row["id"], lang)).fetchone()[0]
            assert count >= 2, (row["id"], lang)
    for table in ("profiles", "courses", "centres", "programmes", "components", "sectors"):
        assert conn.execute(f"SELECT count(*) FROM {table} WHERE source IS NULL OR source = ''").fetchone()[0] == 0


def test_privacy_faq(kb_path):
    row = connect(kb_path).execute("SELECT * FROM faqs WHERE id = 'datos_personales'").fetchone()
    assert "29733" in row["answer_es"] and "borrar mis datos" in row["answer_es"]
    assert "consentimiento" in row["answer_es"] and "ingresos" in row["answer_es"] and "salud" in row["answer_es"]
    assert "delete my data" in row["answer_en"] and "consent" in row["answer_en"]
    assert row["source"] == "maintainer"
