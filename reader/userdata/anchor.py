"""Making bookmark anchors: a passage of the flat text said by offsets and by its words.

An anchor (:class:`reader.userdata.model.BookmarkAnchor`) is a span of a document's flat text
(:mod:`reader.userdata.flat`) plus the quoted passage and ~32 characters of context on
each side, so the passage can be found again after the text is edited
(:mod:`reader.userdata.reanchor`). Anchors are made for a span, for a whole block (the
passage at the reading cursor) or for a quote typed on the command line.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from reader.text.i18n import _
from reader.text.strings import format_count
from reader.userdata.flat import FlatText
from reader.userdata.model import BookmarkAnchor

__all__ = [
    "CONTEXT_CHARS",
    "MAX_OCCURRENCES",
    "AnchorError",
    "anchor_for_block",
    "anchor_for_quote",
    "find_quote",
    "make_anchor",
]

CONTEXT_CHARS: Final = 32
"""Characters of prefix and suffix kept with each anchor."""
MAX_OCCURRENCES: Final = 100_000
"""Occurrences of a quote looked at, at most (a one-letter quote in a 5 MB text)."""


class AnchorError(ValueError):
    """A quote that cannot anchor a bookmark: not found, found several times, or empty."""


def make_anchor(flat: FlatText, start: int, end: int) -> BookmarkAnchor:
    """The anchor of ``flat.text[start:end]``, with its context and block.

    Raises :class:`AnchorError` for an empty or out-of-range span.
    """
    if not 0 <= start < end <= len(flat):
        raise AnchorError(
            _("no passage at {start}–{end} (the text has {count} characters)").format(
                start=start, end=end, count=format_count(len(flat))
            )
        )
    block_id = flat.block_id_at(start) or ""
    return BookmarkAnchor(
        block_id=block_id,
        start=start,
        end=end,
        quote=flat.text[start:end],
        prefix=flat.text[max(0, start - CONTEXT_CHARS) : start],
        suffix=flat.text[end : end + CONTEXT_CHARS],
    )


def anchor_for_block(flat: FlatText, block_id: str) -> BookmarkAnchor:
    """The anchor of a whole block (the passage at the reading cursor)."""
    index = flat.index_of(block_id)
    if index is None:
        raise AnchorError(_("no block '{block}' in the text").format(block=block_id))
    start, end = flat.block_range(index)
    if start == end:
        raise AnchorError(_("block '{block}' has no text to bookmark").format(block=block_id))
    return make_anchor(flat, start, end)


def _quote_pattern(quote: str) -> re.Pattern[str]:
    words = unicodedata.normalize("NFC", quote).split()
    if not words:
        raise AnchorError(_("the quote is empty"))
    return re.compile(r"\s+".join(re.escape(word) for word in words))


def find_quote(flat: FlatText, quote: str) -> list[tuple[int, int]]:
    """Every occurrence of ``quote`` (runs of white space match any run), overlapping
    ones included, as (start, end) spans."""
    pattern = _quote_pattern(quote)
    spans: list[tuple[int, int]] = []
    position = 0
    while len(spans) < MAX_OCCURRENCES:
        match = pattern.search(flat.text, position)
        if match is None:
            break
        spans.append(match.span())
        position = match.start() + 1
    return spans


def anchor_for_quote(flat: FlatText, quote: str) -> BookmarkAnchor:
    """The anchor of the one passage matching ``quote`` (white space runs collapsed).

    Raises :class:`AnchorError` when it is empty, not found, or found more than once.
    """
    spans = find_quote(flat, quote)
    if not spans:
        raise AnchorError(_("quote not found in the text"))
    if len(spans) > 1:
        raise AnchorError(
            _("ambiguous: found {count} times; quote more text").format(
                count=format_count(len(spans))
            )
        )
    start, end = spans[0]
    return make_anchor(flat, start, end)
