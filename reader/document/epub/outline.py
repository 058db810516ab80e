"""A book's own table of contents: the EPUB 3 navigation document's ``<nav
epub:type="toc">``, else the EPUB 2 NCX's ``navMap``, as (level, title, target) entries.

Targets are "file#id" (or a file alone) in the book, as :func:`reader.document.html.
link_target` makes them; the book maps them to blocks. Both files are read with the HTML
module's safe parser (no entity expanded, no DTD or network), which accepts a nav that is
not well-formed XML, and are bounded: at most :data:`MAX_ENTRIES` entries, at most
:data:`MAX_LEVEL` deep.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import Final
from urllib.parse import unquote

from lxml import etree

from reader.document.html.names import epub_types, local_name, text_of
from reader.text.sanitize import title_line

MAX_ENTRIES: Final = 20_000
MAX_LEVEL: Final = 6


@dataclass(frozen=True)
class TocEntry:
    """One entry of the table of contents."""

    level: int
    title: str
    target: str
    """"file#id" or "file" (a member of the book)."""


def resolve_href(base: str, href: str) -> str | None:
    """``href`` (relative to the member ``base``) as "file#id" or "file"; None when it
    leaves the book (another scheme, an absolute path, above its root)."""
    path, hash_mark, fragment = href.strip().partition("#")
    if path and (":" in path.split("/", 1)[0] or path.startswith("/")):
        return None
    member = base
    if path:
        member = posixpath.normpath(posixpath.join(posixpath.dirname(base), unquote(path)))
        if member.startswith("../") or member == "..":
            return None
    return f"{member}#{unquote(fragment)}" if hash_mark and fragment else member


def nav_entries(root: etree._Element, base: str) -> list[TocEntry]:
    """The entries of the navigation document's table of contents (the first ``<nav>``
    marked ``toc``, else the first ``<nav>``)."""
    navs = [element for element in root.iter(etree.Element) if local_name(element) == "nav"]
    toc = next(
        (nav for nav in navs if "toc" in epub_types(nav) or nav.get("role") == "doc-toc"), None
    )
    if toc is None:
        toc = next(iter(navs), None)
    if toc is None:
        return []
    entries: list[TocEntry] = []
    lists = [child for child in toc.iter(etree.Element) if local_name(child) == "ol"]
    if lists:
        _nav_list(lists[0], base, 1, entries)
    return entries


def _nav_list(items: etree._Element, base: str, level: int, entries: list[TocEntry]) -> None:
    for item in items:
        if len(entries) >= MAX_ENTRIES:
            return
        if local_name(item) != "li":
            continue
        link = next((e for e in item if local_name(e) in ("a", "span")), None)
        if link is not None:
            target = resolve_href(base, link.get("href") or "") if local_name(link) == "a" else None
            title = title_line(text_of(link, 50))
            if target is not None and title:
                entries.append(TocEntry(min(level, MAX_LEVEL), title, target))
        for child in item:
            if local_name(child) == "ol":
                _nav_list(child, base, level + 1, entries)


def ncx_entries(root: etree._Element, base: str) -> list[TocEntry]:
    """The entries of an NCX's ``navMap``, in document order (its ``playOrder`` is
    the same order in every NCX that is valid)."""
    entries: list[TocEntry] = []
    nav_map = next((e for e in root.iter(etree.Element) if local_name(e) == "navmap"), None)
    if nav_map is None:
        return entries
    for point in nav_map.iter(etree.Element):
        if len(entries) >= MAX_ENTRIES:
            break
        if local_name(point) != "navpoint":
            continue
        level = sum(1 for a in point.iterancestors() if local_name(a) == "navpoint") + 1
        label = next((e for e in point if local_name(e) == "navlabel"), None)
        content = next((e for e in point if local_name(e) == "content"), None)
        title = title_line(text_of(label, 50)) if label is not None else ""
        target = resolve_href(base, content.get("src") or "") if content is not None else None
        if title and target is not None:
            entries.append(TocEntry(min(level, MAX_LEVEL), title, target))
    return entries
