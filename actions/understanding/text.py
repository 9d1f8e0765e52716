"""A message as tokens: folded words, numbers as typed, punctuation.

"Tngo 35AÑOS!!" -> tengo, 35, anos, !. Folding (lower case, no accents) is knowledge.text.fold,
the one the knowledge base uses, so a word folds the same way on both sides. The lexicon supplies
the typo map, the symbols read as words and the few words that really end in a double "o".
"""

from __future__ import annotations

import math
import re
import unicodedata
from typing import NamedTuple

from knowledge.text import fold as _fold_accents

MAX_CHARS = 1000  # longer messages are read up to here: facts come early, and the cost stays flat
NEAR_LETTERS = 5  # a word this long or longer, one slip from a lexicon word, is read as that word

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")
_REPEAT = re.compile(r"([^\W\d_])\1{2,}")  # "siii", "holaaa"
_DOUBLE = re.compile(r"([aiu])\1")  # "sii", "yaa": Spanish words do not double these vowels
_PUNCT = {"¿": "?", "¡": "!"}
_DOUBLED_IN_WORDS = set("aeioulrcn")  # letters real words double ("leer", "carro", "calle", "accion", "innato")


class Token(NamedTuple):
    norm: str  # the folded word, the number in canonical digits ("1200", "1.5"), or the punctuation mark
    start: int  # where it comes from in the cleaned text
    end: int
    kind: str  # "w" word, "n" number, "p" punctuation
    raw: str = ""  # a number as typed ("1.200", "000")


class Spelling(NamedTuple):
    """What the lexicon says about spelling (section `normalise`, and `numbers.scales`/`ordinal_suffixes`)."""

    typos: dict  # folded word -> the word(s) the phrases use
    symbols: dict  # symbol as typed -> words
    keep_double: frozenset  # words that really end in "oo"
    scales: dict  # "k", "mil": a digit number stuck to them is multiplied ("5k")
    ordinal_suffixes: frozenset  # "ro", "to": "3ro" is a school year, not 3
    known: frozenset = frozenset()  # every word of the lexicon (set once it has compiled)
    near: dict = {}  # a slip of a lexicon word ("prder", "depsiden") -> the word; see near_spellings
    not_typos: frozenset = frozenset()  # real words one slip from a lexicon word, read as typed


def fold(text: str) -> str:
    """'Sí, AÑOS’' -> "si, anos'": knowledge's folding, with typographic apostrophes made plain."""
    return _fold_accents(text).replace("’", "'")


def clean(text: str) -> str:
    """The message as read: control characters removed, composed accents, at most MAX_CHARS."""
    return _CONTROL.sub(" ", unicodedata.normalize("NFC", text[:MAX_CHARS]))


def format_number(value: float) -> str:
    if not math.isfinite(value) or abs(value) >= 1e15:
        return "999999999999999"  # beyond every limit, never a fact
    if value == int(value):
        return str(int(value))
    return f"{value:.4f}".rstrip("0").rstrip(".")


def canonical_number(raw: str) -> str | None:
    """Digits as typed -> canonical: '1.200' and "1'200" -> '1200' (a dot or apostrophe before 3 digits
    groups thousands in Peru), '1,200.50' -> '1200.5', '1,5' -> '1.5', '-5' -> '-5'."""
    negative = raw.startswith("-")
    body = re.sub(r"'(?=\d{3}(?!\d))", "", raw.lstrip("-"))  # 1'500 (a thousands mark only)
    if "'" in body:
        return None
    groups = re.split(r"[.,]", body)
    marks = [c for c in body if c in ".,"]
    if not marks:
        whole, decimals = body, ""
    elif len(set(marks)) == 2:  # both marks: the last one is the decimal point
        whole, decimals = "".join(groups[:-1]), groups[-1]
    elif len(marks) > 1 or len(groups[1]) == 3:  # 1.200.000, 1.200, 1,200
        whole, decimals = "".join(groups), ""
    else:
        whole, decimals = groups[0], groups[1]
    if not whole.isdigit() or (decimals and not decimals.isdigit()):
        return None
    if len(whole) > 15:
        return format_number(math.inf)
    value = float(f"{whole}.{decimals}" if decimals else whole)
    return format_number(-value if negative else value)


def token_pattern(symbols: dict) -> re.Pattern:
    alternatives = "|".join(re.escape(k) for k in sorted(symbols, key=len, reverse=True)) or "(?!)"
    return re.compile(
        r"(?P<money>(?<![^\W_])[sS]/\.?(?=[ \t]*\d))"
        r"|(?P<dollar>(?<![^\W_])(?:[uU][sS])?\$)"
        r"|(?P<dash>(?<=\d)[ \t]*-(?=[ \t]*\d))"
        r"|(?P<num>(?<![\w,'])(?:(?<=[sS]/\.)|(?<!\.))-?\d+(?:[.,']\d+)*)(?P<suffix>[^\W\d_]*°?)(?P<tail>\w*)"
        r"|(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)*)"
        r"|(?P<punct>[?¿!¡.,;:])"
        rf"|(?P<sym>{alternatives})"
    )


