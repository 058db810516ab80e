"""Reading a web page like any text: ``/`` finds in it, bookmarks in it are found again
after the page is edited, and it reopens at the passage where it was left."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.ui.widgets.article_view import ArticleView
from tests.core_helpers import FIXTURES, run_cli
from tests.ui_helpers import make_app, settle, wait_until

PAGE = (FIXTURES / "html" / "news.html").read_text(encoding="utf-8")


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "artigo.html"
    path.write_text(PAGE, encoding="utf-8")
    return path


def listed(capsys: pytest.CaptureFixture[str], data: Path, *argv: str | Path) -> dict[str, str]:
    result = run_cli(capsys, "bookmarks", "list", *argv, "--json", "--data-dir", data)
    assert result.code == 0, result.err
    return {entry["quote"]: entry["status"] for entry in json.loads(result.out)}


def test_bookmarks_in_a_page_are_found_again_after_it_is_edited(
    capsys: pytest.CaptureFixture[str], page: Path, tmp_path: Path
) -> None:
    """As for Markdown: a passage pushed down by a new paragraph is moved, one whose
    paragraph is gone detached, one before the edit attached."""
    data = tmp_path / "dados"
    quotes = ("nanopartículas lipídicas", "28 milhões de doses", "o que vem a seguir")
    for quote in quotes:
        result = run_cli(capsys, "bookmarks", "add", page, "--quote", quote, "--data-dir", data)
        assert result.code == 0, result.err
    assert set(listed(capsys, data, page).values()) == {"attached"}
    edited = PAGE.replace(
        "<h2>Uma gordura que mudou tudo</h2>",
        "<p>Um parágrafo novo, acrescentado depois.</p><h2>Uma gordura que mudou tudo</h2>",
    )
    edited = edited.replace(
        "<p>Em Portugal, a Direção-Geral da Saúde registou cerca de 28 milhões de doses"
        " administradas até ao fim de 2024.",
        "<p>",
    )
    assert edited.count("Um parágrafo novo") == 1 and "28 milhões" not in edited
    page.write_text(edited, encoding="utf-8")
    assert listed(capsys, data, page) == {
        "o que vem a seguir": "attached",
        "nanopartículas lipídicas": "moved",
        "28 milhões de doses": "detached",
    }


async def test_slash_finds_in_a_page(page: Path) -> None:
    """``/`` searches the article (accents ignored), not its menus or comments."""
    app = make_app(page)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.query_one("#article", ArticleView)
        await pilot.press("slash", *"sauDE", "enter")
        await pilot.pause()
        document = view.document
        assert document is not None
        count = sum(block.text.casefold().count("saúde") for block in document.blocks if block.text)
        assert str(app.query_one("#status").render()) == f"“sauDE”: 1 of {count}"
        assert view.highlight is not None
        block, start, end = view.highlight
        assert document.blocks[block].text[start:end].casefold() == "saúde"
        await pilot.press("slash", *"joao_silva72", "enter")  # a comment: not in the text
        await pilot.pause()
        assert str(app.query_one("#status").render()) == "“joao_silva72”: not found"


async def test_a_page_reopens_where_it_was_left(page: Path, tmp_path: Path) -> None:
    """The passage at the top of the screen is kept for the page, as for Markdown."""
    first = make_app(page, data_dir=tmp_path)
    async with first.run_test(size=(100, 20)) as pilot:
        await settle(pilot)
        view = first.query_one("#article", ArticleView)
        layout, document = view.text_layout, view.document
        assert layout is not None and document is not None
        target = document.block_index("p-8")
        assert target is not None
        view.scroll_to_line(layout.offset_line(target, 0))
        await wait_until(pilot, lambda: view.cursor_block == target, "the cursor to follow")
    second = make_app(page, data_dir=tmp_path)
    async with second.run_test(size=(80, 20)) as pilot:
        await settle(pilot)
        view = second.query_one("#article", ArticleView)
        layout, document = view.text_layout, view.document
        assert layout is not None and document is not None
        index, _ = layout.locate(round(view.scroll_y))
        assert document.blocks[index].id == "p-8"
