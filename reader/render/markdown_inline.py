"""The inline part of the Markdown export: a block's text and spans as CommonMark.

The text of a block holds no markup any more (the parser took it out), so every
character that Markdown would read as markup is escaped: a ``*`` or ``[`` in the text
stays a ``*`` or ``[`` in any Markdown tool, and raw HTML in the source (shown literally
by the reader) stays literal (``\\<b>``). Formatting is written back as ``*``, ``**``,
``~~`` and code spans; a glossary term is its text followed by a footnote reference
(``Wehrmacht[^wehrmacht]``) where the reader shows its note number.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from reader.document.model import Span, SpanKind
from reader.linking import term_key
from reader.render.inline import Element, nest
from reader.text.sanitize import is_safe_url, visible

__all__ = ["escape_line_start", "escape_text", "inline_markdown"]

_MARKUP = re.compile(r"([\\`*_\[\]<>&|~])")
_LINE_START = re.compile(r"^( *)([#>+=:-]|\d{1,9}[.)])")
_DELIMITERS = {SpanKind.EMPHASIS: "*", SpanKind.STRONG: "**", SpanKind.STRIKE: "~~"}
_URL_UNSAFE = re.compile(r"[\s<>()\\]")


def escape_text(text: str) -> str:
    """Text from a file, made visible, with every character Markdown would obey escaped."""
    return _MARKUP.sub(r"\\\1", visible(text))


def escape_line_start(line: str) -> str:
    """``line`` with what would open a heading, quote, list, definition or rule at the
    start of a line escaped (``\\#``, ``1\\.``); leading spaces and tabs dropped (four
    would make the line code)."""
    line = line.lstrip(" \t")
    match = _LINE_START.match(line)
    if match is None:
        return line
    mark = match.group(2)
    escaped = f"{mark[:-1]}\\{mark[-1]}"
    return escaped + line[match.end() :]


def inline_markdown(text: str, spans: Sequence[Span], labels: Mapping[str, str]) -> str:
    """``text`` with ``spans`` as Markdown; ``labels`` names each note's footnote (by
    note key). Hard line breaks stay ``\\n``: the caller ends those lines with ``\\``."""
    return _element(nest(text, spans), text, labels)


def _element(element: Element, text: str, labels: Mapping[str, str]) -> str:
    span = element.span
    if span is not None and span.kind is SpanKind.CODE:
        return _code_span(text[element.start : element.end])
    inner = "".join(
        escape_text(piece) if isinstance(piece, str) else _element(piece, text, labels)
        for piece in element.pieces(text)
    )
    return inner if span is None else _wrap(span, inner, labels)


def _wrap(span: Span, inner: str, labels: Mapping[str, str]) -> str:
    kind = span.kind
    if kind in _DELIMITERS:
        return _delimited(inner, _DELIMITERS[kind])
    if kind is SpanKind.LINK or kind is SpanKind.IMAGE:
        if is_safe_url(span.target) and inner.strip():
            return f"[{inner}]({_destination(span.target)})"
        return inner
    if kind is SpanKind.NOTE_REF:
        label = labels.get(span.target)
        return inner if label is None else f"{inner}[^{label}]"
    if kind is SpanKind.TERM_REF:
        label = labels.get(term_key(span.target))
        if label is None or span.number is None:
            return inner
        return f"{inner}[^{label}]"
    return inner  # inline HTML: its text, escaped, is already literal


def _delimited(inner: str, delimiter: str) -> str:
    """``inner`` between delimiters, white space at either end moved outside them (a
    delimiter next to a space does not open or close)."""
    stripped = inner.strip()
    if not stripped:
        return inner
    before = inner[: len(inner) - len(inner.lstrip())]
    after = inner[len(inner.rstrip()) :]
    return f"{before}{delimiter}{stripped}{delimiter}{after}"


def _code_span(code: str) -> str:
    """A code span fenced by more backticks than any run inside it."""
    code = visible(code).replace("\n", " ")
    if not code:
        return ""
    longest = max((len(run) for run in re.findall("`+", code)), default=0)
    fence = "`" * (longest + 1)
    if code.startswith("`") or code.endswith("`") or (code.startswith(" ") and code.strip()):
        code = f" {code} "
    return f"{fence}{code}{fence}"


def _destination(url: str) -> str:
    """A link destination no character of which Markdown can misread."""
    return _URL_UNSAFE.sub(lambda match: f"%{ord(match.group()):02X}", url)
