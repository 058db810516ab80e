"""Inline tokens to text and spans: emphasis, links, code, images, note references."""

from __future__ import annotations

from collections.abc import Sequence

from markdown_it.token import Token

from reader.document.model import Span, SpanKind
from reader.text.sanitize import visible, visible_line


def inline_content(children: Sequence[Token] | None) -> tuple[str, tuple[Span, ...]]:
    """Flatten an inline token list into plain text and spans over it."""
    parts: list[str] = []
    spans: list[Span] = []
    opened: list[tuple[SpanKind, int, str]] = []
    length = 0

    def add(text: str) -> int:
        nonlocal length
        start = length
        parts.append(text)
        length += len(text)
        return start

    for token in children or ():
        kind = token.type
        if kind == "text":
            add(visible(token.content))
        elif kind == "softbreak":
            add(" ")
        elif kind == "hardbreak":
            add("\n")
        elif kind == "code_inline":
            start = add(visible(token.content))
            spans.append(Span(start, length, SpanKind.CODE))
        elif kind in _OPENERS:
            href = visible_line(str(token.attrs.get("href", ""))) if kind == "link_open" else ""
            opened.append((_OPENERS[kind], length, href))
        elif kind in _CLOSERS:
            wanted = _CLOSERS[kind]
            for index in range(len(opened) - 1, -1, -1):
                if opened[index][0] is wanted:
                    span_kind, start, href = opened.pop(index)
                    spans.append(Span(start, length, span_kind, href))
                    break
        elif kind == "image":
            alt = visible("".join(child.content for child in token.children or ()))
            start = add(f"[{alt or 'image'}]")
            src = visible_line(str(token.attrs.get("src", "")))
            spans.append(Span(start, length, SpanKind.IMAGE, src))
        elif kind == "footnote_ref":
            spans.append(Span(length, length, SpanKind.NOTE_REF, f"fn:{token.meta['id']}"))
        elif kind == "html_inline":
            start = add(visible(token.content))
            spans.append(Span(start, length, SpanKind.HTML))
        elif token.content:
            add(visible(token.content))
    spans.sort(key=lambda span: (span.start, -span.end))
    return "".join(parts), tuple(spans)


_OPENERS = {
    "em_open": SpanKind.EMPHASIS,
    "strong_open": SpanKind.STRONG,
    "s_open": SpanKind.STRIKE,
    "link_open": SpanKind.LINK,
}
_CLOSERS = {
    "em_close": SpanKind.EMPHASIS,
    "strong_close": SpanKind.STRONG,
    "s_close": SpanKind.STRIKE,
    "link_close": SpanKind.LINK,
}
