"""Editor's notes (issue 17): listed in the front matter, anchored by quote, numbered with
the footnotes and glossary notes, marked as the editor's in the popup and in *Notas*, and
never a change to the text's words."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.document import Document, NoteKind, SpanKind, parse_markdown
from reader.linking import footnote_document, link_document
from reader.pipeline import open_text, resolve_text
from reader.text.errors import Severity
from reader.ui.dialogs.note_screen import NoteScreen
from reader.ui.widgets.article_view import ArticleView
from tests.core_helpers import glossary_set, run_cli
from tests.ui_helpers import make_app, settle, view_text

_GLOSSARY = "terms:\n  - term: Volga\n    short: Um rio.\n"

_TEXT = """---
language: pt
editor_notes:
  - quote: "em  1943"
    note: |
      Foi em 1942, segundo *Fulano*.
    sources: ["Fulano, Livro (2001)."]
  - quote: "mil mortos"
    note: Eram feridos.
---

O Volga[^a] cresceu em
1943, diz o autor, com mil mortos.

[^a]: Nota do autor.
"""


def _linked(source: str = _TEXT) -> Document:
    return link_document(parse_markdown(source, "t.md"), glossary_set(_GLOSSARY))


def _numbers(doc: Document) -> list[tuple[str, str, int | None]]:
    """(kind of note, text before the reference, number) of every numbered reference in
    the first paragraph, in reading order."""
    block = next(block for block in doc.blocks if block.id == "p-1")
    return [
        (
            "term" if span.kind is SpanKind.TERM_REF else span.target.split(":")[0],
            block.text[: span.end][-8:],
            span.number,
        )
        for span in block.spans
        if span.number is not None
    ]


def test_editor_notes_are_numbered_with_footnotes_and_terms() -> None:
    """One sequence in reading order: the term, the author's footnote, then the two
    editor's notes at the end of their quotes (the first across a line break)."""
    doc = _linked()
    assert _numbers(doc) == [
        ("term", "O Volga", 1),
        ("fn", "O Volga", 2),
        ("ed", " em 1943", 3),
        ("ed", "l mortos", 4),
    ]
    kinds = [(note.number, note.kind) for note in doc.notes]
    assert kinds == [
        (1, NoteKind.TERM),
        (2, NoteKind.FOOTNOTE),
        (3, NoteKind.EDITOR),
        (4, NoteKind.EDITOR),
    ]


def test_editor_notes_change_no_word() -> None:
    """The blocks' text is the same with or without the notes; the references are
    zero-width spans."""
    without = _TEXT.split("editor_notes:")[0] + "---" + _TEXT.split("---", 2)[2]
    plain = parse_markdown(without, "t.md")
    noted = parse_markdown(_TEXT, "t.md")
    assert [block.text for block in noted.blocks] == [block.text for block in plain.blocks]
    refs = [span for block in noted.blocks for span in block.spans if span.target.startswith("ed:")]
    assert refs and all(span.start == span.end for span in refs)


def test_the_notes_section_marks_them_as_the_editors() -> None:
    """In *Notas* an editor's note opens with "Nota do editor:" (emphasised) and ends
    with its sources; the author's footnote is listed as written."""
    doc = _linked()
    section = doc.blocks[next(i for i, b in enumerate(doc.blocks) if b.id == "notes") :]
    texts = [block.text for block in section]
    assert "Nota do autor." in texts
    assert "Nota do editor: Foi em 1942, segundo Fulano." in texts
    assert "Fontes: Fulano, Livro (2001)." in texts
    assert "Nota do editor: Eram feridos." in texts
    marked = next(block for block in section if block.text.startswith("Nota do editor: Foi"))
    assert marked.containers[0].marker == "³"
    emphasis = [s for s in marked.spans if s.kind is SpanKind.EMPHASIS]
    assert (emphasis[0].start, emphasis[0].end) == (0, len("Nota do editor:"))
    assert marked.text[emphasis[1].start : emphasis[1].end] == "Fulano"  # the note's own


def test_the_popup_is_titled_as_the_editors() -> None:
    """The popup of an editor's note: "Nota do editor 3", the passage it is about, the
    note, its sources; an author's footnote stays "Nota 2"."""
    doc = _linked()
    editor = next(note for note in doc.notes if note.kind is NoteKind.EDITOR)
    popup = footnote_document(editor, "pt")
    assert popup.meta.title == "Nota do editor 3"
    assert [block.text for block in popup.blocks] == [
        "Nota do editor 3",
        "“em 1943”",
        "Foi em 1942, segundo Fulano.",
        "Fontes",
        "Fulano, Livro (2001).",
    ]
    author = next(note for note in doc.notes if note.kind is NoteKind.FOOTNOTE)
    assert footnote_document(author, "pt").meta.title == "Nota 2"


