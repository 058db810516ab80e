"""What the first frame does not wait for (issue 15, phase 2): bounded by what is done,
never by how long it takes.

* the modules the reader imports before its first frame leave out the parsers (Markdown,
  YAML, TOML), the web-page and EPUB machinery and the export formats: those are imported
  by the loading thread, or when a command needs them;
* a side panel is an empty column until first shown, then filled with what the screen
  handed it meanwhile;
* a long text's opening is laid out a screen at a time, like the whole book.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from textual.widgets import OptionList

from reader.document import Block, BlockKind, Document, Metadata
from reader.layout import DocumentLayout
from reader.pipeline import resolve_text
from reader.pipeline.stages import HEAD_CHARS
from reader.ui.panels.bookmarks import BookmarksPanel
from reader.ui.panels.context import ContextPanel
from reader.ui.panels.glossary import GlossaryPanel
from reader.ui.panels.search_results import SearchResultsPanel
from tests.epub_helpers import river_book
from tests.ui_helpers import make_app, rendered, settle, wait_until

NOT_BEFORE_THE_FIRST_FRAME = (
    "markdown_it",
    "mdit_py_plugins",
    "linkify_it",
    "yaml",
    "tomlkit",
    "urllib.request",
    "http.client",
    "email",
    "lxml",
    "zipfile",
    "html.parser",
    "xml.etree.ElementTree",
)
"""Modules the TUI's first frame has no use for (sqlite3 is not among them: the store is
opened while the app is imported)."""


def test_starting_the_reader_imports_no_parser_and_no_export_format() -> None:
    """What ``reader TEXT`` imports before the app runs: the command line, the app and
    its screen. Each of these cost 20–100 ms of a start-up that is a few hundred."""
    probe = (
        "import sys\n"
        "import reader.cli, reader.cli.open, reader.ui.app, reader.ui.settings\n"
        "import reader.cli.configured\n"
        f"print('\\n'.join(m for m in {NOT_BEFORE_THE_FIRST_FRAME!r} if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.split() == []


def test_the_parsers_still_come_when_a_text_is_parsed() -> None:
    """The lazy names of ``reader.document.parse`` are the real ones, imported on use."""
    from reader.document import parse as parse_package
    from reader.document.parse.containers import BULLETS
    from reader.document.parse.parser import MAX_NESTING

    assert parse_package.BULLETS is BULLETS
    assert parse_package.MAX_NESTING == MAX_NESTING
    document = parse_package.parse_markdown("# Título\n\nUm parágrafo.\n", "x.md")
    assert [block.kind for block in document.blocks] == [BlockKind.HEADING, BlockKind.PARAGRAPH]


async def test_hidden_panels_build_nothing_until_first_shown() -> None:
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        panels = [
            app.query_one(kind)
            for kind in (ContextPanel, GlossaryPanel, BookmarksPanel, SearchResultsPanel)
        ]
        assert [panel.built for panel in panels] == [False] * 4
        assert [len(panel.children) for panel in panels] == [0] * 4
        glossary = app.query_one(GlossaryPanel)
        await pilot.press("g")
        await wait_until(pilot, lambda: bool(glossary.display), "the glossary panel")
        terms = app.query_one("#gl-terms", OptionList)
        assert glossary.built and terms.option_count > 10  # the text's terms, handed in before
        await wait_until(pilot, lambda: terms.has_focus, "the new term list focused")
        assert not app.query_one(ContextPanel).built  # the others still wait
        await pilot.press("escape", "c")
        await wait_until(pilot, lambda: "%" in rendered(app, "#ctx-position"), "where you are")
        assert "words" in rendered(app, "#ctx-about")


def _long_document() -> Document:
    words = "palavra " * 60
    blocks = tuple(
        Block(f"p-{number}", BlockKind.PARAGRAPH, f"{number}. {words}".strip())
        for number in range(HEAD_CHARS // len(words))
    )
    return Document("longo.md", Metadata(title="Longo"), blocks)


def test_a_long_opening_is_laid_out_a_screen_at_a_time() -> None:
    """An opening of :data:`HEAD_CHARS` is wrapped where it is read, not all at once
    before its first screen (as a book is: the rest's heights are estimated)."""
    layout = DocumentLayout(_long_document(), 80)
    assert len(layout._cache) == 0
    layout.lay_out(0, 50)
    assert 0 < len(layout._cache) < 20


def test_quitting_ends_the_process_without_pythons_teardown() -> None:
    """After the reader quits, the process ends at once: what was written is flushed,
    and nothing of Python's exit (freeing a book's millions of objects one by one,
    waiting for a loading thread, atexit hooks) runs."""
    probe = (
        "import atexit, threading, time\n"
        "atexit.register(lambda: print(' teardown'))\n"
        "threading.Thread(target=time.sleep, args=(600,)).start()  # a load still going\n"
        "import sys, reader.cli.main\n"
        "cli = sys.modules['reader.cli.main']  # reader.cli.main is also the function's name\n"
        "def main() -> int:  # the reader run and quit, something printed\n"
        "    print('written', end='')\n"
        "    return 3\n"
        "cli.main = main\n"
        "cli.script()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False, timeout=60
    )
    assert (done.returncode, done.stdout) == (3, "written")


def test_checking_a_book_before_the_first_frame_imports_no_converter(tmp_path: Path) -> None:
    """``reader BOOK.epub`` reads the container and the package before the screen
    changes (a bad book is one line and exit 2); the chapters' converter and markdown-it
    wait for the loading thread."""
    book = river_book().write(tmp_path / "rio.epub")
    probe = (
        "import sys\n"
        "from pathlib import Path\n"
        "from reader.pipeline import read_source, resolve_text\n"
        f"read_source(resolve_text({str(book)!r}))\n"
        "names = ('markdown_it', 'reader.document.html.convert', 'reader.document.epub.book')\n"
        "print(' '.join(name for name in names if name in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.split() == []


def test_the_store_opened_while_the_app_is_imported_is_the_apps(tmp_path: Path) -> None:
    """``reader TEXT`` opens (creates) the store in a thread while Textual is imported,
    and hands it to the app, which opens no other."""
    from reader.cli.open import store_opened_meanwhile
    from reader.ui.app import ReaderApp
    from reader.userdata.store import FILE_NAME

    wait = store_opened_meanwhile(tmp_path)
    store = wait()
    try:
        assert store.path == tmp_path / FILE_NAME and not store.read_only
        assert (tmp_path / FILE_NAME).is_file()
        app = ReaderApp(resolve_text("stalingrado"), data_dir=tmp_path, store=store)
        assert app.store is store and app.reading.request.store is store
    finally:
        store.close()
