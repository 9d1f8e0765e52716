"""The lexicon and the texts in the mutation suite: each edit through the running store (the parser's
lexicon, the assistant's texts), and an oracle of their own, independent of the loaders.

- lexicon: `reload_lexicon` on the edited copy. After a refusal the parser must read a fixed set of
  example messages exactly as before (the last good lexicon serves). Once accepted, an edit that must not
  change the meaning reads them the same; any accepted edit gives only facts the engine has, with
  values of their type, among their choices, within their limits (facts.yml read here with PyYAML).
- texts: the texts store reloaded from the edited copy. After a refusal every text is said as before.
  Once accepted: every text of the original files, in both languages, renders with exactly the values
  the code passes at its call sites (read from the code with ast: tests/data_files/calls.py), as PyYAML
  reads the file; buttons have a title and a payload naming a domain intent, the same in both
  languages; an edit that must not change the meaning leaves PyYAML's reading of the folder as it was.
"""

from __future__ import annotations

import math
import re
import shutil
from pathlib import Path

import yaml

import knowledge
from actions import texts
from actions.understanding import lexicon, parse
from knowledge import build
from knowledge.paths import SOURCES_DIR
from rules.policy import POLICY_DIR
from tests.data_files.calls import SUFFIX, said

# (message, the question just asked): every kind of fact, places, yes/no, commands, languages, questions.
EXAMPLES = (
    ("tengo 35 años", None), ("tngo 35 anos y 2 hijos", None), ("35", "age"), ("treinta y cinco", "age"),
    ("gano S/ 1 600 al mes", None), ("900 lucas", "monthly_income"), ("entre 800 y 1000", "monthly_income"),
    ("estoy sin chamba", None), ("estoy subempleado", None), ("I am unemployed", None),
    ("termine la secundaria", None), ("primaria incompleta", "education"), ("soy jefa de hogar", None),
    ("no soy jefe de hogar", None), ("no tengo hijos", None), ("tengo 3 hijos", None), ("cero", "children"),
    ("tengo discapacidad y carnet del conadis", None), ("5 años de experiencia", "work_experience_years"),
    ("trabajo en madera", "occupation"), ("vendo comida en el mercado", "occupation"),
    ("vivo en el distrito de Comas", None), ("arequipa", "place"), ("si pues", "consent"), ("no gracias", None),
    ("borrar mis datos", None), ("empezar de nuevo", None), ("hablar con alguien", None),
    ("in English please", None), ("¿es gratis?", None), ("cuanto dura el curso", None),
    ("me equivoqué, tengo 45", None), ("quiero trabajar", "goal"), ("tengo 5 años de experiencia", None),
)
FIELDS = ("facts", "place", "yes_no", "language", "language_request", "correction", "command",
          "sentence_language", "question", "ranges")


