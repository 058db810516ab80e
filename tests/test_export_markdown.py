"""``reader render --format markdown``: portable Markdown, glossary notes as footnotes,
read back by our own parser (markdown-it-py) with the same notes and the same text."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.document import Block, BlockKind, Document, NoteKind, SpanKind, parse_document
from reader.linking import NOTES_BLOCK_ID, OpenedText
from reader.pipeline import open_text, resolve_text
from reader.render import to_markdown
from reader.render.names import slug
from tests.core_helpers import FIXTURES, run_cli

EVERY_BLOCK = FIXTURES / "render" / "every-block.md"


def _article(document: Document) -> list[Block]:
    end = document.block_index(NOTES_BLOCK_ID)
    return list(document.blocks if end is None else document.blocks[:end])


def _shape(blocks: list[Block]) -> list[tuple[object, ...]]:
    """What a block is and says, without the spans the export changes on purpose (terms
    become footnote references, raw HTML text, images links)."""
    kept = {SpanKind.EMPHASIS, SpanKind.STRONG, SpanKind.CODE, SpanKind.STRIKE, SpanKind.LINK}
    return [
        (
            BlockKind.CODE if block.kind is BlockKind.HTML else block.kind,
            block.text,
            block.level,
            tuple(c.kind for c in block.containers),
            tuple((_link(s.kind), s.start, s.end) for s in block.spans if _link(s.kind) in kept),
        )
        for block in blocks
    ]


def _link(kind: SpanKind) -> SpanKind:
    """An image is exported as a link to it (no image is fetched to show the text)."""
    return SpanKind.LINK if kind is SpanKind.IMAGE else kind


def test_glossary_notes_become_footnotes_named_after_their_terms() -> None:
    markdown = to_markdown(open_text(resolve_text("stalingrado")))
    assert "Wehrmacht[^wehrmacht]" in markdown
    assert "\n[^wehrmacht]: **Wehrmacht** — As forças armadas" in markdown
    assert "glossary: []" in markdown


def test_read_again_it_has_the_same_notes_in_the_same_order() -> None:
    opened = open_text(resolve_text("stalingrado"))
    again = parse_document(to_markdown(opened), "again.md")
    assert again.warnings == ()
    notes = opened.document.notes
    assert [note.label for note in again.notes] == [slug(note.label) for note in notes]
    assert all(note.kind is NoteKind.FOOTNOTE for note in again.notes)
    for before, after in zip(notes, again.notes, strict=True):
        assert after.blocks[0].text.startswith(before.label)


def test_opened_again_the_numbers_are_the_readers(tmp_path: Path) -> None:
    """Through the whole pipeline (glossaries found, text linked): ``glossary: []`` keeps
    the terms from being linked a second time, and the footnotes take the same numbers."""
    opened = open_text(resolve_text("stalingrado"))
    exported = tmp_path / "stalingrado.md"
    exported.write_text(to_markdown(opened), encoding="utf-8")
    again = open_text(resolve_text(str(exported)))
    assert [(n.number, n.label) for n in again.document.notes] == [
        (n.number, slug(n.label)) for n in opened.document.notes
    ]
    assert again.document.meta.title == opened.document.meta.title
    assert _shape(_article(again.document)) == _shape(_article(opened.document))


def test_every_kind_of_block_reads_back_the_same() -> None:
    opened = open_text(resolve_text(str(EVERY_BLOCK)))
    markdown = to_markdown(opened)
    again = parse_document(markdown, "again.md")
    assert again.warnings == ()
    assert again.meta == opened.document.meta.__class__(
        **{**opened.document.meta.__dict__, "glossaries": ()}
    )
    assert _shape(_article(again)) == _shape(_article(opened.document))
    assert "\\*" in markdown and "\\<e\\>" in markdown  # the text's own markup characters


def test_markdown_characters_in_plain_text_stay_text(tmp_path: Path) -> None:
    text = tmp_path / "plain.txt"
    text.write_text(
        "# not a heading\n\n> not a quote\n\n1. not a list\n\n*[X]: not an abbreviation\n\n"
        "- not an item [^n] <b>x</b> &amp; `y` | z\n",
        encoding="utf-8",
    )
    opened = open_text(resolve_text(str(text)))
    again = parse_document(to_markdown(opened), "again.md")
    assert _shape(_article(again)) == _shape(_article(opened.document))
    assert again.notes == ()


def test_render_writes_markdown_to_a_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "out.md"
    result = run_cli(capsys, "render", "stalingrado", "--format", "markdown", "-o", target)
    assert (result.code, result.out, result.err) == (0, "", "")
    assert target.read_text(encoding="utf-8") == to_markdown(open_text(resolve_text("stalingrado")))
    assert isinstance(open_text(resolve_text(str(target))), OpenedText)
