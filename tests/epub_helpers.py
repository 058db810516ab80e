"""EPUBs built from scratch with zipfile, for the tests: a book is a few chapters of
XHTML, a package file, a nav (EPUB 3) or an NCX (EPUB 2), each of which a test may
replace by hand to make it wrong."""

from __future__ import annotations

import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

XHTML_NS = 'xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"'


def chapter(body: str, title: str = "capítulo", prolog: str = "") -> str:
    """An XHTML chapter around ``body`` (its ``<body>``'s content)."""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n{prolog}'
        f'<html {XHTML_NS} lang="pt"><head><title>{escape(title)}</title></head>'
        f"<body>{body}</body></html>"
    )


@dataclass
class Book:
    """A book to write: chapters (file name → XHTML, in spine order) under ``OEBPS/``."""

    chapters: Mapping[str, str]
    version: str = "3.0"
    metadata: str = (
        "<dc:title>O Livro do Rio</dc:title><dc:creator>Ana Souza</dc:creator>"
        "<dc:language>pt</dc:language>"
    )
    toc: Sequence[tuple[int, str, str]] = ()
    """(level, title, href) entries of the nav or NCX; none: no nav, no NCX."""
    ncx: bool = False
    """Write an NCX (EPUB 2's table of contents) instead of a nav."""
    extra: dict[str, bytes] = field(default_factory=dict)
    """Other members, by name, written as they are (a test's hostile ones)."""
    spine: Sequence[str] | None = None
    """The spine's idrefs (default: every chapter, in order)."""
    manifest: str = ""
    """More ``<item>`` elements."""
    opf: str | None = None
    """The package file as written, instead of the one made from the fields above."""
    container: str | None = None

    def item_id(self, name: str) -> str:
        return "c-" + name.replace(".", "-").replace("/", "-")

    def package(self) -> str:
        if self.opf is not None:
            return self.opf
        items = "".join(
            f'<item id="{self.item_id(name)}" href="{escape(name)}" '
            'media-type="application/xhtml+xml"/>'
            for name in self.chapters
        )
        if self.toc and not self.ncx:
            items += (
                '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" '
                'properties="nav"/>'
            )
        if self.toc and self.ncx:
            items += '<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>'
        spine_ids = (
            self.spine if self.spine is not None else [self.item_id(n) for n in self.chapters]
        )
        spine = "".join(f'<itemref idref="{ident}"/>' for ident in spine_ids)
        toc = ' toc="ncx"' if self.toc and self.ncx else ""
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<package xmlns="http://www.idpf.org/2007/opf" version="{self.version}" '
            'unique-identifier="id">'
            '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/" '
            f'xmlns:opf="http://www.idpf.org/2007/opf">{self.metadata}</metadata>'
            f"<manifest>{items}{self.manifest}</manifest><spine{toc}>{spine}</spine></package>"
        )

    def nav(self) -> str:
        def items(entries: Sequence[tuple[int, str, str]]) -> str:
            html, index = "<ol>", 0
            while index < len(entries):
                level, title, href = entries[index]
                end = index + 1
                while end < len(entries) and entries[end][0] > level:
                    end += 1
                inner = items(entries[index + 1 : end]) if end > index + 1 else ""
                html += f'<li><a href="{escape(href)}">{escape(title)}</a>{inner}</li>'
                index = end
            return html + "</ol>"

        return chapter(f'<nav epub:type="toc"><h1>Sumário</h1>{items(self.toc)}</nav>', "Sumário")

    def ncx_file(self) -> str:
        def points(entries: Sequence[tuple[int, str, str]]) -> str:
            xml, index = "", 0
            while index < len(entries):
                level, title, href = entries[index]
                end = index + 1
                while end < len(entries) and entries[end][0] > level:
                    end += 1
                inner = points(entries[index + 1 : end])
                xml += (
                    f'<navPoint id="n{level}-{index}"><navLabel><text>{escape(title)}</text>'
                    f'</navLabel><content src="{escape(href)}"/>{inner}</navPoint>'
                )
                index = end
            return xml

        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<!DOCTYPE ncx PUBLIC "-//NISO//DTD ncx 2005-1//EN" '
            '"http://www.daisy.org/z3986/2005/ncx-2005-1.dtd">'
            '<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1">'
            f"<head/><docTitle><text>O Livro</text></docTitle><navMap>{points(self.toc)}"
            "</navMap></ncx>"
        )

    def members(self) -> dict[str, bytes]:
        """Every member, in the order written (``mimetype`` first, as EPUB asks)."""
        container = self.container or (
            '<?xml version="1.0"?><container version="1.0" '
            'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
            '<rootfile full-path="OEBPS/content.opf" '
            'media-type="application/oebps-package+xml"/></rootfiles></container>'
        )
        found = {
            "mimetype": b"application/epub+zip",
            "META-INF/container.xml": container.encode(),
            "OEBPS/content.opf": self.package().encode(),
        }
        for name, text in self.chapters.items():
            found[f"OEBPS/{name}"] = text.encode()
        if self.toc and not self.ncx:
            found["OEBPS/nav.xhtml"] = self.nav().encode()
        if self.toc and self.ncx:
            found["OEBPS/toc.ncx"] = self.ncx_file().encode()
        found.update(self.extra)
        return found

    def write(self, path: Path) -> Path:
        """The book as an .epub at ``path``."""
        write_zip(path, self.members())
        return path

    def unpack(self, folder: Path) -> Path:
        """The book as an unpacked EPUB folder."""
        for name, data in self.members().items():
            target = folder.joinpath(*name.split("/"))
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        return folder


def write_zip(path: Path, members: Mapping[str, bytes]) -> Path:
    """A zip of ``members`` (``mimetype`` stored, the rest deflated)."""
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            method = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0)), data, method)
    return path


def river_book(**changes: object) -> Book:
    """Three chapters, an EPUB 3 nav, noterefs to a footnote and to an endnote in a notes
    chapter, a link to another chapter and one back."""
    chapters = {
        "um.xhtml": chapter(
            '<section id="nascente"><h1>A nascente</h1>'
            "<p>O Volga nasce nas colinas de Valdai."
            '<a epub:type="noteref" href="#n1">1</a></p>'
            '<p>Leia sobre <a href="dois.xhtml#foz">a foz do rio</a> mais adiante.</p>'
            '<aside epub:type="footnote" id="n1"><p>A cerca de 228 metros.</p></aside>'
            "</section>"
        ),
        "dois.xhtml": chapter(
            "<h1>O delta</h1><p>Um parágrafo de passagem antes da foz.</p>"
            '<h2 id="foz">A foz</h2><p>O rio termina no mar Cáspio.'
            '<a role="doc-noteref" href="notas.xhtml#e1">2</a></p>'
            '<p>De volta <a href="um.xhtml">ao começo</a>, ou ao '
            '<a href="https://example.org/volga">sítio</a>.</p>'
        ),
        "notas.xhtml": chapter(
            '<section epub:type="endnotes" role="doc-endnotes"><h1>Notas</h1><ol>'
            '<li id="e1" epub:type="endnote" role="doc-endnote"><p>Perto de Astracã.</p></li>'
            "</ol></section>"
        ),
    }
    book = Book(
        chapters,
        toc=(
            (1, "Primeiro: a nascente", "um.xhtml"),
            (1, "Segundo: o delta", "dois.xhtml"),
            (2, "A foz", "dois.xhtml#foz"),
        ),
    )
    for name, value in changes.items():
        setattr(book, name, value)
    return book
