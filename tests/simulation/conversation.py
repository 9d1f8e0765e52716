"""One simulated conversation over the REST channel, and what it shows about the bot.

The applicant opens (a greeting, a request, a few facts, a question or a bare
"sí"), answers what the bot asks, and at set rates asks a FAQ mid-way, greets
mid-form, gives an unclear answer first, corrects an earlier answer, and makes
small talk after the result. Every reply is checked as it comes: at least one
message within 5 s, never the same text twice in a row, in the applicant's
language. At the end the result is compared with what the applicant should
have been told (applicants.Applicant.expected).
"""

from __future__ import annotations

import functools
import json
import random
import re
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field

import yaml

from actions import texts
from tests.simulation import reader
from tests.simulation.applicants import ROOT, Applicant, draw
from tests.simulation.speaker import Speaker, strip_accents

MAX_MESSAGES = 40  # an applicant who has not got a result by then has been looped
REPLY_WITHIN = 5.0
RATES = {"faq": 0.3, "greet": 0.15, "unclear": 0.2, "correct": 0.15, "declines_consent": 0.02, "after": 0.5}
OPENERS = {"greet": 0.3, "start": 0.2, "facts": 0.3, "faq": 0.1, "yes": 0.1}
CORRECTABLE = ("age", "monthly_income", "children", "work_experience_years")


@dataclass
class Report:
    sender: str
    lang: str
    bank: str = "dev"  # the phrase bank the applicant spoke from
    reached: bool = False
    statuses_ok: bool = False
    recommendation_ok: bool = False
    centre_ok: bool = False
    declined: bool = False
    dead: bool = False
    looped: bool = False
    language_kept: bool = True
    turns: int = 0  # applicant messages up to the result
    reasks: int = 0
    faqs: int = 0
    digressions: int = 0  # messages that answered no question: a FAQ, a greeting, an unclear answer, a correction
    faqs_right: int = 0
    faq_misses: list = field(default_factory=list)  # (question, expected FAQ ids, what the bot said)
    problems: list = field(default_factory=list)
    transcript: list = field(default_factory=list)

    @property
    def correct(self) -> bool:
        if self.declined:
            return not self.dead and not self.looped and not self.problems
        return self.reached and self.statuses_ok and self.recommendation_ok and self.centre_ok


class RestBot:
    def __init__(self, url: str) -> None:
        self.url = url.rstrip("/")

    def send(self, sender: str, text: str, metadata: dict | None = None) -> tuple[list, float, str | None]:
        body = json.dumps({"sender": sender, "message": text, "metadata": metadata or {}}).encode()
        request = urllib.request.Request(f"{self.url}/webhooks/rest/webhook", data=body,
                                         headers={"Content-Type": "application/json"})
        start = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return json.loads(response.read() or b"[]"), time.monotonic() - start, None
        except (urllib.error.URLError, TimeoutError, ValueError) as error:
            return [], time.monotonic() - start, repr(error)


@functools.lru_cache(maxsize=1)
def faq_questions() -> list[dict]:
    """Fresh questions that state nothing about the asker: no fact, and no place ("I'm in Lima, ...")."""
    data = yaml.safe_load((ROOT / "tests" / "knowledge" / "fresh_questions.yml").read_text(encoding="utf-8"))
    # Nor a request to erase ("borra mis respuestas" is a command, and erasing ends the screening).
    return [q for q in data["questions"] if not q.get("facts") and not _names_a_place(q["text"])
            and "borrar_datos" not in q["expect"]]


@functools.lru_cache(maxsize=1)
def _place_words() -> re.Pattern:
    from knowledge import gazetteer

    places, _ = gazetteer.load()
    names = sorted({strip_accents(p.name.lower()) for p in places if p.kind != "district"}, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(n) for n in names) + r")\b")


def _names_a_place(text: str) -> bool:
    return bool(_place_words().search(strip_accents(text.lower())))


@functools.lru_cache(maxsize=1)
def faq_answers() -> dict[tuple[str, str], str]:
    answers = {}
    for path in sorted((ROOT / "knowledge" / "sources" / "faqs").glob("*.yml")):
        for faq in yaml.safe_load(path.read_text(encoding="utf-8"))["faqs"]:
            for lang in ("es", "en"):
                answers[(faq["id"], lang)] = _squash(faq[lang]["answer"])
    return answers


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def behaviour(rng: random.Random) -> dict:
    plan = {name: rng.random() < rate for name, rate in RATES.items()}
    plan["opener"] = rng.choices(list(OPENERS), weights=list(OPENERS.values()))[0]
    plan["faq_at"] = rng.randint(2, 6)
    plan["greet_at"] = rng.randint(2, 7)
    plan["unclear_at"] = rng.randint(1, 5)
    plan["correct_at"] = rng.randint(3, 8)
    return plan


