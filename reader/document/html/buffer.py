"""The text of one block as it is gathered from HTML: white space collapsed, spans over it.

HTML says runs of white space (space, tab, line feed, carriage return, form feed) show as
one space, and none at the start or end of a block; a non-breaking space is a character
like any other. The buffer applies that as text comes, so a block never needs a second
pass: a space is held back until more text follows it, and then written once.

Every string goes through :func:`reader.text.sanitize.visible` on its way in: nothing that
comes out of a page reaches the screen as a control sequence.
"""

from __future__ import annotations

import re
from typing import Final

from reader.document.model import Span, SpanKind
from reader.text.sanitize import visible

_WHITE_SPACE: Final = re.compile(r"[ \t\n\r\f]+")


class InlineBuffer:
    """Text and spans of the block being gathered."""

    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self._space = False
        """A space was met and is held until text follows it."""
        self._last = ""
        """The last character written ("" at the start of the block)."""
        self._spans: list[Span] = []
        self._open: list[tuple[SpanKind, int, str]] = []
        self._notes = 0

    @property
    def empty(self) -> bool:
        """Nothing to show yet: no text (white space does not count), no note reference."""
        return self._length == 0 and self._notes == 0

    def _write(self, text: str) -> None:
        self._parts.append(text)
        self._length += len(text)
        self._last = text[-1]

    def text(self, raw: str) -> None:
        """Add page text, collapsing its white space."""
        if not raw:
            return
        collapsed = _WHITE_SPACE.sub(" ", raw)
        if collapsed.startswith(" "):
            self._space = True
            collapsed = collapsed[1:]
        if not collapsed:
            return
        trailing = collapsed.endswith(" ")
        if trailing:
            collapsed = collapsed[:-1]
        self._flush_space()
        self._write(visible(collapsed))
        self._space = trailing

    def literal(self, text: str, *, closing: bool = False) -> None:
        """Add text of our own (quotes around ``<q>``, an image's alt text) as it is,
        after any held space (``closing``: before it, as a closing quote goes); it is
        sanitised too (alt text comes from the page)."""
        if text:
            if not closing:
                self._flush_space()
            self._write(visible(text))

    def line_break(self) -> bool:
        """``<br>``: a hard line break (none at the start of a block). True when it is
        the second in a row: a blank line, which pages write between paragraphs (the
        first break is then taken back, for the caller to end the paragraph)."""
        if not self._length:
            return False
        self._space = False
        if self._last == "\n":
            self._parts[-1] = self._parts[-1][:-1]
            if not self._parts[-1]:
                self._parts.pop()
            self._length -= 1
            self._last = self._parts[-1][-1] if self._parts else ""
            return True
        self._write("\n")
        return False

    def _flush_space(self) -> None:
        if self._space and self._length and self._last != "\n":
            self._write(" ")
        self._space = False

    def open(self, kind: SpanKind, target: str = "") -> None:
        """Start a span here (after a held space, so the span does not begin with it)."""
        self._flush_space()
        self._open.append((kind, self._length, target))

    def close(self, kind: SpanKind) -> None:
        """End the innermost open span of ``kind``; an empty one is dropped."""
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] is kind:
                span_kind, start, target = self._open.pop(index)
                if self._length > start:
                    self._spans.append(Span(start, self._length, span_kind, target))
                return

    def note_ref(self, key: str) -> None:
        """A zero-width reference to note ``key`` here (the number is shown after it)."""
        self._spans.append(Span(self._length, self._length, SpanKind.NOTE_REF, key))
        self._notes += 1

    def take(self) -> tuple[str, tuple[Span, ...]]:
        """The block's text and spans; the buffer starts a new block, with the spans
        still open carried over (a ``<b>`` across two paragraphs goes on in the next)."""
        text = "".join(self._parts).rstrip("\n")  # a break that ends a block shows nothing
        end = len(text)
        for kind, start, target in self._open:
            if end > start:
                self._spans.append(Span(start, end, kind, target))
        spans = tuple(
            sorted(
                (_clamped(span, end) for span in self._spans if span.start <= end),
                key=lambda span: (span.start, -span.end),
            )
        )
        carried = [(kind, 0, target) for kind, _, target in self._open]
        self._reset()
        self._open = carried
        return text, spans


def _clamped(span: Span, end: int) -> Span:
    """``span`` ending by ``end`` (the line breaks a block ended with are gone)."""
    return span if span.end <= end else Span(span.start, end, span.kind, span.target, span.number)