def test_a_quote_in_a_table_cell_is_anchored_there() -> None:
    source = (
        "---\neditor_notes:\n  - {quote: 'dois mil', note: Menos.}\n---\n\n"
        "| a | b |\n|---|---|\n| um | dois mil |\n"
    )
    doc = parse_markdown(source, "t.md")
    cell = doc.blocks[0].rows[1][1]
    assert [(span.start, span.kind) for span in cell.spans] == [(8, SpanKind.NOTE_REF)]


@pytest.mark.parametrize(
    ("notes", "message", "line"),
    [
        ("  - quote: nada disso\n    note: x\n", "editor note's quote “nada disso” is not in", 4),
        ("  - quote: O\n    note: x\n", "editor note's quote “O” is in the text more than once", 4),
        ("  - note: x\n", "an editor note needs a 'quote'; ignored", 4),
        ("  - quote: Volga\n", "an editor note needs a 'note'; ignored", 4),
        ("  - just text\n", "an editor note must be a mapping; ignored", 4),
        ("  - {quote: Volga, note: x, by: me}\n", "unknown editor note field 'by' ignored", 4),
        ("  - {quote: Volga, note: x, sources: {a: b}}\n", "'sources' must be a list of text", 4),
    ],
)
def test_problems_are_warnings_at_their_line(notes: str, message: str, line: int) -> None:
    """A wrong note is left out with a warning naming its line; the text opens."""
    source = f"---\nlanguage: pt\neditor_notes:\n{notes}---\n\nO Volga corre.\n\nO fim.\n"
    doc = parse_markdown(source, "t.md")
    [problem] = doc.warnings
    assert problem.severity is Severity.WARNING
    assert problem.line == line
    assert message in problem.message
    assert [block.text for block in doc.blocks] == ["O Volga corre.", "O fim."]


def test_editor_notes_must_be_a_list() -> None:
    doc = parse_markdown("---\neditor_notes: nota\n---\n\nTexto.\n", "t.md")
    assert [str(problem) for problem in doc.warnings] == [
        "t.md:2: warning: 'editor_notes' must be a list of notes; ignored"
    ]
    assert doc.notes == ()


def test_check_names_the_quote_not_found(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """``reader check`` says file:line of a note whose quote the text no longer has."""
    text = tmp_path / "t.md"
    text.write_text(
        "---\neditor_notes:\n  - quote: texto antigo\n    note: x\n---\n\nTexto novo.\n",
        encoding="utf-8",
    )
    result = run_cli(capsys, "check", text)
    assert result.code == 0
    assert result.out.splitlines() == [
        f"{text}:3: warning: editor note's quote “texto antigo” is not in the text; ignored"
    ]


def test_the_bundled_articles_editor_notes() -> None:
    """The article's two slips (Time's Man of the Year "1943"; "mais de um milhão" of
    Soviet dead) and the Wehrmacht taken for the army carry the editor's notes, numbered
    after the passages they follow, listed as the editor's."""
    opened = open_text(resolve_text("stalingrado"))
    assert not opened.problems
    notes = [note for note in opened.document.notes if note.kind is NoteKind.EDITOR]
    assert [(note.number, note.label) for note in notes] == [
        (1, "um saldo de mortos de mais de um milhão de soviéticos"),
        (12, "A Wehrmacht (exército do Terceiro Reich)"),
        (26, "no ano de 1943"),
    ]
    assert "1.129.619" in notes[0].blocks[0].text
    assert "George C. Marshall" in notes[2].blocks[0].text
    listed = [b.text for b in opened.document.blocks if b.text.startswith("Nota do editor: ")]
    assert len(listed) == 3


async def test_the_popup_of_an_editors_note_says_so() -> None:
    """In the reader: the first link of the article is the editor's note on "mais de um
    milhão"; Enter opens a popup titled "Nota do editor 1" with the passage quoted."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.query_one("#article", ArticleView)
        assert "soviéticos¹ pelas" in view_text(view)
        layout = view.text_layout
        assert layout is not None
        link = next(link for link in layout.links if link.kind is SpanKind.NOTE_REF)
        view.focused_link = link.index
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NoteScreen)
        assert app.screen.note.meta.title == "Nota do editor 1"
        shown = view_text(app.screen.query_one("#note-view", ArticleView))
        assert "“um saldo de mortos de mais de um milhão de soviéticos”" in shown
        assert "1.129.619" in shown
