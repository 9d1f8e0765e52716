"""How a simulated applicant words things: the phrase bank (phrases.yml), numbers, typos and taps.

The phrase bank was written without looking at the bot's lexicon or training
data, so that the simulation tests the bot's understanding rather than echo
it. Numbers are written as digits or in words (num2words, not the parser's
own number reader); some words get a typo; accents are often dropped; a
question with buttons is sometimes answered by tapping one.
"""

from __future__ import annotations

import functools
import json
import random
import re
import unicodedata
from pathlib import Path

import yaml
from num2words import num2words

HERE = Path(__file__).resolve().parent
PLURAL = re.compile(r"\b(años|anos|añitos|hijos|hijas|hijitos|years|yrs|kids|children|sons|daughters)\b")
BOOLEAN = ("household_head", "has_disability", "disability_certificate")
# A correction must say which answer it corrects: "me equivoqué, 23 años" could be the age or the
# years worked, so a corrected fact is worded with a template that names it.
NAMES_THE_FACT = {
    "age": re.compile(r"\b(tengo|edad|age|old|i'?m|i am)\b", re.I),
    "monthly_income": re.compile(r"\b(gano|soles|sueldo|earn|make|income|salary|pen)\b", re.I),
    "children": re.compile(r"\b(hij\w*|child\w*|kids?|sons?|daughters?)\b", re.I),
    "work_experience_years": re.compile(r"\b(trabaj\w*|experiencia|work\w*|experience)\b", re.I),
}


# Two phrase banks, written apart from each other and from the lexicon: "dev" has been used to find
# the parser's gaps (error analysis); "heldout" never has, so it measures whether the fixes generalise.
BANKS = {"dev": "phrases.yml", "heldout": "phrases_heldout.yml"}


@functools.cache
def bank(name: str = "dev") -> dict:
    return yaml.safe_load((HERE / BANKS[name]).read_text(encoding="utf-8"))


def strip_accents(text: str) -> str:
    keep = text.replace("ñ", "\0").replace("Ñ", "\1")
    out = "".join(c for c in unicodedata.normalize("NFKD", keep) if not unicodedata.combining(c))
    return out.replace("\0", "ñ").replace("\1", "Ñ")


