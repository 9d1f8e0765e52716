"""Each section of the lexicon file, compiled and checked against the engine's facts."""

from __future__ import annotations

from actions.understanding.compile import Compiler
from actions.understanding.lexicon import (
    CHOICE_TYPES,
    NUMBER_TYPES,
    Lexicon,
    Rule,
    Schema,
    limits,
    number_words,
)
from actions.understanding.match import MatchWords

_NUMBER_KINDS = {"patterns": "number", "weak": "weak", "zero": "zero", "birth_year": "birth"}


def build(c: Compiler, schema: Schema, profiles: frozenset | None, whole: bool = True) -> Lexicon | None:
    """The compiled lexicon. With `whole` False (the schema refused the file) only the phrases of the
    fact sections are checked, as far as their shape allows, and None is returned."""
    d = c.data
    rules: list[Rule] = []
    for builder in (_fact_rules, _number_rules, _grade_rules):
        _guarded(whole, builder, c, schema, rules)
    _guarded(whole, _occupation_rules, c, profiles, rules)
    _guarded(whole, _place_rules, c, rules)
    plausible = _guarded(whole, _plausible, c, schema)
    if not whole:
        return None
    lexicon = Lexicon(
        path=c.doc.path,
        schema=schema,
        spelling=c.spelling,
        token_re=c.pattern,
        numbers=number_words(c),
        match_words=_match_words(c),
        rules=rules,
        limits=limits(schema, plausible),
        periods=_periods(c),
        activity_years=c.phrases(("number_facts", "occupation_experience_years", "with_activity"))
        if "with_activity" in d["number_facts"].get("occupation_experience_years", {}) else [],
        occupation=_occupation(c),
        dropout=c.phrases(("education_grades", "dropout")),
        school=_school(c, schema),
        prevails=_prevails(c, schema, profiles),
        present=c.phrases(("present",)),
        asked=_valued(c, schema, "asked_phrases", ("choice", "boolean")),
        asked_clauses=_valued(c, schema, "asked_clauses", ("choice", "boolean")),
        zero_answers=_per_fact(c, schema, "zero_answers", NUMBER_TYPES),
        yes_no=_yes_no(c),
        fillers=frozenset(c.entries(("yes_no", "fillers"))),
        questions=_questions(c, schema),
        corrections=c.phrases(("correction", "markers")),
        fact_keywords=_per_fact(c, schema, "fact_keywords", NUMBER_TYPES),
        language=_language(c),
        place=_place(c, schema),
        negation=sorted(c.entries(("negation",)), key=len, reverse=True),
        small_talk=c.word_set(("small_talk",)),
        unclear=c.phrases(("unclear",)),
        commands={**{k: c.phrases(("commands", k)) for k in ("erase", "restart", "handoff")},
                  "fillers": c.word_set(("commands", "fillers"))},
        trades=frozenset(c.lists["trades"]),
        foreign_money=frozenset(w for e in c.lists["foreign_money"] for w in e),
        durations=frozenset(r.fact for r in rules if "years" in r.phrase.captures
                            and r.fact in schema.of_type(*NUMBER_TYPES)),
        choice_labels=_labels(c, schema),
    )
    lexicon.spelling = c.near_spelling()  # messages only: the lexicon's own words are read as written
    return lexicon


def _guarded(whole: bool, builder, *args):
    """Run a section's builder; on a file the schema refused, a section of the wrong shape is skipped."""
    if whole:
        return builder(*args)
    try:
        return builder(*args)
    except (KeyError, TypeError, AttributeError, ValueError, IndexError):
        return None


def _labels(c: Compiler, schema: Schema) -> dict:
    out: dict = {}
    for name in schema.of_type("choice"):
        for value, labels in schema.facts[name].choices.items():
            for text in labels.values():
                words = tuple(w for w in c.words(str(text)) if w not in ",.;:!?")
                out.setdefault(name, {}).setdefault(words, value)
    return out


def _rule(c: Compiler, keys: tuple, fact: str, value, kind: str, rules: list, suffix: str = "") -> None:
    phrase = c.phrase(keys, suffix)
    if phrase is None:
        return
    negation_first = {e[0] for e in c.entries(("negation",))}
    guard = phrase.first_literal not in negation_first if phrase.first_literal else True
    rules.append(Rule(phrase, fact, value, kind, guard, len(rules)))


def _each(c: Compiler, keys: tuple):
    for i, _ in enumerate(c._at(keys) or []):
        yield (*keys, i)


