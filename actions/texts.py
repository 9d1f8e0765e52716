"""What the assistant says: the texts in bot/texts/*.yml, in Spanish and English.

The texts live outside the Rasa domain on purpose: the action server renders
every reply itself, so a maintainer can reword a text and it takes effect at
the next message, with no retraining; and the dialogue can see the exact text
it is about to send (it never sends the same text twice in a row).

A text is `{es: ..., en: ...}`; each language is a string, or
`{text: ..., buttons: [{title, payload}, ...]}` (texts.schema.json). `{name}`
placeholders are filled from the caller's values: they must be the same in both
languages and among the values the code passes (VALUES below). Every text the
code says must be there, and no other; button payloads name the domain's
intents, the same buttons in both languages.

Files are read with datafiles (line-aware, YAML 1.2, every problem at once as
`file:line:column: reason`); a broken edit is refused and the last good texts
keep serving (datafiles.LastGood).
"""

from __future__ import annotations

import difflib
import json
import string
from dataclasses import dataclass, field
from pathlib import Path

import datafiles
from datafiles import DataFileError, Problem

TEXTS_DIR = Path(__file__).resolve().parent.parent / "bot" / "texts"
DOMAIN_DIR = TEXTS_DIR.parent / "domain"
SCHEMA = json.loads(Path(__file__).with_name("texts.schema.json").read_text(encoding="utf-8"))
LANGS = ("es", "en")

# The values the code fills each text with (`turn.say(key, name=value)`): a text may use any of its
# values and no other. tests/actions/test_texts.py reads the code's calls and checks they agree.
VALUES: dict[str, tuple[str, ...]] = {
    "handoff": ("centre",),
    "range_followup": ("low", "high"),
    "repeat": ("text",),
    "result_centre": ("centre", "city", "distance", "place"),
    "result_centre_address": ("address",),
    "result_centre_phone": ("phone",),
    "result_centre_hours": ("hours",),
    "result_eligible": ("component", "details"),
    "result_general_failed": ("reasons",),
    "result_general_held": ("requirements",),
    "result_intro": ("on",),
    "result_needs_info": ("component", "missing"),
    "result_not_eligible": ("component", "details"),
    "result_recommended": ("component", "offers"),
    "result_referral": ("programme", "purpose"),
    "case_code": ("code",),
    "distance_under": ("km",),
    "distance_about": ("km",),
    "understood": ("facts",),
    **{key: ("value",) for key in ("understood_age", "understood_income", "understood_children",
                                   "understood_work_experience", "understood_occupation",
                                   "understood_occupation_experience", "understood_goal", "understood_place")},
}
# The texts the code says as written (besides VALUES' and each askable slot's ask_, reask_, reask2_).
PLAIN = (
    "action_unavailable", "after_result_no", "after_result_yes", "ask_household_and_children",
    "ask_occupation_and_years", "ask_work_and_income", "ask_consent_and_goal",
    "ask_age_schooling_place", "ask_age_and_schooling",
    "ask_your_question", "bot_challenge", "centre_after_screening", "choose", "correction_noted",
    "data_deleted", "default", "goodbye", "greet", "greet_again", "handoff_after_misses", "help",
    "language_switched", "no_consent", "offer", "out_of_scope", "place_suggestions", "question_not_found",
    "restart", "result_ask_place", "result_closing", "result_nothing", "result_referrals_intro",
    "result_unchanged", "skip_question", "thanks", "understood_no_children", "case_code_restored",
    "case_code_mistyped", "case_code_unknown", "case_code_unavailable",
    *(f"understood_{fact}_{answer}" for fact in ("head", "disability", "certificate") for answer in ("yes", "no")),
)


class TextsError(DataFileError):
    """The texts files are broken; `problems` lists each as file:line:column: reason."""


@dataclass(frozen=True)
class Message:
    """One message to the applicant: its text and, optionally, buttons (title + payload)."""

    text: str
    buttons: tuple = field(default_factory=tuple)

    def as_dict(self) -> dict:
        return {"text": self.text, **({"buttons": [dict(b) for b in self.buttons]} if self.buttons else {})}


