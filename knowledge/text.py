"""Text normalisation shared by the builder and the queries.

Both sides must fold text the same way, otherwise a name stored at build time
would never match what an applicant types ("Cuzco", "CUSCO", "cusco" are one).
"""

from __future__ import annotations

import re
import unicodedata

# Letters and digits only; "_" is excluded because SQLite's unicode61 tokenizer
# treats it as a separator, and query terms must split the same way.
_WORD = re.compile(r"[^\W_]+", re.UNICODE)

# Function words and chat filler that carry no topic. Kept short on purpose:
# dropping a content word ("cuesta", "dura", "años") would lose the question.
# Question words that tell questions apart (cómo/dónde/quién/cuándo, how/where/
# who/when) are kept; frame verbs ("¿en qué consiste?", "can I join?") are not.
STOPWORDS = frozenset(
    """
    a al algo algun alguna alguno ante antes aqui asi aun cada cual cuales cuanta cuantas cuanto cuantos
    con contra de del desde el ella ellas ellos en entre era es esa ese eso esta este esto estos estas
    estoy fue ha hay hola la las le les lo los mas me mi mis muy nada ni no nos o otra otro para pero
    poco por porque pues que se sea ser si sin sobre son su sus tambien tan te ti tu tus un una unas uno
    unos usted ustedes y yo
    quiero quisiera queria puedo podria puede pueden saber decir dime dame muestrame favor gracias
    tiene tengo tienen tienes tenemos tener entrar hacer hace debo deberia funciona funcionan consiste
    significa
    about after all also am an and any are as at be been being but by can could did do does for from had
    has have hello hi i if in into is it its me my no not of on or our please so than that the their
    them then there these they this those to too tell us was we were what which whom why will with
    would you your want wanted know involve involves mean means join
    """.split()
)

# Longest suffixes first, so "certificaciones" loses "aciones" before "es".
# Only inflection and the commonest derivations: the stem is used as an FTS
# prefix ("certific*"), which covers the rest.
_SUFFIXES = sorted(
    """
    arme erme irme arse erse irse arte erte irte arnos ernos irnos
    aciones acion iciones icion ciones cion siones sion amientos amiento imientos imiento mente
    adoras adores adora ador ando iendo ados adas ado ada idos idas ido ida ario aria arios arias
    ar er ir es os as a o e s
    ations ation ments ment ings ing ied ies ed ly y
    """.split(),
    key=len,
    reverse=True,
)
# A stem is used as a prefix, so a short one matches unrelated words ("cost*" would
# match "costurera"). Plurals may shorten a word to 4 letters ("hijos" -> "hijo"),
# other endings only to 5.
_MIN_STEM = 5
_MIN_PLURAL_STEM = 4


def fold(text: str) -> str:
    """Lower case without accents or tildes: 'Áncash' -> 'ancash', 'Breña' -> 'brena'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def words(text: str) -> list[str]:
    """Folded words of a text, punctuation and symbols dropped."""
    return _WORD.findall(fold(text))


def normalise_name(text: str) -> str:
    """A key for names: folded words joined by single spaces."""
    return " ".join(words(text))


def stem(word: str) -> str:
    """Strip one common Spanish or English ending.

    Light on purpose: the result is matched as a prefix, so 'certificar',
    'certificación' and 'certification' all become 'certific*'.
    """
    if len(word) <= _MIN_PLURAL_STEM or word.isdigit():
        return word
    for suffix in _SUFFIXES:
        keep = _MIN_PLURAL_STEM if suffix == "s" else _MIN_STEM
        if word.endswith(suffix) and len(word) - len(suffix) >= keep:
            return word[: -len(suffix)]
    return word


def content_words(text: str) -> list[str]:
    """Words worth searching for: stopwords and single letters dropped, order kept, no repeats."""
    seen: dict[str, None] = {}
    for word in words(text):
        if len(word) > 1 and word not in STOPWORDS:
            seen.setdefault(word, None)
    return list(seen)


# Spelling variants that sound alike in Peruvian Spanish, most specific first.
_SOUNDS = [
    ("ch", "\0"), ("qu", "k"), ("ce", "se"), ("ci", "si"), ("c", "k"), ("z", "s"), ("v", "b"), ("ll", "y"),
    ("h", ""), ("\0", "ch"),
]


def sounds_like(norm: str) -> str:
    """A key equal for spellings that sound alike: 'chiclallo' and 'chiclayo', 'cuzco' and 'cusco'."""
    key = norm
    for old, new in _SOUNDS:
        key = key.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", key)  # double letters: "rr", "ss", "nn"