def _fact_rules(c: Compiler, schema: Schema, rules: list) -> None:
    for fact, values in c.data["phrases"].items():
        if not c.fact(("phrases", fact), fact, schema.facts, CHOICE_TYPES):
            continue
        for raw in values:
            value = c.value(("phrases", fact, raw), schema.facts[fact], raw)
            if value is None:
                continue
            for keys in _each(c, ("phrases", fact, raw)):
                _rule(c, keys, fact, value, "phrase", rules)


def _number_rules(c: Compiler, schema: Schema, rules: list) -> None:
    for fact, spec in c.data["number_facts"].items():
        if not c.fact(("number_facts", fact), fact, schema.facts, NUMBER_TYPES):
            continue
        for section, kind in _NUMBER_KINDS.items():
            if fact == "occupation_experience_years" and kind == "number":
                kind = "capture"  # these phrases also name the trade
            for keys in _each(c, ("number_facts", fact, section)) if section in spec else ():
                _rule(c, keys, fact, 0 if kind == "zero" else None, kind, rules)


def _occupation_rules(c: Compiler, profiles: frozenset | None, rules: list) -> None:
    for keys in _each(c, ("occupation", "patterns")):
        _rule(c, keys, "occupation", None, "capture", rules)
    for profile in c.data["occupation"]["activities"]:
        if profiles is not None and profile not in profiles:
            c.fail(("occupation", "activities", profile),
                   f"{profile!r} is not a certifiable profile (knowledge/sources/profiles.yml)", key=True)
            continue
        for keys in _each(c, ("occupation", "activities", profile)):
            _rule(c, keys, "occupation", profile, "phrase", rules)


def _grade_rules(c: Compiler, schema: Schema, rules: list) -> None:
    for level, spec in c.data["education_grades"]["levels"].items():
        base = ("education_grades", "levels", level)
        values = [_education(c, schema, (*base, k), spec[k]) for k in ("complete", "incomplete")]
        if None in values:
            continue
        for keys in _each(c, (*base, "patterns")):
            _rule(c, keys, "education", (spec["years"], *values), "grade", rules)


def _education(c: Compiler, schema: Schema, keys: tuple, raw: str):
    return c.value(keys, schema.facts["education"], raw, key=False)


def _place_rules(c: Compiler, rules: list) -> None:
    for section, kind in (("prefixes", "place"), ("weak_prefixes", "weak_place")):
        for i, raw in enumerate(c.data["place"][section]):
            keys = ("place", section, i)
            if "{place}" in raw:
                c.fail(keys, "a place prefix ends where the place starts: leave {place} out")
                continue
            _rule(c, keys, "place", None, kind, rules, suffix=" {place}")


def _plausible(c: Compiler, schema: Schema) -> dict:
    out = {}
    for fact, (lo, hi) in c.data["numbers"]["plausible"].items():
        keys = ("numbers", "plausible", fact)
        if not c.fact(keys, fact, schema.facts, NUMBER_TYPES):
            continue
        spec = schema.facts[fact]
        if lo > hi:
            c.fail(keys, f"the lowest plausible {fact} ({lo}) is above the highest ({hi})")
        elif (spec.min is not None and lo < spec.min) or (spec.max is not None and hi > spec.max):
            c.fail(keys, f"plausible {fact} must lie within the engine's limits [{spec.min}, {spec.max}]")
        else:
            out[fact] = (float(lo), float(hi))
    return out


def _match_words(c: Compiler) -> MatchWords:
    occupation_stops = c.entries(("occupation", "stop_words"))
    place_stops = c.entries(("place", "stop_words"))
    split = lambda entries: (frozenset(e[0] for e in entries if len(e) == 1),  # noqa: E731
                             tuple(e for e in entries if len(e) > 1))
    return MatchWords(
        conjunctions=c.word_set(("clauses", "conjunctions")),
        end_words=c.word_set(("clauses", "end_words")),
        stops={"trade": split(occupation_stops), "job": split(occupation_stops), "place": split(place_stops)},
        ordinals={" ".join(c.words(k)): int(v) for k, v in c.data["numbers"]["ordinals"].items()},
        ordinal_suffixes=c.spelling.ordinal_suffixes,
    )


def _periods(c: Compiler) -> tuple:
    spec = c.data["number_facts"].get("monthly_income", {}).get("periods")
    if not spec:
        return [], []
    base = ("number_facts", "monthly_income", "periods")
    return c.phrases((*base, "month")), c.phrases((*base, "other"))


