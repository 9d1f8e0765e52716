"""Edits specific to bot/lexicon.yml: what a maintainer adding or fixing phrases gets wrong (docs/phrases.md)."""

from __future__ import annotations

import random
import re


def specific(file: str, text, rng: random.Random) -> list:
    from tests.data_files.mutations import Mutation

    out: list = []

    def add(kind: str, new: str | None, expect: str) -> None:
        if new is not None and new != text.text:
            out.append(Mutation(f"{file}:{kind}:{len(out)}", "lexicon", file, new, kind, expect))

    def sub(old: str, new: str) -> str | None:
        return text.text.replace(old, new, 1) if old in text.text else None

    age = "      - tengo {n} <years> !<not_age>\n"
    # the phrase language (docs/phrases.md)
    add("phrase: unclosed group", sub(age, '      - "tengo (un|una {n}"\n'), "refuse")
    add("phrase: unclosed option", sub(age, '      - "tengo [un {n} <years>"\n'), "refuse")
    add("phrase: stray closing bracket", sub(age, '      - "tengo {n}) <years>"\n'), "refuse")
    add("phrase: empty alternative", sub(age, '      - "tengo (|un) {n} <years>"\n'), "refuse")
    add("phrase: unknown word list", sub(age, "      - tengo {n} <anios>\n"), "refuse")
    add("phrase: unknown slot", sub(age, "      - tengo {edad} <years>\n"), "refuse")
    add("phrase: only optional words", sub(age, '      - "[tengo]"\n'), "refuse")
    add("phrase: blank", sub(age, '      - " "\n'), "refuse")
    add("phrase: a list inside the list", sub(age, "      - [tengo {n} <years>]\n"), "refuse")
    add("phrase: a number", sub(age, "      - 35\n"), "refuse")
    add("phrase: unquoted with a colon", sub(age, "      - tengo: {n} <years>\n"), "refuse")
    # what phrases point at
    add("phrase for an unknown fact",
        sub("\n  employment_status:\n    unemployed:", "\n  employment:\n    unemployed:"), "refuse")
    add("phrase for an unknown value", sub("    unemployed:\n", "    jobless:\n"), "refuse")
    add("number phrases for an unknown fact", sub("number_facts:\n  age:\n", "number_facts:\n  edad:\n"), "refuse")
    add("boolean value as a word", sub('  household_head:\n    "true":\n', "  household_head:\n    si:\n"), "refuse")
    add("unknown certifiable profile", sub("    carpintero_industrial:\n", "    carpintero:\n"), "refuse")
    add("unknown priority group", sub("    vrae: vrae_resident", "    vrae: vrae"), "refuse")
    add("prevails names an unknown value", sub("    underemployed: [employed]", "    underemployed: [empleado]"),
        "refuse")
    # lists and numbers
    add("word listed twice", sub("  sons: [son, sons]", "  sons: [son, sons, son]"), "refuse")
    add("empty word list used by phrases", sub("  years: [anos, ano, anitos, years, year]", "  years: []"), "refuse")
    add("empty word list written blank", sub("  years: [anos, ano, anitos, years, year]", "  years:"), "refuse")
    add("word list as one text", sub("  years: [anos, ano, anitos, years, year]", '  years: "anos, ano, years"'),
        "refuse")
    add("plausible range outside the engine's", sub("    age: [14, 100]", "    age: [14, 200]"), "refuse")
    add("plausible range upside down", sub("    age: [14, 100]", "    age: [50, 20]"), "refuse")
    add("plausible range of one number", sub("    age: [14, 100]", "    age: [14]"), "refuse")
    add("number word as text", sub(" noventa: 90,", " noventa: noventa,"), "refuse")
    add("range without two numbers", sub('"entre {n} y {n}",', '"entre {n} y",'), "refuse")
    add("window written with a zero", sub("  window: 5", "  window: 05"), "refuse")
    # whitespace and structure
    add("tab indentation", sub("\n  sons: [son, sons]", "\n\tsons: [son, sons]"), "refuse")
    add("section deleted", re.sub(r"(?ms)^correction:\n.*?(?=^\S)", "", text.text, count=1), "refuse")
    add("section duplicated", text.text.rstrip("\n") + "\nsmall_talk: [hola]\n", "refuse")
    # meaning unchanged, or a legitimate change the example messages judge
    add("phrase quoted", sub(age, '      - "tengo {n} <years> !<not_age>"\n'), "valid")
    add("word list written one a line", sub("  sons: [son, sons]", "  sons:\n    - son\n    - sons"), "valid")
    add("comment inside a list", sub(age, age + "      # a maintainer's note\n"), "valid")
    add("phrase added", sub("      - quiero trabajar\n", "      - quiero trabajar\n      - quiero chambear\n"),
        "either")
    add("phrase deleted", sub("      - quiero trabajar\n", ""), "either")
    add("word added to a list", sub("  sons: [son, sons]", "  sons: [son, sons, sonny]"), "either")
    return out