class Conversation:
    def __init__(self, bot: RestBot, applicant: Applicant, rng: random.Random, sender: str,
                 phrases: str = "dev") -> None:
        self.bot, self.a, self.rng = bot, applicant, rng
        self.speaker = Speaker(applicant, rng, phrases=phrases)
        self.report = Report(sender=sender, lang=applicant.lang, bank=phrases)
        self.previous: str | None = None
        self.sent = 0
        self.shown: dict | None = None
        self.centre: str | None = None
        self.shown_language = False

    # --- talking ---------------------------------------------------------------------------

    def send(self, text: str, metadata: dict | None = None) -> list[dict]:
        replies, seconds, error = self.bot.send(self.report.sender, text, metadata)
        self.sent += 1
        # Until the applicant has written something in their language ("y", "👍" or a tap say nothing
        # of it), either language is a fair answer.
        self.shown_language = self.shown_language or reader.language(text) == self.a.lang
        self.report.transcript.append({"user": text, "bot": [r.get("text") for r in replies],
                                       "ms": round(seconds * 1000)})
        if error or not replies or seconds > REPLY_WITHIN:
            self.report.dead = True
            self.report.problems.append(f"no reply within {REPLY_WITHIN:.0f} s to {text!r}: {error or seconds}")
        reasks = reader.reask_texts()
        for reply in replies:
            shown = reply.get("text") or ""
            if shown == self.previous:
                self.report.looped = True
                self.report.problems.append(f"said twice in a row: {shown[:80]!r}")
            self.previous = shown
            lang = reader.language(reader.plain(shown))
            if lang and lang != self.a.lang and self.shown_language:
                self.report.language_kept = False
                self.report.problems.append(f"answered in {lang}: {shown[:80]!r}")
            if reader.plain(shown) in reasks:
                self.report.reasks += 1
        result = reader.result(replies)
        if result:
            self.shown = result
            if not self.report.reached:
                self.report.reached, self.report.turns = True, self.sent
        centre = reader.centre(replies)
        if centre:
            self.centre = centre
        return replies

    # --- the conversation ------------------------------------------------------------------

    def run(self) -> Report:
        plan = self.a.behaviour
        replies = self.send(self.opening(plan["opener"]))
        last_slot, same_slot = None, 0
        while not self.report.dead and self.sent < MAX_MESSAGES:
            slot = reader.asked(replies)
            if slot == "choose":
                slot = last_slot
            if self.shown and self.centre:
                break
            if self.shown and slot is None:
                slot = "place"  # the result offers the centre for where they live
            if slot is None:
                replies = self.send(self.speaker.say("start"))
                continue
            same_slot = same_slot + 1 if slot == last_slot else 0
            if same_slot >= 5:  # a miss, a question, a greeting and a correction can each bring it back once
                self.report.looped = True
                self.report.problems.append(f"{slot} asked six times in a row")
                break
            last_slot = slot
            replies = self.step(slot, replies, plan)
            if replies is None:
                break
        if not (self.shown or self.report.declined) and not self.report.dead:
            self.report.looped = True
            self.report.problems.append(f"no result after {self.sent} messages")
        if self.shown and plan["after"] and not self.report.dead:
            self.send(self.speaker.say(self.rng.choice(["thanks", "goodbye", "yes"])))
        self.judge()
        return self.report

    def opening(self, kind: str) -> str:
        if kind == "facts":
            return self.speaker.opener()
        if kind == "faq":
            return self.faq()[0]
        return self.speaker.say({"greet": "greetings", "start": "start", "yes": "yes"}[kind])

    def step(self, slot: str, replies: list[dict], plan: dict) -> list[dict] | None:
        """Answer `slot`, or first make this conversation's digression due at this message."""
        n = self.sent
        choose = reader.asked(replies) == "choose"
        if plan["faq"] and n >= plan["faq_at"] and not self.report.faqs:
            self.report.digressions += 1
            text, expected = self.faq()
            replies = self.send(text)
            self.check_faq(replies, expected, slot)
            return replies
        if plan["greet"] and n == plan["greet_at"]:
            plan["greet"] = False
            self.report.digressions += 1
            return self.send(self.speaker.say("greetings"))
        if plan["unclear"] and n >= plan["unclear_at"] and slot not in ("start", "place_suggestions"):
            plan["unclear"] = False
            self.report.digressions += 1
            return self.send(self.speaker.say("unclear"))
        if plan["correct"] and n >= plan["correct_at"]:
            stated = [f for f in CORRECTABLE if f in self.a.facts and self.a.facts[f] and f != slot]
            if stated and slot not in ("consent", "start", "place_suggestions"):
                plan["correct"] = False
                self.report.digressions += 1
                return self.correct(self.rng.choice(stated))
        if slot in ("consent", "start") and plan["declines_consent"]:
            # The offer says which sensitive data the screening asks: a no there declines it too.
            replies = self.send(self.speaker.mess(self.speaker.pick(self.speaker.bank["no"])))
            self.report.declined = True
            expected = texts.render("no_consent" if slot == "consent" else "ask_your_question", self.a.lang).text
            if not any(reader.plain(r.get("text") or "") == expected for r in replies):
                self.report.problems.append("a no to consent was not acknowledged")
            return None
        if slot == "place_suggestions":
            return self.send(self.suggestion(replies))
        return self.send(self.speaker.answer(slot, reader.buttons(replies), told_to_tap=choose,
                                             also=reader.also_asked(replies)))

    def faq(self) -> tuple[str, list[str]]:
        pool = [q for q in faq_questions() if q["lang"] == self.a.lang]
        question = self.rng.choice(pool)
        self.report.faqs += 1
        return question["text"], question["expect"]

    def check_faq(self, replies: list[dict], expected: list[str], pending: str) -> None:
        said = {_squash(reader.plain(r.get("text") or "")) for r in replies}
        if any(faq_answers().get((fid, self.a.lang)) in said for fid in expected):
            self.report.faqs_right += 1
        else:
            question = self.report.transcript[-1]["user"]
            self.report.faq_misses.append((question, expected, pending, [t[:80] for t in said]))
        # The place offered after a result is not nagged for; a screening question comes back.
        if pending and pending != "start" and not self.shown and reader.asked(replies) not in (pending, "choose"):
            self.report.problems.append(f"after a question, {pending} was not asked again")

    def correct(self, fact: str) -> list[dict]:
        old = self.a.facts[fact]
        new = {"age": old + self.rng.choice([-3, 3, 7]), "monthly_income": old + self.rng.choice([-200, 300, 800]),
               "children": old + 1, "work_experience_years": old + self.rng.choice([1, 3])}[fact]
        new = max(new, 18) if fact == "age" else max(new, 0)
        self.a.facts[fact] = new
        if fact == "work_experience_years":
            self.a.facts["occupation_experience_years"] = min(self.a.facts["occupation_experience_years"], new)
        return self.send(self.speaker.correction(fact, new))

    def suggestion(self, replies: list[dict]) -> str:
        name = self.a.place.name.lower()
        for button in reader.buttons(replies):
            if button["title"].lower().startswith(name):
                return button["payload"]
        return f"{self.a.place.name}, {self.a.place.department}"

    def judge(self) -> None:
        if self.report.declined or not self.shown:
            return
        expected = self.a.expected()
        self.report.statuses_ok = self.shown["statuses"] == expected["statuses"]
        self.report.recommendation_ok = self.shown["recommended"] == expected["recommended"]
        self.report.centre_ok = self.centre in expected["centres"]
        if not self.report.statuses_ok:
            self.report.problems.append(f"statuses {self.shown['statuses']} != {expected['statuses']}")
        if not self.report.recommendation_ok:
            self.report.problems.append(f"recommended {self.shown['recommended']} != {expected['recommended']}")
        if not self.report.centre_ok:
            self.report.problems.append(f"centre {self.centre} not in {sorted(expected['centres'])}")


def simulate_one(bot: RestBot, seed: int, index: int, phrases: str = "dev") -> Report:
    """Conversation `index` of a run seeded `seed`: the same pair always gives the same applicant."""
    rng = random.Random(f"{seed}-{index}")
    applicant = draw(rng)
    applicant.behaviour = behaviour(rng)
    sender = f"sim-{seed}-{index}-{rng.randrange(10**8):08d}"
    return Conversation(bot, applicant, rng, sender=sender, phrases=phrases).run()
