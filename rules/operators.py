"""The tests a requirement can make, each defined once: `at_least`, `below`, `between`, `one_of`,
`at_least_level` and `is`.

An `Operator` says, for its test, everything the rest of the engine needs:

- how the test is written in requirements.yml (`arg_schema`) and which parameters it reads;
- which fact types it can read, and what each dated value of its parameters must look like
  (`value_schema`, a JSON Schema checked with file and line, plus `value_problems` for what a schema
  cannot say: a band's bounds in order, a level list that holds every level once);
- how it turns the parameters in force on a date into a `Resolved` test with concrete values;
- which `{placeholders}` its messages may show;
- how durable_rules matches it (`holds` / `fails`) and how the trace describes it.

Only the plain-Python reference evaluator (reference.py) decides on its own, on purpose: it is the
independent check of all this.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

NUMERIC = ("integer", "number")


@dataclass(frozen=True)
class Resolved:
    """A test with concrete values for one period.

    `test` is the operator's name; `op` is the comparison it comes down to (>=, <, between, in, ==),
    which the reference evaluator reads on its own; `values` is what messages may show.
    """

    test: str
    op: str
    operand: object
    values: dict


class Operator:
    name = ""
    fact_types: tuple = ()
    placeholders: frozenset = frozenset()  # besides {value}, which every message may show
    arg_schema: dict = {"type": "string", "blank": False, "hint": "the name of a parameter of parameters.yml"}

    def parameters(self, arg) -> list[tuple[str, str]]:
        """(role, parameter name) of each parameter the test reads."""
        return [("limit", arg)]

    def value_schema(self, role: str, fact) -> dict:
        """JSON Schema of one dated value of the parameter playing `role`, for a test on `fact`."""
        return _number(fact)

    def value_problems(self, role: str, value, fact) -> list[tuple[tuple, str]]:
        """What the schema cannot say about one dated value: [(path inside the value, reason)]."""
        return []

    def resolve(self, arg, value_of: Callable[[str], object]) -> Resolved:
        raise NotImplementedError

    def holds(self, fact: str, test: Resolved) -> list:
        """durable_rules conditions true exactly when the fact is known and passes the test."""
        raise NotImplementedError

    def fails(self, fact: str, test: Resolved) -> list | None:
        """Conditions true exactly when the fact is known and fails the test (None: it never fails)."""
        raise NotImplementedError

    def describe(self, fact: str, test: Resolved) -> str:
        """The test in a line, for the trace: `age >= 18`."""
        return f"{fact} {test.op} {test.operand}"


def _number(fact) -> dict:
    """A limit on a number fact: of the fact's kind, within the fact's own bounds; money written as money."""
    schema = {"type": "integer" if fact.type == "integer" else "number",
              "minimum": fact.min if fact.min is not None else 0}
    if fact.max is not None:
        schema["maximum"] = fact.max
    if fact.money:
        schema["amount"] = True
    return schema


def _exists(fact: str) -> dict:
    return {"$ex": {fact: 1}}


class _Limit(Operator):
    """A number compared with one limit: `symbol` is the comparison, `passing`/`failing` its durable_rules
    operators."""

    fact_types, placeholders = NUMERIC, frozenset({"limit"})
    symbol = passing = failing = ""

    def resolve(self, arg, value_of):
        limit = value_of(arg)
        return Resolved(self.name, self.symbol, limit, {"limit": limit})

    def holds(self, fact, test):
        return [{self.passing: {fact: test.operand}}]

    def fails(self, fact, test):
        return [{self.failing: {fact: test.operand}}]


class AtLeast(_Limit):
    name, symbol, passing, failing = "at_least", ">=", "$gte", "$lt"


class Below(_Limit):
    name, symbol, passing, failing = "below", "<", "$lt", "$gte"

    def value_schema(self, role, fact):
        schema = _number(fact)
        schema["exclusiveMinimum"] = schema.pop("minimum")  # `below 0` would refuse everyone
        return schema


class Between(Operator):
    name, fact_types, placeholders = "between", NUMERIC, frozenset({"min", "max", "range"})

    def value_schema(self, role, fact):
        bound = {"anyOf": [{"type": "null"}, _number(fact)], "hint": "a number, or null for an open end"}
        return {"type": "object", "additionalProperties": False, "required": ["min", "max"],
                "properties": {"min": bound, "max": bound},
                "hint": "a band is {min: N, max: N}; null leaves an end open"}

    def value_problems(self, role, value, fact):
        low, high = value.get("min"), value.get("max")
        if low is None and high is None:
            return [((), "a band needs at least one bound (both are null)")]
        if low is not None and high is not None and low > high:
            return [(("min",), f"the band's min {low} is above its max {high}")]
        return []

    def resolve(self, arg, value_of):
        band = value_of(arg)
        low, high = band.get("min"), band.get("max")
        return Resolved(self.name, "between", (low, high), {"min": low, "max": high})

    def holds(self, fact, test):
        low, high = test.operand
        bounds = []
        if low is not None:
            bounds.append({"$gte": {fact: low}})
        if high is not None:
            bounds.append({"$lte": {fact: high}})
        return bounds or [_exists(fact)]

    def fails(self, fact, test):
        low, high = test.operand
        outside = []
        if low is not None:
            outside.append({"$lt": {fact: low}})
        if high is not None:
            outside.append({"$gt": {fact: high}})
        if not outside:
            return None
        return [{"$or": outside}] if len(outside) > 1 else outside

    def describe(self, fact, test):
        low, high = test.operand
        return f"{fact} in [{'-inf' if low is None else low}, {'inf' if high is None else high}]"


class _Membership(Operator):
    """Tests that come down to `value is one of these` (durable_rules has no $in)."""

    def holds(self, fact, test):
        return [{"$or": [{fact: value} for value in test.operand]}]

    def fails(self, fact, test):
        return [_exists(fact), *({"$neq": {fact: value}} for value in test.operand)]

    def describe(self, fact, test):
        return f"{fact} in {list(test.operand)}"


def _choices(fact) -> dict:
    if fact.type == "choice":
        return {"enum": list(fact.choices), "hint": f"a choice of fact {fact.name!r}"}
    return {"type": "string", "blank": False}


class OneOf(_Membership):
    name, fact_types, placeholders = "one_of", ("choice", "text"), frozenset({"allowed"})

    def value_schema(self, role, fact):
        return {"type": "array", "minItems": 1, "uniqueItems": True, "items": _choices(fact)}

    def resolve(self, arg, value_of):
        allowed = tuple(value_of(arg))
        return Resolved(self.name, "in", allowed, {"allowed": list(allowed)})


class AtLeastLevel(_Membership):
    """`{order: P, min: Q}`: the value comes at or after Q in the list P of every level, lowest first."""

    name, fact_types, placeholders = "at_least_level", ("choice",), frozenset({"limit"})
    arg_schema = {"type": "object", "additionalProperties": False, "required": ["order", "min"],
                  "properties": {"order": {"type": "string", "blank": False},
                                 "min": {"type": "string", "blank": False}},
                  "hint": "at_least_level takes {order: PARAMETER, min: PARAMETER}"}

    def parameters(self, arg):
        return [("order", arg["order"]), ("min", arg["min"])]

    def value_schema(self, role, fact):
        if role == "min":
            return _choices(fact)
        return {"type": "array", "uniqueItems": True, "items": _choices(fact)}

    def value_problems(self, role, value, fact):
        if role != "order":
            return []
        left_out = [choice for choice in fact.choices if choice not in value]
        if left_out:
            return [((), f"the order must list every choice of fact {fact.name!r} once; "
                         f"it leaves out {', '.join(left_out)}")]
        return []

    def resolve(self, arg, value_of):
        order, minimum = list(value_of(arg["order"])), value_of(arg["min"])
        return Resolved(self.name, "in", tuple(order[order.index(minimum):]), {"limit": minimum})


class Is(Operator):
    name, fact_types, placeholders = "is", ("boolean",), frozenset({"limit"})
    arg_schema = {"type": "boolean", "hint": "`is` takes true or false"}

    def parameters(self, arg):
        return []

    def resolve(self, arg, value_of):
        return Resolved(self.name, "==", arg, {"limit": arg})

    def holds(self, fact, test):
        return [{fact: test.operand}]

    def fails(self, fact, test):
        return [_exists(fact), {"$neq": {fact: test.operand}}]


OPERATORS: dict[str, Operator] = {op.name: op for op in (AtLeast(), Below(), Between(), OneOf(), AtLeastLevel(), Is())}


def test_schema() -> dict:
    """How `test:` is written: exactly one operator and its argument."""
    return {"type": "object", "minProperties": 1, "maxProperties": 1, "additionalProperties": False,
            "properties": {name: op.arg_schema for name, op in OPERATORS.items()},
            "hint": f"a test is one of {', '.join(OPERATORS)}, e.g. {{at_least: min_age}}"}
