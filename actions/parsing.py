"""Read an applicant's message: the engine facts it gives, a place, a yes or a no, its language.

Applicants write informal Peruvian Spanish ("tngo 35 anos", "estoy sin chamba", "900 lucas") or
English. `parse` turns one message into a `Parsed`, reading a bare answer ("35", "Cusco", "si")
for the question the bot just asked (`asked`). The vocabulary is data, in bot/lexicon.yml, so
maintainers add synonyms without touching this file.

Pure Python: no Rasa import, nothing done at import time. The lexicon is loaded on the first
call and cached; the knowledge base (occupations, places) is asked only when a message needs it.
`parse` never raises.
"""

from __future__ import annotations

import bisect
import difflib
import json
import logging
import math
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

import yaml

import knowledge

log = logging.getLogger(__name__)

LEXICON_PATH = Path(__file__).resolve().parent.parent / "bot" / "lexicon.yml"

# Longer messages are read up to here: facts come early, and the cost stays flat.
MAX_CHARS = 1000

NUMBER_FACTS = ("age", "children", "monthly_income", "work_experience_years", "occupation_experience_years")
INTEGER_FACTS = ("age", "children")
BOOLEAN_FACTS = ("household_head", "has_disability", "disability_certificate")
CHOICE_FACTS = ("education", "employment_status", "goal")
FACTS = NUMBER_FACTS + BOOLEAN_FACTS + CHOICE_FACTS + ("occupation", "priority_group")

# Intents whose message is not an answer, even when the bot has just asked something.
NOT_ANSWER_INTENTS = frozenset({
    "greet", "goodbye", "thanks", "check_eligibility", "ask_question", "ask_centre", "switch_language_en",
    "switch_language_es", "delete_my_data", "human_handoff", "help", "restart", "bot_challenge",
})

__all__ = ["FACTS", "Parsed", "parse", "reload_lexicon"]


@dataclass
class Parsed:
    facts: dict = field(default_factory=dict)  # engine facts, values as in docs/intents.md
    place: str | None = None  # where the applicant lives, as typed, for knowledge.resolve_place
    yes_no: bool | None = None  # the message is a yes or a no
    language: str | None = None  # "es"/"en" when clearly written in that language
    language_request: str | None = None  # "es"/"en" when the applicant asks to switch language
    correction: bool = False  # the applicant marks a correction of an earlier answer


def parse(text: str, asked: str | None = None, intent: str | None = None,
          entities: list[dict] | None = None) -> Parsed:
    """What one message says. Never raises: a message it cannot read gives an empty Parsed."""
    try:
        return _parse(text, asked, intent, entities)
    except Exception:  # the conversation must go on whatever was typed
        log.exception("could not parse a message of %s characters", len(text) if isinstance(text, str) else "?")
        try:
            return _parse("", asked, intent, entities)
        except Exception:
            return Parsed()


def reload_lexicon() -> None:
    """Forget the cached lexicon; the next parse reads bot/lexicon.yml again."""
    global _LEXICON
    with _LEXICON_LOCK:
        _LEXICON = None


# --- text -------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")
_REPEAT = re.compile(r"([^\W\d_])\1{2,}")  # "siii", "holaaa"
_DOUBLE = re.compile(r"([aiu])\1")  # "sii", "yaa": Spanish words do not double these vowels
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_PUNCT = frozenset("?!.,;:-")
_YEAR_NOW = date.today().year


class _Tok(NamedTuple):
    norm: str  # the normalised word, number or punctuation mark
    start: int  # where it comes from in the cleaned message
    end: int
    kind: str  # "w" word, "n" number, "p" punctuation