def _occupation(c: Compiler) -> dict:
    return {
        "frames": c.phrases(("occupation", "frames")),
        "endings": c.phrases(("occupation", "endings")),
        "none": c.phrases(("occupation", "none")),
        "trim_leading": c.word_set(("occupation", "trim", "leading")),
        "trim_trailing": c.word_set(("occupation", "trim", "trailing")),
        "complements": c.word_set(("occupation", "trim", "complements")),
        "not_trades": c.word_set(("vocab", "not_trades")),
    }


def _school(c: Compiler, schema: Schema) -> dict:
    levels = []
    for i, spec in enumerate(c.data["school_levels"]["levels"]):
        keys = ("school_levels", "levels", i)
        values = [_education(c, schema, (*keys, k), spec[k]) for k in ("complete", "incomplete")]
        phrases = c.phrases((*keys, "words"))
        if None not in values:
            levels.append((phrases, *values))
    return {"levels": levels, "finished": c.phrases(("school_levels", "finished")),
            "unfinished": c.phrases(("school_levels", "unfinished")), "window": c.data["school_levels"]["window"]}


def _prevails(c: Compiler, schema: Schema, profiles: frozenset | None) -> dict:
    """fact -> {value: values it beats}; choices of choice facts, profile ids for the occupation."""
    out = {}
    for fact, spec in c.data["prevails"].items():
        if not c.fact(("prevails", fact), fact, schema.facts, ("choice", "text")):
            continue
        out[fact] = {}
        for value, beaten in spec.items():
            winner = _prevailing(c, schema, fact, profiles, ("prevails", fact, value), value, True)
            losers = [_prevailing(c, schema, fact, profiles, ("prevails", fact, value, i), b, False)
                      for i, b in enumerate(beaten)]
            if winner is not None:
                out[fact][winner] = frozenset(x for x in losers if x is not None)
    return out


def _prevailing(c: Compiler, schema: Schema, fact: str, profiles, keys: tuple, raw: str, key: bool):
    if schema.facts[fact].type == "choice":
        return c.value(keys, schema.facts[fact], raw, key=key)
    if fact == "occupation" and (profiles is None or raw in profiles):
        return raw
    c.fail(keys, f"{raw!r} is not a certifiable profile (only profiles prevail over others)", key=key)
    return None


def _valued(c: Compiler, schema: Schema, section: str, types: tuple) -> dict:
    out: dict = {}
    for fact, values in c.data[section].items():
        if not c.fact((section, fact), fact, schema.facts, types):
            continue
        for raw in values:
            value = c.value((section, fact, raw), schema.facts[fact], raw)
            if value is not None:
                out.setdefault(fact, []).append((value, c.phrases((section, fact, raw))))
    return out


def _per_fact(c: Compiler, schema: Schema, section: str, types: tuple) -> dict:
    return {fact: c.phrases((section, fact)) for fact in c.data[section]
            if c.fact((section, fact), fact, schema.facts, types)}


def _yes_no(c: Compiler) -> dict:
    out = {}
    for key, polarity in (("yes", True), ("no", False)):
        for entry in c.entries(("yes_no", key)):
            out[entry] = polarity
    return out


def _questions(c: Compiler, schema: Schema) -> dict:
    out = {k: c.phrases(("questions", k)) for k in ("starts", "inside", "greetings", "hypothetical", "ends")}
    statements = []
    for i, fact in enumerate(c.data["questions"]["statements"]):
        if c.fact(("questions", "statements", i), fact, schema.facts, NUMBER_TYPES):
            statements.append(fact)
    out["statements"] = frozenset(statements)
    return out


def _language(c: Compiler) -> dict:
    words = {lang: c.word_set(("language", lang)) for lang in ("es", "en")}
    shared = words["es"] & words["en"]
    requests = []
    for lang in ("en", "es"):
        base = ("language", "requests", lang)
        requests.append((lang, c.phrases((*base, "phrases")), frozenset(c.entries((*base, "alone")))))
    return {"es": words["es"] - shared, "en": words["en"] - shared, "all": words["es"] | words["en"],
            "requests": requests, "fillers": c.word_set(("language", "requests", "fillers"))}


def _place(c: Compiler, schema: Schema) -> dict:
    groups = {}
    for name, group in c.data["place"]["group_names"].items():
        if group not in schema.choices("priority_group"):
            c.fail(("place", "group_names", name), f"{group!r} is not a priority group of the engine")
            continue
        groups[tuple(c.words(name))] = group
    return {"strip": c.phrases(("place", "strip")), "reject_starts": c.phrases(("place", "reject_starts")),
            "none": c.phrases(("place", "none")), "groups": groups,
            "after": frozenset(w for entry in c.entries(("place", "after")) for w in entry)}
