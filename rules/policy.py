"""The eligibility policy as data: loading and checking rules/policy/*.yml.

A `Policy` is everything the maintainers wrote, validated; `Policy.at(on)`
resolves the dated parameters for a date into a `Period`, whose requirement
tests carry concrete values that both executors (durable_rules and the plain
Python reference) evaluate. Nothing here decides eligibility.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import string
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rules.yamlfile import LineDict, SourceError, load

POLICY_DIR = Path(__file__).resolve().parent / "policy"
POLICY_FILES = ("parameters.yml", "facts.yml", "requirements.yml", "components.yml")
LANGS = ("es", "en")
FACT_TYPES = ("integer", "number", "boolean", "choice", "choice_list", "text")
OUTCOMES = ("held", "failed", "missing", "pending", "skipped")
# Which fact types each test can read.
TEST_FACT_TYPES = {
    "at_least": ("integer", "number"),
    "below": ("integer", "number"),
    "between": ("integer", "number"),
    "one_of": ("choice", "text"),
    "at_least_level": ("choice",),
    "is": ("boolean",),
}
PLACEHOLDERS = {"value", "limit", "min", "max", "allowed", "range"}
RANGE_KINDS = ("closed", "at_least", "at_most")


class PolicyError(SourceError):
    """A policy file that cannot be used (file, line, reason)."""


# --- the model ---------------------------------------------------------------


@dataclass(frozen=True)
class Fact:
    name: str
    type: str
    label: dict
    choices: dict = field(default_factory=dict)  # value -> {es, en}
    min: float | None = None
    max: float | None = None
    sensitive: bool = False


@dataclass(frozen=True)
class Parameter:
    name: str
    description: str
    reference: str
    values: tuple  # ((date, value), ...) sorted by date
    lines: tuple = ()  # line of each value in parameters.yml, same order

    def at(self, on: dt.date):
        found = None
        for start, value in self.values:
            if start <= on:
                found = value
        if found is None:
            raise ValueError(f"parameter {self.name} has no value on {on} (first: {self.values[0][0]})")
        return found


@dataclass(frozen=True)
class Test:
    """A requirement's test as written: an operator and its argument (parameter names)."""

    op: str
    arg: object


@dataclass(frozen=True)
class Condition:
    fact: str
    test: Test


@dataclass(frozen=True)
class Requirement:
    code: str
    fact: str
    test: Test
    messages: dict  # {"held": {es, en}, "failed": {es, en}}
    when: Condition | None = None


@dataclass(frozen=True)
class Component:
    id: str
    name: dict
    requirements: tuple  # codes, general ones first


@dataclass(frozen=True)
class Referral:
    id: str
    when: Condition | None = None


@dataclass(frozen=True)
class Resolved:
    """A test with concrete values for one period.

    op is one of >=, <, between, in, ==; `values` is what messages may show.
    """

    op: str
    operand: object
    values: dict


@dataclass(frozen=True, eq=False)
class Period:
    """The policy as it stands from `start` until the next change."""

    policy: Policy
    start: dt.date
    tests: dict  # requirement code -> Resolved
    conditions: dict  # requirement code -> Resolved (for `when`)
    referral_tests: dict  # referral id -> Resolved


@dataclass(frozen=True, eq=False)  # compared and hashed by identity (cache key)
class Policy:
    folder: Path
    version: str
    digest: str
    facts: dict  # name -> Fact, in asking order
    parameters: dict  # name -> Parameter
    requirements: dict  # code -> Requirement, in file order
    components: dict  # id -> Component
    by_goal: dict
    order: tuple
    referrals: tuple
    ranges: dict  # closed/at_least/at_most -> {es, en}: how a band is worded
    sources: tuple = ()  # every file the policy was read from (for reloading on change)

    def change_dates(self) -> list[dt.date]:
        return sorted({start for p in self.parameters.values() for start, _ in p.values})

    def period_start(self, on: dt.date) -> dt.date:
        dates = [d for d in self.change_dates() if d <= on]
        if not dates:
            raise ValueError(f"the policy has no values before {self.change_dates()[0]}; asked for {on}")
        return dates[-1]

    def at(self, on: dt.date) -> Period:
        return _period(self, self.period_start(on))

    def ask_order(self) -> list[str]:
        return list(self.facts)


