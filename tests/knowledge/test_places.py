"""Places typed any way resolve to points; the nearest centre agrees with a brute-force search."""

from __future__ import annotations

import csv
import math

import pytest

import knowledge
from knowledge import gazetteer, sources

from .conftest import REFERENCE_UBIGEO


@pytest.mark.parametrize(("typed", "name", "kind"), [
    ("cusco", "Cusco", "department"),
    ("CUZCO", "Cusco", "department"),
    ("Cusco", "Cusco", "department"),
    ("chiclallo", "Chiclayo", "province"),
    ("chiclayo", "Chiclayo", "province"),
    ("sjl", "San Juan de Lurigancho", "district"),
    ("SJL", "San Juan de Lurigancho", "district"),
    ("VES", "Villa El Salvador", "district"),
    ("smp", "San Martin de Porres", "district"),
    ("Áncash", "Áncash", "department"),
    ("ancash", "Áncash", "department"),
    ("HUARAZ", "Huaraz", "province"),
    ("Breña", "Breña", "district"),
    ("brena", "Breña", "district"),
    ("juliaca", "Juliaca", "district"),
    ("Jesús María", "Jesús María", "district"),
    ("jesus maria", "Jesús María", "district"),
    ("Pucallpa", "Pucallpa", "district"),
    ("puerto maldonado", "Puerto Maldonado", "district"),
    ("nazca", "Nasca", "province"),
    ("arequpa", "Arequipa", "department"),
    ("trujilo", "Trujillo", "province"),
    ("huancallo", "Huancayo", "province"),
    ("san juan de luriganchoo", "San Juan de Lurigancho", "district"),
    ("vivo en Juliaca", "Juliaca", "district"),
    ("distrito de Comas", "Comas", "district"),
])
def test_names_typed_any_way(kb, typed, name, kind):
    place = knowledge.resolve_place(typed)
    assert (place["name"], place["kind"]) == (name, kind)


def test_homonyms_default_to_the_maintainers_choice_and_accept_a_qualifier(kb):
    lima = knowledge.resolve_place("Miraflores")
    assert lima["department"] == "Lima" and lima["alternatives"], "the other Miraflores are offered"
    arequipa = knowledge.resolve_place("Miraflores, Arequipa")
    assert arequipa["department"] == "Arequipa" and arequipa["how"] == "qualified"
    assert knowledge.resolve_place("miraflores arequipa")["id"] == arequipa["id"]


def test_unknown_place_lists_the_closest_names(kb):
    with pytest.raises(knowledge.UnknownPlace) as caught:
        knowledge.resolve_place("Lma")
    assert caught.value.suggestions and caught.value.suggestions[0].startswith("Lima")
    assert "¿quisiste decir" in str(caught.value)
    with pytest.raises(knowledge.UnknownPlace):
        knowledge.resolve_place("xqzw")
    with pytest.raises(knowledge.UnknownPlace):
        knowledge.resolve_place("   ")


# --- nearest centre ---------------------------------------------------------

def great_circle_km(lat1, lon1, lat2, lon2):
    """Spherical law of cosines: an independent formula from the haversine the module uses."""
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    cos_angle = math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(dl)
    return 6371.0088 * math.acos(max(-1.0, min(1.0, cos_angle)))


def brute_force(lat, lon):
    return min(knowledge.centres(), key=lambda c: great_circle_km(lat, lon, c["lat"], c["lon"]))


TOWNS = [
    "Juliaca", "Huaraz", "Chimbote", "Iquitos", "Tumbes", "Puno", "Arequipa", "Cusco", "Tacna", "Moquegua",
    "Ilo", "Ayacucho", "Huancavelica", "Huánuco", "Tingo María", "Cerro de Pasco", "Tarma", "La Oroya",
    "Huancayo", "Pucallpa", "Puerto Maldonado", "Abancay", "Andahuaylas", "Quillabamba", "Sicuani", "Nasca",
    "Pisco", "Chincha", "Cañete", "Huacho", "Barranca", "Callao", "Trujillo", "Cajamarca", "Jaén",
    "Chachapoyas", "Bagua", "Moyobamba", "Tarapoto", "Yurimaguas", "Chiclayo", "Ferreñafe", "Piura",
    "Sullana", "Talara", "Paita", "Lima", "SJL", "VES", "Comas", "Ate",
]


