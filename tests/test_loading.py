"""The one loading path: stages in order, and a load superseded by another text.

The second test holds the first load's worker in the middle of a 5 MB text (inside the
glossary look-up), opens another text meanwhile, then lets the old worker go: the screen
must show the new text, never anything of the old load, and the old worker must stop at
its next stage instead of going on to index a text nobody reads any more. The last two:
quitting never waits for a load, nor for Python's shutdown.
"""

from __future__ import annotations

import asyncio
import gc
import subprocess
import sys
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

import reader.pipeline.stages as stages_module
from reader.index.aids import ReadingAids
from reader.pipeline import Indexed, LoadRequest, Progress, Shown, glossaries_for, load_stages
from reader.text.collector import collector_paused
from reader.text.textfile import TextRef, read_text
from reader.ui.app import ReaderApp
from reader.ui.reading.background import LoadingInBackground
from reader.userdata import content_hash
from tests.core_helpers import REPO
from tests.ui_helpers import wait_until

PARAGRAPH = "O Exército Vermelho cercou o 6.º Exército em Stalingrado no inverno. " * 12


def _book(path: Path, megabytes: int = 5) -> Path:
    paragraphs = (megabytes * 1_000_000) // (len(PARAGRAPH) + 2) + 1
    body = "\n\n".join(f"{PARAGRAPH}p{n}" for n in range(paragraphs))
    path.write_text(f"---\ntitle: Livro\n---\n\n{body}\n", encoding="utf-8")
    return path


def test_a_short_text_comes_whole_in_one_stage(tmp_path: Path) -> None:
    text = tmp_path / "curto.md"
    text.write_text("# Curto\n\nA Wehrmacht e o Volga.\n", encoding="utf-8")
    stages = list(load_stages(LoadRequest(TextRef(text, "curto.md"))))
    assert [type(stage) for stage in stages] == [Progress, Shown]
    shown = stages[-1]
    assert isinstance(shown, Shown) and shown.linked and shown.aids is not None
    assert shown.opened.document.meta.title == "Curto"


def test_a_long_text_is_shown_before_it_is_linked_and_indexed(tmp_path: Path) -> None:
    book = _book(tmp_path / "livro.md", megabytes=1)
    stages = [
        s
        for s in load_stages(LoadRequest(TextRef(book, "livro.md")))
        if not isinstance(s, Progress)
    ]
    kinds = [(type(s).__name__, getattr(s, "linked", None)) for s in stages]
    assert kinds == [
        ("Shown", False),  # the opening
        ("Shown", False),  # the whole text, unlinked
        ("Shown", True),
        ("Indexed", None),
    ]
    assert isinstance(stages[-1], Indexed) and stages[-1].opened is stages[-2].opened


async def test_a_book_is_let_go_of_once_parsed(tmp_path: Path) -> None:
    """Once a long text is loaded nobody holds the text read from its file (a 5 MB
    book's 9 MB, kept to the end of the load for its hash, and by the screen's request
    for ever): the parsed document is what is read, and a reload reads the file again."""
    import reader.ui.reading.background as background

    book = _book(tmp_path / "livro.md", megabytes=1)
    source = read_text(book)
    held_here = sys.getrefcount(source)
    app = ReaderApp(TextRef(book, "livro.md"), source=source, data_dir=tmp_path / "data")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.reading
        await wait_until(
            pilot,
            lambda: screen.session is not None and background.loads_running() == 0,
            "the book indexed and its load over",
        )
        session = screen.session
        assert session is not None and session.text.content_hash == content_hash(source)
        assert sys.getrefcount(source) == held_here
        assert screen.request.source is None and screen.request.ref.path == book


