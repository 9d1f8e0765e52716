"""`parse`: one message in, everything the dialogue needs to know about it out (see the package's docstring)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from actions.understanding import answers, conversation, lexicon
from actions.understanding.entities import from_entities, payload
from actions.understanding.facts import Found, candidates, facts_from, interpret, resolve, valid
from actions.understanding.message import Message
from datafiles import DataFileError

log = logging.getLogger(__name__)

# Intents that name a command: a second route, used only when no question is pending and the
# message states no fact ("cero" to the income question is an answer, not a restart).
LANGUAGE_INTENTS = {"switch_language_en": "en", "switch_language_es": "es"}
FREE_TEXT = ("occupation", "place")
NAME_WORDS = 3  # a free-text answer this short is a trade's or a place's name


@dataclass
class Parsed:
    facts: dict = field(default_factory=dict)  # engine facts, values as rules/policy/facts.yml reads them
    place: str | None = None  # where the applicant lives, as typed, for knowledge.resolve_place
    yes_no: bool | None = None  # the message is a yes or a no
    language: str | None = None  # "es"/"en" when the words are clearly of that language
    language_request: str | None = None  # "es"/"en" when the applicant asks to switch language
    correction: bool = False  # the applicant marks a correction of an earlier answer
    command: str | None = None  # "erase" | "restart" | "handoff"
    sentence_language: str | None = None  # "es"/"en" only for a whole sentence in that language
    question: bool = False  # the message asks something
    ranges: dict = field(default_factory=dict)  # number fact -> (low, high): asked again, not in `facts`


def parse(text: Any, asked: Any = None, intent: Any = None, entities: Any = None) -> Parsed:
    """What one message says. Never raises: a message it cannot read gives an empty Parsed."""
    try:
        return _parse(text, asked, intent, entities)
    except DataFileError:  # no lexicon ever loaded: its store has logged where the file is wrong
        return Parsed()
    except Exception:  # the conversation must go on whatever was typed
        log.exception("could not parse a message of %s characters", len(text) if isinstance(text, str) else "?")
        return Parsed()


def reload_lexicon(path=None) -> list:
    """Read bot/lexicon.yml (or `path`) again now. Returns its problems, each `file:line:column: reason`
    ([] when it loaded); with problems, the last good lexicon keeps serving."""
    return lexicon.reload(path)


def _parse(text: Any, asked: Any, intent: Any, entities: Any) -> Parsed:
    lex = lexicon.current()
    text = text if isinstance(text, str) else ("" if text is None else str(text))
    asked = asked if isinstance(asked, str) else None
    intent = intent if isinstance(intent, str) else None
    ents = [e for e in entities if isinstance(e, dict)] if isinstance(entities, (list, tuple)) else []
    tapped = False
    if text.strip().startswith("/"):
        p_intent, p_entities = payload(text.strip())
        if p_intent:
            intent, tapped, text = intent or p_intent, True, ""
            ents += p_entities
    msg = Message(text, lex)
    result = _conversation(msg, intent)
    skip = list(result.command_spans)
    found = resolve(candidates(msg, asked, goal=not msg.question, skip=tuple(skip)))
    result.facts, result.place, result.ranges = facts_from(found, msg)
    taken = [f.span for f in found] + [f.number for f in found if f.number] + skip
    _activity_years(msg, found, result, taken)
    _answer(msg, asked, result, taken)
    _entities(msg, ents, result)
    _yes_no_from_intent(msg, intent, tapped, result)
    _consequences(asked, result, lex)
    names = [f.capture for f in found if f.capture] + result.answer_spans
    # A request names the language itself; a tapped button writes none.
    wrote = not (tapped or result.language_request)
    result.sentence_language = conversation.sentence_language(msg, names) if wrote else None
    return result.parsed()


@dataclass
class _Result(Parsed):
    command_spans: list = field(default_factory=list)
    answer_spans: list = field(default_factory=list)

    def parsed(self) -> Parsed:
        return Parsed(self.facts, self.place, self.yes_no, self.language, self.language_request, self.correction,
                      self.command, self.sentence_language, self.question, self.ranges)


def _conversation(msg: Message, intent: str | None) -> _Result:
    result = _Result()
    result.language = msg.language
    result.language_request = conversation.language_request(msg) or LANGUAGE_INTENTS.get(intent or "")
    result.correction = intent == "correct" or conversation.is_correction(msg)
    result.question = msg.question
    result.command, result.command_spans = conversation.command(msg)
    result.yes_no = None if msg.question else conversation.yes_no(msg)
    return result


def _answer(msg: Message, asked: str | None, result: _Result, taken: list[tuple]) -> None:
    """The answer to the question just asked, and a corrected number."""
    lex = msg.lex
    number_facts = lex.schema.of_type("integer", "number")
    if result.command or conversation.small_talk(msg):
        return
    target = asked if asked in number_facts and asked not in result.facts and asked not in result.ranges else None
    if result.correction and not any(f in result.facts for f in number_facts):
        hinted = [f for f, phrases in lex.fact_keywords.items() if msg.found(phrases)]
        if len(hinted) == 1:
            target = hinted[0]
    if target is not None:
        answers.bare_number(msg, target, result.facts, result.ranges, taken + msg.asking, result.correction)
        if result.correction and target not in result.facts and target not in result.ranges:
            _corrected_age(msg, target, result, taken)
    if asked is None or asked in result.facts or result.language_request:
        return
    kind = lex.schema.facts[asked].type if asked in lex.schema.facts else None
    if kind in ("choice", "boolean"):
        if not msg.question:
            answers.choice(msg, asked, result.facts)
        if asked not in result.facts:
            answers.clause_choice(msg, asked, result.facts)
    elif msg.question:
        return
    elif asked in FREE_TEXT and result.yes_no is None and not (asked == "place" and result.place):
        span = _leading_answer(msg, taken, commas=asked == "place")
        if span is not None and (asked == "place" or not set(result.facts) - {"priority_group"}):
            answers.free_text(msg, asked, result.facts, result, span)
            named = result.facts.get(asked) or (asked == "place" and result.place)
            if named and span[1] - span[0] <= NAME_WORDS:
                result.answer_spans.append(span)  # a name, not a sentence: it says nothing of the language


def _corrected_age(msg: Message, target: str, result: _Result, taken: list[tuple]) -> None:
    """In a correction, a bare "tengo N" that cannot answer the number asked is the age corrected:
    "me equivoqué, tengo 45" to the children question (no household has 45 children). A number that
    fits the question asked stays its answer ("perdón, tengo 30" to the work-experience question)."""
    if "age" in result.facts or target == "age":
        return
    for rule in msg.lex.rules_for(msg.ctx.positions):
        if rule.fact != "age" or rule.kind != "weak":
            continue
        for m in msg.ctx.find(rule.phrase):
            if msg.negated(m.i) or msg.in_question(m.i) or any(a < m.j and m.i < b for a, b in taken):
                continue
            found = interpret(rule, m, msg)
            if found is not None and "age" in found.facts:
                result.facts["age"] = found.facts["age"]
                taken.append(found.span)
                return


def _leading_answer(msg: Message, taken: list[tuple], commas: bool) -> tuple[int, int] | None:
    """The start of the message, small-talk clauses aside, up to what another reading took or the end of
    its clause (of its sentence, with `commas`): "hola, mototaxista", "Kimbiri, VRAEM" -> "Kimbiri"."""
    clauses = msg.clauses()
    frames = msg.lex.occupation["frames"]
    # Small talk, "I don't understand" or "wait" (`unclear`), a correction's "me equivoqué", and a lead-in on its
    # own ("my trade: a carpenter", "mi oficio: albañil") come before the answer, and are none.
    while clauses and (conversation.small_talk_span(msg, *clauses[0]) or conversation.unclear_span(msg, *clauses[0])
                       or conversation.correction_span(msg, *clauses[0])
                       or msg.starts_with(frames, clauses[0][0]) >= clauses[0][1]):
        clauses.pop(0)
    if not clauses:
        return None
    a = clauses[0][0]
    if any(x <= a < y for x, y in taken):
        return None
    b = a
    while b < len(msg.toks) and not any(x <= b < y for x, y in taken):
        t = msg.toks[b]
        if t.kind == "p" and (t.norm != "," or not commas):
            break
        b += 1
    return a, b


def _activity_years(msg: Message, found: list[Found], result: _Result, taken: list[tuple]) -> None:
    """Years in a trade told near the trade: "hago muebles hace 10 años", "soy electricista, hago
    instalaciones hace 6 años" (a duration phrase in the clause of the trade or the one after it)."""
    occupation = result.facts.get("occupation")
    if "occupation_experience_years" in result.facts or occupation is None or not msg.lex.activity_years:
        return
    clauses = [msg.clause(f.span[0]) for f in found if f.facts.get("occupation") == occupation]
    near = {c for a, b in clauses for c in (a, _next_clause(msg, b))}
    for m in msg.find(msg.lex.activity_years):
        q = m.slots.get("years")
        if q is None or q.is_range or any(a < q.j and q.i < b for a, b in taken) or msg.in_hypothesis(q.i):
            continue
        value = valid(msg, "occupation_experience_years", q.value)
        if msg.clause(q.i)[0] in near and value is not None:
            result.facts["occupation_experience_years"] = value
            taken.append((q.i, q.j))
            return