def said() -> tuple[frozenset, frozenset]:
    """(texts the code always may say, texts it says when they exist): reask2_ is a last hint, needed
    only where a question has no buttons (tests/actions/test_domain.py checks those)."""
    from actions.slots import ASKABLE  # not at import: the slots module reads the policy
    from rules import ask_order, current_policy

    required = {*VALUES, *PLAIN, *(f"{kind}_{slot}" for slot in ASKABLE for kind in ("ask", "reask"))}
    required |= {group.text for group in ask_order.together(current_policy())}  # rules/policy/asked_together.yml
    return frozenset(required), frozenset(f"reask2_{slot}" for slot in ASKABLE)


def domain_intents(folder: Path = DOMAIN_DIR) -> frozenset | None:
    """The intents of the Rasa domain, which button payloads name; None when it cannot be read."""
    intents = set()
    try:
        for path in sorted(folder.glob("*.yml")):
            for intent in datafiles.load(path).data.get("intents") or []:
                intents.update(intent if isinstance(intent, dict) else [intent])
    except (DataFileError, AttributeError, TypeError):
        return None  # the domain's own checks (rasa data validate) say what is wrong with it
    return frozenset(str(i) for i in intents) or None


def _fields(text: str) -> set[str]:
    """The placeholders of a text; ValueError for a broken brace or anything but `{name}`."""
    names = set()
    for _, name, spec, conversion in string.Formatter().parse(text):
        if name is None:
            continue
        if not name.isidentifier() or spec or conversion:
            raise ValueError(f"{{{name}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}} "
                             "is not a placeholder: write {name}, or {{ and }} for a brace")
        names.add(name)
    return names


class _Checker:
    """Reads the files of a folder and collects every problem of every file."""

    def __init__(self, intents: frozenset | None):
        self.intents = intents
        self.required, self.optional = said()
        self.texts: dict[str, dict] = {}
        self.first: dict[str, Problem] = {}  # key -> where it was first written
        self.problems: list[Problem] = []
        self.renamed: set[str] = set()
        self.unreadable = False
        self.anchor: Problem | None = None  # the first file's `texts:`, where a missing text is reported

    def file(self, path: Path) -> None:
        try:
            doc = datafiles.read(path)
        except DataFileError as error:  # nothing readable (syntax, limits): the others are still checked
            self.problems += error.problems
            self.unreadable = True  # its texts are not missing, only unread
            return
        self.problems += doc.problems + datafiles.validate(doc, SCHEMA)
        self.anchor = self.anchor or doc.problem(("texts",), "", key=True)
        entries = doc.data.get("texts") if isinstance(doc.data, dict) else None
        for key, langs in (entries or {}).items() if isinstance(entries, dict) else ():
            self.text(doc, str(key), langs)

    def text(self, doc, key: str, langs) -> None:
        at = ("texts", key)
        if key in self.first:
            first = self.first[key]
            self.problems.append(doc.problem(at, f"'{key}' is also in {Path(first.path).name} (line {first.line})",
                                             key=True))
            return
        self.first[key] = doc.problem(at, "", key=True)
        if key not in self.required | self.optional:
            close = difflib.get_close_matches(key, sorted(self.required | self.optional), n=1, cutoff=0.7)
            hint = f"; did you mean '{close[0]}'?" if close else " (the code never says it)"
            self.renamed.update(close)  # "did you mean" says that one is missing
            self.problems.append(doc.problem(at, f"unknown text '{key}'{hint}", key=True))
        if not isinstance(langs, dict):
            return
        entry, fields, doubtful = {}, {}, False  # doubtful: a problem already said, no comparison
        for lang in LANGS:
            raw = langs.get(lang)
            text = raw.get("text") if isinstance(raw, dict) else raw
            if not isinstance(text, str):
                continue
            place = (*at, lang, "text") if isinstance(raw, dict) else (*at, lang)
            try:
                fields[lang] = _fields(text)
            except ValueError as error:
                self.problems.append(doc.problem(place, f"{key} ({lang}): {error}"))
                continue
            unknown = sorted(fields[lang] - set(VALUES.get(key, ())))
            if unknown:
                doubtful = True
                known = ", ".join(f"{{{v}}}" for v in VALUES.get(key, ())) or "none"
                self.problems.append(doc.problem(place, f"{key} ({lang}): the code fills no "
                                                        f"{', '.join('{' + u + '}' for u in unknown)} "
                                                        f"(it gives this text: {known})"))
            buttons = raw.get("buttons") if isinstance(raw, dict) else None
            entry[lang] = (text, self.buttons(doc, (*at, lang, "buttons"), buttons))
            doubtful = doubtful or entry[lang][1] is None
        if doubtful:
            return
        if len(fields) == 2 and fields["es"] != fields["en"]:
            shown = {lang: ", ".join(f"{{{f}}}" for f in sorted(fields[lang])) or "none" for lang in LANGS}
            self.problems.append(doc.problem(at, f"{key}: the placeholders differ between es ({shown['es']}) and "
                                                 f"en ({shown['en']}); write the same in both", key=True))
        if len(entry) == 2:
            payloads = {lang: [dict(b)["payload"] for b in entry[lang][1]] for lang in LANGS}
            if payloads["es"] != payloads["en"]:
                self.problems.append(doc.problem(at, f"{key}: the buttons differ between es "
                                                     f"({', '.join(payloads['es']) or 'none'}) and en "
                                                     f"({', '.join(payloads['en']) or 'none'}); give both languages "
                                                     "the same buttons, in the same order", key=True))
            self.texts[key] = entry

    def buttons(self, doc, at: tuple, buttons) -> tuple | None:
        """The buttons, as Message holds them; None when one is wrong (the problem is said)."""
        out = []
        for i, button in enumerate(buttons if isinstance(buttons, list) else []):
            if not (isinstance(button, dict) and isinstance(button.get("title"), str)
                    and isinstance(button.get("payload"), str) and button["payload"].startswith("/")):
                return None  # the schema says what is wrong with it
            intent = button["payload"][1:].split("{", 1)[0]
            if self.intents is not None and intent not in self.intents:
                close = difflib.get_close_matches(intent, sorted(self.intents), n=1, cutoff=0.7)
                hint = f"; did you mean '/{close[0]}'?" if close else ""
                self.problems.append(doc.problem((*at, i, "payload"),
                                                 f"'/{intent}' is not an intent of the domain (bot/domain){hint}"))
                return None
            out.append(tuple(sorted((k, button[k]) for k in ("payload", "title"))))
        return tuple(out)

    def missing(self, files: list[Path]) -> None:
        if self.unreadable:
            return
        anchor = self.anchor or Problem(str(files[0]), 0, 0, "")
        for key in sorted(self.required - set(self.first) - self.renamed):
            self.problems.append(Problem(anchor.path, anchor.line, anchor.column,
                                         f"no texts file has '{key}', which the code says: add it, with es: and en:"))