def _fold(text: str) -> str:
    """Lower case, no accents: 'Sí, AÑOS' -> 'si, anos'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().replace("’", "'")


def _format_number(value: float) -> str:
    if not math.isfinite(value) or abs(value) >= 1e15:
        return "999999999999999"  # beyond every limit, never a fact
    if value == int(value):
        return str(int(value))
    return f"{value:.4f}".rstrip("0").rstrip(".")


def _canonical_number(raw: str) -> str | None:
    """'1.200' -> '1200' (a dot before 3 digits is a thousands mark in Peru), '1,200.50' -> '1200.5',
    '1,5' -> '1.5', '-5' -> '-5'."""
    negative = raw.startswith("-")
    body = raw.lstrip("-")
    groups = re.split(r"[.,]", body)
    separators = [c for c in body if c in ".,"]
    if not separators:
        whole, decimals = body, ""
    elif len(set(separators)) == 2:  # both marks: the last one is the decimal point
        whole, decimals = "".join(groups[:-1]), groups[-1]
    elif len(separators) > 1 or len(groups[1]) == 3:  # 1.200.000, 1.200, 1,200
        whole, decimals = "".join(groups), ""
    else:
        whole, decimals = groups[0], groups[1]
    if not whole.isdigit() or (decimals and not decimals.isdigit()):
        return None
    if len(whole) > 15:
        return _format_number(math.inf)
    value = float(f"{whole}.{decimals}" if decimals else whole)
    return _format_number(-value if negative else value)


class _View:
    """A message as one string of normalised tokens, " tok tok tok ", with a way back to the text."""

    __slots__ = ("toks", "s", "offsets")

    def __init__(self, toks: list[_Tok]):
        self.toks = toks
        offsets, pos = [], 1
        for t in toks:
            offsets.append(pos)
            pos += len(t.norm) + 1
        self.offsets = offsets
        self.s = " " + " ".join(t.norm for t in toks) + " "

    def tokens(self, a: int, b: int) -> tuple[int, int]:
        """Indexes [i, j) of the tokens that start within s[a:b]."""
        return bisect.bisect_left(self.offsets, a), bisect.bisect_left(self.offsets, b)

    def match_tokens(self, m: re.Match, group: int | str = 0) -> tuple[int, int]:
        a, b = m.span(group)
        return self.tokens(a if group else a + 1, b)

    def span(self, i: int, j: int) -> tuple[int, int] | None:
        """The text span of tokens [i, j)."""
        if i >= j or j > len(self.toks):
            return None
        return self.toks[i].start, self.toks[j - 1].end


# --- the lexicon ----------------------------------------------------------------------------

_LEXICON: _Lexicon | None = None
_LEXICON_LOCK = threading.Lock()
_WARNED: set[str] = set()


def _lexicon() -> _Lexicon:
    global _LEXICON
    lex = _LEXICON
    if lex is None:
        with _LEXICON_LOCK:
            if _LEXICON is None:
                with open(LEXICON_PATH, encoding="utf-8") as f:
                    # Every scalar as a string: in YAML 1.1 a bare `no`, `yes` or `on` is a boolean.
                    _LEXICON = _Lexicon(yaml.load(f, Loader=yaml.BaseLoader))
            lex = _LEXICON
    return lex


def _truth(key: Any) -> bool | None:
    if isinstance(key, bool):
        return key
    return {"true": True, "false": False, "yes": True, "no": False}.get(str(key).strip().lower())


class _Rule(NamedTuple):
    regex: re.Pattern
    fact: str  # the fact it gives ("place" for a place)
    value: Any  # the value, for phrases
    kind: str  # phrase, number, weak, zero, birth, capture, grade, place, weak_place
    guard: bool  # skipped after a negation
    anchor: frozenset | None  # words one of which the message must contain, checked before the regex
    rank: int  # order in the lexicon, for ties


# {gap}: up to three words of the same clause ("trabajo de electricista en obras desde hace 7 años").
_GAP = r"(?: (?!(?:y|e|pero|and|but) )[^\s,.;:!?]+){0,3}?"

_PATTERN_TOKEN = re.compile(r"\{\w+\}|<\w+>|!|[()|\[\]]|[,;:]|[^\s()|\[\]{}<>!,;:]+")



def _closing(items: list[str], start: int) -> int:
    """Index of the bracket that closes the one at items[start] (the last index if none does)."""
    depth, end = 0, start
    for end in range(start, len(items)):
        depth += items[end] in "([" and 1 or 0
        depth -= items[end] in ")]" and 1 or 0
        if depth == 0:
            break
    return end

class _Lexicon:
    """bot/lexicon.yml, compiled."""

    def __init__(self, data: dict):
        norm = data.get("normalise") or {}
        self.scales: dict[str, float] = {}
        self.ordinal_suffixes: frozenset = frozenset()
        self.typos = {_fold(str(k)): _fold(str(v)) for k, v in (norm.get("typos") or {}).items()}
        self.symbols = {str(k): _fold(str(v)) for k, v in (norm.get("symbols") or {}).items()}
        self.keep_double = frozenset(_fold(str(w)) for w in norm.get("keep_final_double") or [])
        symbols = "|".join(re.escape(k) for k in sorted(self.symbols, key=len, reverse=True)) or "(?!)"
        self.token_re = re.compile(
            r"(?P<money>(?<![^\W_])[sS]/\.?(?=[ \t]*\d))"
            r"|(?P<dollar>(?<![^\W_])(?:[uU][sS])?\$)"
            r"|(?P<dash>(?<=\d)[ \t]*-(?=[ \t]*\d))"
            r"|(?P<num>(?<![\w.,])-?\d+(?:[.,]\d+)*)(?P<suffix>[^\W\d_]*°?)(?P<tail>\w*)"
            r"|(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)*)"
            r"|(?P<punct>[?¿!¡.,;:])"
            rf"|(?P<sym>{symbols})"
        )
        numbers = data.get("numbers") or {}
        self.scales = {self.phrase_words(k): float(v) for k, v in (numbers.get("scales") or {}).items()}
        self.ordinals = {self.phrase_words(k): int(v) for k, v in (numbers.get("ordinals") or {}).items()}
        self.ordinal_suffixes = frozenset(_fold(str(s)) for s in numbers.get("ordinal_suffixes") or [])
        self.limits = {k: (float(v[0]), float(v[1])) for k, v in (numbers.get("limits") or {}).items()}
        self.articles = frozenset(self.phrase_words(str(w)) for w in numbers.get("articles") or [])

        self.vocab = {str(k): [self.phrase_words(str(w)) for w in v or []]
                      for k, v in (data.get("vocab") or {}).items()}
        self.trades = frozenset(self.vocab.get("trades", []))
        self.not_trades = frozenset(self.vocab.get("not_trades", []))
        self.months = frozenset(self.vocab.get("months", []))
        self.foreign_money = frozenset(self.vocab.get("foreign_money", []))
        self._rank = 0
        self.negation = [w for w in (self.phrase_words(str(p)) for p in data.get("negation") or []) if w]
        negations = "|".join(re.escape(n) for n in sorted(self.negation, key=len, reverse=True)) or "(?!)"
        self.negation_before = re.compile(rf" (?:{negations}) $")
        self.negation_first = frozenset(n.split()[0] for n in self.negation)
        self.chat_words = frozenset(w for p in data.get("chat_words") or [] for w in self.phrase_words(str(p)).split())

        occupation = data.get("occupation") or {}
        self.trade_stop = [self.phrase_words(str(w)) for w in occupation.get("stop_words") or []]
        place = data.get("place") or {}
        self.place_stop = [self.phrase_words(str(w)) for w in place.get("stop_words") or []]

        # facts from phrases
        self.rules: list[_Rule] = []
        self.choices: dict[str, list[str]] = {}
        for fact, values in (data.get("phrases") or {}).items():
            for value, phrases in (values or {}).items():
                value = _truth(value) if fact in BOOLEAN_FACTS else str(value)
                if not isinstance(value, bool):
                    self.choices.setdefault(fact, []).append(value)
                self._add(phrases, fact, value, "phrase")
        for fact, spec in (data.get("number_facts") or {}).items():
            spec = spec or {}
            kind = "capture" if fact == "occupation_experience_years" else "number"
            self._add(spec.get("patterns"), fact, None, kind)
            self._add(spec.get("weak"), fact, None, "weak")
            self._add(spec.get("zero"), fact, 0, "zero")
            self._add(spec.get("birth_year"), fact, None, "birth")
        income = (data.get("number_facts") or {}).get("monthly_income") or {}
        trade_years = (data.get("number_facts") or {}).get("occupation_experience_years") or {}
        self.activity_years = [self._compile(str(p))[0] for p in trade_years.get("with_activity") or []]
        periods = income.get("periods") or {}
        self.periods = [(True, self._alternation(periods.get("month"))),
                        (False, self._alternation(periods.get("other")))]
        self._add(occupation.get("patterns"), "occupation", None, "capture")
        for profile, phrases in (occupation.get("activities") or {}).items():
            self._add(phrases, "occupation", str(profile), "phrase")
        self.occupation_frames = self._prefix_regex(occupation.get("frames"))
        self.occupation_none = self._full_regex(occupation.get("none"))

        grades = data.get("education_grades") or {}
        for level, spec in grades.items():
            if level == "dropout" or not isinstance(spec, dict):
                continue
            info = (int(spec.get("years", 6)), str(spec.get("complete")), str(spec.get("incomplete")))
            self._add(spec.get("patterns"), "education", info, "grade")
        self.dropout = self._alternation(grades.get("dropout"))
        school = data.get("school_levels") or {}
        self.school_levels = [(self._alternation(spec.get("words")), str(spec.get("complete")),
                               str(spec.get("incomplete"))) for spec in school.get("levels") or []
                              if isinstance(spec, dict) and spec.get("words")]
        self.school_finished = self._alternation(school.get("finished"))
        self.school_unfinished = self._alternation(school.get("unfinished"))
        self.school_window = int(school.get("window", 5))
        self.present = self._alternation(data.get("present"))
        self.prevails = {str(fact): {str(v): frozenset(str(x) for x in beaten or [])
                                     for v, beaten in (spec or {}).items()}
                         for fact, spec in (data.get("prevails") or {}).items()}

        capture = self._capture("place", self.place_stop, 6, commas=False)
        for key, kind in (("prefixes", "place"), ("weak_prefixes", "weak_place")):
            for p in place.get(key) or []:
                self._add([str(p)], "place", None, kind, tail=capture)
        self.place_strip = self._prefix_regex(place.get("strip"))
        self.place_reject = self._prefix_regex(place.get("reject_starts"))
        self.place_groups = {self.phrase_words(str(k)): str(v) for k, v in (place.get("group_names") or {}).items()}
        self.place_none = self._full_regex(place.get("none"))

        self.asked = {}
        for fact, values in (data.get("asked_phrases") or {}).items():
            for value, phrases in (values or {}).items():
                value = _truth(value) if fact in BOOLEAN_FACTS else str(value)
                self.asked.setdefault(fact, []).append((value, self._full_regex(phrases)))
        self.zero_answers = {fact: self._full_regex(p) for fact, p in (data.get("zero_answers") or {}).items()}
        self.ranges = [self._compile(str(p))[0] for p in numbers.get("ranges") or []]
        self.half = [tuple(self.phrase_words(str(p)).split()) for p in numbers.get("half") or []]
        self.durations = frozenset(self.vocab.get("duration", []))
        self.counted = frozenset(w for entry in numbers.get("counted") or [] for w in self._words_or_list(str(entry)))

        yes_no = data.get("yes_no") or {}
        self.yes_no: dict[tuple, bool] = {}
        for key, phrases in yes_no.items():
            polarity = _truth(key)
            if polarity is not None:
                for p in phrases or []:
                    self.yes_no[tuple(self.phrase_words(str(p)).split())] = polarity
        self.fillers = frozenset(tuple(self.phrase_words(str(p)).split()) for p in yes_no.get("fillers") or [])
        self.answer_fillers = frozenset(w for f in self.fillers for w in f) | self.chat_words
        self.longest_yes_no = max((len(k) for k in [*self.yes_no, *self.fillers]), default=1)

        questions = data.get("questions") or {}
        self.question_starts = self._prefix_regex(questions.get("starts"))
        self.greetings = self._prefix_regex(questions.get("greetings"))
        self.hypothetical = self._alternation(questions.get("hypothetical"))
        ends = self._alternation(questions.get("ends"))
        self.question_ends = re.compile(rf"(?:{ends.pattern})(?: [.!])* $") if ends else None
        self.question_statements = frozenset(str(f) for f in questions.get("statements") or [])

        correction = data.get("correction") or {}
        self.corrections = [self._compile(str(p))[0] for p in correction.get("markers") or []]
        self.fact_keywords = {f: self._alternation(w) for f, w in (data.get("fact_keywords") or {}).items()}

        language = data.get("language") or {}
        words = {lang: {w for p in language.get(lang) or [] for w in self.phrase_words(str(p)).split()}
                 for lang in ("es", "en")}
        shared = words["es"] & words["en"]
        self.language_words = {lang: frozenset(w - shared) for lang, w in words.items()}
        self.function_words = frozenset(words["es"] | words["en"]) - {w for t in self.trades for w in t.split()}
        requests = language.get("requests") or {}
        self.request_fillers = frozenset(w for p in requests.get("fillers") or []
                                         for w in self.phrase_words(str(p)).split())
        self.requests = []
        for lang in ("en", "es"):
            spec = requests.get(lang) or {}
            self.requests.append((lang, self._alternation(spec.get("phrases")),
                                  frozenset(self.phrase_words(str(w)) for w in spec.get("alone") or [])))
        self.rules.sort(key=lambda r: r.rank)

    # building blocks

    def phrase_words(self, raw: str) -> str:
        """A lexicon entry normalised exactly like a message."""
        return " ".join(t.norm for t in _tokenise(str(raw), self))

    def _words_or_list(self, entry: str) -> list[str]:
        """A word, or every entry of a word list named `<name>`."""
        if entry.startswith("<") and entry.endswith(">"):
            return list(self.vocab.get(entry[1:-1], []))
        return [self.phrase_words(entry)]

    def _alternation(self, phrases) -> re.Pattern | None:
        """One regex finding any of the phrases (patterns allowed) anywhere, on word boundaries."""
        parts = [self._compile(str(p))[0].pattern for p in phrases or []]
        return re.compile("|".join(f"(?:{p})" for p in parts)) if parts else None

    def _full_regex(self, phrases) -> re.Pattern | None:
        """Matches a whole message that is one of the phrases."""
        alternation = self._alternation(phrases)
        return re.compile(rf"(?:{alternation.pattern}) ") if alternation else None

    def _prefix_regex(self, phrases) -> re.Pattern | None:
        """Matches one of the phrases at the start of a message."""
        alternation = self._alternation(phrases)
        return re.compile(rf"(?:{alternation.pattern})") if alternation else None

    def _capture(self, name: str, stop: list[str], words: int, commas: bool = True) -> str:
        """Up to `words` words that are not stop words (a trade, a place)."""
        stops = "|".join(re.escape(s) for s in sorted(stop, key=len, reverse=True)) or "(?!)"
        word = r"[^\s\d.,;:!?-]+" if commas else r"[^\s.,;:!?-]+"
        one = rf"(?!(?:{stops}) ){word}"
        return rf" (?P<{name}>{one}(?: {one}){{0,{words - 1}}})"

    def _add(self, phrases, fact: str, value: Any, kind: str, tail: str = "") -> None:
        for p in phrases or []:
            try:
                regex, guard = self._compile(str(p), tail)
                anchor = self._anchors(_PATTERN_TOKEN.findall(str(p)))
            except (re.error, KeyError, ValueError) as error:
                raise ValueError(f"{LEXICON_PATH.name}: bad phrase for {fact}: {p!r}: {error}") from None
            self._rank += 1
            self.rules.append(_Rule(regex, fact, value, kind, guard, anchor, self._rank))

    def _anchors(self, items: list[str]) -> frozenset | None:
        """Words one of which every match of the pattern contains (None when there are none to check):
        a required word, or the first words of each choice of a required group or word list."""
        alternatives, depth, start = [], 0, 0
        for k, item in enumerate(items):
            depth += item in "([" and 1 or 0
            depth -= item in ")]" and 1 or 0
            if item == "|" and depth == 0:
                alternatives.append(items[start:k])
                start = k + 1
        if alternatives:
            alternatives.append(items[start:])
            sets = [self._anchors(a) for a in alternatives]
            return None if any(x is None for x in sets) else frozenset().union(*sets)
        k = 0
        while k < len(items):
            item = items[k]
            end = _closing(items, k) + 1 if item in "([" else k + 1
            if item == "!":  # a negated item or group names no required word
                k += 1
                if k < len(items) and items[k] in "([":
                    k = _closing(items, k)
                k += 1
                continue
            if item == "(":
                found = self._anchors(items[k + 1:end - 1])
                if found:
                    return found
            elif item.startswith("<") and item.endswith(">"):
                entries = self.vocab.get(item[1:-1], [])
                if entries and all(entries):
                    return frozenset(e.split()[0] for e in entries)
            elif item not in "[]|,;:" and not item.startswith("{"):
                words = self.phrase_words(item)
                if words:
                    return frozenset({words.split()[0]})
            k = end
        return None

    def _compile(self, pattern: str, tail: str = "") -> tuple[re.Pattern, bool]:
        """A lexicon phrase -> (regex over a _View string, negation guard)."""
        out: list[str] = []
        depth, negate, numbers, first_word = 0, False, 0, None
        for item in _PATTERN_TOKEN.findall(pattern):
            if item == "!":
                negate = True
                continue
            if item in "([":
                out.append("(?:")
                depth += 1
                continue
            if item == ")":
                out.append(")")
                depth -= 1
                continue
            if item == "]":
                out.append(")?")
                depth -= 1
                continue
            if item == "|":
                out.append("|")
                continue
            if item in ",;:":
                piece = r"(?: [,;:])?"
            elif item == "{n}":
                numbers += 1
                name = "n" if numbers == 1 else f"n{numbers}"
                piece = rf" (?P<{name}>-?\d+(?:\.\d+)?)"
            elif item == "{ord}":
                words = "|".join(re.escape(w) for w in sorted(self.ordinals, key=len, reverse=True))
                suffixes = "|".join(re.escape(s) for s in sorted(self.ordinal_suffixes, key=len, reverse=True))
                piece = rf" (?P<ord>\d{{1,2}}(?:{suffixes})?|{words})"
            elif item in ("{trade}", "{job}"):
                piece = self._capture(item[1:-1], self.trade_stop, 4)
            elif item == "{start}":
                piece = r"(?:^|(?<=[,.;:!?]))"
            elif item == "{clause}":
                piece = r"(?<=[,;:])"
            elif item == "{end}":
                piece = r"(?= (?:[,.;:!?]|y|e|pero|and|but|no|not|sino) | $)"
            elif item == "{gap}":
                piece = _GAP
            elif item.startswith("<"):
                entries = self.vocab[item[1:-1]]
                piece = " (?:" + "|".join(re.escape(e) for e in sorted(entries, key=len, reverse=True)) + ")"
            else:
                words = self.phrase_words(item)
                if not words:
                    continue
                piece = "".join(" " + re.escape(w) for w in words.split())
                if first_word is None:
                    first_word = words.split()[0]
            if negate:
                piece = f"(?!{piece}(?= ))"
                negate = False
            out.append(piece)
        regex = re.compile("".join(out) + tail + "(?= )")
        guard = first_word not in self.negation_first if first_word else True
        return regex, guard


def _squeeze(word: str, keep: frozenset) -> str:
    """'siii' -> 'si', 'holaaa' -> 'hola', 'noo' -> 'no'; 'llevo', 'carro', 'cree' stay."""
    w = _REPEAT.sub(r"\1", word)
    w = _DOUBLE.sub(r"\1", w)
    if w.endswith("oo") and w not in keep:
        w = w[:-1]
    return w


def _tokenise(text: str, lex: _Lexicon) -> list[_Tok]:
    out: list[_Tok] = []

    def words(raw: str, a: int, b: int) -> None:
        w = _squeeze(_fold(raw), lex.keep_double)
        for part in lex.typos.get(w, w).split():
            out.append(_Tok(part, a, b, "w"))

    for m in lex.token_re.finditer(text):
        kind, (a, b) = m.lastgroup, m.span()
        if kind == "money":
            out.append(_Tok("soles", a, b, "w"))
        elif kind == "dollar":
            out.append(_Tok("dolares", a, b, "w"))
        elif kind == "dash":
            out.append(_Tok("-", a, b, "p"))
        elif kind == "punct":
            out.append(_Tok({"¿": "?", "¡": "!"}.get(m.group(), m.group()), a, b, "p"))
        elif kind == "sym":
            for part in lex.symbols.get(m.group(), "").split():
                out.append(_Tok(part, a, b, "w"))
        elif kind == "word":
            words(m.group(), a, b)
        else:  # a number, maybe with letters stuck to it
            digits, suffix, tail = m.group("num"), m.group("suffix"), m.group("tail")
            if tail:  # "1e9", "12abc3": not a number
                words(m.group(), a, b)
                continue
            number = _canonical_number(digits)
            folded = _fold(suffix)
            if folded.endswith("°"):
                folded = folded[:-1] or "o"
            if suffix and folded in lex.ordinal_suffixes and not digits.startswith("-") and len(digits) <= 2:
                out.append(_Tok(digits + folded, a, b, "w"))  # a school year: 3ro, 3o, 5to
            elif suffix and folded in lex.scales and number is not None:
                out.append(_Tok(_format_number(float(number) * lex.scales[folded]), a, b, "n"))  # 5k
            else:
                cut = a + len(digits)
                if number is not None:
                    out.append(_Tok(number, a, cut, "n"))
                if suffix:
                    words(suffix, cut, b)  # "35años" -> 35 años
    return out


def _numeric_tokens(toks: list[_Tok], lex: _Lexicon, lang: str | None) -> list[_Tok]:
    """The tokens with numbers in words turned into digits ("treinta y cinco" -> 35, "2 mil" -> 2000)."""
    merged: list[_Tok] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if t.kind == "n" and i + 1 < len(toks) and toks[i + 1].norm in lex.scales:
            scale = lex.scales[toks[i + 1].norm]
            value, end = float(t.norm) * scale, toks[i + 1].end
            i += 2
            if i < len(toks) and toks[i].kind == "n" and 0 <= float(toks[i].norm) < scale:
                value, end = value + float(toks[i].norm), toks[i].end
                i += 1
            merged.append(_Tok(_format_number(value), t.start, end, "n"))
            continue
        merged.append(t)
        i += 1
    before = [t.norm for t in merged]
    text = " ".join(before)
    try:
        from text_to_num import alpha2digit

        for code in ((lang,) if lang else ("es", "en")):
            text = alpha2digit(text, code, threshold=0)
    except Exception:  # digits typed as digits still work
        return _halves(merged, lex)
    after = text.split()
    if after == before:
        return _halves(merged, lex)
    out: list[_Tok] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.extend(merged[i1:i2])
            continue
        if j1 == j2:
            continue
        if _article(merged, i1, i2, after, j1, j2, lex):
            out.append(merged[i1])  # "gano una miseria": an article, not the number 1
            continue
        if i1 < i2:
            start, end = merged[i1].start, merged[i2 - 1].end
        else:  # an insertion: it takes its neighbour's place
            near = merged[min(i1, len(merged) - 1)] if merged else None
            start, end = (near.start, near.end) if near else (0, 0)
        for word in after[j1:j2]:
            if _NUMBER.fullmatch(word):
                out.append(_Tok(_format_number(float(word)), start, end, "n"))
            else:
                out.append(_Tok(word, start, end, "p" if word in _PUNCT else "w"))
    return _halves(out, lex)


def _article(before: list[_Tok], i1: int, i2: int, after: list[str], j1: int, j2: int, lex: _Lexicon) -> bool:
    """"un"/"una" read as 1 but followed by a word that is not counted ("una miseria", "un puesto")."""
    if i2 - i1 != 1 or j2 - j1 != 1 or before[i1].norm not in lex.articles:
        return False
    following = after[j2] if j2 < len(after) else None
    return following is not None and following not in _PUNCT and following not in lex.counted \
        and not _NUMBER.fullmatch(following)


def _halves(toks: list[_Tok], lex: _Lexicon) -> list[_Tok]:
    """"1 año y medio" -> "1.5 año": the half joins the number, so every pattern reads it."""
    if not lex.half:
        return toks
    out = list(toks)
    k = 0
    while k + 2 < len(out):
        if out[k].kind == "n" and out[k + 1].norm in lex.durations:
            for half in lex.half:
                if tuple(t.norm for t in out[k + 2:k + 2 + len(half)]) == half:
                    out[k] = out[k]._replace(norm=_format_number(float(out[k].norm) + 0.5))
                    out[k + 1] = out[k + 1]._replace(end=out[k + 1 + len(half)].end)
                    del out[k + 2:k + 2 + len(half)]
                    break
        k += 1
    return out


# --- one message ---------------------------------------------------------------------------


class _Message:
    def __init__(self, text: str, lex: _Lexicon):
        clean = _CONTROL.sub(" ", unicodedata.normalize("NFC", text[:MAX_CHARS]))
        self.text = clean
        self.lex = lex
        self.profiles: dict[str, str | None] = {}
        toks = _tokenise(clean, lex)
        self.words = _View(toks)
        self.content = [t.norm for t in toks if t.kind != "p"]
        self.core = " " + " ".join(self.content) + " "
        self.language = self._language()
        self.nums = _View(_numeric_tokens(toks, lex, self.language))
        self.word_set = frozenset(t.norm for t in toks)
        self.nums_words = frozenset(t.norm for t in self.nums.toks)
        self.asking = self._questions()
        self.question = bool(self.asking)
        self.hypothetical = self._hypothetical() if self.question else []

    def _language(self) -> str | None:
        # A one-letter word ("x", "q", "d") says nothing about the language, whatever it stands for.
        typed = [t.norm for t in self.words.toks if t.kind == "w" and t.end - t.start > 1]
        es = sum(1 for w in typed if w in self.lex.language_words["es"])
        en = sum(1 for w in typed if w in self.lex.language_words["en"])
        if es > en and (en == 0 or es >= 2 * en):
            return "es"
        if en > es and (es == 0 or en >= 2 * es):
            return "en"
        return None

    def _questions(self) -> list[tuple[int, int]]:
        """Text spans of the clauses that ask something: in "do I qualify? I'm 28" only "do I qualify?".

        A clause asks when a "?" closes it or a "¿" opens it, or when it starts its sentence (greetings
        aside) like a question ("cuanto dura el curso, tengo 35": the first clause); the last clause asks
        when the message ends like a question ("la certificacion q es")."""
        lex = self.lex
        toks = self.words.toks
        spans: list[tuple[int, int]] = []
        clause: list[_Tok] = []
        opened = sentence_asks = False
        sentence_start = True
        for k in range(len(toks) + 1):
            t = toks[k] if k < len(toks) else None
            if t is not None and not (t.kind == "p" and t.norm in ",.;:!?"):
                clause.append(t)
                continue
            opening = t is not None and self.text[t.start:t.end] in "¿¡"
            if clause:
                if sentence_start and not sentence_asks:
                    sentence_asks = self._starts_question(clause, toks[k:])
                closing = t is not None and t.norm == "?" and not opening
                if opened or closing or sentence_asks:
                    spans.append((clause[0].start, clause[-1].end))
                if not all(w.norm in lex.answer_fillers or w.norm in lex.chat_words for w in clause):
                    sentence_start = sentence_asks = False
            if t is None or t.norm in ".;!?":
                sentence_start, sentence_asks = True, False
            opened = opening and t.norm == "?"
            clause = []
        if self.content and lex.question_ends is not None and lex.question_ends.search(self.words.s):
            last = [t for t in toks if t.kind != "p"][-1]
            if not spans or spans[-1][1] < last.end:
                a = last.start
                for t in reversed(toks):
                    if t.kind == "p" and t.norm in ",.;:!?":
                        break
                    a = t.start
                spans.append((a, last.end))
        return spans

    def _starts_question(self, clause: list[_Tok], rest: list[_Tok]) -> bool:
        """The clause (with what follows it in the sentence) starts like a question, greetings aside."""
        lex = self.lex
        if lex.question_starts is None:
            return False
        s = " " + " ".join(t.norm for t in clause + rest) + " "
        start = 0
        while lex.greetings is not None:
            m = lex.greetings.match(s, start)
            if not m or m.end() == start:
                break
            start = m.end()
            while s.startswith(" ,", start) or s.startswith(" .", start) or s.startswith(" !", start):
                start += 2
        return bool(lex.question_starts.match(s, start))

    def in_question(self, pos: int) -> bool:
        return any(a <= pos < b for a, b in self.asking)

    def _hypothetical(self) -> list[tuple[int, int]]:
        """Text spans of suppositions inside a question: "¿y si tengo 60 años puedo?"."""
        spans = []
        rx = self.lex.hypothetical
        if rx is None:
            return spans
        toks = self.words.toks
        for m in rx.finditer(self.words.s):
            i, _ = self.words.match_tokens(m)
            if i >= len(toks) or (i + 1 < len(toks) and toks[i + 1].kind == "p"):
                continue  # "si, tengo 35": a yes, not an if
            j = i + 1
            while j < len(toks) and toks[j].kind != "p":
                j += 1
            spans.append((toks[i].start, toks[j - 1].end if j > i else toks[i].end))
        return spans

    def in_hypothesis(self, pos: int) -> bool:
        return any(a <= pos < b for a, b in self.hypothetical)

    def negated(self, view: _View, m: re.Match) -> bool:
        return bool(self.lex.negation_before.search(view.s, max(0, m.start() - 24), m.start() + 1))


class _Found(NamedTuple):
    facts: dict  # what the match gives
    span: tuple[int, int]  # where, in the text
    kind: str  # phrase, number, capture, soft
    number: tuple[int, int] | None  # the text span of the number it read
    capture: tuple[int, int] | None  # the text span of the trade or place it read
    strength: int  # a school year beats a generic phrase
    rank: int


def _overlap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


# --- the parser -----------------------------------------------------------------------------


def _parse(text: Any, asked: Any, intent: Any, entities: Any) -> Parsed:
    lex = _lexicon()
    text = text if isinstance(text, str) else ("" if text is None else str(text))
    asked = asked if isinstance(asked, str) else None
    intent = intent if isinstance(intent, str) else None
    ents = [e for e in entities if isinstance(e, dict)] if isinstance(entities, (list, tuple)) else []
    payload = False
    if text.strip().startswith("/"):
        p_intent, p_entities = _payload(text.strip())
        if p_intent:
            intent, payload, text = intent or p_intent, True, ""
            ents = ents + p_entities

    result = Parsed(facts={})
    msg = _Message(text, lex)
    result.language = msg.language
    result.language_request = _language_request(msg)
    if intent in ("switch_language_en", "switch_language_es") and result.language_request is None:
        result.language_request = intent[-2:]
    result.correction = intent == "correct" or _is_correction(msg)

    asks = msg.question or intent == "ask_question"  # a question about the programme states no goal
    found = _resolve(_candidates(msg, asked, goal=not asks))
    facts, places = _facts_from(found, msg)
    result.facts = facts
    result.place = places
    result.yes_no = None if msg.question else _yes_no(msg)

    consumed = [f.span for f in found] + [f.number for f in found if f.number]
    _activity_years(msg, found, result, consumed)
    _read_numbers(msg, asked, result, consumed)
    if asked and asked not in result.facts and not msg.question and intent not in NOT_ANSWER_INTENTS:
        _read_answer(msg, asked, result, [f.span for f in found if set(f.facts) - {"place"}])

    for fact, value in _from_entities(ents, lex).items():
        if fact == "place":
            result.place = value
        elif fact == "consent":
            result.yes_no = value
        elif fact != "goal" or not asks:
            result.facts[fact] = value

    if result.yes_no is None and intent in ("affirm", "deny"):
        bare = payload or not msg.content or (not result.facts and result.place is None and not msg.question
                                              and len(msg.content) <= 3)
        if bare:
            result.yes_no = intent == "affirm"
    if asked in BOOLEAN_FACTS and asked not in result.facts and result.yes_no is not None:
        result.facts[asked] = result.yes_no
    if result.facts.get("disability_certificate") is True and "has_disability" not in result.facts \
            and asked != "disability_certificate":
        # A CONADIS card or certificate mentioned unprompted means a disability; the answer to the
        # certificate question says only that (the disability is already known when it is asked).
        result.facts["has_disability"] = True
    return result


def _payload(text: str) -> tuple[str | None, list[dict]]:
    """Rasa button payloads: '/affirm', '/inform{"education": "secondary_complete"}'."""
    m = re.fullmatch(r"/(\w+)\s*(\{.*\})?\s*", text, re.S)
    if not m:
        return None, []
    entities = []
    if m.group(2):
        try:
            data = json.loads(m.group(2))
        except ValueError:
            data = {}
        if isinstance(data, dict):
            entities = [{"entity": str(k), "value": v} for k, v in data.items()]
    return m.group(1), entities


def _candidates(msg: _Message, asked: str | None, goal: bool = True) -> list[_Found]:
    """Every match of the lexicon's rules. In a question, a bare number ("tengo 28") counts only outside
    the clauses that ask, and only for the facts `questions.statements` lists; a goal counts only when
    `goal` (a question about the programme is not a wish)."""
    lex = msg.lex
    out: list[_Found] = []
    for rule in lex.rules:
        if rule.kind == "weak" and (asked in NUMBER_FACTS and asked != rule.fact):
            continue
        if rule.kind == "weak" and msg.question and rule.fact not in lex.question_statements:
            continue
        if rule.fact == "goal" and not goal:
            continue
        numeric = rule.kind in ("number", "weak", "birth") or (rule.kind == "capture" and rule.fact != "occupation")
        view = msg.nums if numeric else msg.words
        if rule.anchor and rule.anchor.isdisjoint(msg.nums_words if numeric else msg.word_set):
            continue
        for m in rule.regex.finditer(view.s):
            if rule.guard and msg.negated(view, m):
                continue
            i, j = view.match_tokens(m)
            span = view.span(i, j)
            if span is None or msg.in_hypothesis(span[0]):
                continue
            if rule.kind == "weak" and msg.in_question(span[0]):
                continue
            found = _interpret(rule, m, view, span, msg)
            if found is not None:
                out.append(found)
    out.extend(_schooling(msg))
    return out


def _schooling(msg: _Message) -> list[_Found]:
    """A school level named near a word saying whether it was finished, in either order:
    "estudié en un instituto pero no terminé", "la secundaria la dejé en 4to", "técnico titulado".
    Each such word goes to the nearest level (a comma counts as two words), within `school_levels.window`."""
    lex = msg.lex
    if not lex.school_levels or (lex.school_finished is None and lex.school_unfinished is None):
        return []
    view = msg.words
    toks = view.toks
    mentions: list[tuple[int, int, str, str]] = []
    for rx, complete, incomplete in lex.school_levels:
        if rx is None:
            continue
        for m in rx.finditer(view.s):
            i, j = view.match_tokens(m)
            if j > i and not any(i < b and a < j for a, b, _, _ in mentions):
                mentions.append((i, j, complete, incomplete))
    if not mentions:
        return []
    verdicts: list[tuple[int, int, bool]] = []
    for rx, finished in ((lex.school_unfinished, False), (lex.school_finished, True)):
        if rx is None:
            continue
        for m in rx.finditer(view.s):
            i, j = view.match_tokens(m)
            if j <= i or any(i < b and a < j for a, b, _ in verdicts):
                continue
            verdicts.append((i, j, finished and not msg.negated(view, m)))
    pairs = []
    for mi, (i, j, _, _) in enumerate(mentions):
        for vi, (a, b, _) in enumerate(verdicts):
            if (i < b and a < j) or max(a - j, i - b) > lex.school_window:
                continue
            between = toks[j:a] if a >= j else toks[b:i]
            if any(t.kind == "p" and t.norm != "," for t in between):
                continue
            distance = sum(2 if t.kind == "p" else 1 for t in between)
            if distance <= lex.school_window:
                pairs.append((distance, mi, vi))
    out, used_m, used_v = [], set(), set()
    for _, mi, vi in sorted(pairs):
        if mi in used_m or vi in used_v:
            continue
        used_m.add(mi)
        used_v.add(vi)
        i, j, complete, incomplete = mentions[mi]
        a, b, finished = verdicts[vi]
        span = view.span(min(i, a), max(j, b))
        if span is None or msg.in_hypothesis(span[0]):
            continue
        out.append(_Found({"education": complete if finished else incomplete}, span, "soft", None, None, 1,
                          len(lex.rules) + 1))
    return out


def _interpret(rule: _Rule, m: re.Match, view: _View, span: tuple[int, int], msg: _Message) -> _Found | None:
    """The facts one match gives, or None when its number or its trade does not hold."""
    lex = msg.lex
    groups = m.groupdict()
    number_span = capture_span = None
    facts: dict = {}
    strength = 1
    if groups.get("n") is not None:
        value = float(groups["n"])
        ni, nj = view.match_tokens(m, "n")
        number_span = view.span(ni, nj)
        if groups.get("n2") is not None:
            value = (value + float(groups["n2"])) / 2
            number_span = (number_span[0], view.span(*view.match_tokens(m, "n2"))[1])
        if rule.fact in ("work_experience_years", "occupation_experience_years"):
            value = _duration(view, nj, value, lex)
        if rule.fact == "monthly_income" and (_foreign_money(view, ni, nj, lex) or not _monthly(view, ni, lex)):
            # dollars, or pay per day or week: the number is read (no other fact takes it) but gives no income
            return _Found({}, span, "number", number_span, None, 1, rule.rank)
        if rule.kind == "birth":
            if not 1900 <= value <= _YEAR_NOW:
                return None
            value = _YEAR_NOW - value
        checked = _valid(rule.fact, value, lex)
        if checked is None:
            return None
        facts[rule.fact] = checked
    elif rule.kind == "zero":
        facts[rule.fact] = 0
    elif rule.kind == "grade":
        years, complete, incomplete = rule.value
        n = _ordinal(groups.get("ord") or "", lex)
        if not n:
            return None
        dropout = lex.dropout is not None and lex.dropout.search(msg.words.s) is not None
        facts["education"] = complete if n >= years and not dropout else incomplete
        strength = 2
    elif rule.kind == "phrase":
        facts[rule.fact] = [rule.value] if rule.fact == "priority_group" else rule.value
    for slot in ("trade", "job"):
        if groups.get(slot) is not None:
            ci, cj = view.match_tokens(m, slot)
            occupation = _trade(view, ci, cj, strict=slot == "trade", msg=msg)
            if occupation is None:
                return None
            facts["occupation"], capture_span = occupation
    if rule.kind in ("place", "weak_place"):
        ci, cj = view.match_tokens(m, "place")
        capture_span = view.span(ci, cj)
        facts["place"] = (capture_span, rule.kind == "weak_place")
    if not facts:
        return None
    kind = "number" if number_span else ("capture" if capture_span else "phrase")
    return _Found(facts, span, kind, number_span, capture_span, strength, rule.rank)


def _valid(fact: str, value: float, lex: _Lexicon) -> int | float | None:
    lo, hi = lex.limits.get(fact, (0.0, math.inf))
    if not math.isfinite(value) or value < lo or value > hi:
        return None
    if fact in INTEGER_FACTS:
        return int(value) if value == int(value) else None
    value = round(value, 2)
    return int(value) if value == int(value) else value


def _duration(view: _View, unit: int, value: float, lex: _Lexicon) -> float:
    """Years from a number whose unit is token `unit`: "6 meses" = 0.5."""
    if unit >= len(view.toks):
        return value
    return value / 12 if view.toks[unit].norm in lex.months else value


def _ordinal(text: str, lex: _Lexicon) -> int | None:
    if text in lex.ordinals:
        return lex.ordinals[text]
    digits = re.match(r"\d+", text)
    return int(digits.group()) if digits else None


def _foreign_money(view: _View, i: int, j: int, lex: _Lexicon) -> bool:
    near = [view.toks[k].norm for k in (i - 1, j, j + 1) if 0 <= k < len(view.toks)]
    return any(w in lex.foreign_money for w in near)


def _clause(toks: list, i: int) -> tuple[int, int]:
    """Token bounds [a, b) of the clause around token i: punctuation tokens end a clause."""
    a = i
    while a > 0 and toks[a - 1].kind != "p":
        a -= 1
    b = i
    while b < len(toks) and toks[b].kind != "p":
        b += 1
    return a, b


def _monthly(view: _View, i: int, lex: _Lexicon) -> bool:
    """The amount at token i is per month or has no period: the period word nearest it in its clause
    is not one of another period ("40 soles diarios", "300 a la semana")."""
    toks = view.toks
    a, b = _clause(toks, i)
    start = view.offsets[a] - 1 if a < len(toks) else 0
    end = view.offsets[b] if b < len(toks) else len(view.s)
    at = view.offsets[i] if i < len(toks) else 0
    after = at + len(toks[i].norm) if i < len(toks) else 0
    nearest: tuple[int, bool] | None = None
    for monthly, rx in lex.periods:
        if rx is None:
            continue
        for m in rx.finditer(view.s, start, end):
            distance = m.start() - after if m.start() >= after else at - m.end() + 1  # after the amount first
            if nearest is None or distance < nearest[0]:
                nearest = (distance, monthly)
    return nearest is None or nearest[1]


def _trade(view: _View, i: int, j: int, strict: bool, msg: _Message) -> tuple[str, tuple[int, int]] | None:
    """The occupation a captured trade names: a profile id, else the trade as typed (lower case)."""
    lex = msg.lex
    toks = view.toks
    leading = {"un", "una", "el", "la", "los", "las", "a", "an", "the", "de", "del"}
    while i < j and toks[i].norm in leading:
        i += 1
    while j > i and toks[j - 1].norm in leading | {"y", "o", "of", "to", "en"}:
        j -= 1
    if i >= j:
        return None
    words = [t.norm for t in toks[i:j]]
    if words[0] in lex.not_trades or words[0] in lex.function_words or any(t.kind != "w" for t in toks[i:j]):
        return None
    if all(w in lex.chat_words or w in lex.negation_first for w in words):
        return None
    text = " ".join(words)
    if text not in msg.profiles:  # the same words are often captured by several phrases
        msg.profiles[text] = _profile(text, msg.language)
    profile = msg.profiles[text]
    if profile:
        return profile, view.span(i, j)
    if strict:
        for k in range(j, i, -1):
            if " ".join(w.norm for w in toks[i:k]) in lex.trades:
                j = k
                break
        else:
            return None
    span = view.span(i, j)
    typed = msg.text[span[0]:span[1]].strip(" .,;:!?¿¡\"'").lower()
    return (typed or text), span


def _profile(text: str, lang: str | None) -> str | None:
    try:
        return knowledge.occupation_to_profile(text, lang)
    except Exception as error:  # no knowledge base: the trade stays free text
        _warn_once("occupation", error)
        return None


def _warn_once(what: str, error: Exception) -> None:
    if what not in _WARNED:
        _WARNED.add(what)
        log.warning("parsing without the knowledge base (%s): %s", what, error)


def _resolve(found: list[_Found]) -> list[_Found]:
    """Keep the matches that do not clash: longest first; phrases and numbers before captures. A soft
    reading (a school level and its verdict, words apart) yields to a phrase of its fact and blocks nothing."""
    kept: list[_Found] = []

    def by_length(f: _Found):
        return -(f.span[1] - f.span[0]), f.rank

    for f in sorted((f for f in found if f.kind == "phrase"), key=by_length):
        if not any(_overlap(f.span, k.span) for k in kept):
            kept.append(f)
    phrases = list(kept)
    for f in sorted((f for f in found if f.kind == "number"), key=by_length):
        clash = any(_overlap(f.span, k.span) for k in kept if k.kind == "number")
        clash = clash or any(_overlap(f.capture, k.span) for k in phrases)
        if not clash:
            kept.append(f)
    for f in sorted((f for f in found if f.kind == "capture"), key=by_length):
        f = _place_before_phrase(f, phrases)
        clash = any(_overlap(f.capture, k.span) for k in kept if k.kind != "capture")
        clash = clash or any(_overlap(f.span, k.span) for k in kept if k.kind == "capture")
        clash = clash or any(_overlap(f.capture, k.number) for k in kept)
        if not clash:
            kept.append(f)
    soft: list[_Found] = []
    for f in sorted((f for f in found if f.kind == "soft"), key=by_length):
        rivals = [k for k in phrases if set(k.facts) & set(f.facts)] + soft
        if not any(_overlap(f.span, k.span) for k in rivals):
            soft.append(f)
    return sorted(kept + soft, key=lambda f: f.span)


def _place_before_phrase(f: _Found, phrases: list[_Found]) -> _Found:
    """A place read up to a phrase ends before it: "vivo en Pichari zona del VRAEM" -> "Pichari"."""
    if "place" not in f.facts or f.capture is None:
        return f
    a, b = f.capture
    cut = min((k.span[0] for k in phrases if a < k.span[0] < b), default=None)
    if cut is None:
        return f
    (_, _), weak = f.facts["place"]
    facts = dict(f.facts, place=((a, cut), weak))
    return f._replace(facts=facts, capture=(a, cut), span=(f.span[0], cut))


def _facts_from(found: list[_Found], msg: _Message) -> tuple[dict, str | None]:
    facts: dict = {}
    strength: dict[str, int] = {}
    groups: list[str] = []
    places: list[tuple[bool, int, str]] = []
    for f in found:  # in text order: a later statement replaces an earlier one
        for fact, value in f.facts.items():
            if fact == "place":
                (a, b), weak = value
                place = _clean_place(msg, a, b, weak, groups)
                if place:
                    places.append((weak, a, place))
                continue
            if fact == "priority_group":
                groups.extend(v for v in value if v not in groups)
                continue
            if fact in facts and not _replaces(msg.lex, fact, value, facts[fact], f.strength - strength[fact]) \
                    and not _in_present(msg, f.span[0]):
                continue
            facts[fact] = value
            strength[fact] = f.strength
    if groups:
        order = msg.lex.choices.get("priority_group", [])
        facts["priority_group"] = sorted(groups, key=lambda g: order.index(g) if g in order else len(order))
    place = min(places)[2] if places else None
    return facts, place


def _replaces(lex: _Lexicon, fact: str, new: Any, old: Any, stronger: int) -> bool:
    """A later value of a fact in the same message replaces the earlier one unless `prevails` says the
    earlier one wins ("tengo chamba pero gano poco" is underemployed) or it was read more precisely."""
    prevails = lex.prevails.get(fact, {})
    if isinstance(new, str) and old in prevails.get(new, ()):
        return True
    if isinstance(old, str) and new in prevails.get(old, ()):
        return False
    return stronger >= 0


def _in_present(msg: _Message, pos: int) -> bool:
    """The clause around text position `pos` says it is about now: "ahora tengo trabajo fijo"."""
    rx = msg.lex.present
    if rx is None:
        return False
    view = msg.words
    toks = view.toks
    a, b = _clause(toks, bisect.bisect_left([t.start for t in toks], pos))
    if a >= b:
        return False
    return rx.search(view.s, view.offsets[a] - 1, view.offsets[b] if b < len(toks) else len(view.s)) is not None


def _clean_place(msg: _Message, a: int, b: int, weak: bool, groups: list[str]) -> str | None:
    """A captured place as typed, without "distrito de" and the like; weak hints must be known places."""
    lex = msg.lex
    sub = _View(_tokenise(msg.text[a:b], lex))
    start = 0
    while lex.place_strip is not None:
        m = lex.place_strip.match(sub.s, start)
        if not m or m.end() == start or m.end() >= len(sub.s) - 1:
            break
        start = m.end()
    i = sub.tokens(start + 1, len(sub.s))[0] if start else 0
    if i >= len(sub.toks):
        return None
    rest = " " + " ".join(t.norm for t in sub.toks[i:]) + " "
    if rest.strip() in lex.place_groups:
        group = lex.place_groups[rest.strip()]
        if group not in groups:
            groups.append(group)
        return None
    if lex.place_reject is not None and lex.place_reject.match(rest):
        return None
    words = [t.norm for t in sub.toks[i:] if t.kind == "w"]
    if not words or all(w in lex.chat_words for w in words):
        return None
    place = msg.text[a + sub.toks[i].start:a + sub.toks[-1].end].strip(" .,;:!?¿¡\"'")
    if weak and not _known_place(place):
        return None
    return place or None


def _known_place(text: str) -> bool:
    try:
        return knowledge.resolve_place(text).get("how") != "contained"
    except knowledge.UnknownPlace:
        return False
    except Exception as error:  # no knowledge base: a capitalised name passes
        _warn_once("places", error)
        return text[:1].isupper()


# --- yes/no, corrections, language ------------------------------------------------------------


def _yes_no(msg: _Message) -> bool | None:
    """Yes or no when the message (or its first clauses) is only yes/no words and fillers."""
    lex = msg.lex
    clauses: list[list[str]] = [[]]
    for t in msg.words.toks:
        if t.kind == "p":
            clauses.append([])
        else:
            clauses[-1].append(t.norm)
    polarity = None
    for clause in clauses:
        if not clause:
            continue
        seen: set[bool] = set()
        i = 0
        while i < len(clause):
            for size in range(min(lex.longest_yes_no, len(clause) - i), 0, -1):
                key = tuple(clause[i:i + size])
                if key in lex.yes_no:
                    seen.add(lex.yes_no[key])
                    break
                if key in lex.fillers:
                    break
            else:
                return polarity  # a clause with other words: a statement from here on
            i += size
        if len(seen) == 2:
            return polarity
        if seen:
            polarity = seen.pop()
    return polarity


def _is_correction(msg: _Message) -> bool:
    for rx in msg.lex.corrections:
        for view in (msg.words, msg.nums):
            m = rx.search(view.s)
            if m and not msg.negated(view, m):
                return True
    return False


def _language_request(msg: _Message) -> str | None:
    lex = msg.lex
    requested = None
    for lang, phrases, alone in lex.requests:
        if phrases is not None:
            for m in phrases.finditer(msg.words.s):
                if not msg.negated(msg.words, m):
                    requested = lang
        rest = " ".join(w for w in msg.content if w not in lex.request_fillers)
        if rest and rest in alone:
            requested = lang
    return requested


# --- bare answers --------------------------------------------------------------------------


def _read_numbers(msg: _Message, asked: str | None, result: Parsed, consumed: list[tuple[int, int]]) -> None:
    """A bare number: for the asked number fact, or the corrected one ("perdon, son 3 hijos... sino 4")."""
    if msg.question:
        return
    target = asked if asked in NUMBER_FACTS and asked not in result.facts else None
    if result.correction and not any(f in result.facts for f in NUMBER_FACTS):
        hinted = [f for f, rx in msg.lex.fact_keywords.items() if rx is not None and rx.search(msg.words.s)]
        if len(hinted) == 1:
            target = hinted[0]
    if target is None:
        return
    view = msg.nums
    free = [k for k, t in enumerate(view.toks)
            if t.kind == "n" and not any(_overlap((t.start, t.end), c) for c in consumed)
            and not msg.in_hypothesis(t.start)]
    if not free:
        zero = msg.lex.zero_answers.get(target)
        if zero is not None and _full_answer(zero, msg):
            result.facts[target] = 0
        return
    values = []
    for rx in msg.lex.ranges:
        m = rx.search(view.s)
        if m and m.group("n") is not None and m.group("n2") is not None:
            values = [(float(m.group("n")) + float(m.group("n2"))) / 2]
            k = view.match_tokens(m, "n")[0]
            break
    if not values:
        if result.correction:  # the last number that is not the one rejected: "tengo 39 no 29", "no son 2 sino 3"
            kept = [x for x in free if not _rejected(view, x, msg.lex)]
            if not kept:
                return
            k = kept[-1]
        elif len({view.toks[x].norm for x in free}) == 1:
            k = free[0]
        else:
            return
        values = [float(view.toks[k].norm)]
    value = values[0]
    if target == "monthly_income" and (_foreign_money(view, k, k + 1, msg.lex) or not _monthly(view, k, msg.lex)):
        return
    if target in ("work_experience_years", "occupation_experience_years"):
        value = _duration(view, k + 1, value, msg.lex)
    checked = _valid(target, value, msg.lex)
    if checked is not None:
        result.facts[target] = checked


def _activity_years(msg: _Message, found: list[_Found], result: Parsed, consumed: list[tuple[int, int]]) -> None:
    """Years in a trade told by what the applicant does: "hago muebles hace 10 años" (the duration and the
    activity in the same clause)."""
    lex = msg.lex
    if "occupation_experience_years" in result.facts or not lex.activity_years:
        return
    activities = [f.span for f in found if f.kind == "phrase" and "occupation" in f.facts
                  and f.facts["occupation"] == result.facts.get("occupation")]
    if not activities:
        return
    view = msg.nums
    stops = [t.start for t in view.toks if t.kind == "p"]
    for rx in lex.activity_years:
        for m in rx.finditer(view.s):
            ni, nj = view.match_tokens(m, "n")
            number = view.span(ni, nj)
            if number is None or any(_overlap(number, c) for c in consumed) or msg.in_hypothesis(number[0]):
                continue
            near = any(not any(min(a[1], number[1]) <= p < max(a[0], number[0]) for p in stops) for a in activities)
            value = _valid("occupation_experience_years", _duration(view, nj, float(m.group("n")), lex), lex)
            if near and value is not None:
                result.facts["occupation_experience_years"] = value
                consumed.append(number)
                return


def _rejected(view: _View, k: int, lex: _Lexicon) -> bool:
    """Number token k comes right after a negation ("no 29", "no son 2", "not 29")."""
    at = view.offsets[k]
    return bool(lex.negation_before.search(view.s, max(0, at - 25), at))


def _full_answer(rx: re.Pattern, msg: _Message) -> bool:
    """The whole message (or it without fillers such as "pues", "nomas") is one of the phrases."""
    if rx.fullmatch(msg.core):
        return True
    words = list(msg.content)
    while words and words[0] in msg.lex.answer_fillers:
        words.pop(0)
    while words and words[-1] in msg.lex.answer_fillers:
        words.pop()
    return bool(words) and rx.fullmatch(" " + " ".join(words) + " ") is not None


def _read_answer(msg: _Message, asked: str, result: Parsed, read: list[tuple[int, int]]) -> None:
    """A bare answer for the question just asked: a choice in everyday words, a trade, a place."""
    lex = msg.lex
    if asked in CHOICE_FACTS or asked in BOOLEAN_FACTS:
        for value, rx in lex.asked.get(asked, []):
            if rx is not None and _full_answer(rx, msg):
                result.facts[asked] = value
                return
        if asked in CHOICE_FACTS:
            chosen = _choice_id(msg.text.strip(), asked, lex)
            if chosen:
                result.facts[asked] = chosen
        return
    if asked not in ("occupation", "place") or result.yes_no is not None or result.language_request:
        return
    if result.place or not msg.content:
        return
    if asked == "place" and set(result.facts) <= {"priority_group"}:  # "Kimbiri, VRAEM": a place and a group
        _read_place(msg, result, read)
        return
    if result.facts:
        return
    _read_occupation(msg, result)


def _choice_id(text: str, fact: str, lex: _Lexicon) -> str | None:
    value = text.strip().lower()
    return value if value in lex.choices.get(fact, []) else None


def _answer_tokens(msg: _Message, strip: re.Pattern | None, stop: list[str], keep_commas: bool) -> tuple[int, int]:
    """Tokens [i, j) of a bare answer: leading frames ("vivo en", "soy") and trailing chatter removed."""
    view = msg.words
    toks = view.toks
    start = 0
    while strip is not None:
        m = strip.match(view.s, start)
        if not m or m.end() == start or m.end() >= len(view.s) - 1:
            break
        start = m.end()
    i = view.tokens(start + 1, len(view.s))[0] if start else 0
    j = i
    stops = {tuple(s.split()) for s in stop}
    while j < len(toks):
        t = toks[j]
        if t.kind == "p" and (t.norm != "," or not keep_commas):
            break
        if any(tuple(x.norm for x in toks[j:j + len(s)]) == s for s in stops):
            break
        j += 1
    while j > i and toks[j - 1].kind == "p":
        j -= 1
    return i, j


def _read_place(msg: _Message, result: Parsed, read: list[tuple[int, int]]) -> None:
    """A bare place, up to where a phrase read another fact ("Kimbiri, VRAEM" -> "Kimbiri")."""
    lex = msg.lex
    if lex.place_none is not None and _full_answer(lex.place_none, msg):
        return
    i, j = _answer_tokens(msg, lex.place_strip, lex.place_stop, keep_commas=True)
    toks = msg.words.toks[i:j]
    for k, t in enumerate(toks):
        if any(_overlap((t.start, t.end), r) for r in read):
            toks = toks[:k]
            break
    while toks and toks[-1].kind == "p":
        toks = toks[:-1]
    if not toks:
        return
    words = [t.norm for t in toks if t.kind == "w"]
    if not words or len(toks) > 8 or all(w in lex.chat_words for w in words):
        return
    if not any(t.kind == "w" for t in toks):
        return
    rest = " ".join(t.norm for t in toks)
    if rest in lex.place_groups:
        groups = result.facts.setdefault("priority_group", [])
        if lex.place_groups[rest] not in groups:
            groups.append(lex.place_groups[rest])
        return
    if lex.place_reject is not None and lex.place_reject.match(" " + rest + " "):
        return
    place = msg.text[toks[0].start:toks[-1].end].strip(" .,;:!?¿¡\"'")
    if place:
        result.place = place


def _read_occupation(msg: _Message, result: Parsed) -> None:
    lex = msg.lex
    if lex.occupation_none is not None and _full_answer(lex.occupation_none, msg):
        return
    i, j = _answer_tokens(msg, lex.occupation_frames, lex.trade_stop, keep_commas=False)
    if j - i > 6 or i >= j:
        profile = _profile(msg.core, msg.language) if msg.content else None
        if profile:
            result.facts["occupation"] = profile
        return
    occupation = _trade(msg.words, i, j, strict=False, msg=msg)
    if occupation is not None:
        result.facts["occupation"] = occupation[0]


# --- entities (buttons, NLU) -------------------------------------------------------------------


def _from_entities(entities: list[dict], lex: _Lexicon) -> dict:
    out: dict = {}
    for e in entities:
        name, value = e.get("entity"), e.get("value")
        if not isinstance(name, str):
            continue
        if name == "place":
            if isinstance(value, str) and value.strip() and len(value) <= 200:
                out["place"] = _CONTROL.sub(" ", value).strip()
        elif name == "consent":
            b = _boolean(value)
            if b is not None:
                out["consent"] = b
        elif name in FACTS:
            v = _coerce(name, value, lex)
            if v is not None:
                out[name] = v
    return out


def _boolean(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        return {"true": True, "false": False, "si": True, "sí": True, "yes": True, "no": False, "1": True,
                "0": False}.get(value.strip().lower())
    return None


def _coerce(fact: str, value: Any, lex: _Lexicon) -> Any:
    """An entity value as the engine reads it, or None when it is not an allowed value."""
    if fact in NUMBER_FACTS:
        if isinstance(value, bool) or value is None:
            return None
        if isinstance(value, (int, float)):
            return _valid(fact, float(value), lex)
        if isinstance(value, str):
            msg = _Message(value[:100], lex)
            numbers = [t for t in msg.nums.toks if t.kind == "n"]
            return _valid(fact, float(numbers[0].norm), lex) if len(numbers) == 1 else None
        return None
    if fact in BOOLEAN_FACTS:
        return _boolean(value)
    if fact == "priority_group":
        if isinstance(value, str):
            try:
                decoded = json.loads(value)
                value = decoded if isinstance(decoded, list) else [value]
            except ValueError:
                value = [value]
        if not isinstance(value, (list, tuple)):
            return None
        allowed = lex.choices.get("priority_group", [])
        groups = [v for v in allowed if v in {str(x) for x in value}]
        return groups or None
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        return None
    text = str(value).strip()[:200]
    if fact in CHOICE_FACTS:
        chosen = _choice_id(text, fact, lex)
        if chosen:
            return chosen
        msg = _Message(text, lex)  # an NLU entity in words: "secundaria completa"
        for f in _resolve(_candidates(msg, fact)):
            if fact in f.facts:
                return f.facts[fact]
        for v, rx in lex.asked.get(fact, []):
            if rx is not None and _full_answer(rx, msg):
                return v
        return None
    if fact == "occupation":
        if not text:
            return None
        return _profile(text, None) or _CONTROL.sub(" ", text).lower()
    return None
