"""Which glossary files a text gets, and why: the rule, with no loading of glossaries.

1. The glossaries the text names (front matter ``glossary: [name, ...]``) and those given
   with ``--glossary``.
2. Else (it names none and none is given) every glossary in a ``glossary/`` folder beside
   the text or in its parent folder (``./glossary/*.yaml``, ``../glossary/*.yaml``).
3. Plus the user's choices (:mod:`reader.userdata.glossary_choices`): a glossary turned on
   for the text's language or for this text is added; one turned off for this text is
   left out (never one given with ``--glossary``: that was asked for just now).

Bundled glossaries apply only to the texts that name them (or that the user turned them
on for): a Portuguese article on vaccines is not linked to the Second World War glossary
for being in Portuguese. Web pages and books, which have no front matter, get theirs by
2 and 3 (and ``--glossary``). Standard input is a text in the working folder.

A name is a name, never a path: one with a path separator, ``..`` or a drive is refused
(by :mod:`reader.pipeline.glossaries`, with a warning), so a text cannot make the reader
load (and show) a YAML file from anywhere else.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import TYPE_CHECKING

from reader.document import Document
from reader.text.errors import Problem
from reader.text.resources import bundled_glossaries, glossary_dir
from reader.text.textfile import Source, TextRef

if TYPE_CHECKING:  # read only by the reader's load: `reader render` never loads userdata
    from reader.userdata.glossary_choices import UserGlossaries

GLOSSARY_FOLDER = "glossary"
"""The folder, beside a text or in its parent folder, whose glossaries a text gets."""

_SUFFIXES = (".yaml", ".yml")


class Reason(StrEnum):
    """Why a glossary is in force for a text."""

    NAMED = "named by the text"
    OPTION = "given with --glossary"
    FOLDER = "in a glossary folder near the text"
    LANGUAGE = "turned on for the text's language"
    TEXT = "turned on for this text"

    @property
    def chosen(self) -> bool:
        """In force by the user's choice (then a broken file is only a warning)."""
        return self in (Reason.LANGUAGE, Reason.TEXT)

    @property
    def named(self) -> bool:
        """Asked for by name (``reader check`` says which of its terms go unmentioned)."""
        return self in (Reason.NAMED, Reason.OPTION)


class Place(StrEnum):
    """Where a glossary that could be turned on lives."""

    NAMED = "named"
    OPTION = "--glossary"
    FOLDER = "beside the text"
    USER = "yours"
    BUNDLED = "bundled"


_PLACES = {
    Place.NAMED: "named by the text",
    Place.OPTION: "given with --glossary",
    Place.FOLDER: "in a glossary folder near the text",
    Place.USER: "one of yours",
    Place.BUNDLED: "comes with the reader",
}


@dataclass(frozen=True)
class UserSide:
    """The user's glossaries and what they chose for one text: the rule's third input."""

    folder: Path | None = None
    """The folder of the user's glossaries."""
    files: tuple[Path, ...] = ()
    for_language: frozenset[str] = frozenset()
    """Keys (:func:`glossary_key`) turned on for the text's language."""
    on: frozenset[str] = frozenset()
    """Keys turned on for this text."""
    off: frozenset[str] = frozenset()
    """Keys turned off for this text."""
    problem: Problem | None = None
    """Why the choices file could not be read, if it could not (a warning)."""
    text: str = ""
    """The text's key in the choices (:func:`~reader.userdata.glossary_choices.text_key`)."""

    @classmethod
    def read(cls, user: UserGlossaries, ref: TextRef, source: Source, language: str) -> UserSide:
        """Read the user's glossary folder and choices for the text ``ref`` now."""
        from reader.userdata.glossary_choices import text_key

        choices = user.choices()
        key = text_key(ref, source)
        chosen = choices.for_text(key, language)
        return cls(
            user.folder,
            tuple(user.files()),
            chosen.for_language,
            chosen.on,
            chosen.off,
            choices.problem,
            key,
        )


@dataclass(frozen=True)
class Candidate:
    """A glossary file a text could get: where it is, and whether (and why) it does."""

    path: Path
    key: str
    place: Place
    by_default: Reason | None
    """Why it is in force before the user's choice for this text, or None."""
    reason: Reason | None
    """Why it is in force, or None when it is not."""

    @property
    def in_force(self) -> bool:
        return self.reason is not None

    def describe(self) -> str:
        """Where it is and why it is in force (or not), in a few words."""
        where = _PLACES[self.place]
        if self.reason is None:
            return f"{where}; turned off for this text" if self.by_default else f"{where}; not used"
        return f"{where}; {self.reason}" if self.reason.chosen else str(self.reason)


