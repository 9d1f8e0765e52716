"""What the assistant says: the texts in bot/texts/*.yml, in Spanish and English.

The texts live outside the Rasa domain on purpose: the action server renders
every reply itself, so a maintainer can reword a text and it takes effect at
the next message, with no retraining; and the dialogue can see the exact text
it is about to send (it never sends the same text twice in a row).

A text is `{es: ..., en: ...}`; each language is a string, or
`{text: ..., buttons: [{title, payload}, ...]}`. `{name}` placeholders are
filled from the caller's values and must be the same in both languages.
A broken edit is refused with the file and the reason, and the last good
texts keep serving.
"""

from __future__ import annotations

import logging
import string
import threading
from dataclasses import dataclass, field
from pathlib import Path

import yaml

log = logging.getLogger(__name__)
TEXTS_DIR = Path(__file__).resolve().parent.parent / "bot" / "texts"
LANGS = ("es", "en")


class TextsError(ValueError):
    """The texts files are broken; the message names the file and the reason."""


@dataclass(frozen=True)
class Message:
    """One message to the applicant: its text and, optionally, buttons (title + payload)."""

    text: str
    buttons: tuple = field(default_factory=tuple)

    def as_dict(self) -> dict:
        return {"text": self.text, **({"buttons": [dict(b) for b in self.buttons]} if self.buttons else {})}


class _UniqueKeys(yaml.SafeLoader):
    """A YAML loader that refuses a key written twice (PyYAML keeps the last one silently)."""


def _mapping(loader: _UniqueKeys, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise TextsError(f"line {key_node.start_mark.line + 1}: '{key}' is written twice")
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_UniqueKeys.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _entry(key: str, lang: str, raw) -> tuple[str, tuple]:
    if isinstance(raw, str):
        return raw, ()
    if not isinstance(raw, dict) or not isinstance(raw.get("text"), str) or set(raw) - {"text", "buttons"}:
        raise TextsError(f"'{key}' ({lang}) must be a text, or text: and buttons:")
    buttons = raw.get("buttons") or []
    if not isinstance(buttons, list) or not all(
        isinstance(b, dict) and set(b) == {"title", "payload"} and all(isinstance(v, str) for v in b.values())
        for b in buttons
    ):
        raise TextsError(f"'{key}' ({lang}): each button needs a title and a payload, both texts")
    return raw["text"], tuple(tuple(sorted(b.items())) for b in buttons)


def load(folder: Path = TEXTS_DIR) -> dict[str, dict[str, tuple[str, tuple]]]:
    """Every text of the folder: {key: {lang: (text, buttons)}}. Raises TextsError."""
    texts: dict[str, dict] = {}
    files = sorted(folder.glob("*.yml"))
    if not files:
        raise TextsError(f"{folder}: no texts files")
    for path in files:
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeys)  # noqa: S506 - safe loader subclass
        except (yaml.YAMLError, TextsError, UnicodeDecodeError) as error:
            raise TextsError(f"{path.name}: {error}") from None
        if not isinstance(data, dict) or set(data) != {"texts"} or not isinstance(data["texts"], dict):
            raise TextsError(f"{path.name}: the file must hold one mapping, texts:")
        for key, langs in data["texts"].items():
            if key in texts:
                raise TextsError(f"{path.name}: '{key}' is also in another texts file")
            if not isinstance(langs, dict) or set(langs) != set(LANGS):
                raise TextsError(f"{path.name}: '{key}' needs exactly es: and en:")
            entry = {lang: _entry(key, lang, langs[lang]) for lang in LANGS}
            try:
                placeholders = {lang: _fields(entry[lang][0]) for lang in LANGS}
            except ValueError as error:
                raise TextsError(f"{path.name}: '{key}': {error}") from None
            if placeholders["es"] != placeholders["en"]:
                raise TextsError(f"{path.name}: '{key}' has different {{placeholders}} in es and en")
            texts[key] = entry
    return texts


class _Store:
    """The texts, re-read when a file changes; a broken edit keeps the last good version."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._stamp: tuple | None = None
        self._texts: dict | None = None

    def _current_stamp(self) -> tuple:
        return tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(TEXTS_DIR.glob("*.yml")))

    def texts(self) -> dict:
        stamp = self._current_stamp()
        if stamp == self._stamp and self._texts is not None:
            return self._texts
        with self._lock:
            if stamp != self._stamp:
                try:
                    self._texts = load()
                except TextsError as error:
                    if self._texts is None:
                        raise
                    log.error("texts not reloaded, the last good version keeps serving: %s", error)
                self._stamp = stamp
            return self._texts


_store = _Store()


def keys() -> set[str]:
    return set(_store.texts())


def has(key: str) -> bool:
    return key in _store.texts()


def render(key: str, lang: str, buttons: list[dict] | None = None, **values) -> Message:
    """The text `key` in `lang` with its placeholders filled; `buttons` replace the text's own."""
    text, own = _store.texts()[key][lang if lang in LANGS else "es"]
    shown = tuple(tuple(sorted(b.items())) for b in buttons) if buttons is not None else own
    return Message(text.format(**values) if values or "{" in text else text, tuple(dict(b) for b in shown))
