"""Nesting too deep: flattened to the deepest level shown, with a warning, never dropped
and never cut.

markdown-it stops tokenizing at its nesting limit and skips the rest of the container; with
its stock limit of 20, ten list markers on line 1 leave an empty document. Shown as plain
text with its indentation (as it once was), a 30-level outline's deepest items were cut
mid-word at the measure ("O" / "UTLINE-29") and the heading after it was plain text too.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len

from reader.document import BlockKind, load_document
from reader.document.parse.depth import MAX_DEPTH
from reader.text.errors import Severity
from tests.core_helpers import run_cli
from tests.hostile.helpers import assert_clean_output, watched_app
from tests.hostile.make_corpus import OUTLINE_DEPTH, outline_word
from tests.ui_helpers import settle, view_text

CASES: dict[str, tuple[int | None, tuple[str, ...]]] = {
    "nest-list-10": (None, ("item fundo", "depois")),
    "nest-list-30": (1, ("item fundo", "depois")),
    "nest-quote-100": (3, ("antes", "citacao funda", "depois")),
    "nest-mixed": (1, ("misto fundo", "Depois", "depois")),
    "nest-outline-30": (3 + MAX_DEPTH, ("OUTLINE-29", "Depois", "Fim do plano.")),
}
"""File → (line of the warning, or None when within the limit; words that must show)."""


@pytest.mark.parametrize("name", sorted(CASES))
def test_deep_nesting_is_kept_and_warned(name: str, corpus: dict[str, Path]) -> None:
    line, words = CASES[name]
    document = load_document(corpus[name])
    text = "\n".join(block.text for block in document.blocks)
    for word in words:
        assert word in text, word
    if line is None:
        assert document.warnings == ()
        assert [block.text for block in document.blocks] == ["item fundo", "depois"]
        assert len(document.blocks[0].containers) == 10
    else:
        (warning,) = document.warnings
        assert warning.severity is Severity.WARNING
        assert warning.line == line
        assert "nested deeper than" in warning.message


@pytest.mark.parametrize("name", sorted(CASES))
def test_cli_renders_deep_nesting_and_says_so(
    name: str, corpus: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """``render`` prints every word, warns on stderr (file:line) and exits 0; ``check``
    prints the same warning and exits 0."""
    line, words = CASES[name]
    result = run_cli(capsys, "render", corpus[name])
    assert result.code == 0
    assert_clean_output(result)
    for word in words:
        assert word in result.out, word
    checked = run_cli(capsys, "check", corpus[name])
    assert checked.code == 0
    if line is None:
        assert result.err == ""
        assert checked.out == ""
    else:
        where = f"{corpus[name]}:{line}: warning: nested deeper than"
        assert len(result.err_lines) == 1
        assert result.err.startswith(f"reader: {where}")
        assert checked.out.startswith(where)


@pytest.mark.parametrize("name", ["nest-list-10", "nest-quote-100"])
async def test_app_shows_deep_nesting_and_warns(name: str, corpus: dict[str, Path]) -> None:
    line, words = CASES[name]
    app = watched_app(corpus[name])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        shown = " ".join(view_text(app.reading.article).split())
        for word in words:
            assert word in shown, word
        messages = [notification.message for notification in app._notifications]
        if line is None:
            assert messages == []
        else:
            assert any("nested deeper than" in message for message in messages), messages


OUTLINE_WORDS = [outline_word(level) for level in range(OUTLINE_DEPTH)]


def _words(text: str) -> list[str]:
    """The words of ``text``, hyphenated ones in their parts ("OUTLINE", "29")."""
    return text.replace("-", " ").split()


def test_an_outline_too_deep_keeps_its_items_and_what_follows(corpus: dict[str, Path]) -> None:
    """Every item is a paragraph in a list item, at most :data:`MAX_DEPTH` deep, each
    with its marker; the heading after the outline is a heading."""
    document = load_document(corpus["nest-outline-30"])
    items = document.blocks[1:-2]
    assert [block.text.split()[0] for block in items] == OUTLINE_WORDS
    assert {block.kind for block in items} == {BlockKind.PARAGRAPH}
    assert [len(block.containers) for block in items] == [
        min(level + 1, MAX_DEPTH) for level in range(OUTLINE_DEPTH)
    ]
    assert all(block.containers[-1].marker for block in items)
    heading, last = document.blocks[-2:]
    assert (heading.kind, heading.text, last.text) == (BlockKind.HEADING, "Depois", "Fim do plano.")


@pytest.mark.parametrize("width", [40, 80])
@pytest.mark.parametrize("name", ["nest-outline-30", "nest-list-30"])
def test_deep_nesting_renders_without_a_word_cut(
    name: str, width: int, corpus: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """``render --width 40`` and ``80``: no line wider than the measure, every word of
    the source whole on some line (no "O" / "UTLINE-29")."""
    result = run_cli(capsys, "render", corpus[name], "--width", str(width))
    assert result.code == 0
    lines = result.out.splitlines()
    assert max(cell_len(line) for line in lines) <= width
    source_words = {word for word in _words(corpus[name].read_text()) if word.isalnum()}
    assert source_words - set(_words(result.out)) == set()
    shown = result.out.split()
    if name == "nest-outline-30":
        assert [word for word in shown if word.startswith("OUTLINE")] == OUTLINE_WORDS
        assert lines[lines.index("Depois") + 1].startswith("──")  # still a heading


async def test_a_deep_outline_in_a_narrow_reader_cuts_no_word(corpus: dict[str, Path]) -> None:
    """In a 44-column terminal (a 40-column measure) every item's word is whole on
    screen."""
    app = watched_app(corpus["nest-outline-30"])
    async with app.run_test(size=(44, 120)) as pilot:
        await settle(pilot)
        shown = view_text(app.reading.article).split()
        assert [word for word in shown if "UTLINE" in word] == OUTLINE_WORDS
