"""Running one mutation through what maintainers and the running assistant do with a file, and judging
the outcome.

The pipeline, in a private copy of the project's data:
- policy and cases: the policy store (load, then evaluate on every change date and today against the
  reference evaluator), then the case suite on durable_rules (`rules validate`, `rules test`); after a
  refusal the store must still serve the version it served before;
- knowledge sources: `knowledge check` (with the test's list of other facts' phrases), then, once
  accepted, `knowledge build` and the knowledge base store serving the new database; profiles.yml also
  goes through the policy, which reads its ids;
- the lexicon and the texts: the running parser's and texts' stores, judged as tests/data_files/bot_files.py says.

Outcomes: refused with file and line; refused without a line; crashed (any other exception); hung
(past the time bound); accepted although wrong (the mutation had to be refused, or the oracle says
the data is wrong); refused although valid; accepted and valid.

The oracle is independent of the loaders: the plain-Python reference evaluator on the case suite,
PyYAML's reading of the files (for edits that must not change the meaning), a brute-force distance
check of every centre against the reference gazetteer in shared/data/ubigeo (CSV, read here with the
csv module), and the served database answering `nearest` as a brute-force search over the file says.
"""

from __future__ import annotations

import csv
import functools
import math
import shutil
import signal
import tempfile
import traceback
import unicodedata
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import yaml

import knowledge
from datafiles import DataFileError
from knowledge import build
from knowledge.paths import SOURCES_DIR
from knowledge.sources import Phrase
from rules import PolicyStore, reference
from rules.cases import CASES_DIR, check, load_cases
from rules.inputs import project_lists
from rules.policy import POLICY_DIR
from tests.data_files.bot_files import BotFiles
from tests.data_files.mutations import PHRASES, ROOT, Mutation

TIME_BOUND = 20  # seconds for one mutation, whatever it does
REFERENCE_UBIGEO = ROOT.parent / "shared" / "data" / "ubigeo"
OUTCOMES = ("refused with file and line", "refused without a line", "crashed with a Python traceback",
            "accepted although wrong", "hung past the time bound", "refused although valid", "accepted, valid")
GOOD = {"refused with file and line", "accepted, valid"}
MUTATION_OUTCOME = "mutation outcome"  # the test report's property that carries (area, outcome)
# Accepted edits of these files are also built and served, and the served database is asked where the
# nearest centre is (a build takes a second or two: the others stop at `knowledge check` and the oracle).
SERVED = ("centres.yml", "place_aliases.yml", "profiles.yml")
SENSITIVE = {"monthly_income", "has_disability", "disability_certificate"}  # Ley 29733: income and health


@dataclass
class Result:
    mutation: Mutation
    outcome: str
    detail: str


class Hang(Exception):
    pass


@contextmanager
def bounded(seconds: int):
    def stop(signum, frame):
        raise Hang()

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class Workspace:
    """A copy of the policy, the cases and the sources, with a policy store serving the policy."""

    def __init__(self):
        self.root = Path(tempfile.mkdtemp(prefix="mutations-"))
        self.policy = self.root / "policy"
        self.cases = self.root / "cases"
        self.sources = self.root / "sources"
        shutil.copytree(POLICY_DIR, self.policy)
        shutil.copytree(CASES_DIR, self.cases)
        shutil.copytree(SOURCES_DIR, self.sources)
        self.store = PolicyStore(self.policy, check_every=3600, lists=lambda: project_lists(self.sources))
        self.original = self.store.evaluator().policy
        self.places = Gazetteer()
        self.bot = BotFiles(self.root / "bot")  # the lexicon and the texts

    def where(self, file: str) -> Path:
        if self.bot.where(file):
            return self.bot.where(file)
        path = Path(file)
        for base, folder in ((POLICY_DIR, self.policy), (CASES_DIR, self.cases), (SOURCES_DIR, self.sources)):
            if (ROOT / path).is_relative_to(base):
                return folder / (ROOT / path).relative_to(base)
        raise ValueError(file)

    def close(self):
        self.bot.close()
        for evaluator in {self.store.evaluator(), *self.store._retired}:
            evaluator.close()
        shutil.rmtree(self.root, ignore_errors=True)


def run(ws: Workspace, mutation: Mutation) -> Result:
    target = ws.where(mutation.file)
    ws.bot.prepare(mutation.area)  # the original lexicon or texts served and read first
    original = target.read_bytes()
    if isinstance(mutation.text, bytes):
        target.write_bytes(mutation.text)
    else:
        target.write_text(mutation.text, encoding="utf-8")
    try:
        with bounded(TIME_BOUND):
            outcome, detail = _pipeline(ws, mutation, target)
    except Hang:
        outcome, detail = "hung past the time bound", ""
    except Exception:  # noqa: BLE001 - that is the outcome being measured
        outcome, detail = "crashed with a Python traceback", traceback.format_exc(limit=6)
    finally:
        target.write_bytes(original)
    return Result(mutation, outcome, detail)


