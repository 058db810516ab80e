"""The pure parts of editing and reloading: the editor's command line, the source line of
a passage, following a place into an edited text, and the watched glossary files."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.document import Document, parse_document
from reader.pipeline import glossary_files
from reader.text.resources import bundled_glossaries
from reader.ui.reading.editor import NO_EDITOR, EditorError, editor_command, source_line
from reader.userdata.flat import flat_text
from reader.userdata.follow import BlockPlace, follow_place

FILE = Path("/texts/notes.md")


@pytest.mark.parametrize(
    ("editor", "expected"),
    [
        ("vim", ["vim", "+12", "/texts/notes.md"]),
        ("/usr/bin/nvim -p", ["/usr/bin/nvim", "-p", "+12", "/texts/notes.md"]),
        ("nano", ["nano", "+12", "/texts/notes.md"]),
        ("emacsclient -t", ["emacsclient", "-t", "+12", "/texts/notes.md"]),
        ("micro", ["micro", "+12", "/texts/notes.md"]),
        ("kak", ["kak", "+12", "/texts/notes.md"]),
        ("hx", ["hx", "/texts/notes.md:12"]),
        ("'my editor' --wait", ["my editor", "--wait", "/texts/notes.md"]),
    ],
)
def test_the_editor_opens_the_file_at_the_line_where_it_can(
    editor: str, expected: list[str]
) -> None:
    assert editor_command({"EDITOR": editor}, FILE, 12) == expected


def test_visual_wins_over_editor_and_a_blank_one_is_unset() -> None:
    assert editor_command({"VISUAL": "vi", "EDITOR": "nano"}, FILE, 1)[0] == "vi"
    assert editor_command({"VISUAL": "  ", "EDITOR": "nano"}, FILE, 1)[0] == "nano"


def test_no_editor_set_says_how_to_set_one() -> None:
    with pytest.raises(EditorError) as raised:
        editor_command({}, FILE, 1)
    assert str(raised.value) == NO_EDITOR
    assert "\n" not in NO_EDITOR and "$EDITOR" in NO_EDITOR and "$VISUAL" in NO_EDITOR


def test_an_editor_variable_that_does_not_split_is_one_clear_line() -> None:
    with pytest.raises(EditorError, match=r"\$EDITOR cannot be read"):
        editor_command({"EDITOR": "vim 'unclosed"}, FILE, 1)


def test_a_file_named_like_an_option_is_given_by_its_absolute_path() -> None:
    command = editor_command({"EDITOR": "vi"}, Path("-rf.md"), 3)
    assert command[-1] == str(Path("-rf.md").absolute())
    assert not command[-1].startswith("-")


def test_source_line_of_an_offset_in_a_long_paragraph() -> None:
    assert source_line((10, 20), 0, 1000) == 10
    assert source_line((10, 20), 500, 1000) == 15
    assert source_line((10, 20), 1000, 1000) == 20
    assert source_line((0, 0), 5, 10) == 1  # the title the reader made
    assert source_line((7, 7), 5, 10) == 7


def _doc(source: str) -> Document:
    return parse_document(source, Path("t.md"))


def test_a_place_follows_its_words_when_paragraphs_are_added_above() -> None:
    old = _doc("# T\n\nFirst.\n\nThe Volga runs past the city of Stalingrad.\n")
    new = _doc(
        "# T\n\nNew one.\n\nAnother.\n\nFirst.\n\nThe Volga runs past the city of Stalingrad.\n"
    )
    block = old.block_index("p-2")
    assert block is not None
    offset = old.blocks[block].text.index("past")
    found = follow_place(old, flat_text(old), new, flat_text(new), BlockPlace(block, offset))
    assert found is not None
    assert new.blocks[found.block].id == "p-4"  # block ids are ordinals: p-2 is another
    assert new.blocks[found.block].text[found.offset :].startswith("past the city")


def test_a_place_in_an_edited_paragraph_is_found_approximately() -> None:
    old = _doc("Intro.\n\nThe Volga runs past the city of Stalingrad in the south of Russia.\n")
    new = _doc(
        "Intro.\n\nThe great Volga runs past the city of Stalingrad in the south of Russia.\n"
    )
    offset = old.blocks[1].text.index("runs")
    found = follow_place(old, flat_text(old), new, flat_text(new), BlockPlace(1, offset))
    assert found is not None and found.block == 1
    assert new.blocks[1].text[found.offset :].startswith("runs past")


def test_a_place_whose_words_are_gone_falls_back_to_the_block_id() -> None:
    old = _doc("# T\n\nSomething said here once.\n")
    new = _doc("# T\n\nWholly different words now.\n")
    found = follow_place(old, flat_text(old), new, flat_text(new), BlockPlace(1, 5))
    assert found == BlockPlace(1, 5)
    assert follow_place(old, flat_text(old), new, flat_text(new), BlockPlace(9, 0)) is None


def test_watched_glossaries_are_the_ones_the_text_reads(tmp_path: Path) -> None:
    (tmp_path / "glossary").mkdir()
    mine = tmp_path / "glossary" / "mine.yaml"
    mine.write_text("title: M\nlanguage: pt\nterms: []\n", encoding="utf-8")
    text = tmp_path / "t.md"
    named = _doc("---\nglossary: [mine, missing, ../evil]\n---\n\nText.\n")
    extra = tmp_path / "extra.yaml"
    assert glossary_files(named, text, [extra]) == [mine, extra]
    assert glossary_files(_doc("Text.\n"), text) == [mine]  # named none: the folder's
    assert not set(glossary_files(_doc("Text.\n"), text)) & set(bundled_glossaries())
