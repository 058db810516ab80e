"""Nesting beyond the parser's limit: rendered (as plain text) with a warning, never dropped.

markdown-it stops tokenizing at its nesting limit and skips the rest of the container; with
its stock limit of 20, ten list markers on line 1 leave an empty document.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.document import load_document
from reader.text.errors import Severity
from tests.core_helpers import run_cli
from tests.hostile.helpers import assert_clean_output, watched_app
from tests.ui_helpers import settle, view_text

CASES: dict[str, tuple[int | None, tuple[str, ...]]] = {
    "nest-list-10": (None, ("item fundo", "depois")),
    "nest-list-30": (1, ("item fundo", "depois")),
    "nest-quote-100": (3, ("antes", "citacao funda", "depois")),
    "nest-mixed": (1, ("misto fundo", "Depois", "depois")),
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