class Speaker:
    def __init__(self, applicant, rng: random.Random, typos: float = 0.12, words: float = 0.25,
                 taps: float = 0.3, phrases: str = "dev") -> None:
        self.a, self.rng = applicant, rng
        self.bank = bank(phrases)
        self.typos, self.words, self.taps = typos, words, taps
        self.trade = self._trade_phrase()

    # --- pieces ----------------------------------------------------------------------------

    def pick(self, entry) -> str:
        return self.rng.choice(entry[self.a.lang] if isinstance(entry, dict) else entry)

    def number(self, n) -> str:
        if self.rng.random() < self.words and float(n).is_integer() and 0 <= n < 100000:
            return num2words(int(n), lang=self.a.lang)
        return str(int(n)) if float(n).is_integer() else str(n)

    def with_number(self, templates: list[str], n, naming: str | None = None) -> str:
        if naming in NAMES_THE_FACT:
            templates = [t for t in templates if NAMES_THE_FACT[naming].search(t)] or templates
        if n == 1:  # "1 años" reads wrong: a template without a plural, else the bare number
            singular = [t for t in templates if not PLURAL.search(t)]
            templates = singular or ["{n}"]
        return self.rng.choice(templates).replace("{n}", self.number(n))

    def _trade_phrase(self) -> str:
        trades = self.bank["trades"]
        occupation = self.a.facts["occupation"]
        return self.pick(trades[occupation] if occupation in trades else trades["other"])

    def mess(self, text: str) -> str:
        """What thumbs on a phone do: dropped accents, sometimes a typo in a long word."""
        if self.rng.random() < 0.5:
            text = strip_accents(text)
        if self.rng.random() < self.typos:
            words = text.split(" ")
            long = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
            if long:
                i = self.rng.choice(long)
                w, k = words[i], self.rng.randrange(1, len(words[i]) - 1)
                words[i] = self.rng.choice([w[:k] + w[k + 1:], w[:k] + w[k + 1] + w[k] + w[k + 2:],
                                            w[:k] + w[k] + w[k:]])
                text = " ".join(words)
        return text

    # --- what they say ---------------------------------------------------------------------

    def fact(self, name: str, value=None, naming: bool = False) -> str:
        """A phrase that states one fact (the applicant's own value unless `value` is given);
        `naming`: one that says which fact it is."""
        facts = self.bank["facts"]
        value = self.a.facts.get(name) if value is None else value
        if value is None:  # asked what this applicant has no answer for (children of a non-head: none)
            value = 0 if name == "children" else None
        if value is None:
            return self.pick(self.bank["unclear"])
        naming = name if naming else None
        if name in ("age",):
            return self.with_number(facts[name][self.a.lang], value, naming)
        if name in ("children", "monthly_income", "work_experience_years"):
            if value == 0:
                return self.pick(facts[name]["none"])
            return self.with_number(facts[name]["some"][self.a.lang], value, naming)
        if name == "occupation_experience_years":
            return self.with_number(facts[name]["some"][self.a.lang], value)
        if name in BOOLEAN:
            return self.pick(facts[name]["true" if value else "false"])
        if name == "occupation":
            return self.pick(facts[name]).replace("{trade}", self.trade)
        return self.pick(facts[name][value])

    def answer(self, slot: str, buttons: list[dict], told_to_tap: bool = False, also: list[str] = ()) -> str:
        """The answer to the question the bot asked, worded, tapped or bare. Told to tap one of the
        options ("Toca una de estas opciones"), most people do. Asked several facts at once (`also`: the
        others), most answer all of them ("sí, 2", "carpintero, 10 años"); some answer only the first,
        and nobody who is no head of household says how many children they have."""
        value = True if slot in ("start", "consent") else self.a.facts.get(slot)
        tapped = self._tap(slot, value, buttons, 0.9 if told_to_tap else self.taps)
        if tapped:
            return tapped
        if also == ["goal"] and slot in ("start", "consent"):
            # Asked, besides the yes, what they want: an add-on that half the people answer.
            goal = self.a.facts.get("goal")
            if goal and goal != "unsure" and self.rng.random() < 0.5:
                return self.mess(f"{self.pick(self.bank['yes'])}, {self.fact('goal')}")
            return self.mess(self.pick(self.bank["yes"]))
        if also and value is not False and self.rng.random() < 0.8:
            first = self.pick(self.bank["yes"]) if value is True and self.rng.random() < 0.5 else self.fact(slot)
            rest = [self.pick(self.bank["place"]).replace("{place}", self.a.place.name) if other == "place"
                    else self.number(self.a.facts.get(other) or 0)
                    if other in ("children", "occupation_experience_years") and self.rng.random() < 0.3
                    else self.fact(other) for other in also]
            return self.mess(", ".join([first, *rest]))
        if slot in ("start", "consent") or (slot in BOOLEAN and self.rng.random() < 0.6):
            return self.mess(self.pick(self.bank["yes" if value else "no"]))
        if slot == "place":
            return self.place()
        return self.mess(self.fact(slot))

    def _tap(self, slot: str, value, buttons: list[dict], rate: float) -> str | None:
        if not buttons or self.rng.random() >= rate:
            return None
        goal = json.dumps({"goal": self.a.facts.get("goal")})
        for button in buttons:  # a yes that also says what they want ("Sí: busco trabajo")
            if value is True and button.get("payload", "") == f"/affirm{goal}":
                return button["payload"]
        for button in buttons:
            payload = button.get("payload", "")
            if payload == ("/affirm" if value is True else "/deny" if value is False else None):
                return payload
            if payload.startswith("/inform"):
                try:
                    data = json.loads(payload[len("/inform"):])
                except ValueError:
                    continue
                if data.get(slot) == value:
                    return payload
        return None

    def place(self) -> str:
        return self.mess(self.pick(self.bank["place"]).replace("{place}", self.a.place.name))

    def opener(self) -> str:
        template = self.pick(self.bank["openers"])
        facts = self.a.facts
        children = (self.fact("children") if facts.get("children") else "")
        if "{children}" in template and not children:
            template = template.replace("{children}", "").replace(", ,", ",").replace(". .", ".")
        text = (template.replace("{age}", self.number(facts["age"])).replace("{income}", str(facts["monthly_income"]))
                .replace("{place}", self.a.place.name).replace("{employment}", self.fact("employment_status"))
                .replace("{children}", children))
        return self.mess(re.sub(r"\s+", " ", text).strip())

    def say(self, entry: str) -> str:
        return self.mess(self.pick(self.bank[entry]))

    def correction(self, name: str, value) -> str:
        return self.mess(self.pick(self.bank["corrections"]).replace("{fact}", self.fact(name, value, naming=True)))
