"""Which answers a case code carries, and how each becomes a small number (rules/casecode.py).

A code has room for about 37 bits of answers (the rest is its seal), so every fact is a field with
few values, `None` (not asked yet) being one of them. Numbers are floored onto a grid that has a
point at every limit the policy uses today, so a floored answer lands on the same side of each
limit as the answer itself and the decision does not change (tests/rules/test_casecode.py checks
it over the synthetic population):

- age: exact from 15 to 69; 14 stands for any age under 15, 70 for 70 or more (limits: 15, 18,
  29/30, 59/60);
- monthly_income: floored to S/ 100 below S/ 1 500, then S/ 1 500, 2 000 and 3 000 or more
  (limit: below S/ 1 500);
- children (only for a head of household, the only case the policy reads them): 0 to 4, then 5
  or more;
- work_experience_years and occupation_experience_years: floored to 0, 1, 2, 3, 5, 10, 20 years
  (limits: 2 and 1);
- occupation: one of the certifiable profiles (knowledge/sources/profiles.yml), or `other`;
- disability_certificate only with has_disability true (the only case the policy reads it).

Not carried, so re-asked: the place (region, district) and the priority groups, and the trade's
own words when it is not a certifiable profile. The choice lists come from facts.yml and
profiles.yml, in file order; the layout's fingerprint seals every code, so a code made before a
list changed is refused as foreign, never misread.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache

PROFILES = "certifiable_profiles"  # the policy parameter that lists them
OTHER = "other"  # a trade that is none of the certifiable profiles
AGE = (14, *range(15, 70), 70)
INCOME = (*range(0, 1500, 100), 1500, 2000, 3000)
YEARS = (0, 1, 2, 3, 5, 10, 20)
CHILDREN = (0, 1, 2, 3, 4, 5)
CHOICES = ("employment_status", "education", "goal")
CARRIED = ("age", "employment_status", "education", "household_head", "children", "monthly_income",
           "has_disability", "disability_certificate", "work_experience_years", "occupation",
           "occupation_experience_years", "goal")


def floor_index(grid: tuple, value) -> int:
    """The last grid point at or below the value (the first one for a value below the grid)."""
    return max([i for i, point in enumerate(grid) if point <= value], default=0)


@dataclass(frozen=True)
class Grid:
    """A number fact floored onto grid points; index 0 is `None`."""

    fact: str
    grid: tuple
    open_below: bool = False  # the first point also stands for every value below it

    @property
    def size(self) -> int:
        return len(self.grid) + 1

    def index(self, facts: dict) -> int:
        value = facts.get(self.fact)
        return 0 if value is None else 1 + floor_index(self.grid, value)

    def facts(self, index: int) -> dict:
        return {} if index == 0 else {self.fact: self.grid[index - 1]}

    def band(self, index: int) -> tuple:
        """(lowest, next grid point or None): the answers that give this value."""
        point = index - 1
        low = None if point == 0 and self.open_below else self.grid[point]
        return low, self.grid[point + 1] if point + 1 < len(self.grid) else None


@dataclass(frozen=True)
class Choice:
    """A choice fact (or the occupation: a profile id, else `other`); index 0 is `None`."""

    fact: str
    values: tuple

    @property
    def size(self) -> int:
        return len(self.values) + 1

    def index(self, facts: dict) -> int:
        value = facts.get(self.fact)
        if value is None:
            return 0
        return 1 + self.values.index(value if value in self.values else OTHER)

    def facts(self, index: int) -> dict:
        return {} if index == 0 else {self.fact: self.values[index - 1]}


@dataclass(frozen=True)
class Pair:
    """A yes/no fact and the fact read only after a yes: None, no, yes (then the second's values)."""

    fact: str
    then: Grid | Choice | None  # what is carried after a yes (a boolean when None)
    then_fact: str

    @property
    def size(self) -> int:
        return 2 + (self.then.size if self.then else 3)

    def index(self, facts: dict) -> int:
        value = facts.get(self.fact)
        if value is None or value is False:
            return 0 if value is None else 1
        if self.then:
            return 2 + self.then.index(facts)
        return 2 + {None: 0, True: 1, False: 2}[facts.get(self.then_fact)]

    def facts(self, index: int) -> dict:
        if index < 2:
            return {} if index == 0 else {self.fact: False}
        if self.then:
            return {self.fact: True, **self.then.facts(index - 2)}
        rest = {} if index == 2 else {self.then_fact: index == 3}
        return {self.fact: True, **rest}


@lru_cache(maxsize=8)
def fields(policy) -> tuple:
    """The fields of a code, in order, for this policy's choice lists and certifiable profiles (every
    profile any period lists, in order; the policy reads them from profiles.yml)."""
    profiles = tuple(dict.fromkeys(p for _, value in policy.parameters[PROFILES].values for p in value))
    choice = {name: Choice(name, tuple(policy.facts[name].choices)) for name in CHOICES}
    return (
        Grid("age", AGE, open_below=True),
        choice["employment_status"],
        choice["education"],
        Pair("household_head", Grid("children", CHILDREN), "children"),
        Grid("monthly_income", INCOME),
        Pair("has_disability", None, "disability_certificate"),
        Grid("work_experience_years", YEARS),
        Choice("occupation", (*profiles, OTHER)),
        Grid("occupation_experience_years", YEARS),
        choice["goal"],
    )


def fingerprint(layout: tuple) -> bytes:
    """What a code's seal depends on besides the secret: the fields and every value list, in order."""
    return hashlib.sha256(repr(layout).encode()).digest()


def to_number(layout: tuple, facts: dict) -> int:
    number = 0
    for field in reversed(layout):
        number = number * field.size + field.index(facts)
    return number


def from_number(layout: tuple, number: int) -> dict:
    facts: dict = {}
    for field in layout:
        number, index = divmod(number, field.size)
        facts.update(field.facts(index))
    return facts


def capacity(layout: tuple) -> int:
    total = 1
    for field in layout:
        total *= field.size
    return total


def grids(layout: tuple) -> dict:
    """Every number fact's grid, by fact name (for showing a floored answer as the band it stands for)."""
    found = {}
    for field in layout:
        inner = field.then if isinstance(field, Pair) else field
        if isinstance(inner, Grid):
            found[inner.fact] = inner
    return found