def _refused(mutation: Mutation, problems, files: tuple[Path, ...]) -> tuple[str, str]:
    text = "\n".join(str(p) for p in problems)
    located = problems and all(p.line > 0 and any(p.path.startswith(str(f)) for f in files) for p in problems)
    if not located:
        return "refused without a line", text
    return ("refused although valid" if mutation.expect == "valid" else "refused with file and line"), text


def _pipeline(ws: Workspace, mutation: Mutation, target: Path) -> tuple[str, str]:
    if mutation.area == "lexicon":
        return ws.bot.lexicon_edit(mutation, _refused)
    if mutation.area == "texts":
        return ws.bot.texts_edit(mutation, _refused)
    if mutation.area == "knowledge":
        try:
            build.validate(ws.sources, [Phrase(*p) for p in PHRASES])
        except DataFileError as error:
            return _refused(mutation, error.problems, (ws.sources,))
        if target.name != "profiles.yml":  # the only source the policy reads
            wrong = oracle(ws, mutation, None, [])
            if not wrong and target.name in SERVED:
                wrong = served(ws, mutation)
            if wrong or mutation.expect == "refuse":
                return "accepted although wrong", wrong or "accepted, although it must be refused"
            return "accepted, valid", ""
    before = ws.store.evaluator().policy
    try:
        ws.store.reload()
        problems = []
    except DataFileError as error:
        problems = error.problems
    if problems:
        serving = ws.store.evaluator()
        if serving.policy is not before:
            return "accepted although wrong", "the store swapped in a refused version"
        serving.evaluate({"age": 35}, on="2024-05-01")  # the last good version still answers
        return _refused(mutation, problems, (ws.policy, ws.sources))
    policy = ws.store.evaluator().policy
    try:
        cases = load_cases(ws.cases, policy)
    except DataFileError as error:
        return _refused(mutation, error.problems, (ws.cases,))
    failing = [c for c in cases if check(c, ws.store.evaluator().evaluate(c.facts, on=c.on).to_dict())]
    if failing:
        detail = "\n".join(f"FAIL {c.where} {c.name}" for c in failing)
        if mutation.expect == "valid":
            return "refused although valid", detail
        return "refused with file and line", detail
    wrong = oracle(ws, mutation, policy, cases)
    if mutation.area == "knowledge" and not wrong and target.name in SERVED:
        wrong = served(ws, mutation)
    if wrong or mutation.expect == "refuse":
        return "accepted although wrong", wrong or "accepted, although it must be refused"
    return "accepted, valid", ""


# --- the oracle ---------------------------------------------------------------------------------------

def oracle(ws: Workspace, mutation: Mutation, policy, cases) -> str:
    """'' when the accepted data is right, else what is wrong with it."""
    if policy is None:  # a knowledge source the policy does not read
        return _unchanged(ws, mutation) or ws.places.judge(ws.sources)
    for case in cases:
        problems = check(case, reference.evaluate(policy, case.facts, on=case.on))
        if problems:
            return f"the reference evaluator disagrees with {case.where}: {problems}"
    lost = SENSITIVE - {name for name, fact in policy.facts.items() if fact.sensitive}
    if lost:
        return f"no longer sensitive: {sorted(lost)}"
    for start in policy.change_dates():
        for code, requirement in policy.requirements.items():
            test = policy.at(start).tests[code]
            if requirement.fact == "monthly_income" and not 100 <= test.operand <= 100_000:
                return f"an income limit of {test.operand} on {start}"
    wrong = _unchanged(ws, mutation)
    if wrong or mutation.area != "knowledge":
        return wrong
    return ws.places.judge(ws.sources)


def _unchanged(ws: Workspace, mutation: Mutation) -> str:
    """For an edit that must not change the meaning: the files, read by PyYAML, are as before."""
    if mutation.expect != "valid":
        return ""
    changed = [p.name for p in _data_files(ws) if _read(p) != _read(_original(ws, p))]
    return f"the meaning of {changed} changed" if changed else ""


def _data_files(ws: Workspace) -> list[Path]:
    return [p for folder in (ws.policy, ws.cases, ws.sources) for p in sorted(folder.rglob("*.yml"))]