def _next_clause(msg: Message, end: int) -> int:
    """The first token of the clause after the one ending at `end` (past a comma only)."""
    if end < len(msg.toks) and msg.toks[end].norm == ",":
        return end + 1
    return -1


def _entities(msg: Message, entities: list[dict], result: _Result) -> None:
    for fact, value in from_entities(entities, msg.lex, lambda t: Message(t, msg.lex)).items():
        if fact == "place":
            result.place = value
        elif fact == "consent":
            result.yes_no = value
        else:
            result.facts[fact] = value
            result.ranges.pop(fact, None)


def _yes_no_from_intent(msg: Message, intent: str | None, tapped: bool, result: _Result) -> None:
    """affirm/deny make a bare message ("de una", "mejor no", a tapped button) a yes or a no."""
    if result.yes_no is not None or intent not in ("affirm", "deny"):
        return
    bare = tapped or not msg.content or (not result.facts and result.place is None and not msg.question
                                         and not result.command and len(msg.content) <= 3)
    if bare:
        result.yes_no = intent == "affirm"


def _consequences(asked: str | None, result: _Result, lex) -> None:
    if asked in lex.schema.of_type("boolean") and asked not in result.facts and result.yes_no is not None \
            and not result.command:
        result.facts[asked] = result.yes_no
    if result.facts.get("disability_certificate") is True and "has_disability" not in result.facts \
            and asked != "disability_certificate":
        # A CONADIS card or certificate mentioned unprompted means a disability; the answer to the
        # certificate question says only that (the disability is already known when it is asked).
        result.facts["has_disability"] = True
