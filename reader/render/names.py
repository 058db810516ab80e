"""Names that outlive a render: the ids of notes and glossary entries in HTML, the
footnote labels in Markdown.

A term's name is made of its letters and digits, accents dropped ("Exército Vermelho" →
``exercito-vermelho``), so a label reads well in a Markdown source (``[^wehrmacht]``) and
needs no escaping in a URL fragment or a footnote label. Two terms that come out the same
(or a term and an article footnote) get ``-2``, ``-3``…
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

__all__ = ["language_tag", "slug", "unique_names"]

_LANGUAGE_TAG = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*")
_NOT_NAME = re.compile(r"[^a-z0-9]+")
_LONGEST = 48
"""Characters a name keeps: enough to tell terms apart, short enough to read."""


def slug(text: str, fallback: str = "note") -> str:
    """``text`` as lowercase ASCII letters and digits joined by ``-``; ``fallback`` when
    nothing of it is left (a term written only in another script)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    name = _NOT_NAME.sub("-", ascii_text.lower()).strip("-")[:_LONGEST].strip("-")
    return name or fallback


def unique_names(wanted: Iterable[tuple[str, str]]) -> dict[str, str]:
    """A distinct name for each key, from ``(key, preferred name)`` pairs in order: the
    preferred name if it is free, else with the first free ``-N`` after it."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for key, name in wanted:
        if key in names:
            continue
        candidate, number = name, 1
        while candidate in taken:
            number += 1
            candidate = f"{name}-{number}"
        taken.add(candidate)
        names[key] = candidate
    return names


def language_tag(language: str) -> str:
    """``language`` if it has the shape of a BCP 47 tag, else ``und`` (undetermined)."""
    return language if _LANGUAGE_TAG.fullmatch(language) else "und"
