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
"""

from __future__ import annotations

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
from reader.userdata.reanchor import moved_anchor, reanchor, resolve, resolve_all
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
