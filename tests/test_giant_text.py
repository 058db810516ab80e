"""A text that is one paragraph as long as a book, read in the app.

The paragraph is laid out in pieces (see ``reader.layout``), so the first screen, the end
and every place between are shown after wrapping a few pieces, never the whole block; the
place read survives a resize and a restart inside the paragraph; progress and the terms
listed follow the screen, not the block; loading says what it is doing while the reader
already reads. Nothing here measures time.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

import reader.pipeline.stages as stages_module
import reader.ui.app as app_module
from reader.index.aids import ReadingAids
from reader.pipeline import OpenedText
from reader.pipeline.stages import TWO_STEP_LOAD_CHARS
from reader.ui.panels.context import ContextPanel
from reader.userdata.store import FILE_NAME, BookmarkStore
from tests.ui_helpers import make_app, rendered, settle, view_text, wait_until

WORDS = 60_000
"""Words of the paragraph: p0 … p59999, with a glossary term every 10,000 words."""


def _word(number: int) -> str:
    return "Wehrmacht" if number % 10_000 == 5 else f"p{number}"


@pytest.fixture
def giant(tmp_path: Path) -> Path:
    body = " ".join(_word(number) for number in range(WORDS))
    path = tmp_path / "livro.md"
    path.write_text(
        f"---\nlanguage: pt\ntitle: Livro\nglossary: [segunda-guerra]\n---\n\n{body}\n",
        encoding="utf-8",
    )
    assert len(body) > TWO_STEP_LOAD_CHARS  # loaded in two steps, like a book
    return path


def _top_words(app: app_module.ReaderApp) -> list[str]:
    """The words of the first line on screen (the reading cursor's mark left out)."""
    return view_text(app.reading.article).split("\n", 1)[0].replace("▎", " ").split()


async def _jump_to_word(pilot: Pilot[None], app: app_module.ReaderApp, word: str) -> None:
    """Bring ``word`` of the paragraph a third of the way down the screen."""
    document = app.reading.article.document
    assert document is not None
    app.reading.article.jump_to(1, document.blocks[1].text.index(f"{word} "))
    await settle(pilot)


async def test_giant_paragraph_shows_its_start_and_end_wrapping_little(giant: Path) -> None:
    app = make_app(giant)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        layout = app.reading.article.text_layout
        assert layout is not None and layout.document.blocks[1].id == "p-1"
        assert "p0 p1 p2" in view_text(app.reading.article)
        assert len(layout._cache) <= 3  # the title and a piece or two, not the book
        await pilot.press("end")
        await pilot.pause()
        assert f"p{WORDS - 1}" in view_text(app.reading.article).split()  # then the notes
        assert len(layout._cache) <= 8
        await pilot.press("c")
        await settle(pilot)
        assert "\n100% ·" in rendered(app, "#ctx-position")
        # The view reports the passage shown once scrolling settles; the panel follows.
        await pilot.press("escape", "home")
        await wait_until(pilot, lambda: "\n0% ·" in rendered(app, "#ctx-position"), "0%")
        panel = app.query_one(ContextPanel)
        assert panel.terms_shown == ["Wehrmacht"]  # the one in the first lines only
        app.reading.article.jump_to(1, layout.document.blocks[1].text.index("p5000 "))
        await wait_until(pilot, lambda: "\n0% ·" not in rendered(app, "#ctx-position"), "p5000")
        assert panel.terms_shown == []
        # About a twelfth of the words; counted in characters inside a block, so a
        # little less (the words before are shorter than those after).
        assert "\n6% ·" in rendered(app, "#ctx-position")  # the words above the screen


async def test_place_inside_the_paragraph_survives_resize_and_restart(
    giant: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    first = make_app(giant, data_dir=data)
    async with first.run_test(size=(110, 30)) as pilot:
        await settle(pilot)
        await _jump_to_word(pilot, first, "p31000")
        word = _top_words(first)[0]
        assert word.startswith("p3")
        await pilot.resize_terminal(80, 30)
        await settle(pilot)
        assert word in _top_words(first)
    second = make_app(giant, data_dir=data)
    async with second.run_test(size=(130, 30)) as pilot:
        await settle(pilot)
        assert word in _top_words(second)


async def test_mark_in_the_paragraph_quotes_what_is_on_screen(giant: Path, tmp_path: Path) -> None:
    """m at the cursor on a book-long paragraph bookmarks the part on screen, not the
    book; K and J around it do not throw the reader back to the paragraph's start."""
    data = tmp_path / "data"
    app = make_app(giant, data_dir=data)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await _jump_to_word(pilot, app, "p42000")
        assert app.reading.article.cursor_block == 1
        y = round(app.reading.article.scroll_y)
        await pilot.press("K", "J")
        await pilot.pause()
        assert app.reading.article.cursor_block == 1 and round(app.reading.article.scroll_y) == y
        shown = view_text(app.reading.article).replace("▎", " ").split()
        await pilot.press("m", *"aqui", "enter")
        await wait_until(pilot, lambda: 1 in app.reading.article.marked_blocks, "the bookmark")
    with BookmarkStore(data / FILE_NAME) as store:
        [bookmark] = store.all()
    quote = bookmark.anchor.quote.split()
    assert bookmark.note == "aqui"
    assert quote == shown  # the lines on screen, word for word
    second = make_app(giant, data_dir=data)
    async with second.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("home")
        await settle(pilot)
        assert quote[0] not in view_text(second.reading.article)
        await pilot.press("b")
        await settle(pilot)
        await pilot.press("enter")
        await wait_until(pilot, lambda: quote[0] in view_text(second.reading.article), "the jump")


async def test_loading_says_what_it_does_while_the_text_is_read(
    giant: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the glossary is being linked (held here until the test lets go) the status
    line says so, and the text already shown pages and scrolls; once linked, the status
    line is gone and terms are links."""
    release = threading.Event()
    from reader.pipeline import glossaries_for as real

    def held(*args: Any, **kwargs: Any) -> Any:
        assert release.wait(30)
        return real(*args, **kwargs)

    monkeypatch.setattr(stages_module, "glossaries_for", held)
    app = make_app(giant)
    async with app.run_test(size=(100, 30)) as pilot:
        status = app.query_one("#status")
        await wait_until(pilot, lambda: "linking glossary terms" in str(status.render()), "linking")
        assert "livro.md" in str(status.render())
        assert app.reading.aids is None and len(app.reading.article.document.blocks) == 2  # type: ignore[union-attr]
        await pilot.press("end")
        await pilot.pause()
        assert view_text(app.reading.article).split()[-1] == f"p{WORDS - 1}"
        await pilot.press("home")
        await pilot.pause()
        assert "p0 p1" in view_text(app.reading.article)
        release.set()
        await settle(pilot)
        assert app.reading.aids is not None
        assert not status.has_class("-shown")
        layout = app.reading.article.text_layout
        assert layout is not None and layout.links


async def test_links_appear_before_the_panels_tables(
    giant: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once matched, terms are links at once; the tables of the panels (mentions,
    progress) follow, the status line saying so meanwhile."""
    release = threading.Event()
    real = ReadingAids.build

    def held(opened: OpenedText) -> ReadingAids:
        assert release.wait(30)
        return real(opened)

    monkeypatch.setattr(ReadingAids, "build", staticmethod(held))
    app = make_app(giant)
    async with app.run_test(size=(100, 30)) as pilot:
        status = app.query_one("#status")
        await wait_until(pilot, lambda: "indexing mentions" in str(status.render()), "indexing")
        layout = app.reading.article.text_layout
        assert layout is not None and layout.links and app.reading.aids is None
        await pilot.press("tab")
        await pilot.pause()
        assert app.reading.article.focused_link is not None
        release.set()
        await settle(pilot)
        assert app.reading.aids is not None and not status.has_class("-shown")
