"""The user's own glossaries and which of them (or of any glossary) they turned on.

A user keeps glossaries of their own in the data folder (``<data>/glossaries/*.yaml``) and
turns each on for every text in a language or for one text; they may also turn a glossary
off for one text (one found beside it, say). What they chose is a small JSON file in the
data folder (``glossary-choices.json``)::

    {"languages": {"pt": ["user:vacinas"]},
     "texts": {"/home/ana/artigos/vacinas.md": {"on": ["user:vacinas"], "off": []}}}

A glossary is named by a key (:func:`reader.pipeline.glossary_rule.glossary_key`):
``user:NAME`` for the user's own, ``bundled:NAME`` for one that comes with the reader
(both survive moving the data folder or reinstalling), the resolved path of any other.
A text is named as the bookmark store names it (:func:`.model.text_identity`: its
resolved path, a bundled text's name, ``stdin:`` and its content hash).

Why a JSON file and not the SQLite store: these are a handful of switches, read by
commands that never open the store (``reader render``, ``reader check``), and a user can
read and fix them by hand, as the interface state (:mod:`.ui_state`). As with that file,
one that cannot be read is never written over (the defaults are used and the problem
said), and writes go to a temporary file renamed over the old one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reader.text.errors import Problem
from reader.text.i18n import _
from reader.userdata.json_file import not_expected, read_json, write_json
from reader.userdata.model import text_identity

if TYPE_CHECKING:
    from reader.text.textfile import Source, TextRef

CHOICES_FILE = "glossary-choices.json"
USER_GLOSSARY_FOLDER = "glossaries"
"""The folder of the data folder where the user keeps their own glossaries."""


def primary_language(tag: str) -> str:
    """``pt`` for ``pt-BR``: choices for a language hold for all its variants."""
    return tag.split("-", 1)[0].lower()


def text_key(ref: TextRef, source: Source) -> str:
    """How the choices name a text: as the bookmark store does."""
    return text_identity(ref, source, "").path


@dataclass(frozen=True)
class TextChoices:
    """What the user chose for one text: the keys turned on for its language, and those
    turned on and off for the text itself (a text's own choice wins)."""

    for_language: frozenset[str] = frozenset()
    on: frozenset[str] = frozenset()
    off: frozenset[str] = frozenset()


@dataclass
class GlossaryChoices:
    """The choices file of a data folder, as loaded (changed in place, then saved)."""

    languages: dict[str, list[str]] = field(default_factory=dict)
    texts: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    problem: Problem | None = None
    """Why the file could not be read (a warning; then it is never written over)."""

    @classmethod
    def load(cls, folder: Path) -> GlossaryChoices:
        """The choices kept in the data folder ``folder``; none if there is no file."""
        path = folder / CHOICES_FILE
        fallback = _("no glossary choices are used, the file left as is")
        data, problem = read_json(path, fallback)
        if problem is not None:
            return cls(problem=problem)
        if data is None:
            return cls()
        given_languages = data.get("languages", {}) if isinstance(data, dict) else None
        given_texts = data.get("texts", {}) if isinstance(data, dict) else None
        if not (
            isinstance(given_languages, dict)
            and isinstance(given_texts, dict)
            and all(isinstance(keys, list) for keys in given_languages.values())
            and all(
                isinstance(choice, dict)
                and all(isinstance(choice.get(side, []), list) for side in _SIDES)
                for choice in given_texts.values()
            )
        ):
            return cls(problem=not_expected(path, fallback))
        languages = {
            str(language): [str(key) for key in keys] for language, keys in given_languages.items()
        }
        texts = {
            str(text): {side: [str(key) for key in choice.get(side, [])] for side in _SIDES}
            for text, choice in given_texts.items()
        }
        return cls(languages, texts)

    def for_text(self, text: str, language: str) -> TextChoices:
        """What holds for the text named ``text`` (:func:`text_key`) in ``language``."""
        chosen = self.texts.get(text, {})
        return TextChoices(
            frozenset(self.languages.get(primary_language(language), ())),
            frozenset(chosen.get("on", ())),
            frozenset(chosen.get("off", ())),
        )

    def set_for_text(self, text: str, key: str, *, on: bool, by_default: bool) -> None:
        """Turn ``key`` on or off for one text; a choice that agrees with what the text
        would get anyway (``by_default``) is forgotten, so that it follows later changes
        (a glossary turned on for the language, a folder emptied)."""
        chosen = self.texts.setdefault(text, {"on": [], "off": []})
        for side in _SIDES:
            chosen[side] = [k for k in chosen.get(side, []) if k != key]
        if on != by_default:
            chosen["on" if on else "off"].append(key)
        if not any(chosen.values()):
            del self.texts[text]

    def set_for_language(self, language: str, key: str, *, on: bool) -> None:
        """Turn ``key`` on or off for every text in ``language``."""
        primary = primary_language(language)
        keys = [k for k in self.languages.get(primary, []) if k != key]
        if on:
            keys.append(key)
        if keys:
            self.languages[primary] = keys
        else:
            self.languages.pop(primary, None)

    def save(self, folder: Path) -> str | None:
        """Write the choices atomically; the problem (a line to show) if they cannot be."""
        if self.problem is not None:
            return _("{path}: not valid, so left as is; the change is not kept").format(
                path=self.problem.path
            )
        data = {"languages": self.languages, "texts": self.texts}
        return write_json(folder / CHOICES_FILE, data)


_SIDES = ("on", "off")


@dataclass(frozen=True)
class UserGlossaries:
    """A data folder's own glossaries and choices, as a load reads them (in its thread)."""

    data_folder: Path

    @property
    def folder(self) -> Path:
        """Where the user keeps their glossaries."""
        return self.data_folder / USER_GLOSSARY_FOLDER

    def files(self) -> list[Path]:
        """The user's glossary files, sorted by name."""
        if not self.folder.is_dir():
            return []
        return sorted(p for p in self.folder.iterdir() if p.suffix in (".yaml", ".yml"))

    def choices(self) -> GlossaryChoices:
        """The choices file as it is now."""
        return GlossaryChoices.load(self.data_folder)


__all__ = [
    "CHOICES_FILE",
    "USER_GLOSSARY_FOLDER",
    "GlossaryChoices",
    "TextChoices",
    "UserGlossaries",
    "primary_language",
    "text_key",
]
