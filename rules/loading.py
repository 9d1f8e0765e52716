"""Reading and checking rules/policy/*.yml into a `Policy`: a policy that loads is a policy that evaluates.

Each file is read by `datafiles` and checked against its schema (schemas.py); then what a schema
cannot say is checked here, and every problem of every file is reported at once, as
`file:line:column: reason`:

- names point at things that exist (facts, parameters, requirements, components, choices);
- each test reads facts of a type it can read, and each dated value of a parameter has the shape the
  test that reads it wants (operators.py), within the fact's own bounds, money written as money;
- bands are in order; a level order lists every level once;
- every parameter has a value from the policy's first date (re-dating the only value leaves a gap);
- every message renders, with sample values, on every change date and today: an unknown
  `{placeholder}` or a broken template is refused here, not when an applicant is shown it.

Lists owned by another part of the project (the certifiable profiles) are declared in parameters.yml
as `{injected: NAME}` and handed in by the caller (`lists`); this module reads no other package's files.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import hashlib
import string
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import datafiles
from datafiles import DataFileError, Document, Problem
from rules import ask_order, schemas
from rules.decision import render
from rules.operators import OPERATORS
from rules.policy import (
    LANGS,
    POLICY_DIR,
    POLICY_FILES,
    RANGE_KINDS,
    Component,
    Condition,
    Fact,
    Parameter,
    Policy,
    PolicyError,
    Referral,
    Requirement,
    Test,
)

_REFUSED = object()  # an injected list that could not be had (the problem is already said)


@dataclass(frozen=True)
class Injected:
    """A list the policy reads from elsewhere: its values and the files it came from (watched for reloads)."""

    values: tuple
    sources: tuple = field(default_factory=tuple)
    labels: dict = field(default_factory=dict)  # value -> {es, en}: what applicants read for it


def load_policy(folder: str | Path | None = None, lists: dict[str, Injected] | None = None) -> Policy:
    """Read and check the four policy files and the asking files (rules/ask_order.py); raise PolicyError
    listing every problem."""
    folder = Path(folder) if folder else POLICY_DIR
    return _Loader(folder, lists or {}).load()


class _Loader:
    def __init__(self, folder: Path, lists: dict[str, Injected]):
        self.folder = folder
        self.lists = lists
        self.problems: list[Problem] = []
        self.docs: dict[str, Document | None] = {}
        self.valid: set[str] = set()  # files that passed their schema

    def load(self) -> Policy:
        for name in POLICY_FILES:
            self.read(name)
        facts = self.facts() if "facts.yml" in self.valid else None
        requirements_doc = self.docs.get("requirements.yml")
        readers = self.readers(facts) if facts is not None and "requirements.yml" in self.valid else {}
        parameters = self.parameters(facts, readers) if "parameters.yml" in self.valid else None
        requirements = ranges = None
        if facts is not None and parameters is not None and "requirements.yml" in self.valid:
            requirements = self.requirements(requirements_doc, facts, parameters)
            ranges = requirements_doc.data["ranges"]
        built = None
        if requirements is not None and "components.yml" in self.valid:
            built = self.components(self.docs["components.yml"], facts, parameters, requirements)
        asking = groups = ()
        if facts is not None:  # the groups name facts: without facts.yml, nothing to check them against
            texts = self.lists.get("texts")
            asking, groups, problems = ask_order.read(self.folder, tuple(facts), texts and set(texts.values))
            self.problems += problems
        if self.problems or built is None:
            raise PolicyError(self.problems or [Problem(str(self.folder), 0, 0, "the policy could not be read")])
        components, general, by_goal, order, referrals = built
        policy = Policy(
            folder=self.folder,
            version=self.docs["components.yml"].data["version"],
            digest=self.digest(parameters),
            facts=facts,
            parameters=parameters,
            requirements=requirements,
            components=components,
            general_requirements=general,
            by_goal=by_goal,
            order=order,
            referrals=referrals,
            ranges=ranges,
            labels={value: label for injected in self.lists.values() for value, label in injected.labels.items()},
            sources=tuple(self.folder / name for name in POLICY_FILES)
            + tuple(self.folder / name for name in ask_order.FILES if (self.folder / name).exists())
            + tuple(path for injected in self.lists.values() for path in injected.sources),
            asking=asking,
            groups=groups,
        )
        self.renders(policy)
        if self.problems:
            raise PolicyError(self.problems)
        return policy

    # --- reading ---------------------------------------------------------------

    def read(self, name: str) -> None:
        path = self.folder / name
        try:
            doc = datafiles.read(path)
        except DataFileError as error:
            self.problems += error.problems
            self.docs[name] = None
            return
        found = doc.problems + datafiles.validate(doc, schemas.SCHEMAS[name])
        self.docs[name] = doc
        self.problems += found
        if not found:
            self.valid.add(name)

    def fail(self, file: str, keys: Iterable, reason: str, *, key: bool = False) -> None:
        self.problems.append(self.docs[file].problem(tuple(keys), reason, key=key))

    def digest(self, parameters: dict) -> str:
        digest = hashlib.sha256()
        for name in POLICY_FILES:
            digest.update((self.folder / name).read_bytes())
        digest.update(repr(sorted((p.name, p.values) for p in parameters.values())).encode())
        return digest.hexdigest()[:12]

    # --- facts.yml ---------------------------------------------------------------

    def facts(self) -> dict:
        out = {}
        for name, spec in self.docs["facts.yml"].data["facts"].items():
            at = ("facts", name)
            kind = spec["type"]
            if kind in ("choice", "choice_list") and not spec.get("choices"):
                self.fail("facts.yml", at, f"fact {name!r} of type {kind} needs `choices`")
            if kind not in ("choice", "choice_list") and "choices" in spec:
                self.fail("facts.yml", (*at, "choices"), f"fact {name!r} of type {kind} takes no `choices`", key=True)
            for bound in ("min", "max", "unit"):
                if bound in spec and kind not in ("integer", "number"):
                    self.fail("facts.yml", (*at, bound), f"fact {name!r} of type {kind} takes no `{bound}`", key=True)
            if spec.get("money") and kind != "number":
                self.fail("facts.yml", (*at, "money"), f"fact {name!r}: only a number can be money", key=True)
            low, high = spec.get("min"), spec.get("max")
            if low is not None and high is not None and low > high:
                self.fail("facts.yml", (*at, "min"), f"fact {name!r}: min {low} is above max {high}")
            out[name] = Fact(name=name, type=kind, label=spec["label"], choices=spec.get("choices") or {},
                             min=low, max=high, sensitive=spec["sensitive"], money=spec.get("money", False))
        return out

    # --- parameters.yml ------------------------------------------------------------

    def readers(self, facts: dict) -> dict:
        """parameter name -> [(operator, role, fact, who)] for every test that reads it (a test on a fact
        that does not exist names its parameters, but cannot say what their values must be)."""
        out: dict = {}
        data = self.docs["requirements.yml"].data
        tests = [(f"requirement {r['code']!r}", r["fact"], r["test"]) for r in data["requirements"]]
        tests += [(f"requirement {r['code']!r} (when)", r["when"]["fact"], r["when"]["test"])
                  for r in data["requirements"] if "when" in r]
        if "components.yml" in self.valid:
            tests += [(f"referral {r['id']!r}", r["when"]["fact"], r["when"]["test"])
                      for r in self.docs["components.yml"].data["referrals"] if "when" in r]
        for who, fact_name, test in tests:
            ((op_name, arg),) = test.items()
            operator, fact = OPERATORS[op_name], facts.get(fact_name)
            for role, parameter in operator.parameters(arg):
                readers = out.setdefault(parameter, [])
                if fact is not None and fact.type in operator.fact_types:  # else said at the requirement
                    readers.append((operator, role, fact, who))
        return out

    def parameters(self, facts: dict | None, readers: dict) -> dict:
        doc = self.docs["parameters.yml"]
        out = {}
        for name, spec in doc.data.items():
            dated = []
            for written, value in spec["values"].items():
                at = (name, "values", written)
                try:
                    start = dt.date.fromisoformat(written)
                except ValueError as error:
                    self.fail("parameters.yml", at, f"{name}: {written} is not a date ({error})", key=True)
                    continue
                value = self.injected(at, value)
                for operator, role, fact, who in readers.get(name, []) if value is not _REFUSED else ():
                    self.check_value(at, value, operator, role, fact, who)
                dated.append((start, value))
            dated.sort(key=lambda item: item[0])
            out[name] = Parameter(name, spec["description"], spec["reference"], tuple(dated))
            if facts is not None and {"requirements.yml", "components.yml"} <= self.valid and name not in readers:
                self.fail("parameters.yml", (name,), f"parameter {name!r} is read by no requirement or referral",
                          key=True)
        starts = [values[0][0] for values in (p.values for p in out.values()) if values]
        for parameter in out.values():
            if parameter.values and parameter.values[0][0] > min(starts):
                first = parameter.values[0][0].isoformat()
                self.fail("parameters.yml", (parameter.name, "values", first),
                          f"{parameter.name} has no value from {min(starts)}, when the policy starts "
                          f"(its first value is from {first}): give it a value from {min(starts)}", key=True)
        return out

    def injected(self, at: tuple, value):
        """`{injected: NAME}` -> the list the caller handed in under that name."""
        doc = self.docs["parameters.yml"]
        if not (isinstance(value, dict) and "injected" in value):
            return value
        problems = datafiles.validate(doc.part(at, value), schemas.INJECTED)
        self.problems += problems
        if problems:
            return _REFUSED
        given = self.lists.get(value["injected"])
        if given is None:
            known = ", ".join(sorted(self.lists)) or "none"
            self.fail("parameters.yml", at, f"the list {value['injected']!r} was not given to the policy loader "
                                            f"(given: {known})")
            return _REFUSED
        return list(given.values)

    def check_value(self, at: tuple, value, operator, role: str, fact: Fact, who: str) -> None:
        """One dated value against what the test reading it wants, located at its line."""
        schema = copy.deepcopy(operator.value_schema(role, fact))
        schema.setdefault("hint", f"{who} reads it with `{operator.name}` on fact {fact.name!r}")
        problems = datafiles.validate(self.docs["parameters.yml"].part(at, value), schema)
        what = f"{at[0]} (value from {at[2]}): "
        self.problems += [Problem(p.path, p.line, p.column, what + p.reason) for p in problems]
        if problems:
            return
        for inner, reason in operator.value_problems(role, value, fact):
            self.fail("parameters.yml", (*at, *inner), f"{what}{reason} ({who} reads it with `{operator.name}`)")

    # --- requirements.yml ------------------------------------------------------------

    def test(self, file: str, at: tuple, fact_name: str, spec: dict, facts: dict, parameters: dict, what: str):
        """A test as written, checked against the fact it reads; None when it cannot be used."""
        fact = facts.get(fact_name)
        if fact is None:
            return None
        ((op_name, arg),) = spec.items()
        operator = OPERATORS[op_name]
        if fact.type not in operator.fact_types:
            self.fail(file, (*at, op_name), f"{what}: test {op_name!r} cannot read fact {fact.name!r} of type "
                                            f"{fact.type} (it reads {', '.join(operator.fact_types)})", key=True)
            return None
        ok = True
        for _, parameter in operator.parameters(arg):
            if parameter not in parameters:
                ok = False
                self.fail(file, (*at, op_name), f"{what}: unknown parameter {parameter!r}"
                                                f"{_close(parameter, parameters)}")
        return Test(op_name, arg) if ok else None

    def requirements(self, doc: Document, facts: dict, parameters: dict) -> dict | None:
        out = {}
        broken = False
        for index, spec in enumerate(doc.data["requirements"]):
            at = ("requirements", index)
            code = spec["code"]
            what = f"requirement {code!r}"
            if code in out:
                self.fail("requirements.yml", (*at, "code"), f"duplicate requirement code {code!r}")
            if spec["fact"] not in facts:
                self.fail("requirements.yml", (*at, "fact"), f"{what}: unknown fact {spec['fact']!r}"
                                                             f"{_close(spec['fact'], facts)}")
            test = self.test("requirements.yml", (*at, "test"), spec["fact"], spec["test"], facts, parameters, what)
            when = None
            if "when" in spec:
                when = self.condition("requirements.yml", (*at, "when"), spec["when"], facts, parameters, what)
                if spec["when"]["fact"] == spec["fact"]:
                    self.fail("requirements.yml", (*at, "when"), f"{what}: `when` must read another fact")
            also = self.also_held_by(spec, at, facts, parameters, what)
            for outcome in spec["messages"]:
                for lang in LANGS:
                    self.placeholders(doc, (*at, "messages", outcome, lang), spec["test"], what)
            if test is None or ("when" in spec and when is None) or also is False:
                broken = True
                continue
            out[code] = Requirement(code, spec["fact"], test, spec["messages"], when, also or None)
        for kind in RANGE_KINDS:
            for lang in LANGS:
                self.template(doc, ("ranges", kind, lang), {"min", "max"}, f"ranges: {kind}")
        return None if broken else out

    def also_held_by(self, spec: dict, at: tuple, facts: dict, parameters: dict, what: str) -> str | None | bool:
        """The fact of `also_held_by`, None without one, False when it cannot be used (said why)."""
        other = spec.get("also_held_by")
        has_message = "held_by" in spec["messages"]
        if other is None:
            if has_message:
                self.fail("requirements.yml", (*at, "messages", "held_by"),
                          f"{what}: a `held_by` message needs `also_held_by` (the other fact that meets it)", key=True)
                return False
            return None
        where = (*at, "also_held_by")
        if other not in facts:
            self.fail("requirements.yml", where, f"{what}: unknown fact {other!r} in `also_held_by`"
                                                 f"{_close(other, facts)}")
            return False
        if other == spec["fact"] or other == spec.get("when", {}).get("fact"):
            self.fail("requirements.yml", where, f"{what}: `also_held_by` must name a fact other than "
                                                 f"`fact` and `when`")
            return False
        if not has_message:
            self.fail("requirements.yml", (*at, "messages"),
                      f"{what}: `also_held_by` needs a `held_by` message (es and en) saying why the other fact is "
                      f"enough", key=True)
            return False
        # The other fact is read with the same test, so the test must be able to read it.
        if self.test("requirements.yml", (*at, "test"), other, spec["test"], facts, parameters,
                     f"{what} (`also_held_by: {other}`)") is None:
            return False
        return other

    def condition(self, file, at, spec, facts, parameters, what) -> Condition | None:
        if spec["fact"] not in facts:
            self.fail(file, (*at, "fact"), f"{what}: unknown fact {spec['fact']!r} in `when`"
                                           f"{_close(spec['fact'], facts)}")
            return None
        test = self.test(file, (*at, "test"), spec["fact"], spec["test"], facts, parameters, what)
        return Condition(spec["fact"], test) if test else None

    def placeholders(self, doc: Document, at: tuple, test: dict, what: str) -> None:
        ((op_name, _),) = test.items()
        self.template(doc, at, {"value"} | OPERATORS[op_name].placeholders, f"{what} (`{op_name}`)")

    def template(self, doc: Document, at: tuple, allowed: set, what: str) -> None:
        text = doc.value(at)
        try:
            fields = [(name, spec, conv) for _, name, spec, conv in string.Formatter().parse(text) if name is not None]
        except ValueError as error:
            self.problems.append(doc.problem(at, f"{what}: not a valid message ({error}); write {{ and }} only "
                                                 "around a placeholder"))
            return
        shown = ", ".join("{" + p + "}" for p in sorted(allowed))
        for name, spec, conv in fields:
            if name not in allowed:
                self.problems.append(doc.problem(at, f"{what}: unknown placeholder {{{name}}}; this message may "
                                                     f"show {shown}"))
            elif spec or conv:
                self.problems.append(doc.problem(at, f"{what}: write {{{name}}} alone, without a format or "
                                                     "conversion"))

    # --- components.yml -----------------------------------------------------------------

    def components(self, doc: Document, facts, parameters, requirements):
        data = doc.data
        file = "components.yml"
        general = tuple(data["general_requirements"])
        for index, code in enumerate(general):
            if code not in requirements:
                self.fail(file, ("general_requirements", index), f"unknown requirement {code!r}"
                                                                 f"{_close(code, requirements)}")
        components = {}
        used = set(general)
        for cid, spec in data["components"].items():
            own = spec["requirements"]
            for index, code in enumerate(own):
                if code not in requirements:
                    self.fail(file, ("components", cid, "requirements", index),
                              f"component {cid!r}: unknown requirement {code!r}{_close(code, requirements)}")
                elif code in general:
                    self.fail(file, ("components", cid, "requirements", index),
                              f"component {cid!r}: {code!r} is already a general requirement")
            used.update(own)
            components[cid] = Component(cid, spec["name"], general + tuple(c for c in own if c not in general))
        for code in requirements:
            if code not in used:
                self.fail(file, ("components",), f"requirement {code!r} is not used by any component", key=True)
        by_goal = data["recommendation"]["by_goal"]
        goal = facts.get("goal")
        for name, cid in by_goal.items():
            if goal is None or name not in goal.choices:
                self.fail(file, ("recommendation", "by_goal", name),
                          f"recommendation: {name!r} is not a choice of fact 'goal'", key=True)
            if cid not in components:
                self.fail(file, ("recommendation", "by_goal", name), f"recommendation: unknown component {cid!r}"
                                                                     f"{_close(cid, components)}")
        order = data["recommendation"]["order"]
        if sorted(order) != sorted(components):
            self.fail(file, ("recommendation", "order"),
                      f"recommendation: `order` must list every component exactly once ({', '.join(components)})")
        referrals = []
        seen = set()
        for index, spec in enumerate(data["referrals"]):
            if spec["id"] in seen:
                self.fail(file, ("referrals", index, "id"), f"duplicate referral id {spec['id']!r}")
            seen.add(spec["id"])
            when = None
            if "when" in spec:
                when = self.condition(file, ("referrals", index, "when"), spec["when"], facts, parameters,
                                      f"referral {spec['id']!r}")
            referrals.append(Referral(spec["id"], when))
        return components, general, dict(by_goal), tuple(order), tuple(referrals)

    # --- every message, on every date ---------------------------------------------------

    def renders(self, policy: Policy) -> None:
        """Render every message and band wording with sample values on each change date and today."""
        doc = self.docs["requirements.yml"]
        index = {spec["code"]: i for i, spec in enumerate(doc.data["requirements"])}
        dates = sorted({*policy.change_dates(), max(dt.date.today(), policy.change_dates()[0])})
        seen: set = set()
        for on in dates:
            try:
                period = policy.at(on)
            except Exception as error:  # noqa: BLE001 - a value that cannot be resolved is a problem, said here
                self.problems.append(Problem(str(self.folder / "parameters.yml"), 0, 0,
                                             f"the policy cannot be resolved on {on}: {error}"))
                continue
            for code, requirement in policy.requirements.items():
                for outcome in requirement.messages:
                    # A `held_by` message shows the other fact's value.
                    fact = policy.facts[requirement.also_held_by if outcome == "held_by" else requirement.fact]
                    for lang in LANGS:
                        at = ("requirements", index[code], "messages", outcome, lang)
                        if at in seen:
                            continue
                        for value in sample_values(fact):
                            try:
                                render(period, requirement, value, outcome, lang)
                            except Exception as error:  # noqa: BLE001 - any failure to render is the file's
                                seen.add(at)
                                self.problems.append(doc.problem(at, f"requirement {code!r}: the {outcome} message "
                                                                     f"cannot be shown on {on} "
                                                                     f"({type(error).__name__}: {error})"))
                                break


def sample_values(fact: Fact) -> list:
    """Values an applicant could give for a fact: each end of its range, each choice, both booleans."""
    if fact.type in ("integer", "number"):
        low = fact.min if fact.min is not None else 0
        high = fact.max if fact.max is not None else low + 100
        middle = (low + high) / 2
        return [low, high, int(middle) if fact.type == "integer" else middle]
    if fact.type == "boolean":
        return [True, False]
    if fact.type == "choice":
        return list(fact.choices)
    if fact.type == "choice_list":
        return [[choice] for choice in fact.choices]
    return ["texto de prueba"]


def _close(name, known) -> str:
    close = difflib.get_close_matches(str(name), list(known), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""