class BotFiles:
    """Copies of bot/lexicon.yml and bot/texts/, served by the running stores while the suite runs."""

    def __init__(self, root: Path):
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.lexicon = root / "lexicon.yml"
        self.texts = root / "texts"
        shutil.copyfile(lexicon.LEXICON_PATH, self.lexicon)
        shutil.copytree(texts.TEXTS_DIR, self.texts)
        self.kb = root / "lexicon-kb.db"
        self._readings = None
        self._said = None
        self.facts = yaml.safe_load((POLICY_DIR / "facts.yml").read_text(encoding="utf-8"))["facts"]
        self.intents = {i for p in (texts.TEXTS_DIR.parent / "domain").glob("*.yml")
                        for i in (yaml.safe_load(p.read_text(encoding="utf-8")) or {}).get("intents") or []}

    def where(self, file: str) -> Path | None:
        if file == "bot/lexicon.yml":
            return self.lexicon
        if file.startswith("bot/texts/"):
            return self.texts / Path(file).name
        return None

    def prepare(self, area: str) -> None:
        """Serve the original copy, and read it, before the first edit of `area`."""
        if area == "lexicon":
            self.baseline()
        elif area == "texts":
            self.code_says()

    def close(self) -> None:
        if self._readings is not None:
            lexicon._STORE.check_every = 2.0
            knowledge.use_database(None)
            lexicon.reload(lexicon.LEXICON_PATH)
        if self._said is not None:
            texts._STORE.check_every = 0
            texts.reload(texts.TEXTS_DIR)

    # --- the lexicon -------------------------------------------------------------------------------

    def readings(self) -> list:
        knowledge.use_database(self.kb)
        out = []
        for message, asked in EXAMPLES:
            parsed = parse(message, asked=asked)
            out.append({name: getattr(parsed, name) for name in FIELDS})
        return out

    def baseline(self) -> list:
        if self._readings is None:
            build.build(self.kb, SOURCES_DIR)
            knowledge.use_database(self.kb)
            assert lexicon.reload(self.lexicon) == [], "the lexicon in the repository does not load"
            lexicon._STORE.check_every = 3600  # reloaded by the suite only, never behind its back
            self._readings = self.readings()
        return self._readings

    def lexicon_edit(self, mutation, refused) -> tuple[str, str]:
        before = self.baseline()
        problems = lexicon.reload()
        if problems:
            if self.readings() != before:
                return "accepted although wrong", "after the refusal the parser reads the examples otherwise"
            return refused(mutation, problems, (self.lexicon,))
        try:
            now = self.readings()
            wrong = self._judge_facts(now)
            if not wrong and mutation.expect == "valid" and now != before:
                changed = [EXAMPLES[i][0] for i, (a, b) in enumerate(zip(now, before, strict=True)) if a != b]
                wrong = f"the examples {changed} read otherwise"
        finally:  # the original serves again for the next edit
            self.lexicon.write_bytes(lexicon.LEXICON_PATH.read_bytes())
            assert lexicon.reload() == []
        if wrong or mutation.expect == "refuse":
            return "accepted although wrong", wrong or "accepted, although it must be refused"
        return "accepted, valid", ""

    def _judge_facts(self, readings: list) -> str:
        for (message, _), reading in zip(EXAMPLES, readings, strict=True):
            for name, value in reading["facts"].items():
                wrong = self._wrong_value(name, value)
                if wrong:
                    return f"{message!r} gives {name}={value!r}: {wrong}"
        return ""

    def _wrong_value(self, name: str, value) -> str:
        fact = self.facts.get(name)
        if fact is None:
            return "not a fact of the engine"
        kind = fact["type"]
        if kind == "boolean":
            return "" if isinstance(value, bool) else "not true or false"
        if kind in ("integer", "number"):
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
                return "not a number"
            if kind == "integer" and value != int(value):
                return "not a whole number"
            low, high = fact.get("min"), fact.get("max")
            return "out of the engine's limits" if (low is not None and value < low) or (
                high is not None and value > high) else ""
        if kind == "choice":
            return "" if value in (fact.get("choices") or {}) else "not one of its choices"
        if kind == "choice_list":
            ok = isinstance(value, (list, tuple)) and all(v in (fact.get("choices") or {}) for v in value)
            return "" if ok else "not a list of its choices"
        return "" if isinstance(value, str) and value.strip() else "not a text"

    # --- the texts ---------------------------------------------------------------------------------

    def code_says(self) -> dict:
        """{key: names of the values the code passes} for every text of the original files."""
        if self._said is None:
            literal, computed = said()
            original = _folder(texts.TEXTS_DIR)
            out = {}
            for key in original:
                names = set(literal.get(key, set()))
                for pattern, passed in computed.items():
                    match = re.fullmatch(pattern, key)
                    if match and key not in literal:
                        names |= {match.group(1) if n == SUFFIX else n for n in passed}
                out[key] = names
            assert texts.reload(self.texts) == [], "the texts in the repository do not load"
            texts._STORE.check_every = 3600
            self._said = out
            self._original = original
            self._rendered = self._render_all()
        return self._said

    def _render_all(self) -> dict:
        return {(key, lang): texts.render(key, lang, **{n: f"<{n}>" for n in names})
                for key, names in self._said.items() for lang in texts.LANGS}

    def texts_edit(self, mutation, refused) -> tuple[str, str]:
        self.code_says()
        problems = texts.reload()
        if problems:
            if self._render_all() != self._rendered:
                return "accepted although wrong", "after the refusal the texts are not the last good ones"
            return refused(mutation, problems, (self.texts,))
        try:
            wrong = self._judge_texts(mutation)
        finally:
            for path in texts.TEXTS_DIR.glob("*.yml"):
                (self.texts / path.name).write_bytes(path.read_bytes())
            assert texts.reload() == []
        if wrong or mutation.expect == "refuse":
            return "accepted although wrong", wrong or "accepted, although it must be refused"
        return "accepted, valid", ""

    def _judge_texts(self, mutation) -> str:
        folder = _folder(self.texts)
        if mutation.expect == "valid" and folder != self._original:
            return "the meaning of the texts changed"
        for key, names in self._said.items():
            values = {n: f"<{n}>" for n in names}
            if key not in folder:
                return f"the code says {key!r}, which is gone"
            payloads = {}
            for lang in texts.LANGS:
                raw = folder[key].get(lang) if isinstance(folder[key], dict) else None
                text = raw.get("text") if isinstance(raw, dict) else raw
                if not isinstance(text, str) or not text.strip():
                    return f"{key} ({lang}) has no text"
                try:
                    expected = text.format(**values) if values or "{" in text else text
                    served = texts.render(key, lang, **values)
                except (KeyError, IndexError, ValueError, AttributeError) as error:
                    return f"{key} ({lang}) cannot be said with the values the code gives ({error!r})"
                if served.text != expected:
                    return f"{key} ({lang}) is said as {served.text!r}, the file says {expected!r}"
                buttons = (raw.get("buttons") if isinstance(raw, dict) else None) or []
                if [dict(b) for b in served.buttons] != buttons:
                    return f"{key} ({lang}) has buttons {served.buttons}, the file says {buttons}"
                for button in buttons:
                    title, payload = button.get("title"), button.get("payload")
                    if not (isinstance(title, str) and title.strip() and isinstance(payload, str)
                            and payload.startswith("/") and payload[1:].split("{")[0] in self.intents):
                        return f"{key} ({lang}) has a button that does nothing: {button}"
                payloads[lang] = [b["payload"] for b in buttons]
            if payloads["es"] != payloads["en"]:
                return f"{key} has other buttons in es than in en"
        return ""


def _folder(folder: Path) -> dict:
    """Every text of a folder as PyYAML reads it (the last of a key written twice, as PyYAML does)."""
    out = {}
    for path in sorted(folder.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        out.update(data.get("texts") or {} if isinstance(data, dict) else {})
    return out
