"""The book's package: ``META-INF/container.xml`` names the package file (OPF), which
lists the book's files (manifest), their reading order (spine), its table of contents
(EPUB 3 nav, EPUB 2 NCX) and its metadata.

Both are XML and read strictly (:func:`parse_xml`): a book without a readable package is
refused in one line naming the file and line. No entity is expanded, no DTD loaded,
nothing fetched over the network: a billion laughs in the package stays a few bytes and
an external entity is never read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final
from urllib.parse import unquote

from lxml import etree

from reader.document.epub.container import (
    CONTAINER_XML,
    Members,
    folder_member,
    member_problem,
)
from reader.document.html.names import local_name
from reader.document.html.parsing import safe_xml_parser
from reader.text.errors import ReaderError
from reader.text.i18n import _
from reader.text.sanitize import visible_line

XHTML_TYPES: Final = frozenset({"application/xhtml+xml", "text/html", "application/html"})
"""Media types of the chapters read (an HTML one is read as HTML if it is not XML)."""
NCX_TYPE: Final = "application/x-dtbncx+xml"
MAX_FALLBACKS: Final = 8


@dataclass(frozen=True)
class Item:
    """One file of the manifest."""

    id: str
    member: str
    """Its name in the container (``OEBPS/text/ch1.xhtml``)."""
    media_type: str
    properties: frozenset[str] = frozenset()
    fallback: str = ""


@dataclass(frozen=True)
class SpineEntry:
    """A file of the reading order: the item it names (None if the manifest has no such
    item, or its file path leaves the book), and whether it is in the linear order."""

    idref: str
    item: Item | None
    linear: bool = True


@dataclass(frozen=True)
class Package:
    """What the package file says."""

    member: str
    """The package file's own name in the container."""
    root: etree._Element
    """The package element (for the metadata)."""
    version: str
    items: dict[str, Item] = field(default_factory=dict)
    spine: tuple[SpineEntry, ...] = ()
    nav: Item | None = None
    """The EPUB 3 navigation document."""
    ncx: Item | None = None
    """The EPUB 2 table of contents."""

    def chapter(self, entry: SpineEntry) -> Item | None:
        """The item to read for ``entry``: itself if it is XHTML, else the first XHTML
        of its fallback chain (EPUB lets a spine item of another type name one)."""
        item, seen = entry.item, 0
        while item is not None and item.media_type not in XHTML_TYPES and seen < MAX_FALLBACKS:
            item, seen = self.items.get(item.fallback), seen + 1
        return item if item is not None and item.media_type in XHTML_TYPES else None

    @property
    def members(self) -> list[str]:
        """The files a reader of this book reads: the package, its chapters, nav and NCX."""
        found = [self.member]
        for item in self.items.values():
            if item.media_type in XHTML_TYPES or item.media_type == NCX_TYPE:
                found.append(item.member)
        return found


def parse_xml(data: bytes, where: str) -> etree._Element:
    """The root of a well-formed XML file, never expanding an entity or loading a DTD;
    ReaderError naming ``where`` and the line otherwise."""
    parser = safe_xml_parser()
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if isinstance(exc.lineno, int) and exc.lineno > 0 else None
        message = visible_line(str(exc.msg or exc).strip())[:200]
        raise ReaderError(
            where, _("not well-formed XML ({message})").format(message=message), line=line
        ) from None
    if root is None:
        raise ReaderError(where, _("empty"))
    return root


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element if local_name(child) == name]


def package_member(members: Members) -> str:
    """The package file named by ``META-INF/container.xml``."""
    where = member_problem(members.name, CONTAINER_XML)
    if CONTAINER_XML not in members:
        raise ReaderError(
            members.name, _("no {container_xml}: not an EPUB").format(container_xml=CONTAINER_XML)
        )
    root = parse_xml(members.read(CONTAINER_XML), where)
    for element in root.iter(etree.Element):
        if local_name(element) == "rootfile":
            media = element.get("media-type", "application/oebps-package+xml")
            path = element.get("full-path") or ""
            if media.strip() == "application/oebps-package+xml" and path:
                member = folder_member("", unquote(path.strip()))
                if member is None:
                    raise ReaderError(
                        where,
                        _("the package '{path}' is outside the book").format(
                            path=visible_line(path)
                        ),
                    )
                return member
    raise ReaderError(where, _("names no package file (no <rootfile full-path=...>)"))


def read_package(members: Members) -> Package:
    """Read the container and the package file; ReaderError if the book has neither,
    or a spine that names nothing to read."""
    member = package_member(members)
    where = member_problem(members.name, member)
    if member not in members:
        raise ReaderError(where, _("the package file named by META-INF/container.xml is missing"))
    root = parse_xml(members.read(member), where)
    if local_name(root) != "package":
        raise ReaderError(
            where,
            _("not a package file (its root is <{local_name}>)").format(
                local_name=local_name(root)
            ),
        )
    folder = member.rpartition("/")[0]
    items = _manifest(root, folder)
    spine_element = next(iter(_children(root, "spine")), None)
    if spine_element is None:
        raise ReaderError(where, _("no <spine>: the book has no reading order"))
    spine = tuple(
        SpineEntry(
            itemref.get("idref", ""),
            items.get(itemref.get("idref", "")),
            itemref.get("linear", "yes").strip().lower() != "no",
        )
        for itemref in _children(spine_element, "itemref")
    )
    if not spine:
        raise ReaderError(where, _("the <spine> lists no chapter"))
    nav = next((item for item in items.values() if "nav" in item.properties), None)
    ncx = items.get(spine_element.get("toc", "")) or next(
        (item for item in items.values() if item.media_type == NCX_TYPE), None
    )
    version = (root.get("version") or "").strip()
    return Package(member, root, version, items, spine, nav, ncx)


def _manifest(root: etree._Element, folder: str) -> dict[str, Item]:
    items: dict[str, Item] = {}
    for manifest in _children(root, "manifest"):
        for element in _children(manifest, "item"):
            ident, href = element.get("id", ""), element.get("href", "")
            path = href.partition("#")[0]
            member = folder_member(folder, unquote(path.strip())) if path.strip() else None
            if not ident or member is None or ident in items:
                continue
            items[ident] = Item(
                ident,
                member,
                (element.get("media-type") or "").strip().lower(),
                frozenset((element.get("properties") or "").split()),
                element.get("fallback", ""),
            )
    return items
