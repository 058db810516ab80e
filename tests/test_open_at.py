"""``reader PATH --at BOOKMARK_ID``: the text opens at the bookmark's passage, found again
in the text as it is now (the command the bookmark export gives for each bookmark)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.ui.app import ReaderApp
from reader.ui.widgets.article_view import ArticleView
from reader.userdata import BookmarkStore
from reader.userdata.store import FILE_NAME
from tests.core_helpers import run_cli
from tests.ui_helpers import make_app, wait_until

SIZE = (100, 24)


def write_text(path: Path, paragraphs: int, *, before: int = 0) -> None:
    """A text of numbered paragraphs, ``before`` new ones in front (an edit)."""
    new = [f"Acrescentado {n} antes de tudo." for n in range(before)]
    old = [f"Parágrafo {n} do texto, com palavras bastantes." for n in range(paragraphs)]
    path.write_text("# Texto longo\n\n" + "\n\n".join(new + old) + "\n", encoding="utf-8")


def bookmark(capsys: pytest.CaptureFixture[str], data: Path, text: Path, quote: str) -> str:
    """Bookmark ``quote`` in ``text``; the new bookmark's uuid."""
    result = run_cli(capsys, "bookmarks", "add", text, "--quote", quote, "--data-dir", data)
    assert result.code == 0, result.err
    with BookmarkStore(data / FILE_NAME) as store:
        return store.all()[-1].uuid


def block_of(app: ReaderApp, words: str) -> int:
    document = app.query_one("#article", ArticleView).document
    assert document is not None
    return next(i for i, block in enumerate(document.blocks) if words in block.text)


async def test_at_a_bookmark_the_text_opens_at_its_passage_found_again(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = tmp_path / "longo.md"
    write_text(text, 80)
    uuid = bookmark(capsys, tmp_path / "data", text, "Parágrafo 60 do texto")
    write_text(text, 80, before=7)  # edited since: the passage is 7 blocks further on
    app = make_app(text, data_dir=tmp_path / "data")
    app.reading.places.forget(uuid)  # as ReaderApp(at_bookmark=uuid) does
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one("#article", ArticleView)
        await wait_until(pilot, lambda: view.cursor_block is not None, "the cursor")
        target = block_of(app, "Parágrafo 60 do texto")
        await wait_until(pilot, lambda: view.cursor_block == target, "the bookmark's passage")
        shown = view.visible_block_range()
        assert shown is not None and shown[0] <= target <= shown[1]
        assert shown[0] > 0  # not the top of the text


async def test_the_app_takes_the_bookmark_to_open_at(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = tmp_path / "longo.md"
    write_text(text, 80)
    uuid = bookmark(capsys, tmp_path / "data", text, "Parágrafo 70 do texto")
    base = make_app(text, data_dir=tmp_path / "data")
    app = ReaderApp(
        base.reading.request.ref,
        source=base.reading.request.source,
        data_dir=tmp_path / "data",
        at_bookmark=uuid,
    )
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one("#article", ArticleView)
        await wait_until(pilot, lambda: view.document is not None, "the text")
        target = block_of(app, "Parágrafo 70 do texto")
        await wait_until(pilot, lambda: view.cursor_block == target, "the bookmark's passage")


async def test_a_bookmark_of_another_text_is_said_and_the_text_opens(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    other = tmp_path / "outro.md"
    write_text(other, 5)
    uuid = bookmark(capsys, tmp_path / "data", other, "Parágrafo 3 do texto")
    text = tmp_path / "longo.md"
    write_text(text, 80)
    app = make_app(text, data_dir=tmp_path / "data")
    app.reading.places.forget(uuid)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(
            pilot,
            lambda: any("not one of this text" in n.message for n in app._notifications),
            "the notification",
        )
        assert app.query_one("#article", ArticleView).scroll_y == 0


def test_an_unknown_bookmark_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    result = run_cli(capsys, "stalingrado", "--at", "7", "--data-dir", tmp_path)
    assert result.code == 2
    assert result.err_lines == [
        f"reader: --at: no bookmark 7 in {tmp_path / FILE_NAME} "
        "(`reader bookmarks list` shows their ids)"
    ]
    assert not (tmp_path / FILE_NAME).exists()  # asking created no store


def test_without_a_path_the_bookmarks_own_text_is_opened(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = tmp_path / "longo.md"
    write_text(text, 10)
    uuid = bookmark(capsys, tmp_path / "data", text, "Parágrafo 4 do texto")
    started: list[ReaderApp] = []
    monkeypatch.setattr(ReaderApp, "run", lambda self, **_: started.append(self))
    monkeypatch.setattr("reader.cli.open.check_terminal", lambda ref: None)  # no tty here
    result = run_cli(capsys, "--at", "1", "--data-dir", tmp_path / "data")
    assert result.code == 0, result.err
    (app,) = started
    assert app.reading.request.ref.path == text
    assert app.reading.places._pending_bookmark == uuid
