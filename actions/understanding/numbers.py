"""Numbers, amounts and lengths of time as people in Peru write them.

"1 600", "1'500", "S/ 1,200.50", "mil quinientos", "veintiún", "eight hundred fifty", "2 mil 500",
"unos 2 años", "año y medio", "seis meses" (0.5 years), "menos de un año", "entre 800 y 1000".
Every word comes from the lexicon (section `numbers`); this module only knows how they combine:
hundreds before tens before units, a connector ("y", "and") where the language puts one, scales
("mil", "million") multiplying what comes before them.

`quantities(tokens, ...)` returns every reading as a `Quantity` over a token span; the phrase
matcher offers them to `{n}` (numbers and ranges) and `{years}` (lengths of time, in years).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from actions.understanding.text import Token


class Quantity(NamedTuple):
    i: int  # token span [i, j)
    j: int
    value: float | None  # None for a range
    low: float | None = None  # a range: "entre 800 y 1000", "2 o 3"
    high: float | None = None
    unit: str | None = None  # None for a number, "years" for a length of time (in years)
    below: bool = False  # "menos de N", "casi N": just under N

    @property
    def is_range(self) -> bool:
        return self.value is None


class NumberWords(NamedTuple):
    """The `numbers` section of the lexicon, ready to use."""

    values: dict  # word -> value, for the message's language
    multipliers: dict  # "hundred": "five hundred"
    scales: dict  # "mil", "million"
    after_tens: frozenset  # "y" in "treinta y cinco"
    after_hundreds: frozenset  # "and" in "one hundred and five"
    articles: frozenset  # "un", "una", "a": a number only before a counted word
    leading_only: frozenset  # "a", "an": a number only at the start of one ("a hundred", not "two hundred a")
    counted: frozenset  # words that make an article a number: "un hijo", "un año"
    half_after: tuple  # word tuples, longest first: ("y", "medio"): "año y medio", "2 y medio años"
    half_before: tuple  # ("medio",), ("half", "a"): "medio año", "half a year"
    hedges: tuple  # ("mas", "o", "menos"), ("unos",): the number itself
    below: tuple  # ("menos", "de"), ("casi",): just under the number
    ranges: tuple  # (prefix, middle, suffix) word tuples: "entre {n} y {n}"
    units: dict  # word -> years per unit ("meses" -> 1/12)
    before: dict  # last word -> [(hedge or below words, is below)], longest first: an index of the two
    idioms: tuple  # word tuples holding no number: ("desde", "cero")


def quantities(toks: list[Token], nw: NumberWords) -> list[Quantity]:
    """Every number, range and length of time the tokens hold, longest readings first at each start."""
    plain = [q for q in _plain_numbers(toks, nw) if not _in_idiom(toks, q, nw)]
    numbers = _with_hedges(toks, plain, nw)
    numbers = _with_ranges(toks, numbers, nw)
    return numbers + _durations(toks, numbers, nw)


def _plain_numbers(toks: list[Token], nw: NumberWords) -> list[Quantity]:
    out, k = [], 0
    while k < len(toks):
        read = _read_number(toks, k, nw)
        if read is None or not _counted(toks, k, read[0], nw):
            k += 1
            continue
        out.append(Quantity(k, read[0], read[1]))
        k = read[0]
    return out


def _in_idiom(toks: list[Token], q: Quantity, nw: NumberWords) -> bool:
    for idiom in nw.idioms:
        for k in range(max(0, q.i - len(idiom) + 1), q.i + 1):
            if _starts_with(toks, k, idiom) and k + len(idiom) >= q.j:
                return True
    return False


def _counted(toks: list[Token], i: int, j: int, nw: NumberWords) -> bool:
    """"un"/"una" alone are articles ("gano una miseria"); they count before a counted word or alone."""
    if j - i != 1 or toks[i].norm not in nw.articles:
        return True
    return j == len(toks) or toks[j].kind == "p" or toks[j].norm in nw.counted or toks[j].norm in nw.units


def _read_number(toks: list[Token], k: int, nw: NumberWords) -> tuple[int, float] | None:
    """The longest number starting at token k: (end, value)."""
    group = _group(toks, k, nw)
    pos, current = group if group else (k, None)
    total, biggest = 0.0, 0.0
    while pos < len(toks) and toks[pos].norm in nw.scales:
        scale = nw.scales[toks[pos].norm]
        if biggest and scale >= biggest:
            total = (total + (current or 0)) * scale  # "mil millones"
        else:
            total += (1 if current is None else current) * scale
        biggest = max(biggest, scale)
        pos += 1
        current = None
        if pos < len(toks) and toks[pos].norm in nw.after_hundreds:
            nxt = _group(toks, pos + 1, nw, continuing=True)
            if nxt and nxt[1] < scale:
                pos += 1
        nxt = _group(toks, pos, nw, continuing=True) or _after_comma(toks, pos, scale, nw)
        if nxt and nxt[1] < scale:
            pos, current = nxt
    if pos == k:
        return None
    return pos, total + (current or 0)


def _after_comma(toks: list[Token], k: int, scale: float, nw: NumberWords) -> tuple[int, float] | None:
    """The group after a comma that goes on with the number: "one thousand, five hundred and ten". Only
    words that cannot start an item of their own: hundreds, or a group before a smaller scale ("one
    million, two hundred thousand"); "two thousand, three kids" stays a list."""
    if k + 1 >= len(toks) or toks[k].norm != "," or toks[k + 1].kind != "w":
        return None
    nxt = _group(toks, k + 1, nw, continuing=True)
    if nxt is None:
        return None
    end, value = nxt
    smaller_scale = end < len(toks) and nw.scales.get(toks[end].norm, scale) < scale
    return nxt if value >= 100 or smaller_scale else None


def _kind(value: float) -> str:
    if value < 10:
        return "u"
    if value < 20:
        return "teen"
    if value < 100:
        return "t" if value % 10 == 0 else "c"
    return "h"


# What may follow in one group below a thousand: hundreds, then tens, then units.
_NEXT = {None: {"u", "teen", "t", "c", "h"}, "h": {"u", "teen", "t", "c"}, "t": {"u"}}


def _group(toks: list[Token], k: int, nw: NumberWords, continuing: bool = False) -> tuple[int, float] | None:
    """A number below a thousand in words ("doscientos treinta y cinco", "five hundred and two"), or digits;
    `continuing` a number already begun (after a scale)."""
    if k >= len(toks):
        return None
    if toks[k].kind == "n":
        return k + 1, float(toks[k].norm)
    pos, value, last = k, 0.0, None
    while pos < len(toks):
        word = toks[pos].norm
        if pos + 1 < len(toks) and _joins(word, last, toks[pos + 1].norm, nw):
            pos += 1
            continue
        if word in nw.leading_only and (pos > k or continuing):
            break  # "two hundred a month", "one thousand a month": the article of what follows
        if word in nw.values and _kind(nw.values[word]) in _NEXT.get(last, ()):
            value += nw.values[word]
            last = _kind(nw.values[word])
        elif word in nw.multipliers and last in ("u", "teen") and pos > k:
            value *= nw.multipliers[word]  # "five hundred", "twelve hundred"
            last = "h"
        else:
            break
        pos += 1
    return (pos, value) if pos > k else None


def _joins(word: str, last: str | None, following: str, nw: NumberWords) -> bool:
    """A connector between parts of one number: "treinta y cinco", "one hundred and five"."""
    if following not in nw.values:
        return False
    if word in nw.after_tens and last == "t":
        return _kind(nw.values[following]) == "u"
    return word in nw.after_hundreds and last == "h" and _kind(nw.values[following]) in _NEXT["h"]


def _starts_with(toks: list[Token], k: int, words: tuple) -> bool:
    return tuple(t.norm for t in toks[k:k + len(words)]) == words


def _ends_with(toks: list[Token], k: int, words: tuple) -> bool:
    return k >= len(words) and tuple(t.norm for t in toks[k - len(words):k]) == words


def _space_groups(toks: list[Token], numbers: list[Quantity]) -> list[Quantity]:
    """"1 600", "12 500 000": digit groups of three after a short first group are one number."""
    out, skip = [], set()
    for n, q in enumerate(numbers):
        if n in skip:
            continue
        t = toks[q.i]
        end, value, m = q.j, q.value, n + 1
        while (t.kind == "n" and t.norm.isdigit() and len(t.norm) <= 3 and m < len(numbers)
               and numbers[m].i == end and _three_digits(toks[end]) and toks[end].start - toks[end - 1].end == 1):
            value, end = value * 1000 + numbers[m].value, numbers[m].j
            skip.add(m)
            m += 1
        out.append(q._replace(j=end, value=value))
    return out


def _three_digits(t: Token) -> bool:
    """A group of three digits as typed, maybe with decimals ("600", "000", "600,50")."""
    return t.kind == "n" and re.fullmatch(r"\d{3}(?:[.,]\d{1,2})?", t.raw) is not None


def _with_hedges(toks: list[Token], plain: list[Quantity], nw: NumberWords) -> list[Quantity]:
    """"unos 35", "como 900", "más o menos 1000" read as the number; "menos de 2", "casi 2" just under it."""
    out = []
    for q in _space_groups(toks, plain):
        last = toks[q.i - 1].norm if q.i else None
        for words, below in nw.before.get(last, ()):
            if _ends_with(toks, q.i, words):
                if not below:
                    out.append(q)  # the bare number too: a phrase may need the hedge word itself
                q = q._replace(i=q.i - len(words), below=below)
                break
        out.append(q)
    return out


def _with_ranges(toks: list[Token], numbers: list[Quantity], nw: NumberWords) -> list[Quantity]:
    """"entre 800 y 1000", "2 o 3": a range (low below high) replaces the numbers it joins."""
    by_start = {q.i: q for q in numbers}
    used: set[int] = set()
    ranges = []
    for n, q in enumerate(numbers):
        for prefix, middle, suffix in nw.ranges:
            second = by_start.get(q.j + len(middle))
            if second is None or not _starts_with(toks, q.j, middle) or n in used:
                continue
            start = q.i - len(prefix)
            if not (_ends_with(toks, q.i, prefix) and _starts_with(toks, second.j, suffix)):
                continue
            if q.value < second.value and not q.below and not second.below:
                ranges.append(Quantity(start, second.j + len(suffix), None, q.value, second.value))
                used.update({n, numbers.index(second)})
                break
    return sorted([q for n, q in enumerate(numbers) if n not in used] + ranges)


def _durations(toks: list[Token], numbers: list[Quantity], nw: NumberWords) -> list[Quantity]:
    out = []
    for q in numbers:
        read = _unit_after(toks, q.j, nw)
        if read is None:
            half, end = _half_after(toks, q.j, nw)
            if half and not q.is_range and not q.below:  # "5 y medio": the unit is the question's
                out.append(q._replace(j=end, value=q.value + half, unit="years"))
            continue
        end, per, half = read
        if not half:
            half, end = _half_after(toks, end, nw)
        if q.is_range:
            out.append(q._replace(j=end, low=q.low * per, high=q.high * per, unit="years"))
            continue
        years = (q.value + half) * per
        end, years = _and_months(toks, end, years, per, nw)
        out.append(q._replace(j=end, value=_just_under(years) if q.below else years, unit="years"))
    return out + _durations_without_number(toks, numbers, nw)


def _unit_after(toks: list[Token], k: int, nw: NumberWords) -> tuple[int, float, float] | None:
    """(end, years per unit, half) for the unit at token k ("años", "meses"), or after a half
    ("2 y medio años": half 0.5)."""
    if k < len(toks) and toks[k].norm in nw.units:
        return k + 1, nw.units[toks[k].norm], 0.0
    half, end = _half_after(toks, k, nw)
    if half and end < len(toks) and toks[end].norm in nw.units:
        return end + 1, nw.units[toks[end].norm], half
    return None


def _half_after(toks: list[Token], k: int, nw: NumberWords) -> tuple[float, int]:
    for words in nw.half_after:
        if _starts_with(toks, k, words):
            return 0.5, k + len(words)
    return 0.0, k


def _and_months(toks: list[Token], k: int, years: float, per: float, nw: NumberWords) -> tuple[int, float]:
    """"2 años y 6 meses" -> 2.5."""
    if per != 1 or k + 2 >= len(toks) or toks[k].norm not in nw.after_tens | nw.after_hundreds:
        return k, years
    months = _read_number(toks, k + 1, nw)
    if months and months[0] < len(toks) and nw.units.get(toks[months[0]].norm, 1) < 1:
        return months[0] + 1, years + months[1] * nw.units[toks[months[0]].norm]
    return k, years


def _durations_without_number(toks: list[Token], numbers: list[Quantity], nw: NumberWords) -> list[Quantity]:
    """"año y medio" (1.5), "medio año" (0.5), "mes y medio"."""
    ends = {q.j for q in numbers}  # "un año y medio" is read with its number
    out = []
    for k, t in enumerate(toks):
        per = nw.units.get(t.norm)
        if per is None:
            continue
        half, end = _half_after(toks, k + 1, nw)
        if half and k not in ends:
            out.append(Quantity(k, end, 1.5 * per, unit="years"))
        for words in nw.half_before:
            if _ends_with(toks, k, words):
                out.append(Quantity(k - len(words), k + 1, 0.5 * per, unit="years"))
                break
    return out


def _just_under(years: float) -> float:
    """"menos de un año" -> 0.5, "menos de 3 años" -> 2.5: below the number, never at it."""
    return years - 0.5 if years >= 1 else years / 2
