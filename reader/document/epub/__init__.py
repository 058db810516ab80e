"""EPUB 2 and 3 books (``.epub``, or an unpacked EPUB folder) as one Document.

* :mod:`~.container`: the zip (or folder), checked before a member is read: zip bombs,
  names outside the book, encrypted or duplicate members are refused;
* :mod:`~.package`: ``META-INF/container.xml`` and the package file (manifest, spine,
  nav and NCX), read as strict XML that never expands an entity or loads a DTD;
* :mod:`~.chapters`: the reading order, each chapter decoded and parsed;
* :mod:`~.book`: the chapters converted by the HTML converter into one sequence of
  blocks and notes, the book's own links made jumps (:mod:`~.links`), its table of
  contents the outline (:mod:`~.outline`), its metadata (:mod:`~.metadata`);
* :mod:`~.opening`: the first chapters of a long book, shown while the rest is read;
* :mod:`~.reading`: a book from disk, as the bytes of one zip.

zipfile and lxml do the work (ebooklib was considered: it reads every member, images
too, into memory on opening and checks none of the above, so it would not have spared any
of this). Like the HTML package, this one is imported only when a book is opened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.text.lazy import lazy_names

if TYPE_CHECKING:
    from reader.document.epub.book import parse_epub, parse_epub_opening
    from reader.document.epub.container import EPUB_MIMETYPE
    from reader.document.epub.reading import read_book

_LAZY = {
    "EPUB_MIMETYPE": "reader.document.epub.container",
    "parse_epub": "reader.document.epub.book",
    "parse_epub_opening": "reader.document.epub.book",
    "read_book": "reader.document.epub.reading",
}
"""Each name imported from its module on first use: the reader checks a book (the
container and the package, :func:`read_book`) before its first frame, and converts its
chapters (lxml's HTML, the converter, markdown-it) in the loading thread."""

__all__ = ["EPUB_MIMETYPE", "parse_epub", "parse_epub_opening", "read_book"]


__getattr__ = lazy_names(__name__, _LAZY)
