"""Source errors stop the build with file, line and reason, and leave the previous database serving."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from knowledge import build, sources
from knowledge.sources import SourceErrors

from .conftest import run_cli


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(path: Path, text: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} not in {path}")


def errors_for(directory: Path) -> list[str]:
    with pytest.raises(SourceErrors) as caught:
        build.validate(directory)
    return [f"{e.path.name}:{e.line}: {e.reason}" for e in caught.value.errors]


def add_faq_file(directory: Path, body: str) -> Path:
    path = directory / "faqs" / "zz_test.yml"
    path.write_text("faqs:\n" + body, encoding="utf-8")
    return path


GOOD_FAQ = """\
  - id: prueba
    es:
      questions: [¿Pregunta de prueba?, ¿Otra pregunta de prueba?]
      answer: Respuesta.
    en:
      questions: [Test question?, Another test question?]
      answer: Answer.
    source: description
"""


def test_the_real_sources_are_valid():
    loaded, places, names = build.validate()
    assert len(loaded["faqs"]) >= 50
    assert len(places) > 2000 and names


def test_missing_column_names_file_and_row(sources_copy):
    profiles = sources_copy / "profiles.yml"
    row = line_of(profiles, "- id: bordador")
    edit(profiles, "    name_en: Embroiderer\n", "")
    assert f"profiles.yml:{row}: profile 'bordador': missing field 'name_en'" in errors_for(sources_copy)


def test_duplicate_id(sources_copy):
    programmes = sources_copy / "programmes.yml"
    row = line_of(programmes, "- id: peru_responsable")
    edit(programmes, "- id: peru_responsable", "- id: trabaja_peru")
    found = errors_for(sources_copy)
    assert any(e.startswith(f"programmes.yml:{row}: programme 'trabaja_peru': duplicate id") for e in found)


def test_coordinates_outside_peru(sources_copy):
    centres = sources_copy / "centres.yml"
    row = line_of(centres, "- id: puno")
    edit(centres, "    lat: -15.84028\n", "    lat: 15.84028\n")
    found = errors_for(sources_copy)
    assert f"centres.yml:{row}: centre 'puno': coordinates (15.84028, -70.02806) are outside Peru" in found


def test_faq_without_spanish_answer(sources_copy):
    path = add_faq_file(sources_copy, GOOD_FAQ.replace("      answer: Respuesta.\n", ""))
    found = errors_for(sources_copy)
    assert f"{path.name}:4: faq 'prueba': missing Spanish answer (es.answer)" in found


def test_faq_with_blank_spanish_answer(sources_copy):
    add_faq_file(sources_copy, GOOD_FAQ.replace("answer: Respuesta.", 'answer: "  "'))
    assert "zz_test.yml:4: faq 'prueba': missing Spanish answer (es.answer)" in errors_for(sources_copy)


def test_faq_without_english_block(sources_copy):
    body = GOOD_FAQ.split("    en:")[0] + "    source: description\n"
    add_faq_file(sources_copy, body)
    assert "zz_test.yml:2: faq 'prueba': missing field 'en'" in errors_for(sources_copy)


def test_referral_to_unknown_programme(sources_copy):
    add_faq_file(sources_copy, GOOD_FAQ + "    programmes: [no_existe]\n")
    found = errors_for(sources_copy)
    assert "zz_test.yml:2: faq 'prueba': field 'programmes' refers to unknown programme 'no_existe'" in found


def test_see_also_to_unknown_faq(sources_copy):
    add_faq_file(sources_copy, GOOD_FAQ + "    see_also: [tampoco_existe]\n")
    assert "zz_test.yml:2: faq 'prueba': field 'see_also' refers to unknown faq 'tampoco_existe'" in errors_for(
        sources_copy)


def test_unknown_sector(sources_copy):
    courses = sources_copy / "courses.yml"
    row = line_of(courses, "- id: agrario")
    edit(courses, "    sector: agrario\n", "    sector: mineria\n")
    assert f"courses.yml:{row}: course 'agrario': field 'sector' refers to unknown sector 'mineria'" in errors_for(
        sources_copy)


def test_misspelt_field(sources_copy):
    programmes = sources_copy / "programmes.yml"
    row = line_of(programmes, "- id: ponte_en_carrera")
    edit(programmes, "    name_es: Ponte en Carrera\n", "    nmae_es: Ponte en Carrera\n")
    found = errors_for(sources_copy)
    assert any(e.startswith(f"programmes.yml:{row}: programme 'ponte_en_carrera': unknown field 'nmae_es'")
               for e in found)
    assert f"programmes.yml:{row}: programme 'ponte_en_carrera': missing field 'name_es'" in found


def test_text_without_english_twin(sources_copy):
    profiles = sources_copy / "profiles.yml"
    row = line_of(profiles, "- id: bordador")
    edit(profiles, "    description_en: A certifiable profile in embroidering garments and pieces.\n", "")
    assert (f"profiles.yml:{row}: profile 'bordador': 'description_es' has no 'description_en' "
            "(every text needs Spanish and English)") in errors_for(sources_copy)


def test_unknown_chapter_section(sources_copy):
    add_faq_file(sources_copy, GOOD_FAQ.replace("source: description", "source: component9"))
    assert any(e.startswith("zz_test.yml:2: faq 'prueba': field 'source': unknown chapter section 'component9'")
               for e in errors_for(sources_copy))


def test_missing_source(sources_copy):
    add_faq_file(sources_copy, GOOD_FAQ.replace("    source: description\n", ""))
    assert "zz_test.yml:2: faq 'prueba': missing field 'source'" in errors_for(sources_copy)


def test_a_synonym_may_name_only_one_profile(sources_copy):
    profiles = sources_copy / "profiles.yml"
    row = line_of(profiles, "- id: bordador")
    edit(profiles, "synonyms_es: [bordadora,", "synonyms_es: [carpintero, bordadora,")
    assert any(e.startswith(f"profiles.yml:{row}: profile 'bordador': synonym 'carpintero' already names profile")
               for e in errors_for(sources_copy))


def test_phrasing_shared_by_two_faqs(sources_copy):
    add_faq_file(sources_copy, GOOD_FAQ.replace("¿Otra pregunta de prueba?", "¿Cuánto cuesta el programa?"))
    assert any("phrasing '¿Cuánto cuesta el programa?' is already a phrasing of faq 'costo'" in e
               for e in errors_for(sources_copy))


def test_alias_checked_against_the_gazetteer(sources_copy):
    aliases = sources_copy / "place_aliases.yml"
    row = line_of(aliases, "- alias: SJL")
    edit(aliases, "    means: San Juan de Lurigancho\n", "    means: Comas\n")
    assert any(e.startswith(f"place_aliases.yml:{row}: alias 'SJL': ubigeo 150132 is San Juan de Lurigancho")
               for e in errors_for(sources_copy))


def test_unquoted_ubigeo(sources_copy):
    aliases = sources_copy / "place_aliases.yml"
    row = line_of(aliases, "- alias: VES")
    edit(aliases, '    ubigeo: "150142"\n', "    ubigeo: 150142\n")
    found = errors_for(sources_copy)
    assert any(e.startswith(f"place_aliases.yml:{row}: alias 'VES'") for e in found)


def test_invalid_yaml_names_the_line(sources_copy):
    path = add_faq_file(sources_copy, GOOD_FAQ + "  - id: [unclosed\n")
    found = errors_for(sources_copy)
    assert any(e.startswith(f"{path.name}:") and "not valid YAML" in e for e in found)


def test_repeated_key_in_a_row(sources_copy):
    add_faq_file(sources_copy, GOOD_FAQ + "    source: intro\n")
    assert any(e.startswith("zz_test.yml:10:") and "duplicate key 'source'" in e for e in errors_for(sources_copy))


def test_missing_file(sources_copy):
    (sources_copy / "centres.yml").unlink()
    assert "centres.yml:0: file not found" in errors_for(sources_copy)


def test_all_errors_are_reported_at_once(sources_copy):
    edit(sources_copy / "courses.yml", "    sector: agrario\n", "    sector: mineria\n")
    edit(sources_copy / "centres.yml", "    lat: -15.84028\n", "    lat: 15.84028\n")
    found = errors_for(sources_copy)
    assert any("courses.yml" in e for e in found) and any("centres.yml" in e for e in found)


# --- the previous database survives a failed build -------------------------

def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_failed_build_keeps_previous_database(sources_copy, tmp_path):
    db = tmp_path / "out" / "knowledge.db"
    build.build(db, sources_copy)
    before = digest(db)
    edit(sources_copy / "courses.yml", "    sector: agrario\n", "    sector: mineria\n")
    with pytest.raises(SourceErrors):
        build.build(db, sources_copy)
    assert digest(db) == before
    assert sorted(p.name for p in db.parent.iterdir()) == ["knowledge.db"], "no temporary file left behind"


def test_crash_while_writing_keeps_previous_database(sources_copy, tmp_path, monkeypatch):
    db = tmp_path / "knowledge.db"
    build.build(db, sources_copy)
    before = digest(db)

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(build, "_search_index", broken)
    with pytest.raises(OSError):
        build.build(db, sources_copy)
    assert digest(db) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "sources") == ["knowledge.db"]


def test_cli_build_error_exit_code_and_message(sources_copy, tmp_path):
    db = tmp_path / "knowledge.db"
    assert run_cli("build", "--db", str(db), "--sources", str(sources_copy)).returncode == 0
    before = digest(db)
    centres = sources_copy / "centres.yml"
    row = line_of(centres, "- id: puno")
    edit(centres, "    lat: -15.84028\n", "    lat: 15.84028\n")
    result = run_cli("build", "--db", str(db), "--sources", str(sources_copy))
    assert result.returncode == 1
    assert f"centres.yml:{row}: centre 'puno': coordinates" in result.stderr
    assert "previous database is unchanged" in result.stderr
    assert digest(db) == before


def test_cli_check(sources_copy):
    ok = run_cli("check", "--sources", str(sources_copy))
    assert ok.returncode == 0 and "sources OK" in ok.stdout
    edit(sources_copy / "courses.yml", "    sector: agrario\n", "    sector: mineria\n")
    bad = run_cli("check", "--sources", str(sources_copy))
    assert bad.returncode == 1 and "courses.yml:" in bad.stderr and "unknown sector 'mineria'" in bad.stderr


def test_loader_reports_rows_in_file_order():
    loaded = sources.load()
    ids = [r["id"] for r in loaded["profiles"]]
    assert ids[0] == "carpintero_industrial" and ids[-1] == "cosechador_esparrago"