async def test_switching_texts_mid_load_shows_only_the_new_text(
    tmp_path: Path, monkeypatch: Any
) -> None:
    book = _book(tmp_path / "livro.md")
    other = tmp_path / "outro.md"
    other.write_text("# Outro texto\n\nSó um parágrafo, sobre o Volga.\n", encoding="utf-8")
    entered, release = threading.Event(), threading.Event()
    real_glossaries = glossaries_for
    real_build = ReadingAids.build
    indexed: list[str] = []

    def held_glossaries(document: Any, path: Path, extra: Any = (), **options: Any) -> Any:
        if path == book:
            entered.set()
            assert release.wait(60), "the test never let the old load go"
        return real_glossaries(document, path, extra, **options)

    def recorded_build(opened: Any) -> ReadingAids:
        indexed.append(opened.document.meta.title)
        return real_build(opened)

    monkeypatch.setattr(stages_module, "glossaries_for", held_glossaries)
    monkeypatch.setattr(ReadingAids, "build", staticmethod(recorded_build))
    app = ReaderApp(TextRef(book, "livro.md"))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.reading
        await wait_until(pilot, entered.is_set, "the first load reaching the glossaries")
        old, old_thread = screen.loader.worker, screen.loader.thread
        assert old is not None and not old.is_finished
        assert old_thread is not None and old_thread.is_alive()
        screen.finding.chosen_term = "Wehrmacht"  # chosen in the old text
        screen.open_text(replace(screen.request, ref=TextRef(other, "outro.md"), source=None))
        await wait_until(pilot, lambda: screen.aids is not None, "the new text indexed")
        assert old.is_cancelled
        release.set()
        await wait_until(pilot, lambda: not old_thread.is_alive(), "the old load to stop")
        await pilot.pause()
        assert screen.opened is not None and screen.opened.ref.path == other
        assert screen.sub_title == "Outro texto"
        document = screen.article.document
        assert document is not None and document.meta.title == "Outro texto"
        assert indexed == ["Outro texto"]  # the old load stopped before indexing its text
        assert screen.finding.chosen_term is None  # ] does not go on with the old text's


def test_quitting_never_waits_for_a_load(tmp_path: Path, monkeypatch: Any) -> None:
    """The app ends, and so does the event loop it ran in, while its load is stuck in
    the middle of a step: quitting a 50,000-footnote text took as long as the step in
    progress (asyncio joins its executor's threads on the way out, and the load was one
    of them). The whole app runs as ``reader`` runs it, in ``asyncio.run``."""
    book = _book(tmp_path / "livro.md", megabytes=1)
    entered, release, ended = threading.Event(), threading.Event(), threading.Event()
    real_glossaries = glossaries_for

    def held_glossaries(document: Any, path: Path, extra: Any = (), **options: Any) -> Any:
        entered.set()
        release.wait(120)
        return real_glossaries(document, path, extra, **options)

    monkeypatch.setattr(stages_module, "glossaries_for", held_glossaries)

    async def read_and_quit() -> None:
        app = ReaderApp(TextRef(book, "livro.md"))
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_until(pilot, entered.is_set, "the load reaching the glossaries")
            await pilot.press("q")

    def run() -> None:
        asyncio.run(read_and_quit())
        ended.set()

    runner = threading.Thread(target=run, daemon=True)
    runner.start()
    try:
        assert ended.wait(60), "the app's loop did not end while its load was held"
    finally:
        release.set()
    runner.join(60)


def test_the_collector_runs_again_after_a_load_that_overlapped_a_pass() -> None:
    """A pass over a text on the UI thread (a layout) pauses the collector too: a load
    that started during it, and ended after it, turned the collector off for good (it
    saw it off when it began and restored that)."""
    for thread in threading.enumerate():
        if thread.name.startswith("load "):
            thread.join(120)  # an earlier test's load, let go at its end
    assert gc.isenabled()
    try:
        pass_on_the_ui_thread = collector_paused()
        pass_on_the_ui_thread.__enter__()
        load = LoadingInBackground().__enter__()
        pass_on_the_ui_thread.__exit__(None, None, None)
        assert not gc.isenabled()  # the load still runs
        load.__exit__(None, None, None)
        assert gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()


def test_the_console_script_ends_without_pythons_shutdown() -> None:
    """``reader`` ends its process once the command is done, its output flushed and its
    status kept: Python's own shutdown (freeing and collecting every object: 0.3 s for
    Textual's alone, seconds after a big text) would keep a quit reader's process alive."""
    code = (
        "import atexit, sys; atexit.register(lambda: print('SHUTDOWN', file=sys.stderr)); "
        "sys.argv = ['reader', 'lookup', 'Volga', '--in', 'stalingrado']; "
        "from reader.cli import script; script()"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "Volga" in done.stdout
    assert "SHUTDOWN" not in done.stderr
