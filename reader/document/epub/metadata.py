"""What a book's package says about it: Dublin Core title, creators, language, date and
publisher, into the same fields as front matter.

EPUB 2 qualifies an element with attributes (``opf:role="aut"``, ``opf:event=
"publication"``); EPUB 3 with ``<meta refines="#id" property="role">``. Both are read.
Nothing is invented: a field the package does not give stays None (the title falls back
to the file name, the language to "und"). Every value is made visible on one line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import islice
from typing import Final

from lxml import etree

from reader.document.html.names import element_id, local_name, text_of
from reader.document.html.values import iso_date, language_tag
from reader.text.sanitize import title_line

MAX_FIELD_CHARS: Final = 500
MAX_ELEMENTS: Final = 200
"""Metadata elements looked at: a real package has a few dozen."""
_OPF: Final = "{http://www.idpf.org/2007/opf}"
AUTHOR_ROLES: Final = frozenset({"aut", "author", ""})
PUBLISHED: Final = ("publication", "original-publication", "issued", "published", "")


@dataclass(frozen=True)
class BookMetadata:
    """The package's own word on the book; None where it says nothing."""

    title: str | None = None
    author: str | None = None
    language: str | None = None
    date: str | None = None
    publisher: str | None = None


def _field(element: etree._Element) -> str | None:
    return title_line(text_of(element, 50), MAX_FIELD_CHARS) or None


def _refinements(metadata: list[etree._Element]) -> dict[tuple[str, str], str]:
    """EPUB 3's ``<meta refines="#id" property="p">value</meta>``, by (id, property)."""
    found: dict[tuple[str, str], str] = {}
    for element in metadata:
        refines = (element.get("refines") or "").strip()
        prop = (element.get("property") or "").strip().lower()
        if local_name(element) == "meta" and refines.startswith("#") and prop:
            found.setdefault((refines[1:], prop), " ".join(text_of(element, 10).split()).lower())
    return found


def _attribute(element: etree._Element, name: str) -> str:
    return (element.get(f"{_OPF}{name}") or element.get(name) or "").strip().lower()


def book_metadata(package: etree._Element) -> BookMetadata:
    """The metadata of the package element ``package``."""
    metadata = [
        element
        for holder in package
        if local_name(holder) == "metadata"
        for element in islice(holder.iter(etree.Element), 1, MAX_ELEMENTS + 1)
    ]
    refined = _refinements(metadata)
    by_name: dict[str, list[etree._Element]] = {}
    for element in metadata:
        by_name.setdefault(local_name(element), []).append(element)
    return BookMetadata(
        title=_title(by_name.get("title", []), refined),
        author=_authors(by_name.get("creator", []), refined),
        language=next(
            (tag for e in by_name.get("language", []) if (tag := language_tag(_field(e)))), None
        ),
        date=_date(by_name.get("date", [])),
        publisher=next((value for e in by_name.get("publisher", []) if (value := _field(e))), None),
    )


def _title(titles: list[etree._Element], refined: Mapping[tuple[str, str], str]) -> str | None:
    """The main title: EPUB 3's ``title-type`` main if one is marked, else the first."""
    main = [t for t in titles if refined.get((element_id(t), "title-type")) == "main"]
    return next((value for element in main or titles if (value := _field(element))), None)


def _authors(creators: list[etree._Element], refined: Mapping[tuple[str, str], str]) -> str | None:
    """The creators whose role is author (or unsaid), else every creator, joined."""

    def role(element: etree._Element) -> str:
        return _attribute(element, "role") or refined.get((element_id(element), "role"), "")

    authors = [c for c in creators if role(c) in AUTHOR_ROLES] or creators
    names = [value for element in authors if (value := _field(element))]
    joined = ", ".join(dict.fromkeys(names))
    return title_line(joined, MAX_FIELD_CHARS) if joined else None


def _date(dates: list[etree._Element]) -> str | None:
    """The publication date (EPUB 2 may list several events), as YYYY-MM-DD."""
    for event in PUBLISHED:
        for element in dates:
            if _attribute(element, "event") == event:
                value = iso_date(_field(element))
                if value:
                    return value
    return next((value for element in dates if (value := iso_date(_field(element)))), None)
