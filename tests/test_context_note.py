"""The ``context:`` note: its terms are links, its list of sources is not (sources are
citations: the alias "Stalingrad" must not link the title of Beevor's *Stalingrad*), and
a term it names is one the reader of the text meets (``reader check`` does not call it
"never mentioned")."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.document import Document, SpanKind
from reader.index.aids import ReadingAids
from reader.pipeline import TextRef, open_text, resolve_text
from tests.core_helpers import run_cli

_GLOSSARY = (
    "language: en\n"
    "terms:\n"
    "  - term: Stalingrad\n"
    "    short: A city.\n"
    "  - term: Kalach\n"
    "    short: A town on the Don.\n"
    "  - term: Volga\n"
    "    short: A river.\n"
)


def _text(tmp_path: Path, context: str, body: str = "Body about nothing.\n") -> Path:
    (tmp_path / "glossary").mkdir(exist_ok=True)
    (tmp_path / "glossary" / "g.yaml").write_text(_GLOSSARY, encoding="utf-8")
    indented = "".join(f"  {line}\n" if line else "\n" for line in context.split("\n"))
    text = tmp_path / "t.md"
    text.write_text(
        f"---\nlanguage: en\nglossary: [g]\ncontext: |\n{indented}---\n\n{body}",
        encoding="utf-8",
    )
    return text


def _linked(context: Document | None) -> list[tuple[str, str]]:
    """(block text, linked term) for every term link of the context note."""
    assert context is not None
    return [
        (block.text, span.target)
        for block in context.blocks
        for span in block.spans
        if span.kind is SpanKind.TERM_REF
    ]


def _context(text: Path) -> Document | None:
    return ReadingAids.build(open_text(TextRef(text, str(text)))).context


@pytest.mark.parametrize("marker", ["Sources:", "Sources", "## Sources", "SOURCES :"])
def test_the_sources_of_the_context_note_are_not_linked(tmp_path: Path, marker: str) -> None:
    """Up to the "Sources" line the note is linked; from it on, nothing is, though the
    titles there name terms."""
    note = f"Fought at Stalingrad.\n\n{marker}\n\n- Antony Beevor, *Stalingrad* (1998)."
    context = _context(_text(tmp_path, note))
    assert _linked(context) == [("Fought at Stalingrad.", "Stalingrad")]
    assert context is not None
    assert context.blocks[-1].text == "Antony Beevor, Stalingrad (1998)."


def test_the_sources_marker_is_in_the_texts_language(tmp_path: Path) -> None:
    """In a Portuguese text "Fontes:" opens the sources (the word entry popups use)."""
    text = _text(tmp_path, "Em Stalingrad.\n\nFontes:\n\n- Beevor, *Stalingrad*.")
    text.write_text(text.read_text(encoding="utf-8").replace("language: en", "language: pt"))
    assert _linked(_context(text)) == [("Em Stalingrad.", "Stalingrad")]


def test_a_context_note_without_sources_is_linked_whole(tmp_path: Path) -> None:
    """No "Sources" line: every block is prose; a word "sources" inside a sentence is
    no marker."""
    note = "Fought at Stalingrad.\n\nThe sources differ on Kalach."
    assert _linked(_context(_text(tmp_path, note))) == [
        ("Fought at Stalingrad.", "Stalingrad"),
        ("The sources differ on Kalach.", "Kalach"),
    ]


def test_the_bundled_context_notes_sources_are_not_linked() -> None:
    """The bundled article: "Stalingrad" in the English titles of its sources is text."""
    context = ReadingAids.build(open_text(resolve_text("stalingrado"))).context
    assert context is not None
    marker = next(i for i, block in enumerate(context.blocks) if block.text == "Fontes:")
    assert any(
        span.kind is SpanKind.TERM_REF for block in context.blocks[:marker] for span in block.spans
    )
    assert "Stalingrad" in context.blocks[marker + 1].text
    for block in context.blocks[marker:]:
        assert all(span.kind is not SpanKind.TERM_REF for span in block.spans), block.text


def test_check_counts_a_term_named_in_the_context_note(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Kalach, named only in the context note, is met by the reader; Volga, named
    nowhere, and Stalingrad, only in a source's title, are never mentioned."""
    text = _text(tmp_path, "The ring closed at Kalach.\n\nSources:\n\n- *Stalingrad*.")
    result = run_cli(capsys, "check", text)
    glossary = tmp_path / "glossary" / "g.yaml"
    assert result.out.splitlines() == [
        f"{glossary}:3: warning: 'Stalingrad' is never mentioned in t",
        f"{glossary}:7: warning: 'Volga' is never mentioned in t",
    ]
