"""Every text an applicant can read, and its readability score (tests/texts/test_readability.py).

Walked: the bot's texts (bot/texts/*.yml, each text and button title), the requirement messages
and fact labels the results quote (rules/policy), the FAQ answers (knowledge/sources/faqs), the
knowledge-base fields a result shows (a component's summary, a programme's purpose and when to
go to it), and whole results rendered by actions/result.py for a spread of the synthetic
population. The knowledge base's other fields (courses, profiles' descriptions, a component's
audience, offers, duration, cost) are shown to no applicant today; SHOWN names what is.

A line break ends a sentence (a result's bullets are read one at a time). Before scoring, a text
loses what is not prose: {placeholders}, emoji and bullets, URLs, and in a
rendered result the official names it quotes (components, programmes, profiles, centres, places),
which are written as the programme writes them and cannot be made plainer.

Scores: Spanish, Fernández-Huerta (textstat.fernandez_huerta, at least 60); English,
Flesch-Kincaid grade (textstat.flesch_kincaid_grade, at most 8). Both measure words per sentence
and syllables per word, which say little about a text of a few words: one with fewer than
SHORT words ("Sí, acepto", "¡Hola de nuevo!", "Centro más cercano") is not scored, it is held
to having no word longer than LONG_WORD syllables instead (an official name excepted).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import textstat
import yaml

ROOT = Path(__file__).resolve().parents[2]
MIN_SPANISH = 60
MAX_ENGLISH_GRADE = 8
SHORT = 6
LONG_WORD = 5
SHOWN = {"components.yml": ("summary",), "programmes.yml": ("purpose", "refer_when")}
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
URL = re.compile(r"https?://\S+|www\.\S+")
NOT_PROSE = re.compile(r"[^\w\s.,;:!?¡¿()'\"%/-]", re.UNICODE)


# Official names, said as the programme writes them (stripped before scoring, like the source files' names).
OFFICIAL = ("Impulsa Perú", "MTPE", "MINSA", "EsSalud", "Sanidad Policial", "FONDOEMPLEO", "CCL", "Ley 29733", "IPAE",
            "Revalora Perú")


@lru_cache(maxsize=1)
def official_names() -> tuple:
    """The names of the components, programmes and profiles (knowledge/sources), and OFFICIAL."""
    sources = ROOT / "knowledge" / "sources"
    names = list(OFFICIAL)
    for filename in ("components.yml", "programmes.yml", "profiles.yml"):
        for row in yaml.safe_load((sources / filename).read_text(encoding="utf-8"))[filename.removesuffix(".yml")]:
            names += [row["name_es"], row["name_en"]]
    return tuple(names)


@dataclass(frozen=True)
class Text:
    where: str  # file and key, as a maintainer finds it
    lang: str
    text: str


def prose(text: str, names: tuple = ()) -> str:
    for name in sorted(names, key=len, reverse=True):
        if name:
            text = re.sub(re.escape(name), " ", text, flags=re.IGNORECASE)
    # A line break ends a sentence: a list of bullets is read a line at a time.
    text = re.sub(r"(?<![.!?])\s*\n", ". ", text)
    text = URL.sub(" ", PLACEHOLDER.sub(" ", text))
    text = NOT_PROSE.sub(" ", text).replace("S/", " ")
    return re.sub(r"\s+", " ", text).strip()


def words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+(?:['’-][^\W_]+)*", text)


def score(text: str, lang: str) -> float:
    textstat.set_lang(lang)
    return textstat.fernandez_huerta(text) if lang == "es" else textstat.flesch_kincaid_grade(text)


def problem(item: Text, names: tuple = ()) -> str | None:
    """Why the text is not plain enough, or None (official names and `names` are not scored)."""
    clean = prose(item.text, names + official_names())
    found = words(clean)
    if not found:
        return None
    if len(found) < SHORT:
        textstat.set_lang(item.lang)
        long = [w for w in found if textstat.syllable_count(w) > LONG_WORD]
        return f"long word(s) {long} in a short text" if long else None
    value = score(clean, item.lang)
    if item.lang == "es" and value < MIN_SPANISH:
        return f"Fernández-Huerta {value:.1f} < {MIN_SPANISH}"
    if item.lang == "en" and value > MAX_ENGLISH_GRADE:
        return f"Flesch-Kincaid grade {value:.1f} > {MAX_ENGLISH_GRADE}"
    return None


def bot_texts() -> list[Text]:
    found = []
    for path in sorted((ROOT / "bot" / "texts").glob("*.yml")):
        for key, langs in yaml.safe_load(path.read_text(encoding="utf-8"))["texts"].items():
            for lang, entry in langs.items():
                entry = entry if isinstance(entry, dict) else {"text": entry}
                found.append(Text(f"bot/texts/{path.name}: {key}", lang, entry["text"]))
                found += [Text(f"bot/texts/{path.name}: {key} (button)", lang, b["title"])
                          for b in entry.get("buttons") or []]
    return found


def policy_texts() -> list[Text]:
    folder = ROOT / "rules" / "policy"
    found = []
    for requirement in yaml.safe_load((folder / "requirements.yml").read_text(encoding="utf-8"))["requirements"]:
        for outcome, langs in requirement["messages"].items():
            found += [Text(f"rules/policy/requirements.yml: {requirement['code']} {outcome}", lang, text)
                      for lang, text in langs.items()]
    for name, fact in yaml.safe_load((folder / "facts.yml").read_text(encoding="utf-8"))["facts"].items():
        found += [Text(f"rules/policy/facts.yml: {name} label", lang, text) for lang, text in fact["label"].items()]
        for value, labels in (fact.get("choices") or {}).items():
            found += [Text(f"rules/policy/facts.yml: {name} {value}", lang, text) for lang, text in labels.items()]
    return found


def knowledge_texts() -> list[Text]:
    sources = ROOT / "knowledge" / "sources"
    found = []
    for path in sorted((sources / "faqs").glob("*.yml")):
        for faq in yaml.safe_load(path.read_text(encoding="utf-8"))["faqs"]:
            found += [Text(f"knowledge/sources/faqs/{path.name}: {faq['id']}", lang, faq[lang]["answer"])
                      for lang in ("es", "en")]
    for filename, fields in SHOWN.items():
        collection = filename.removesuffix(".yml")
        for row in yaml.safe_load((sources / filename).read_text(encoding="utf-8"))[collection]:
            found += [Text(f"knowledge/sources/{filename}: {row['id']} {field}_{lang}", lang, row[f"{field}_{lang}"])
                      for field in fields for lang in ("es", "en")]
    return found