@lru_cache(maxsize=64)
def _period(policy: Policy, start: dt.date) -> Period:
    return Period(
        policy=policy,
        start=start,
        tests={code: resolve(policy, r.test, start) for code, r in policy.requirements.items()},
        conditions={code: resolve(policy, r.when.test, start) for code, r in policy.requirements.items() if r.when},
        referral_tests={r.id: resolve(policy, r.when.test, start) for r in policy.referrals if r.when},
    )


def resolve(policy: Policy, test: Test, on: dt.date) -> Resolved:
    """Turn a test written against parameters into concrete values for a date."""
    param = policy.parameters
    if test.op == "at_least":
        limit = param[test.arg].at(on)
        return Resolved(">=", limit, {"limit": limit})
    if test.op == "below":
        limit = param[test.arg].at(on)
        return Resolved("<", limit, {"limit": limit})
    if test.op == "between":
        band = param[test.arg].at(on)
        return Resolved("between", (band.get("min"), band.get("max")), {"min": band.get("min"), "max": band.get("max")})
    if test.op == "one_of":
        allowed = tuple(param[test.arg].at(on))
        return Resolved("in", allowed, {"allowed": list(allowed)})
    if test.op == "at_least_level":
        order = list(param[test.arg["order"]].at(on))
        minimum = param[test.arg["min"]].at(on)
        return Resolved("in", tuple(order[order.index(minimum) :]), {"limit": minimum})
    if test.op == "is":
        return Resolved("==", test.arg, {"limit": test.arg})
    raise ValueError(f"unknown test {test.op}")


# --- loading and checking ----------------------------------------------------


def load_policy(folder: str | Path | None = None) -> Policy:
    """Load and check the four policy files; raise PolicyError on the first problem."""
    folder = Path(folder) if folder else POLICY_DIR
    docs = {}
    digest = hashlib.sha256()
    for name in POLICY_FILES:
        path = folder / name
        try:
            docs[name] = load(path)
        except SourceError as error:
            raise PolicyError(error.path, error.line, error.reason) from None
        digest.update(path.read_bytes())
        if not isinstance(docs[name], LineDict):
            raise PolicyError(path, 1, "expected a mapping at the top of the file")
    check = _Checker(folder)
    parameters = check.parameters(docs["parameters.yml"])
    digest.update(repr(sorted((p.name, p.values) for p in parameters.values())).encode())
    facts = check.facts(docs["facts.yml"])
    requirements = check.requirements(docs["requirements.yml"], facts, parameters)
    ranges = check.ranges(docs["requirements.yml"])
    policy_doc = docs["components.yml"]
    components, by_goal, order, referrals = check.components(policy_doc, facts, parameters, requirements)
    version = policy_doc.get("version")
    if not isinstance(version, str) or not version.strip():
        raise PolicyError(
            folder / "components.yml", policy_doc.line_of("version"), "`version` must be a non-empty string"
        )
    return Policy(
        folder=folder,
        version=version,
        digest=digest.hexdigest()[:12],
        facts=facts,
        parameters=parameters,
        requirements=requirements,
        components=components,
        by_goal=by_goal,
        order=order,
        referrals=referrals,
        ranges=ranges,
        sources=tuple(folder / name for name in POLICY_FILES) + tuple(check.extra_sources),
    )


