"""Bookmarks, positions, interface state and settings: what users must be able to trust.

Pure Python, no UI (nothing here imports Textual):

* :mod:`~reader.userdata.datadir`: where user data lives (``--data-dir``,
  ``$READER_DATA_DIR``, the platform's user data folder);
* :mod:`~reader.userdata.model`: text identities, bookmark anchors, bookmarks (frozen
  dataclasses);
* :mod:`~reader.userdata.flat`: a document's flat text, the coordinates anchors use;
* :mod:`~reader.userdata.anchor`: making anchors (a span, a block, a quote);
* :mod:`~reader.userdata.reanchor`: finding them again after the text is edited (attached,
  moved or detached), with :mod:`~reader.userdata.approximate` for edited passages;
* :mod:`~reader.userdata.moves`: which stored bookmarks are a text's after it moved (and
  was edited, even retitled), and keeping them with it (imported from its module);
* :mod:`~reader.userdata.follow`: the reader's place followed into an edited text by the
  same re-anchoring (imported from its module);
* :mod:`~reader.userdata.store`: the SQLite store (bookmarks, reading positions), a
  package: schema and opening, the bookmarks' and positions' rows, the store itself;
* :mod:`~reader.userdata.export`: Markdown and W3C Web Annotation export, and import;
* :mod:`~reader.userdata.session`: one text's bookmarks and position while it is read
  (it builds on this package's API, so it is imported from its module, not re-exported);
* :mod:`~reader.userdata.ui_state`: the interface state file (panels open, widths),
  also imported from its module.

Typical use by a viewer::

    store = open_store(data_dir_option)             # read_only / problem to show
    flat = flat_text(document)                      # parsed or linked: same anchors
    text = text_identity(ref, source, document.meta.title)
    found = moves.text_bookmarks(store, flat, text)  # found.resolved: in reading order
    moves.keep(store, text, found)                   # moved and re-anchored ones kept

Every name here is imported from its module on first use (a module-level
``__getattr__``): the reader's first frame needs a few of them, and must not pay for the
export formats (``urllib.request``, JSON), the re-anchoring or SQLite on its way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.text.lazy import lazy_names

# Imported at once, not on first use: ``reanchor`` is also the name of its module, which
# would stand in the package's namespace in place of the function once imported.
from reader.userdata.reanchor import moved_anchor, reanchor, resolve, resolve_all

if TYPE_CHECKING:
    from reader.userdata.anchor import (
        AnchorError,
        anchor_for_block,
        anchor_for_quote,
        find_quote,
        make_anchor,
    )
    from reader.userdata.datadir import data_dir, default_data_dir
    from reader.userdata.export import (
        AnnotationFormatError,
        from_web_annotations,
        to_markdown,
        to_web_annotations,
    )
    from reader.userdata.flat import FlatText, flat_text
    from reader.userdata.model import (
        AnchorStatus,
        Bookmark,
        BookmarkAnchor,
        Resolved,
        TextIdentity,
        content_hash,
        text_identity,
    )
    from reader.userdata.store import (
        BookmarkNotFound,
        BookmarkStore,
        StoreError,
        StoreReadOnly,
        open_store,
    )

__all__ = [
    "AnchorError",
    "AnchorStatus",
    "AnnotationFormatError",
    "Bookmark",
    "BookmarkAnchor",
    "BookmarkNotFound",
    "BookmarkStore",
    "FlatText",
    "Resolved",
    "StoreError",
    "StoreReadOnly",
    "TextIdentity",
    "anchor_for_block",
    "anchor_for_quote",
    "content_hash",
    "data_dir",
    "default_data_dir",
    "find_quote",
    "flat_text",
    "from_web_annotations",
    "make_anchor",
    "moved_anchor",
    "open_store",
    "reanchor",
    "resolve",
    "resolve_all",
    "text_identity",
    "to_markdown",
    "to_web_annotations",
]

_LAZY = {
    "AnchorError": "reader.userdata.anchor",
    "AnchorStatus": "reader.userdata.model",
    "AnnotationFormatError": "reader.userdata.export",
    "Bookmark": "reader.userdata.model",
    "BookmarkAnchor": "reader.userdata.model",
    "BookmarkNotFound": "reader.userdata.store",
    "BookmarkStore": "reader.userdata.store",
    "FlatText": "reader.userdata.flat",
    "Resolved": "reader.userdata.model",
    "StoreError": "reader.userdata.store",
    "StoreReadOnly": "reader.userdata.store",
    "TextIdentity": "reader.userdata.model",
    "anchor_for_block": "reader.userdata.anchor",
    "anchor_for_quote": "reader.userdata.anchor",
    "content_hash": "reader.userdata.model",
    "data_dir": "reader.userdata.datadir",
    "default_data_dir": "reader.userdata.datadir",
    "find_quote": "reader.userdata.anchor",
    "flat_text": "reader.userdata.flat",
    "from_web_annotations": "reader.userdata.export",
    "make_anchor": "reader.userdata.anchor",
    "open_store": "reader.userdata.store",
    "text_identity": "reader.userdata.model",
    "to_markdown": "reader.userdata.export",
    "to_web_annotations": "reader.userdata.export",
}
"""Where each name above lives."""


__getattr__ = lazy_names(__name__, _LAZY)