USER_PREFIX = "user:"
BUNDLED_PREFIX = "bundled:"


def glossary_key(path: Path, user_folder: Path | None) -> str:
    """How the user's choices name a glossary file: ``user:NAME`` for one of the user's
    own, ``bundled:NAME`` for one that comes with the reader (both survive moving the
    data folder or reinstalling), the resolved path of any other."""
    resolved = path.resolve()
    if user_folder is not None and resolved.parent == user_folder.resolve():
        return f"{USER_PREFIX}{path.stem}"
    if resolved.parent == glossary_dir().resolve():
        return f"{BUNDLED_PREFIX}{path.stem}"
    return str(resolved)


def is_glossary_name(name: str) -> bool:
    """Whether ``name`` is a plain glossary name: not empty, no path separator (``/`` or
    ``\\``), not ``.`` or ``..``, no drive or root: nothing that reaches another folder."""
    if not name or name in (".", "..") or "/" in name or "\\" in name or "\0" in name:
        return False
    return not (PurePosixPath(name).is_absolute() or PureWindowsPath(name).drive)


def named_glossary(name: str, text: Path) -> Path | None:
    """The file of the glossary a text names: beside it, in its parent folder, bundled."""
    for folder in _near_folders(text, bundled_too=True):
        candidate = folder / f"{name}.yaml"
        if candidate.is_file():
            return candidate
    return None


def _near_folders(text: Path, *, bundled_too: bool) -> list[Path]:
    folders = [text.parent / GLOSSARY_FOLDER, text.parent.parent / GLOSSARY_FOLDER]
    if bundled_too:
        return [*folders, glossary_dir()]
    bundled = glossary_dir().resolve()
    return [folder for folder in folders if folder.resolve() != bundled]


def folder_glossaries(text: Path) -> list[Path]:
    """Every glossary in a ``glossary/`` folder beside ``text`` or in its parent folder
    (the beside one's first), sorted by name. The bundled glossaries' folder never
    counts: they apply only to texts that name them."""
    found: list[Path] = []
    for folder in _near_folders(text, bundled_too=False):
        try:
            files = sorted(p for p in folder.iterdir() if p.suffix.lower() in _SUFFIXES)
        except OSError:  # none there, or not a folder
            continue
        found += [path for path in files if path.is_file()]
    return found


def candidates(
    doc: Document, text: Path, extra: Sequence[Path] = (), user: UserSide | None = None
) -> list[Candidate]:
    """Every glossary the text could get, in the order they are loaded (what a text
    names first: of two that define one form, the first wins), each with why it is in
    force (:class:`Reason`) or None. A file is listed once, by its first place."""
    user = user or UserSide()
    named = [] if doc.meta.glossaries is None else doc.meta.glossaries
    places: list[tuple[Path, Place]] = [
        *((path, Place.NAMED) for name in named if (path := _found(name, text)) is not None),
        *((path, Place.OPTION) for path in extra),
        *((path, Place.FOLDER) for path in folder_glossaries(text)),
        *((path, Place.USER) for path in user.files),
        *((path, Place.BUNDLED) for path in bundled_glossaries()),
    ]
    by_default_places = {Place.NAMED: Reason.NAMED, Place.OPTION: Reason.OPTION}
    if doc.meta.glossaries is None and not extra:
        by_default_places[Place.FOLDER] = Reason.FOLDER
    found: list[Candidate] = []
    seen: set[Path] = set()
    for path, place in places:
        resolved = path.resolve()
        if resolved in seen:
            continue
        seen.add(resolved)
        key = glossary_key(path, user.folder)
        by_default = by_default_places.get(place)
        if by_default is None and key in user.for_language:
            by_default = Reason.LANGUAGE
        reason = by_default
        if place is not Place.OPTION and key in user.off:
            reason = None
        elif reason is None and key in user.on:
            reason = Reason.TEXT
        found.append(Candidate(path, key, place, by_default, reason))
    return found


def _found(name: str, text: Path) -> Path | None:
    return named_glossary(name, text) if is_glossary_name(name) else None


def in_force(
    doc: Document, text: Path, extra: Sequence[Path] = (), user: UserSide | None = None
) -> list[Candidate]:
    """The glossaries the text gets, in loading order, each with why."""
    return [found for found in candidates(doc, text, extra, user) if found.in_force]


__all__ = [
    "GLOSSARY_FOLDER",
    "Candidate",
    "Place",
    "Reason",
    "UserSide",
    "candidates",
    "folder_glossaries",
    "glossary_key",
    "in_force",
    "is_glossary_name",
    "named_glossary",
]
