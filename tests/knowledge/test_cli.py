"""The command line, run as a subprocess: JSON shapes and exit codes are a stable interface."""

from __future__ import annotations

import json

import pytest

from .conftest import run_cli


@pytest.fixture(scope="module")
def cli_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("cli") / "knowledge.db"
    result = run_cli("build", "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("built ")
    return db


def test_search_json(cli_db):
    result = run_cli("search", "¿cuánto cuesta el curso?", "--json", db=cli_db)
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert hits and hits[0]["id"] == "costo"
    assert all({"id", "question", "answer"} <= set(h) for h in hits)


def test_search_english_and_db_option(cli_db):
    result = run_cli("search", "how long do the courses last", "--lang", "en", "--json", "--db", str(cli_db))
    hits = json.loads(result.stdout)
    assert result.returncode == 0 and hits[0]["id"] == "duracion_cursos"
    assert "weeks" in hits[0]["answer"]


def test_search_text_output(cli_db):
    result = run_cli("search", "certificación", db=cli_db)
    assert result.returncode == 0 and result.stdout.startswith("1. [")


@pytest.mark.parametrize("query", ["NEAR(", '"', "'; DROP TABLE faq;--", "*", "AND OR"])
def test_search_fts_syntax_is_text(cli_db, query):
    result = run_cli("search", query, "--json", db=cli_db)
    assert result.returncode == 0, result.stderr
    assert isinstance(json.loads(result.stdout), list)


def test_nearest_place_json_shape(cli_db):
    result = run_cli("nearest", "Juliaca", "--json", db=cli_db)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"place", "centre", "distance_km"}
    assert set(data["place"]) == {"name", "kind", "lat", "lon"}
    assert set(data["centre"]) == {"id", "name", "region", "city", "lat", "lon"}
    assert data["place"]["kind"] == "district" and data["centre"]["region"] == "Puno"
    assert isinstance(data["distance_km"], float)


def test_nearest_coordinates(cli_db):
    result = run_cli("nearest", "--lat", "-9.53", "--lon", "-77.53", "--json", db=cli_db)
    data = json.loads(result.stdout)
    assert result.returncode == 0 and data["centre"]["id"] == "ancash"
    assert data["place"]["kind"] == "coordinates"


def test_nearest_unknown_place_exits_3_with_suggestions(cli_db):
    result = run_cli("nearest", "Chiclaxxo Zzz", db=cli_db)
    assert result.returncode == 3
    assert "¿quisiste decir" in result.stderr
    data = json.loads(run_cli("nearest", "Lma", "--json", db=cli_db).stdout)
    assert data["error"] == "unknown_place" and data["suggestions"][0].startswith("Lima")


def test_nearest_usage_errors(cli_db):
    assert run_cli("nearest", db=cli_db).returncode == 2
    assert run_cli("nearest", "--lat", "-9", db=cli_db).returncode == 2
    assert run_cli("nearest", "Lima", "--lat", "-9", "--lon", "-77", db=cli_db).returncode == 2


@pytest.mark.parametrize("listing", ["profiles", "courses", "centres", "programmes"])
def test_listings(cli_db, listing):
    result = run_cli(listing, "--json", db=cli_db)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert rows and all("id" in r for r in rows)
    text = run_cli(listing, db=cli_db)
    assert text.returncode == 0 and rows[0]["id"] in text.stdout


def test_missing_database_exit_code(tmp_path):
    result = run_cli("profiles", db=tmp_path / "absent.db")
    assert result.returncode == 4 and "python -m knowledge build" in result.stderr