def load(folder: Path = TEXTS_DIR, intents: frozenset | None | bool = True) -> dict[str, dict[str, tuple[str, tuple]]]:
    """Every text of the folder: {key: {lang: (text, buttons)}}. Raises TextsError listing every problem.
    `intents` are the ones payloads may name (True: the domain's; None: not checked)."""
    files = sorted(Path(folder).glob("*.yml"))
    if not files:
        raise TextsError([Problem(str(folder), 0, 0, "no texts files (*.yml)")])
    checker = _Checker(domain_intents() if intents is True else intents)
    for path in files:
        checker.file(path)
    checker.missing(files)
    if checker.problems:
        raise TextsError(checker.problems)
    return checker.texts


def _sources() -> list[Path]:
    return sorted(_folder.glob("*.yml")) + sorted(DOMAIN_DIR.glob("*.yml"))


_folder: Path = TEXTS_DIR
# Looked at on every call (a few stats): a reworded text is said from the next message on.
_STORE = datafiles.LastGood(lambda: load(_folder), _sources, name="texts", check_every=0)


def _texts() -> dict:
    try:
        return _STORE.get()
    except TextsError:
        raise
    except DataFileError as error:  # no version ever loaded
        raise TextsError(error.problems) from None


def reload(folder: str | Path | None = None) -> list[Problem]:
    """Read the texts again now (from `folder`, when given, from then on). Returns the problems ([]
    when they loaded); on problems the previous texts keep serving."""
    global _folder
    if folder is not None:
        _folder = Path(folder)
    return _STORE.reload()


def keys() -> set[str]:
    return set(_texts())


def has(key: str) -> bool:
    return key in _texts()


def render(key: str, lang: str, buttons: list[dict] | None = None, **values) -> Message:
    """The text `key` in `lang` with its placeholders filled; `buttons` replace the text's own."""
    text, own = _texts()[key][lang if lang in LANGS else "es"]
    shown = tuple(tuple(sorted(b.items())) for b in buttons) if buttons is not None else own
    return Message(text.format(**values) if values or "{" in text else text, tuple(dict(b) for b in shown))