@pytest.mark.parametrize("town", TOWNS)
def test_nearest_matches_brute_force(kb, town):
    result = knowledge.nearest(town)
    place = result["place"]
    expected = brute_force(place["lat"], place["lon"])
    assert result["centre"]["id"] == expected["id"]
    distance = great_circle_km(place["lat"], place["lon"], expected["lat"], expected["lon"])
    assert result["distance_km"] == pytest.approx(distance, abs=0.1)


@pytest.mark.parametrize(("town", "centre"), [
    ("Juliaca", "puno"), ("Huaraz", "ancash"), ("Chimbote", "la_libertad"), ("Iquitos", "san_martin"),
    ("Tumbes", "piura"), ("Huancayo", "junin"), ("Sullana", "piura"), ("Ilo", "tacna"),
    ("Tarapoto", "san_martin"), ("SJL", "lima"), ("Callao", "lima"), ("Pisco", "ica"),
])
def test_known_nearest_centres(kb, town, centre):
    assert knowledge.nearest(town)["centre"]["id"] == centre


def test_nearest_by_coordinates(kb):
    result = knowledge.nearest(lat=-15.5, lon=-70.13)
    assert result["place"]["kind"] == "coordinates"
    assert result["centre"]["id"] == brute_force(-15.5, -70.13)["id"] == "puno"


def test_nearest_result_shape(kb):
    result = knowledge.nearest("Chiclayo")
    assert set(result) == {"place", "centre", "distance_km"}
    assert set(result["place"]) == {"name", "kind", "lat", "lon"}
    assert set(result["centre"]) == {"id", "name", "region", "city", "lat", "lon"}
    assert result["distance_km"] == pytest.approx(0.0, abs=0.5)


def test_nearest_needs_a_place_or_coordinates(kb):
    with pytest.raises(ValueError):
        knowledge.nearest()
    with pytest.raises(ValueError):
        knowledge.nearest(lat=float("nan"), lon=-70)


# --- coordinates: the package's points against the reference gazetteer -----

def test_centres_sit_at_their_regional_capitals():
    places, _ = gazetteer.load()
    capitals = {p.name: p for p in places if p.kind == "province"}
    for centre in sources.load()["centres"]:
        point = capitals["Lima" if centre["id"] == "lima" else centre["city"]]
        assert great_circle_km(centre["lat"], centre["lon"], point.lat, point.lon) < 10, centre["id"]


@pytest.mark.skipif(not REFERENCE_UBIGEO.is_dir(),
                    reason=f"reference gazetteer not present at {REFERENCE_UBIGEO} (only some machines have it)")
def test_gazetteer_points_agree_with_the_reference_copy():
    with open(REFERENCE_UBIGEO / "ubigeo_distrito.csv", encoding="utf-8") as fh:
        reference = {row["inei"]: row for row in csv.DictReader(fh)}
    places, _ = gazetteer.load()
    checked = 0
    for place in places:
        if place.kind != "district" or place.coords_from != "own":
            continue
        row = reference.get(place.id)
        if row is None or row["latitude"] in ("", "NA"):
            continue
        assert great_circle_km(place.lat, place.lon, float(row["latitude"]), float(row["longitude"])) < 2, place
        checked += 1
    assert checked > 1500


@pytest.mark.skipif(not REFERENCE_UBIGEO.is_dir(),
                    reason=f"reference gazetteer not present at {REFERENCE_UBIGEO} (only some machines have it)")
def test_homonym_districts_fall_back_to_their_province_point():
    with open(REFERENCE_UBIGEO / "ubigeo_provincia.csv", encoding="utf-8") as fh:
        provinces = {row["inei"][:4]: row for row in csv.DictReader(fh)}
    places, _ = gazetteer.load()
    fallback = [p for p in places if p.coords_from == "province"]
    assert fallback
    for place in fallback:
        row = provinces[place.id[:4]]
        assert great_circle_km(place.lat, place.lon, float(row["latitude"]), float(row["longitude"])) < 2