def _original(ws: Workspace, path: Path) -> Path:
    for folder, base in ((ws.policy, POLICY_DIR), (ws.cases, CASES_DIR), (ws.sources, SOURCES_DIR)):
        if path.is_relative_to(folder):
            return base / path.relative_to(folder)
    raise ValueError(path)


def _read(path: Path):
    return _parsed(path.read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=512)
def _parsed(text: str):
    """PyYAML's reading of a text, remembered: a mutation changes one file, and the oracle compares them
    all, with their originals, after each one (parsing them all again was a third of the suite's time).
    The callers only read what it returns."""
    return yaml.load(text, Loader=yaml.SafeLoader)


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text).lower())
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).replace("-", " ").split())


def haversine(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


class Gazetteer:
    """The reference copy of the gazetteer (CSV), for the oracle only."""

    def __init__(self):
        self.rows = []  # (kind, code, name, department, lat, lon)
        for kind, file, column in (("department", "ubigeo_departamento.csv", "departamento"),
                                   ("province", "ubigeo_provincia.csv", "provincia"),
                                   ("district", "ubigeo_distrito.csv", "distrito")):
            with open(REFERENCE_UBIGEO / file, encoding="utf-8") as handle:
                for row in csv.DictReader(handle):
                    if "NA" in (row["latitude"], row["longitude"]):
                        continue  # a unit without a point in the reference copy
                    code = row["inei"][:{"department": 2, "province": 4, "district": 6}[kind]]
                    self.rows.append((kind, code,
                                      fold(row[column]), fold(row["departamento"]), float(row["latitude"]),
                                      float(row["longitude"]), fold(row.get("capital", ""))))

    def judge(self, sources: Path) -> str:
        centres = _read(sources / "centres.yml")["centres"]
        for centre in centres:
            near = [haversine(centre["lat"], centre["lon"], lat, lon)
                    for _, _, name, dep, lat, lon, capital in self.rows
                    if fold(centre["city"]) in (name, capital) and dep == fold(centre["region"])]
            if not near or min(near) > 5:
                return f"centre {centre['id']} is not within 5 km of {centre['city']} in {centre['region']}"
        for alias in _read(sources / "place_aliases.yml")["place_aliases"]:
            name = fold(alias["alias"])
            target = next((r for r in self.rows if r[1] == alias["ubigeo"]), None)
            for kind, code, other, *_ in self.rows:
                if other == name and target and code != target[1] and kind != "district":
                    return f"alias {alias['alias']} shadows the {kind} {other}"
                if other == name and target and code != target[1] and name not in target[2]:
                    return f"alias {alias['alias']} shadows the district {other}"
        for profile in _read(sources / "profiles.yml")["profiles"]:
            for synonym in profile["synonyms_es"]:
                if any(f" {fold(synonym)} " in f" {fold(phrase)} " for phrase, _ in PHRASES):
                    return f"synonym {synonym} is part of a fact's phrase"
        return ""


def served(ws: Workspace, mutation: Mutation) -> str:
    """Build the accepted sources and check what the served database answers (brute force over the file)."""
    db = ws.root / "knowledge.db"
    build.build(db, ws.sources)
    knowledge.use_database(db)
    try:
        centres = _read(ws.sources / "centres.yml")["centres"]
        for centre in centres:
            expected = min(centres, key=lambda c, at=centre: (haversine(at["lat"], at["lon"], c["lat"], c["lon"]),
                                                               c["id"]))
            got = knowledge.nearest(lat=centre["lat"], lon=centre["lon"])["centre"]["id"]
            if got != expected["id"]:
                return f"nearest to {centre['id']}'s point answers {got}"
        if not knowledge.search("cuanto dura el curso"):
            return "the FAQ search answers nothing"
    finally:
        knowledge.use_database(None)
    return ""


def table(outcomes) -> str:
    """The counts per outcome, overall and per area, of (area, outcome) pairs."""
    outcomes = list(outcomes)
    counts = Counter(outcome for _, outcome in outcomes)
    total = len(outcomes)
    lines = ["| outcome | edits |", "|---|---|"]
    lines += [f"| {o} | {counts[o]} ({100 * counts[o] / total:.0f}%) |" for o in OUTCOMES if counts[o] or o in GOOD]
    lines.append(f"| total | {total} |")
    areas = Counter(outcomes)
    lines += ["", "| area | " + " | ".join(OUTCOMES) + " |", "|---" * (len(OUTCOMES) + 1) + "|"]
    for area in ("policy", "cases", "knowledge", "lexicon", "texts"):
        lines.append(f"| {area} | " + " | ".join(str(areas[(area, o)]) for o in OUTCOMES) + " |")
    return "\n".join(lines)
