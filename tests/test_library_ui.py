"""The library screen in the app: l opens it, typing filters, Enter opens a text where it
was left, d forgets an entry (keeping its bookmarks), a missing file is shown as such."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.widgets import Input

from reader.pipeline import open_text, resolve_text
from reader.pipeline.library import describe
from reader.text.textfile import read_text
from reader.ui.app import ReaderApp
from reader.ui.library.rows import LibraryList
from reader.ui.library.screen import LibraryScreen
from reader.userdata import BookmarkAnchor, BookmarkStore, open_store, text_identity
from reader.userdata.library import text_widths
from reader.userdata.store import bookmark_store
from tests.ui_helpers import make_app, settle, view_text, wait_until

PARAGRAPHS = 120


def long_text(folder: Path, name: str, title: str) -> Path:
    """A text of numbered paragraphs, long enough to scroll far into."""
    body = "\n\n".join(f"Parágrafo número {n} de {title}." for n in range(1, PARAGRAPHS + 1))
    path = folder / name
    path.write_text(f"---\ntitle: {title}\nauthor: Ana\nlanguage: pt\n---\n\n{body}\n")
    return path


def remember(store: BookmarkStore, path: Path, block_id: str) -> None:
    """As if ``path`` had been read here and left at ``block_id``."""
    ref = resolve_text(str(path))
    source = read_text(ref.path)
    document = open_text(ref, source=source).document
    store.record_text(describe(ref, source, document))
    store.save_position(text_identity(ref, source, document.meta.title), block_id, 0, 40)


def rows(app: object) -> list[str]:
    """The rows the library shows, as text."""
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, LibraryScreen)
    shown = screen.query_one(LibraryList)
    return [shown.row_text(index) for index in range(shown.row_count)]


def titles(app: object) -> list[str]:
    """The title column of each row."""
    width = text_widths(app.size.width)[0]  # type: ignore[attr-defined]
    return [row[1 : 1 + width].strip() for row in rows(app)]


def row_of(app: object, title: str) -> str:
    (row,) = [row for row, shown in zip(rows(app), titles(app), strict=True) if shown == title]
    return row


async def open_library(pilot: object) -> None:
    await pilot.press("l")  # type: ignore[attr-defined]
    await wait_until(
        pilot,  # type: ignore[arg-type]
        lambda: isinstance(pilot.app.screen, LibraryScreen) and bool(titles(pilot.app)),  # type: ignore[attr-defined]
        "the library",
    )


async def test_l_opens_the_library_with_what_each_row_says(tmp_path: Path) -> None:
    data = tmp_path / "data"
    memorias = long_text(tmp_path, "memorias.md", "Memórias Póstumas")
    with open_store(data) as store:
        remember(store, memorias, "p-60")
    app = make_app(data_dir=data)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_library(pilot)
        assert "A Batalha de Stalingrado" in titles(app)  # bundled
        row = row_of(app, "Memórias Póstumas")
        assert re.search(r"Memórias Póstumas +Ana +pt +Markdown +40% +(just now|1 min ago)$", row)
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, LibraryScreen), "the text")


async def test_typing_filters_ignoring_case_and_accents_and_enter_opens_at_the_saved_place(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    memorias = long_text(tmp_path, "livro-1.md", "Memórias Póstumas")  # found by its title
    other = long_text(tmp_path, "livro-2.md", "Dom Casmurro")
    with open_store(data) as store:
        remember(store, memorias, "p-60")
        remember(store, other, "p-5")
    app = make_app(data_dir=data)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await open_library(pilot)
        assert {"Memórias Póstumas", "Dom Casmurro"} <= set(titles(app))
        await pilot.press(*"MEMORIAS")
        await wait_until(pilot, lambda: titles(app) == ["Memórias Póstumas"], "the filter")
        await pilot.press("enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, LibraryScreen), "the text")
        await settle(pilot)
        await wait_until(
            pilot,
            lambda: "Parágrafo número 60 de" in view_text(app.reading.article).split("\n")[0],
            "the text at its saved place",
        )
        assert app.reading.sub_title == "Memórias Póstumas"


async def test_d_forgets_an_opened_text_but_keeps_its_bookmarks_and_file(tmp_path: Path) -> None:
    data = tmp_path / "data"
    memorias = long_text(tmp_path, "memorias.md", "Memórias Póstumas")
    with open_store(data) as store:
        remember(store, memorias, "p-3")
        ref = resolve_text(str(memorias))
        source = read_text(memorias)
        identity = text_identity(ref, source, "Memórias Póstumas")
        quote = "Parágrafo número 2"
        store.add(identity, BookmarkAnchor("p-2", 0, len(quote), quote, "", " de"), "nota")
    app = make_app(data_dir=data)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_library(pilot)
        await pilot.press(*"postumas")  # o and d are letters in the filter, not keys
        await wait_until(pilot, lambda: titles(app) == ["Memórias Póstumas"], "the filter")
        assert app.screen.query_one("#library-filter", Input).value == "postumas"
        assert re.search(r"Markdown +\d+% +1 +", rows(app)[0])  # one bookmark
        await pilot.press("escape")  # from the filter to the list
        await pilot.press("d")
        await wait_until(pilot, lambda: titles(app) == [], "the entry forgotten")
        await pilot.press("escape", "escape")
    assert memorias.exists()
    with open_store(data) as store:
        assert [b.note for b in store.all()] == ["nota"]
        assert all(record.path != str(memorias.resolve()) for record in store.library())


async def test_a_missing_file_is_shown_greyed_and_opening_it_says_so(tmp_path: Path) -> None:
    data = tmp_path / "data"
    gone = long_text(tmp_path, "perdido.md", "Texto Perdido")
    with open_store(data) as store:
        remember(store, gone, "p-3")
    gone.unlink()
    app = make_app(data_dir=data)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_library(pilot)
        await pilot.press(*"perdido")
        await wait_until(pilot, lambda: titles(app) == ["Texto Perdido"], "the filter")
        assert rows(app)[0].endswith("missing")
        shown = app.screen.query_one(LibraryList)
        assert shown.row_missing(0)
        first = next(iter(shown.render_line(0)))
        missing = shown.get_component_rich_style("library-list--missing")
        assert first.style is not None and first.style.italic and missing.italic  # greyed
        await pilot.press("enter")
        await wait_until(
            pilot,
            lambda: any("is missing" in str(n.message) for n in app._notifications),
            "the notification",
        )
        assert isinstance(app.screen, LibraryScreen)  # nothing opened


async def test_starting_on_the_library_opens_nothing_until_a_text_is_chosen(
    tmp_path: Path,
) -> None:
    """``reader --library``: the library first, no text behind it recorded as read; Esc
    reads the text ``reader`` would have opened, and l comes back to the library."""
    data = tmp_path / "data"
    ref = resolve_text(None)
    app = ReaderApp(ref, source=read_text(ref.path), data_dir=data, library=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: bool(titles(app)), "the library")
        assert titles(app)[0] == "A Batalha de Stalingrado"
        assert rows(app)[0].endswith("never")  # not opened behind the library
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is app.reading, "the text")
        await settle(pilot)
        assert app.reading.sub_title == "A Batalha de Stalingrado"
        await open_library(pilot)
        assert rows(app)[0].endswith(("just now", "1 min ago"))


async def test_reading_a_text_records_its_row_and_how_far_it_was_read(tmp_path: Path) -> None:
    """Opening a text records what its row says (nothing is parsed to draw it later), and
    each saved position the share read."""
    data = tmp_path / "data"
    memorias = long_text(tmp_path, "livro.md", "Memórias Póstumas")
    app = make_app(memorias, data_dir=data)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        store = app.store
        assert store is not None
        (record,) = [r for r in store.library() if r.title == "Memórias Póstumas"]
        assert (record.author, record.language, record.format) == ("Ana", "pt", "markdown")
        assert record.words > PARAGRAPHS * 4
        await pilot.press("end")
        await wait_until(
            pilot,
            lambda: any(r.percent == 100 for r in store.library()),
            "the share read saved",
        )
        await open_library(pilot)
        assert " 100% " in row_of(app, "Memórias Póstumas")


async def test_a_title_is_shown_as_text_never_as_markup_or_control_sequences(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    hostile = tmp_path / "hostil.md"
    hostile.write_text("# Título [b]forte[/b] \x1b[31mvermelho\n\nTexto.\n", encoding="utf-8")
    with open_store(data) as store:
        remember(store, hostile, "p-1")
    app = make_app(data_dir=data)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_library(pilot)
        (row,) = [row for row in rows(app) if "Título" in row]
        assert "[b]forte[/b]" in row and "\x1b" not in row and "␛[31m" in row


async def test_o_switches_between_last_read_and_title_keeping_the_cursor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    with open_store(data) as store:
        monkeypatch.setattr(bookmark_store, "utc_now", lambda: "2026-03-01T10:00:00Z")
        remember(store, long_text(tmp_path, "b.md", "Baleia Lida Antes"), "p-2")
        monkeypatch.setattr(bookmark_store, "utc_now", lambda: "2026-03-02T10:00:00Z")
        remember(store, long_text(tmp_path, "z.md", "Zebra Lida Depois"), "p-2")
    monkeypatch.undo()
    app = make_app(data_dir=data)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_library(pilot)
        assert titles(app)[:3] == [
            "A Batalha de Stalingrado",  # just opened behind the library
            "Zebra Lida Depois",
            "Baleia Lida Antes",
        ]
        assert "by last read" in str(app.screen.query_one("#library-status").render())
        await pilot.press("down")  # to Zebra
        await pilot.press("o")
        await wait_until(pilot, lambda: titles(app)[1] == "Baleia Lida Antes", "by title")
        assert titles(app) == ["A Batalha de Stalingrado", "Baleia Lida Antes", "Zebra Lida Depois"]
        assert "by title" in str(app.screen.query_one("#library-status").render())
        shown = app.screen.query_one(LibraryList)
        assert titles(app)[shown.cursor] == "Zebra Lida Depois"  # the cursor stayed on it


async def test_l_extends_a_selection_there_is_and_opens_the_library_otherwise(
    tmp_path: Path,
) -> None:
    app = make_app(data_dir=tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await wait_until(pilot, lambda: app.reading.article.selection is not None, "a selection")
        before = app.reading.article.selection
        await pilot.press("l")
        await wait_until(pilot, lambda: app.reading.article.selection != before, "one word more")
        assert not isinstance(app.screen, LibraryScreen)
        await pilot.press("v")  # the selection ends
        await wait_until(pilot, lambda: app.reading.article.selection is None, "no selection")
        await open_library(pilot)
