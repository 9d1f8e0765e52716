"""bot/lexicon.yml, loaded, checked and compiled: the typed sections the readers use.

Loading goes through datafiles (line numbers, the schema in lexicon.schema.json, every problem at
once), then checks what a schema cannot: every phrase compiles within its cost bounds, fact names,
choices and limits are the engine's (rules/policy/facts.yml), activity profiles are certifiable
profiles, nothing is listed twice. `current()` serves the last version that passed, rebuilt when
the lexicon or the policy's facts change.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, NamedTuple

import datafiles
from actions.understanding.compile import Compiler
from actions.understanding.match import MatchWords
from actions.understanding.numbers import NumberWords
from actions.understanding.phrases import Phrase
from actions.understanding.text import Spelling

log = logging.getLogger(__name__)

LEXICON_PATH = Path(__file__).resolve().parents[2] / "bot" / "lexicon.yml"
SCHEMA = json.loads((Path(__file__).with_name("lexicon.schema.json")).read_text(encoding="utf-8"))
NUMBER_TYPES = ("integer", "number")
CHOICE_TYPES = ("choice", "choice_list", "boolean")


class Rule(NamedTuple):
    phrase: Phrase
    fact: str  # the fact it gives ("place" for a place)
    value: Any  # the value, for phrases; (years, complete, incomplete) for school grades
    kind: str  # phrase, number, weak, zero, birth, capture, grade, place, weak_place
    guard: bool  # skipped right after a negation ("no soy jefa de hogar")
    rank: int  # order in the lexicon, for ties


@dataclass(frozen=True)
class Schema:
    """The engine's facts as the parser needs them (from rules/policy/facts.yml)."""

    facts: dict  # name -> rules.policy.Fact

    def of_type(self, *types: str) -> tuple:
        return tuple(n for n, f in self.facts.items() if f.type in types)

    def choices(self, name: str) -> list:
        return list(self.facts[name].choices) if name in self.facts else []


@dataclass
class Lexicon:
    path: str
    schema: Schema
    spelling: Spelling
    token_re: Any
    numbers: NumberWords
    match_words: MatchWords
    rules: list  # [Rule], in lexicon order
    limits: dict  # number fact -> (lowest, highest) read as a fact
    periods: tuple  # ([month phrases], [other-period phrases])
    activity_years: list  # [Phrase]
    occupation: dict  # frames, endings, none, trim_leading, trim_trailing, trades, not_trades
    dropout: list  # [Phrase]
    school: dict  # levels [(phrases, complete, incomplete)], finished, unfinished, window
    prevails: dict  # fact -> {value: frozenset(beaten values)}
    present: list
    asked: dict  # fact -> [(value, [Phrase])]: the whole message
    asked_clauses: dict  # fact -> [(value, [Phrase])]: any one clause, even next to a question or one
    zero_answers: dict  # fact -> [Phrase]
    yes_no: dict  # word tuple -> bool
    fillers: frozenset  # word tuples
    questions: dict  # starts, inside, greetings, hypothetical, ends: [Phrase]; statements: frozenset
    corrections: list
    fact_keywords: dict  # fact -> [Phrase]
    language: dict  # es, en: frozenset of words; requests: [(lang, [Phrase], {word tuple})]; fillers
    place: dict  # strip, reject_starts, none: [Phrase]; groups: {word tuple: group}
    negation: list  # word tuples, longest first
    small_talk: frozenset
    unclear: list  # phrases: "no entiendo", "wait" (no answer to any question)
    commands: dict  # erase/restart/handoff -> [Phrase]; fillers -> frozenset
    trades: frozenset  # word tuples of vocab.trades
    foreign_money: frozenset  # words of vocab.foreign_money: an amount near them is not in soles
    durations: frozenset  # number facts read as lengths of time (their phrases use {years})
    choice_labels: dict  # fact -> {label words: value}: the bot's own wording of each option, typed back

    @cached_property
    def _rule_index(self) -> tuple[dict, list]:
        by_word: dict[str, list[int]] = {}
        anywhere = []
        for k, rule in enumerate(self.rules):
            if rule.phrase.first_slots:
                anywhere.append(k)
            for word in rule.phrase.first_words:
                by_word.setdefault(word, []).append(k)
        return by_word, anywhere

    def rules_for(self, words) -> list[Rule]:
        """The rules that can match a message made of these words, in lexicon order."""
        by_word, anywhere = self._rule_index
        found = set(anywhere)
        for word in words:
            found.update(by_word.get(word, ()))
        return [self.rules[k] for k in sorted(found)]

    @cached_property
    def answer_fillers(self) -> frozenset:
        return frozenset(w for f in self.fillers for w in f) | self.small_talk

    @cached_property
    def chatter(self) -> frozenset:
        """Words that never make a trade or a place on their own: small talk, fillers, yes and no."""
        return self.answer_fillers | frozenset(w for e in self.yes_no for w in e)