class _Checker:
    """Each method checks one file and builds its part of the model."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.extra_sources: list[Path] = []

    def fail(self, file: str, line: int, reason: str):
        raise PolicyError(self.folder / file, line, reason)

    # parameters.yml
    def parameters(self, doc: LineDict) -> dict:
        file = "parameters.yml"
        out = {}
        for name, spec in doc.items():
            line = doc.line_of(name)
            if not isinstance(spec, LineDict):
                self.fail(file, line, f"parameter {name!r} must be a mapping with description, reference and values")
            for key in ("description", "reference", "values"):
                if key not in spec:
                    self.fail(file, spec.line, f"parameter {name!r} has no {key!r}")
            values = spec["values"]
            if not isinstance(values, LineDict) or not values:
                self.fail(file, spec.line_of("values"), f"parameter {name!r}: `values` must map dates to values")
            dated = []  # (date, value, line)
            for start, value in values.items():
                vline = values.line_of(start)
                if isinstance(start, str):
                    try:
                        start = dt.date.fromisoformat(start)
                    except ValueError:
                        pass
                if not isinstance(start, dt.date) or isinstance(start, dt.datetime):
                    self.fail(file, vline, f"parameter {name!r}: {start!r} is not a date (YYYY-MM-DD)")
                if isinstance(value, dict) and "from_file" in value:
                    value = self.list_from_file(file, vline, value)
                dated.append((start, _plain(value), vline))
            dated.sort(key=lambda item: item[0])
            kinds = {_kind(v) for _, v, _ in dated}
            if len(kinds) > 1:
                self.fail(
                    file, values.line, f"parameter {name!r}: all dated values must be of one kind, got {sorted(kinds)}"
                )
            out[name] = Parameter(
                name,
                str(spec["description"]),
                str(spec["reference"]),
                tuple((d, v) for d, v, _ in dated),
                tuple(line for _, _, line in dated),
            )
        return out

    def list_from_file(self, file: str, line: int, spec: dict) -> list:
        """A list kept in another data file (one source of truth), e.g. the certifiable profiles."""
        # Relative to the project root: two levels above rules/policy/. A policy folder copied
        # out of that layout (a draft to diff) reads this project's file instead.
        root = self.folder.parent.parent if self.folder.parent.name == "rules" else POLICY_DIR.parent.parent
        path = (root / spec["from_file"]).resolve()
        self.extra_sources.append(path)
        try:
            doc = load(path)
        except SourceError as error:
            self.fail(file, line, f"cannot read {spec['from_file']}: {error}")
        rows = doc.get(spec.get("list")) if isinstance(doc, dict) else None
        if not isinstance(rows, list) or not rows:
            self.fail(file, line, f"{spec['from_file']} has no list {spec.get('list')!r}")
        key = spec.get("key", "id")
        ids = [row.get(key) for row in rows if isinstance(row, dict)]
        if len(ids) != len(rows) or not all(isinstance(i, str) and i for i in ids):
            self.fail(file, line, f"every entry of {spec.get('list')!r} in {spec['from_file']} needs a text {key!r}")
        return ids

    # facts.yml
    def facts(self, doc: LineDict) -> dict:
        file = "facts.yml"
        specs = doc.get("facts")
        if not isinstance(specs, LineDict) or not specs:
            self.fail(file, doc.line, "expected a `facts:` mapping")
        out = {}
        for name, spec in specs.items():
            line = specs.line_of(name)
            if not isinstance(spec, LineDict):
                self.fail(file, line, f"fact {name!r} must be a mapping")
            kind = spec.get("type")
            if kind not in FACT_TYPES:
                self.fail(file, spec.line_of("type"), f"fact {name!r}: type must be one of {', '.join(FACT_TYPES)}")
            self.bilingual(file, spec, "label", f"fact {name!r}")
            choices = spec.get("choices") or {}
            if kind in ("choice", "choice_list"):
                if not isinstance(choices, LineDict) or not choices:
                    self.fail(file, spec.line, f"fact {name!r} of type {kind} needs `choices`")
                for value in choices:
                    self.bilingual(file, choices, value, f"fact {name!r}, choice {value!r}")
            out[name] = Fact(
                name=name,
                type=kind,
                label=_plain(spec["label"]),
                choices=_plain(choices),
                min=spec.get("min"),
                max=spec.get("max"),
                sensitive=bool(spec.get("sensitive", False)),
            )
        return out

    def bilingual(self, file: str, parent: LineDict, key: str, what: str, placeholders: bool = False):
        text = parent.get(key)
        if not isinstance(text, dict):
            self.fail(file, parent.line_of(key), f"{what}: `{key}` needs a text for each of {', '.join(LANGS)}")
        for lang in LANGS:
            if not isinstance(text.get(lang), str) or not text[lang].strip():
                self.fail(file, parent.line_of(key), f"{what}: `{key}` has no {lang!r} text")
            if placeholders:
                try:
                    names = {f for _, f, _, _ in string.Formatter().parse(text[lang]) if f is not None}
                except ValueError as error:
                    self.fail(file, text.line_of(lang), f"{what}: {lang!r} text is not a valid template ({error})")
                unknown = names - PLACEHOLDERS
                if unknown:
                    self.fail(
                        file,
                        text.line_of(lang),
                        f"{what}: unknown placeholder {{{sorted(unknown)[0]}}}; "
                        f"use {', '.join('{' + p + '}' for p in sorted(PLACEHOLDERS))}",
                    )

    def test(self, file: str, line: int, spec, fact: Fact, parameters: dict, what: str) -> Test:
        if not isinstance(spec, dict) or len(spec) != 1:
            self.fail(file, line, f"{what}: `test` must have exactly one of {', '.join(TEST_FACT_TYPES)}")
        ((op, arg),) = spec.items()
        if op not in TEST_FACT_TYPES:
            self.fail(file, line, f"{what}: unknown test {op!r}; use one of {', '.join(TEST_FACT_TYPES)}")
        if fact.type not in TEST_FACT_TYPES[op]:
            self.fail(file, line, f"{what}: test {op!r} cannot read fact {fact.name!r} of type {fact.type}")
        if op == "is":
            if not isinstance(arg, bool):
                self.fail(file, line, f"{what}: `is` takes true or false")
            return Test(op, arg)
        names = [arg["order"], arg["min"]] if op == "at_least_level" and isinstance(arg, dict) else [arg]
        if op == "at_least_level" and not (isinstance(arg, dict) and set(arg) == {"order", "min"}):
            self.fail(file, line, f"{what}: `at_least_level` takes {{order: PARAMETER, min: PARAMETER}}")
        for name in names:
            if name not in parameters:
                self.fail(file, line, f"{what}: unknown parameter {name!r}")
        parameter = parameters[names[0]]
        for (_, value), value_line in zip(parameter.values, parameter.lines, strict=True):
            try:
                self.check_param_value(op, value, fact, parameters, names)
            except ValueError as problem:
                # The fault is in the value, so point at it, and say who reads it.
                self.fail("parameters.yml", value_line, f"{problem} ({what} reads it with `{op}`)")
        return Test(op, _plain(arg))

    @staticmethod
    def check_param_value(op, value, fact, parameters, names):
        """Raise ValueError when a parameter's value does not suit the test that reads it."""
        number = isinstance(value, (int, float)) and not isinstance(value, bool)
        if op in ("at_least", "below") and not number:
            raise ValueError(f"parameter {names[0]!r} must be a number")
        if op == "between":
            ok = isinstance(value, dict) and set(value) <= {"min", "max"} and value
            ok = ok and all(v is None or isinstance(v, (int, float)) for v in value.values())
            if not ok:
                raise ValueError(f"parameter {names[0]!r} must be {{min: N, max: N}} (null for open)")
        if op in ("one_of", "at_least_level"):
            if not isinstance(value, list) or not value:
                raise ValueError(f"parameter {names[0]!r} must be a non-empty list")
            if fact.type == "choice":
                unknown = [v for v in value if v not in fact.choices]
                if unknown:
                    raise ValueError(f"{unknown[0]!r} is not a choice of fact {fact.name!r}")
        if op == "at_least_level":
            for _, minimum in parameters[names[1]].values:
                if minimum not in value:
                    raise ValueError(f"{minimum!r} is not in the order {names[0]!r}")

    # requirements.yml
    def requirements(self, doc: LineDict, facts: dict, parameters: dict) -> dict:
        file = "requirements.yml"
        items = doc.get("requirements")
        if not isinstance(items, list) or not items:
            self.fail(file, doc.line, "expected a `requirements:` list")
        out = {}
        for spec in items:
            if not isinstance(spec, LineDict):
                self.fail(file, items.line, "each requirement must be a mapping")
            code = spec.get("code")
            what = f"requirement {code!r}"
            if not isinstance(code, str) or not code.isidentifier():
                self.fail(file, spec.line, "a requirement needs a `code` made of letters, digits and _")
            if code in out:
                self.fail(file, spec.line_of("code"), f"duplicate requirement code {code!r}")
            fact = facts.get(spec.get("fact"))
            if fact is None:
                self.fail(file, spec.line_of("fact"), f"{what}: unknown fact {spec.get('fact')!r}")
            test = self.test(file, spec.line_of("test"), spec.get("test"), fact, parameters, what)
            when = None
            if "when" in spec:
                when = self.condition(file, spec.line_of("when"), spec["when"], facts, parameters, what)
                if when.fact == fact.name:
                    self.fail(file, spec.line_of("when"), f"{what}: `when` must read another fact")
            messages = spec.get("messages")
            if not isinstance(messages, LineDict):
                self.fail(file, spec.line, f"{what}: needs `messages` with `held` and `failed`")
            for outcome in ("held", "failed"):
                self.bilingual(file, messages, outcome, what, placeholders=True)
            out[code] = Requirement(code, fact.name, test, _plain(messages), when)
        return out

    def ranges(self, doc: LineDict) -> dict:
        spec = doc.get("ranges")
        if not isinstance(spec, LineDict):
            self.fail("requirements.yml", doc.line, "expected `ranges:` with closed, at_least and at_most wordings")
        for kind in RANGE_KINDS:
            self.bilingual("requirements.yml", spec, kind, f"ranges: {kind}")
        return _plain(spec)

    def condition(self, file, line, spec, facts, parameters, what) -> Condition:
        if not isinstance(spec, dict) or set(spec) != {"fact", "test"}:
            self.fail(file, line, f"{what}: `when` takes {{fact: NAME, test: {{...}}}}")
        fact = facts.get(spec["fact"])
        if fact is None:
            self.fail(file, line, f"{what}: unknown fact {spec['fact']!r} in `when`")
        return Condition(fact.name, self.test(file, line, spec["test"], fact, parameters, what))

    # components.yml
    def components(self, doc: LineDict, facts, parameters, requirements):
        file = "components.yml"
        general = doc.get("general_requirements") or []
        for code in general:
            if code not in requirements:
                self.fail(file, doc.line_of("general_requirements"), f"unknown requirement {code!r}")
        specs = doc.get("components")
        if not isinstance(specs, LineDict) or not specs:
            self.fail(file, doc.line, "expected a `components:` mapping")
        components = {}
        used = set(general)
        for cid, spec in specs.items():
            if not isinstance(spec, LineDict):
                self.fail(file, specs.line_of(cid), f"component {cid!r} must be a mapping")
            self.bilingual(file, spec, "name", f"component {cid!r}")
            own = spec.get("requirements") or []
            for code in own:
                if code not in requirements:
                    self.fail(file, spec.line_of("requirements"), f"component {cid!r}: unknown requirement {code!r}")
            used.update(own)
            components[cid] = Component(
                cid, _plain(spec["name"]), tuple(general) + tuple(c for c in own if c not in general)
            )
        unused = [code for code in requirements if code not in used]
        if unused:
            self.fail(file, doc.line, f"requirement {unused[0]!r} is not used by any component")
        rec = doc.get("recommendation")
        if not isinstance(rec, LineDict):
            self.fail(file, doc.line, "expected a `recommendation:` mapping with by_goal and order")
        by_goal = rec.get("by_goal") or {}
        goals = facts.get("goal").choices if "goal" in facts else {}
        for goal, cid in by_goal.items():
            if goal not in goals:
                self.fail(file, by_goal.line_of(goal), f"recommendation: {goal!r} is not a choice of fact 'goal'")
            if cid not in components:
                self.fail(file, by_goal.line_of(goal), f"recommendation: unknown component {cid!r}")
        order = rec.get("order") or []
        if sorted(order) != sorted(components):
            self.fail(file, rec.line_of("order"), "recommendation: `order` must list every component exactly once")
        referrals = []
        for spec in doc.get("referrals") or []:
            if not isinstance(spec, LineDict) or not isinstance(spec.get("id"), str):
                self.fail(file, doc.line_of("referrals"), "each referral needs an `id`")
            when = None
            if "when" in spec:
                when = self.condition(
                    file, spec.line_of("when"), spec["when"], facts, parameters, f"referral {spec['id']!r}"
                )
            referrals.append(Referral(spec["id"], when))
        if len({r.id for r in referrals}) != len(referrals):
            self.fail(file, doc.line_of("referrals"), "duplicate referral id")
        return components, _plain(by_goal), tuple(order), tuple(referrals)


def _plain(value):
    """LineDict/LineList -> dict/list, so the model is plain, hashable-free data."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _kind(value) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    return type(value).__name__
