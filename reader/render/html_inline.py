"""The inline part of the HTML export: a block's text and spans as escaped HTML.

Kept apart from the page so the rules for what the text may become are in one place: a
term is a link to its note (in the glossary section, to its entry), a footnote reference
its number linking to the note, a web link an ``<a>`` only for a safe URL; everything
else is text, made visible and escaped.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping, Sequence
from html import escape
from typing import Literal

from reader.document.jumps import linked_block
from reader.document.model import Note, Span, SpanKind
from reader.glossary import GlossarySet
from reader.linking import term_key
from reader.render.inline import Element, nest
from reader.text.sanitize import is_safe_url, visible, visible_line

__all__ = ["InlineWriter", "TermLinks", "text_html"]

TermLinks = Literal["notes", "glossary", "plain"]
"""Where a term links: to its note (the article and notes), to its glossary entry (the
glossary section), or nowhere (the context note)."""

_TAGS = {
    SpanKind.EMPHASIS: "em",
    SpanKind.STRONG: "strong",
    SpanKind.CODE: "code",
    SpanKind.STRIKE: "s",
    SpanKind.HTML: "code",
}


def text_html(text: str) -> str:
    """Text from a file as HTML text: made visible, escaped, line breaks as ``<br>``."""
    return escape(visible(text), quote=False)


def _attribute(text: str) -> str:
    return escape(visible_line(text), quote=True)


class InlineWriter:
    """Writes inline text; remembers which notes have been referenced, and where first
    (``ref-N``, the target of each note's way back)."""

    def __init__(
        self, notes: Mapping[str, Note], entries: Mapping[str, str], glossaries: GlossarySet
    ) -> None:
        self._notes = notes
        self._entries = entries
        self._glossaries = glossaries
        self._referenced: set[str] = set()
        self._links: TermLinks = "notes"
        self._in_anchor = False
        """Writing the text of a web link: no ``<a>`` may open inside it."""
        self._after_anchor: list[str] = []
        """The note references met in that text, written after the link."""

    @contextlib.contextmanager
    def terms(self, links: TermLinks) -> Iterator[None]:
        """Write terms as ``links`` within the ``with`` block."""
        before, self._links = self._links, links
        try:
            yield
        finally:
            self._links = before

    def has_reference(self, key: str) -> bool:
        """Whether a reference to the note ``key`` has been written (with id ``ref-N``)."""
        return key in self._referenced

    def write(self, text: str, spans: Sequence[Span]) -> str:
        """``text`` with ``spans`` as HTML; hard line breaks as ``<br>``."""
        html = self._element(nest(text, spans), text)
        return html.replace("\n", "<br>\n")

    def _element(self, element: Element, text: str) -> str:
        span = element.span
        if span is not None and self._is_anchor(span) and not self._in_anchor:
            return self._anchor(element, span, text)
        inner = "".join(
            text_html(piece) if isinstance(piece, str) else self._element(piece, text)
            for piece in element.pieces(text)
        )
        return inner if span is None else self._wrap(span, inner)

    @staticmethod
    def _is_anchor(span: Span) -> bool:
        """Whether ``span`` is written as an ``<a>`` of its own (a web link with a safe
        URL, a link to a place in the text): anything that would be a link inside it
        must go elsewhere."""
        if span.kind is SpanKind.LINK and linked_block(span.target) is not None:
            return True
        return span.kind in (SpanKind.LINK, SpanKind.IMAGE) and is_safe_url(span.target)

    def _anchor(self, element: Element, span: Span, text: str) -> str:
        """A web link whose text holds note references (``[Beevor[^1]](url)``): HTML has
        no links inside links (a browser would close the outer one there), so each
        reference is written right after the link, and a term in it is plain text."""
        self._in_anchor, self._after_anchor = True, []
        try:
            inner = "".join(
                text_html(piece) if isinstance(piece, str) else self._element(piece, text)
                for piece in element.pieces(text)
            )
            return self._wrap(span, inner) + "".join(self._after_anchor)
        finally:
            self._in_anchor, self._after_anchor = False, []

    def _wrap(self, span: Span, inner: str) -> str:
        kind = span.kind
        tag = _TAGS.get(kind)
        if tag is not None:
            extra = ' class="raw-html"' if kind is SpanKind.HTML else ""
            return f"<{tag}{extra}>{inner}</{tag}>"
        if kind is SpanKind.LINK and (block := linked_block(span.target)) is not None:
            return f'<a href="#{_attribute(block)}">{inner}</a>'  # a place on this page
        if kind is SpanKind.LINK or kind is SpanKind.IMAGE:
            css = ' class="image"' if kind is SpanKind.IMAGE else ""
            if is_safe_url(span.target):
                href = _attribute(span.target)
                return f'<a href="{href}"{css} rel="noopener noreferrer">{inner}</a>'
            return f'<span class="link" title="{_attribute(span.target)}">{inner}</span>'
        if kind is SpanKind.NOTE_REF:
            note = self._notes.get(span.target)
            if note is None:
                return inner
            reference = self._reference(note, f"<sup>{note.number}</sup>", "")
            if self._in_anchor:
                self._after_anchor.append(reference)
                return ""
            return reference
        if kind is SpanKind.TERM_REF:
            return self._term(span, inner)
        return inner

    def _term(self, span: Span, inner: str) -> str:
        term = self._glossaries.terms.get(span.target)
        title = f' title="{_attribute(term.short)}"' if term is not None else ""
        if self._links == "glossary" and not self._in_anchor:
            entry = self._entries.get(span.target)
            if entry is None:
                return f'<span class="term"{title}>{inner}</span>'
            return f'<a class="term" href="#{entry}" role="doc-glossref"{title}>{inner}</a>'
        note = self._notes.get(term_key(span.target))
        if self._links == "plain" or note is None or self._in_anchor:
            return f'<span class="term"{title}>{inner}</span>'
        number = f"<sup>{span.number}</sup>" if span.number is not None else ""
        return self._reference(note, f"{inner}{number}", f' class="term"{title}')

    def _reference(self, note: Note, inner: str, attributes: str) -> str:
        """A link to ``note``; the first one carries the id its note links back to."""
        first = note.key not in self._referenced
        self._referenced.add(note.key)
        id_attribute = f' id="ref-{note.number}"' if first else ""
        return (
            f'<a href="#note-{note.number}" role="doc-noteref"{id_attribute}{attributes}>'
            f"{inner}</a>"
        )
