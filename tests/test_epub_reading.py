"""Reading a book like any text: a link to another chapter jumps there and Backspace
returns, ``/`` finds in every chapter, bookmarks are found again after the book is
edited, a long book shows its first chapters before the rest, and a chapter missing
from the book is a notification with the rest shown."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.document.jumps import linked_block
from reader.pipeline import LoadRequest, Shown, load_stages, read_source, resolve_text
from reader.pipeline.formats import text_size
from reader.pipeline.stages import HEAD_CHARS, TWO_STEP_LOAD_CHARS
from reader.ui.app import ReaderApp
from reader.ui.widgets.article_view import ArticleView
from tests.core_helpers import run_cli
from tests.epub_helpers import Book, chapter
from tests.ui_helpers import settle, wait_until

FILLER = "".join(
    f"<p>Parágrafo de passagem número {n}, sem nada de especial.</p>" for n in range(40)
)


def book_app(path: Path, data_dir: Path | None = None) -> ReaderApp:
    """The app on a book, read as the command line reads it."""
    ref = resolve_text(str(path))
    return ReaderApp(ref, source=read_source(ref), data_dir=data_dir)


def travel_book(middle: str = "") -> Book:
    return Book(
        {
            "um.xhtml": chapter(
                "<h1>A nascente</h1>"
                '<p>Leia sobre <a href="dois.xhtml#foz">a foz do rio</a> mais adiante.</p>'
                f"{FILLER}"
            ),
            "dois.xhtml": chapter(
                f"<h1>O delta</h1>{middle}{FILLER}"
                '<h2 id="foz">A foz</h2><p>O rio termina no mar Cáspio, perto de Astracã.</p>'
                f"{FILLER}<p>A última frase do livro fala de esturjões.</p>"
            ),
        }
    )


def top_block(view: ArticleView) -> str:
    layout, document = view.text_layout, view.document
    assert layout is not None and document is not None
    return document.blocks[layout.locate(round(view.scroll_y))[0]].id


async def test_a_link_to_another_chapter_jumps_there_and_backspace_returns(
    tmp_path: Path,
) -> None:
    app = book_app(travel_book().write(tmp_path / "rio.epub"))
    async with app.run_test(size=(90, 20)) as pilot:
        await settle(pilot)
        view = app.query_one("#article", ArticleView)
        layout = view.text_layout
        assert layout is not None and round(view.scroll_y) == 0
        for _ in range(5):
            await pilot.press("tab")
            focused = view.focused_link
            if focused is not None and linked_block(layout.links[focused].target):
                break
        focused = view.focused_link
        assert focused is not None
        target = linked_block(layout.links[focused].target)
        assert target is not None
        await pilot.press("enter")
        await wait_until(pilot, lambda: top_block(view) == target, "the jump to the other chapter")
        document = view.document
        assert document is not None
        assert document.blocks[document.block_indexes[target]].text == "A foz"
        await pilot.press("backspace")
        await wait_until(pilot, lambda: round(view.scroll_y) == 0, "the way back")


async def test_slash_finds_in_every_chapter(tmp_path: Path) -> None:
    app = book_app(travel_book().write(tmp_path / "rio.epub"))
    async with app.run_test(size=(90, 20)) as pilot:
        await settle(pilot)
        view = app.query_one("#article", ArticleView)
        await pilot.press("slash", *"esturjoes", "enter")
        await pilot.pause()
        assert str(app.query_one("#status").render()) == "“esturjoes”: 1 of 1"
        assert view.highlight is not None
        document = view.document
        assert document is not None
        block, start, end = view.highlight
        assert document.blocks[block].text[start:end] == "esturjões"


def listed(capsys: pytest.CaptureFixture[str], data: Path, path: Path) -> dict[str, str]:
    result = run_cli(capsys, "bookmarks", "list", path, "--json", "--data-dir", data)
    assert result.code == 0, result.err
    return {entry["quote"]: entry["status"] for entry in json.loads(result.out)}


def test_bookmarks_in_a_book_are_found_again_after_it_is_edited(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Any edit to any file of the book changes its content hash; each bookmark is then
    found by its quote, as in an edited text: moved, attached, or detached."""
    data, path = tmp_path / "dados", tmp_path / "rio.epub"
    travel_book().write(path)
    quotes = ("a foz do rio", "perto de Astracã", "fala de esturjões")
    for quote in quotes:
        result = run_cli(capsys, "bookmarks", "add", path, "--quote", quote, "--data-dir", data)
        assert result.code == 0, result.err
    assert set(listed(capsys, data, path).values()) == {"attached"}
    edited = travel_book(middle="<p>Um parágrafo novo, acrescentado depois.</p>")
    edited.chapters = {
        **edited.chapters,
        "dois.xhtml": edited.chapters["dois.xhtml"].replace(
            "<p>A última frase do livro fala de esturjões.</p>", ""
        ),
    }
    edited.write(path)
    assert listed(capsys, data, path) == {
        "a foz do rio": "attached",
        "perto de Astracã": "moved",
        "fala de esturjões": "detached",
    }


def test_a_long_book_shows_its_first_chapters_before_the_whole(tmp_path: Path) -> None:
    body = "".join(f"<p>Parágrafo {n} de um livro que não acaba tão cedo.</p>" for n in range(300))
    chapters = {f"c{n:02}.xhtml": chapter(f"<h1>Capítulo {n}</h1>{body}") for n in range(40)}
    path = Book(chapters).write(tmp_path / "longo.epub")
    ref = resolve_text(str(path))
    source = read_source(ref)
    assert text_size(source) > max(TWO_STEP_LOAD_CHARS, 4 * HEAD_CHARS) > len(source)
    shown = [stage for stage in load_stages(LoadRequest(ref, source)) if isinstance(stage, Shown)]
    first, whole = shown[0].opened.document, shown[-1].opened.document
    assert not shown[0].linked
    assert len(first.blocks) < len(whole.blocks) // 5  # a few chapters of 40
    assert [b.id for b in first.blocks] == [b.id for b in whole.blocks[: len(first.blocks)]]


async def test_a_chapter_missing_from_the_book_is_a_notification(tmp_path: Path) -> None:
    book = travel_book()
    book.manifest = '<item id="perdido" href="perdido.xhtml" media-type="application/xhtml+xml"/>'
    book.spine = ["c-um-xhtml", "perdido", "c-dois-xhtml"]
    app = book_app(book.write(tmp_path / "rio.epub"))
    async with app.run_test(size=(90, 20)) as pilot:
        await settle(pilot)
        messages = [str(notification.message) for notification in app._notifications]
        assert any(
            "rio.epub/OEBPS/perdido.xhtml: warning: is in the spine but not in the book" in m
            for m in messages
        ), messages
        document = app.query_one("#article", ArticleView).document
        assert document is not None
        assert "O delta" in [block.text for block in document.blocks]


def test_an_unpacked_book_read_last_is_reopened_without_an_argument(tmp_path: Path) -> None:
    from reader.cli.open import last_text_ref
    from reader.userdata import BookmarkStore, text_identity
    from reader.userdata.store import FILE_NAME

    folder = travel_book().unpack(tmp_path / "rio")
    ref = resolve_text(str(folder))
    identity = text_identity(ref, read_source(ref), "O Livro do Rio")
    with BookmarkStore(tmp_path / FILE_NAME) as store:
        store.save_position(identity, "p-1", 0)
    found = last_text_ref(tmp_path)
    assert found is not None and found.path == folder.resolve()