def squeeze(word: str, keep: frozenset) -> str:
    """'siii' -> 'si', 'holaaa' -> 'hola', 'noo' -> 'no', 'ehh' -> 'eh'; 'llevo', 'carro', 'cree' stay."""
    w = _REPEAT.sub(r"\1", word)
    w = _DOUBLE.sub(r"\1", w)
    if w.endswith("oo") and w not in keep:
        w = w[:-1]
    if w.endswith("hh"):  # "ehh", "ahh", "uhh": no word of either language ends so
        w = w[:-1]
    return w


def tokenise(text: str, spelling: Spelling, pattern: re.Pattern) -> list[Token]:
    """The tokens of a cleaned text. "S/" and "$" become the words "soles" and "dolares"."""
    out: list[Token] = []
    for m in pattern.finditer(text):
        kind, (a, b) = m.lastgroup, m.span()
        if kind == "money":
            out.append(Token("soles", a, b, "w"))
        elif kind == "dollar":
            out.append(Token("dolares", a, b, "w"))
        elif kind in ("dash", "punct"):
            out.append(Token(_PUNCT.get(m.group().strip(), m.group().strip()), a, b, "p"))
        elif kind == "sym":
            out.extend(Token(part, a, b, "w") for part in spelling.symbols.get(m.group(), "").split())
        elif kind == "word":
            out.extend(_words(m.group(), a, b, spelling))
        else:
            out.extend(_number(m, spelling))
    return out


def _words(raw: str, a: int, b: int, spelling: Spelling) -> list[Token]:
    folded = fold(raw)
    w = squeeze(folded, spelling.keep_double)
    if w in spelling.typos:
        w = spelling.typos[w]
    elif not (a > 0 and raw[:1].isupper()):  # a capital inside the message starts a name, not a slip
        w = _near(w, spelling, folded)
    return [Token(part, a, b, "w") for part in w.split()]


def near_spellings(known: frozenset, not_typos: frozenset) -> dict:
    """Each slip of a lexicon word -> the word: two letters swapped inside it ("depsiden" for "despiden";
    the first letter is seldom the one mistyped, and the last ones make another form of the word), or
    one letter typed twice ("entienddo"). A slip that is itself a lexicon word, a listed real word, or a
    slip of two words is not kept.

    Only swaps: a letter left out or one too many also turns real words into lexicon words far too
    often ("title" / "titule", "metal" / "mental", "tender" / "tener", "reciben" / "recien"), so those
    typos go in `normalise.typos` one by one."""
    index: dict[str, str | None] = {}
    for word in known:
        if len(word) < NEAR_LETTERS or not word.isalpha():
            continue
        slips = [word[:k] + word[k + 1] + word[k] + word[k + 2:] for k in range(1, len(word) - 2)
                 if word[k] != word[k + 1]]
        # A key held too long ("entienddo"), never a letter Spanish doubles itself ("carro", "calle", "leer").
        slips += [word[:k] + word[k] + word[k:] for k in range(1, len(word))
                  if word[k] not in _DOUBLED_IN_WORDS and word[k] != word[k - 1] and word[k].isalpha()]
        for slip in slips:
            if slip not in known and slip not in not_typos:
                index[slip] = word if index.get(slip, word) == word else None
    return {slip: word for slip, word in index.items() if word}


def _near(w: str, spelling: Spelling, typed: str) -> str:
    """The lexicon word a word not in it is a slip of (near_spellings), or the word itself. `typed` is
    the word before stretched letters were squeezed: a swap can put two vowels together ("discpaacidad")."""
    if w in spelling.known or w in spelling.not_typos:
        return w
    return spelling.near.get(w) or spelling.near.get(typed, w)


def _number(m: re.Match, spelling: Spelling) -> list[Token]:
    """A number, maybe with letters stuck to it: "35años", "3ro", "5k"; "1e9" and "12abc3" are words."""
    a, b = m.span()
    digits, suffix, tail = m.group("num"), m.group("suffix"), m.group("tail")
    if tail:
        return _words(m.group(), a, b, spelling)
    number = canonical_number(digits)
    folded = fold(suffix)
    if folded.endswith("°"):
        folded = folded[:-1] or "o"
    if suffix and folded in spelling.ordinal_suffixes and not digits.startswith("-") and len(digits) <= 2:
        return [Token(digits + folded, a, b, "w")]  # a school year: 3ro, 3o, 5to
    if suffix and folded in spelling.scales and number is not None:
        return [Token(format_number(float(number) * spelling.scales[folded]), a, b, "n")]
    cut = a + len(digits)
    out = [Token(number, a, cut, "n", digits)] if number is not None else []
    if suffix:
        out.extend(_words(suffix, cut, b, spelling))
    return out
