"""Linking: a parsed document and its glossaries become the text the reader reads.

* :mod:`~reader.linking.link`: term spans, one note sequence, the notes section;
* :mod:`~reader.linking.notes`: a glossary entry or a footnote as a document of its own;
* :mod:`~reader.linking.context`: the ``context:`` note, its sources left unlinked;
* :mod:`~reader.linking.opened`: :class:`OpenedText`, what a loaded text carries.
"""

from reader.document.model import NOTES_BLOCK_ID
from reader.linking.context import context_document, context_terms
from reader.linking.link import Marks, link_document, term_key
from reader.linking.notes import entry_document, footnote_document
from reader.linking.opened import OpenedText

__all__ = [
    "NOTES_BLOCK_ID",
    "Marks",
    "OpenedText",
    "context_document",
    "context_terms",
    "entry_document",
    "footnote_document",
    "link_document",
    "term_key",
]
