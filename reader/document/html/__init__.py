"""From HTML (a saved web page, an EPUB chapter) to the document model, without Markdown.

* :mod:`~.parsing`: lxml, safely (no entities expanded, no network, bounded depth);
* :mod:`~.metadata`: what a page says about itself (``<title>``, ``<meta>``, Open Graph,
  JSON-LD);
* :mod:`~.extract` and :mod:`~.boilerplate`: a web page's article, without its menus,
  ads, banners, comments and footers (web pages only);
* :mod:`~.notes`: which links are note references and which elements their notes;
* :mod:`~.convert` with :mod:`~.walk` and its handlers (:mod:`~.blocks`, :mod:`~.inline`,
  :mod:`~.tables`): element trees into blocks and notes — the part an EPUB reuses;
* :mod:`~.page`: ``parse_html``, a web page as a Document.

Importing this package imports lxml (and, when a page's article is looked for,
readability-lxml): the rest of the reader imports it only when an HTML text is opened,
so start-up does not pay for it; and its names are imported from their modules on first
use, so checking an EPUB's package before the first frame (:mod:`~.names`) does not
import the converter. Every string that comes out goes through
:func:`reader.text.sanitize.visible` (or ``visible_line``) on its way in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.text.lazy import lazy_names

if TYPE_CHECKING:
    from reader.document.html.convert import Added, Converted, HtmlConverter, convert_tree
    from reader.document.html.notes import NoteIndex, link_target, note_key
    from reader.document.html.page import parse_html
    from reader.document.html.parsing import Parsed, parse_markup

__all__ = [
    "Added",
    "Converted",
    "HtmlConverter",
    "NoteIndex",
    "Parsed",
    "convert_tree",
    "link_target",
    "note_key",
    "parse_html",
    "parse_markup",
]

_LAZY = {
    "Added": "reader.document.html.convert",
    "Converted": "reader.document.html.convert",
    "HtmlConverter": "reader.document.html.convert",
    "convert_tree": "reader.document.html.convert",
    "NoteIndex": "reader.document.html.notes",
    "link_target": "reader.document.html.notes",
    "note_key": "reader.document.html.notes",
    "parse_html": "reader.document.html.page",
    "Parsed": "reader.document.html.parsing",
    "parse_markup": "reader.document.html.parsing",
}


__getattr__ = lazy_names(__name__, _LAZY)