def load(path: str | Path = LEXICON_PATH, facts: dict | None = None, profiles: Iterable | None = None) -> Lexicon:
    """Load and check the lexicon against the engine's facts (the current policy's unless given) and the
    certifiable profile ids (the knowledge base's when it is there). Raises datafiles.DataFileError."""
    doc = datafiles.read(path)
    problems = doc.problems + datafiles.validate(doc, SCHEMA)
    if facts is None:
        from rules import current_policy

        facts = current_policy().facts
    from actions.understanding.sections import build

    whole = not problems
    try:
        c = Compiler(doc)
        lexicon = build(c, Schema(dict(facts)), _profiles(profiles), whole)
        problems += c.problems
    except (KeyError, TypeError, AttributeError, ValueError):
        if whole:  # a file the schema accepts always compiles: this is a bug, not the file
            raise
    if problems:  # the phrase checks ran even on a file the schema refused, so all are listed
        raise datafiles.DataFileError(problems)
    return lexicon


def _profiles(given) -> frozenset | None:
    if given is not None:
        return frozenset(given)
    try:
        import knowledge

        return frozenset(knowledge.certifiable_profile_ids())
    except Exception as error:  # no knowledge base yet: the profile check waits for it
        log.info("lexicon loaded without checking activity profiles (%s)", error)
        return None


def limits(schema: Schema, plausible: dict) -> dict:
    """The range each number fact is read in: the engine's, narrowed by the lexicon's `plausible`."""
    out = {}
    for name in schema.of_type(*NUMBER_TYPES):
        fact = schema.facts[name]
        lo = -math.inf if fact.min is None else float(fact.min)
        hi = math.inf if fact.max is None else float(fact.max)
        if name in plausible:
            lo, hi = max(lo, plausible[name][0]), min(hi, plausible[name][1])
        out[name] = (lo, hi)
    return out


def number_words(c: Compiler) -> NumberWords:
    n = c.data["numbers"]
    values: dict = {}
    for code in ("es", "en"):  # both: "tengo thirty five", "I earn mil quinientos" happen
        words = {" ".join(c.words(w)): float(v) for w, v in n["words"][code].items()}
        for word, value in words.items():
            values.setdefault(word, value)
        tens = [w for w, v in words.items() if 20 <= v < 100 and v % 10 == 0]
        units = [w for w, v in words.items() if 1 <= v < 10 and len(w) > 2]  # not "a", "an"
        for ten in tens:
            for joiner in ["", *n["connectors"]["joined"]]:
                for unit in units:
                    values.setdefault(ten + joiner + unit, words[ten] + words[unit])
    units = {w: 1.0 for e in c.lists["years"] for w in e} | {w: 1 / 12 for e in c.lists["months"] for w in e}
    tuples = lambda key: tuple(sorted(c.entries(("numbers", key)), key=len, reverse=True))  # noqa: E731
    ranges = []
    for i, raw in enumerate(n["ranges"]):
        # read with digits in place of {n}, so that a dash between numbers is read as in a message
        words = c.words(raw.replace("{n}", " 1 ")) if raw.count("{n}") == 2 and "1" not in raw else []
        marks = [k for k, w in enumerate(words) if w == "1"]
        if len(marks) != 2 or marks[1] == marks[0] + 1:
            c.fail(("numbers", "ranges", i), f"a range is two {{n}} with words between them, not {raw!r}")
            continue
        ranges.append((tuple(words[:marks[0]]), tuple(words[marks[0] + 1:marks[1]]), tuple(words[marks[1] + 1:])))
    before: dict = {}
    for words, below in [(w, False) for w in tuples("hedges")] + [(w, True) for w in tuples("below")]:
        before.setdefault(words[-1], []).append((words, below))
    return NumberWords(
        values=values,
        multipliers={" ".join(c.words(k)): float(v) for k, v in n["multipliers"].items()},
        scales=dict(c.spelling.scales),
        after_tens=c.word_set(("numbers", "connectors", "after_tens")),
        after_hundreds=c.word_set(("numbers", "connectors", "after_hundreds")),
        articles=c.word_set(("numbers", "articles")),
        leading_only=c.word_set(("numbers", "leading_only")),
        counted=c.word_set(("numbers", "counted")),
        half_after=tuples("half_after"),
        half_before=tuples("half_before"),
        hedges=tuples("hedges"),
        below=tuples("below"),
        ranges=tuple(sorted(ranges, key=lambda r: -(len(r[0]) + len(r[2])))),
        units=units,
        before={k: sorted(v, key=lambda e: -len(e[0])) for k, v in before.items()},
        idioms=tuples("idioms"),
    )


_STORE: datafiles.LastGood | None = None


def _sources() -> list[Path]:
    paths = [_path]
    try:
        from rules import current_policy

        paths += [p for p in current_policy().sources if p.name == "facts.yml"]
    except Exception:  # the policy store logs its own problems
        pass
    return paths


_path: Path = LEXICON_PATH


def current() -> Lexicon:
    """The lexicon in use: the last good version of the file. Raises DataFileError only when no
    version ever loaded."""
    global _STORE
    if _STORE is None:
        _STORE = datafiles.LastGood(lambda: load(_path), _sources, name="lexicon")
    return _STORE.get()


def reload(path: str | Path | None = None) -> list[datafiles.Problem]:
    """Read the lexicon again now (from `path`, when given, from then on). Returns its problems
    ([] when it loaded); on problems the previous version keeps serving."""
    global _path, _STORE
    if path is not None:
        _path = Path(path)
    if _STORE is None:
        _STORE = datafiles.LastGood(lambda: load(_path), _sources, name="lexicon")
    return _STORE.reload()
