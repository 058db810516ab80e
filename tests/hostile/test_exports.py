"""The exports of hostile texts: nothing a browser or a Markdown tool would obey gets out raw."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.document import (
    Block,
    BlockKind,
    Document,
    Metadata,
    Span,
    SpanKind,
    parse_document,
)
from reader.glossary import GlossarySet
from reader.linking import OpenedText
from reader.pipeline import TextRef, open_text, resolve_text
from reader.render import to_html, to_markdown
from tests.hostile.make_corpus import ESCAPES, HOSTILE
from tests.page_check import check_page

HOSTILE_TEXTS = [
    "esc-body",
    "esc-heading",
    "esc-code",
    "esc-table",
    "esc-link-text",
    "esc-link-url",
    "esc-front-matter",
    "esc-footnote",
    "esc-glossary",
    "entities",
    "markup",
    "everything",
]


@pytest.mark.parametrize("name", HOSTILE_TEXTS)
def test_hostile_texts_come_out_escaped_in_html(corpus: dict[str, Path], name: str) -> None:
    opened = open_text(resolve_text(str(corpus[name])), strict=False)
    html = to_html(opened)
    check_page(html)  # no raw control character, among the rest
    for sequence in ESCAPES.values():
        assert sequence not in html
    if name == "markup":
        assert "[@click=app.pwned]" in html  # shown as written, never interpreted


@pytest.mark.parametrize("name", HOSTILE_TEXTS)
def test_hostile_texts_come_out_escaped_in_markdown(corpus: dict[str, Path], name: str) -> None:
    """Nothing raw, and read again nothing of the text became markup: no raw HTML."""
    opened = open_text(resolve_text(str(corpus[name])), strict=False)
    markdown = to_markdown(opened)
    for sequence in ESCAPES.values():
        assert sequence not in markdown
    again = parse_document(markdown, "again.md")
    assert all(block.kind is not BlockKind.HTML for block in again.blocks)
    spans = [span for block in again.blocks for span in block.spans]
    assert all(span.kind is not SpanKind.HTML for span in spans)


def _raw_document() -> OpenedText:
    """A document made in code, its strings never through the parser's sanitiser: the
    exports must make them safe themselves."""
    raw = f"{HOSTILE} <script>x</script>"
    block = Block(
        id="p-1", kind=BlockKind.PARAGRAPH, text=raw, spans=(Span(0, 3, SpanKind.EMPHASIS),)
    )
    heading = Block(id="h-1", kind=BlockKind.HEADING, text=raw, level=2)
    code = Block(id="code-1", kind=BlockKind.CODE, text=raw, info=raw)
    meta = Metadata(title=raw, language="pt\x1b", author=raw, source=raw, context=raw)
    document = Document(path="raw.md", meta=meta, blocks=(heading, block, code))
    return OpenedText(TextRef(Path("raw.md"), "raw.md"), document, GlossarySet(), ())


def test_strings_that_skipped_the_sanitiser_are_made_visible_in_html() -> None:
    html = to_html(_raw_document())
    check_page(html)
    assert "<script>" not in html
    assert 'lang="und"' in html


def test_strings_that_skipped_the_sanitiser_are_made_visible_in_markdown() -> None:
    markdown = to_markdown(_raw_document())
    for sequence in ESCAPES.values():
        assert sequence not in markdown
    again = parse_document(markdown, "again.md")
    assert again.warnings == ()  # the front matter is valid, its language left out
    kinds = [block.kind for block in again.blocks]
    assert kinds == [BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.CODE]
    assert again.blocks[1].text.endswith("<script>x</script>")  # text, not HTML
