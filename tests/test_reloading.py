"""Pilot tests for editing (e) and reloading: the editor at the line read, the text
reloaded on the same words with its bookmarks re-anchored, a change on disk (the text's
or a glossary's) noticed, and a file saved broken keeping the text as it was (issue 14).

The app's suspend is replaced by a no-op (Pilot's headless driver cannot hand over a
terminal); the editor is a script that records how it was called and edits the file.
The terminal tests (tests/terminal/test_select_edit.py) run a real suspend.
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import reader.ui.reading.reloading as reloading_module
from reader.document import SpanKind
from reader.ui.app import ReaderApp
from reader.ui.reading.editor import NO_EDITOR
from reader.ui.widgets.article_view import ArticleView
from tests.ui_helpers import make_app, settle, view_text, wait_until

SIZE = (100, 30)

GLOSSARY = """title: Mine
language: pt
terms:
  - term: Volga
    short: Um rio.
"""


def paragraphs(count: int, tag: str = "w") -> list[str]:
    return [f"Parágrafo {n}: " + " ".join(f"{tag}{n}x{k}" for k in range(30)) for n in range(count)]


def write_text(path: Path, parts: list[str], front: str = "") -> None:
    path.write_text(front + "# Texto\n\n" + "\n\n".join(parts) + "\n", encoding="utf-8")


@pytest.fixture
def no_suspend(monkeypatch: pytest.MonkeyPatch) -> None:
    @contextlib.contextmanager
    def suspend(self: ReaderApp) -> Iterator[None]:
        yield

    monkeypatch.setattr(ReaderApp, "suspend", suspend)


@pytest.fixture
def quick_poll(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reloading_module, "POLL_SECONDS", 0.05)


def fake_editor(folder: Path, name: str, insert: str) -> tuple[Path, Path]:
    """An editor called ``name`` that records its arguments and puts ``insert`` after the
    file's first heading; (the script, the record)."""
    record = folder / "called.json"
    script = folder / "bin" / name
    script.parent.mkdir(exist_ok=True)
    script.write_text(
        f"#!{sys.executable}\n"
        "import json, sys, pathlib\n"
        f"pathlib.Path({str(record)!r}).write_text(json.dumps(sys.argv[1:]))\n"
        "path = pathlib.Path(sys.argv[-1])\n"
        "text = path.read_text(encoding='utf-8')\n"
        "head, rest = text.split('\\n\\n', 1)\n"
        f"path.write_text(head + '\\n\\n' + {insert!r} + '\\n\\n' + rest, encoding='utf-8')\n",
        encoding="utf-8",
    )
    script.chmod(0o755)
    return script, record


def messages(app: ReaderApp) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


def top_words(view: ArticleView) -> str:
    """The first words of the text on screen (the cursor mark and margin left out)."""
    lines = [line.strip(" ▎◆") for line in view_text(view).splitlines()]
    return next(line for line in lines if line)


async def test_e_edits_at_the_line_read_and_reloads_on_the_same_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_suspend: None
) -> None:
    text = tmp_path / "notas.md"
    write_text(text, paragraphs(30))
    script, record = fake_editor(tmp_path, "vi", "Um parágrafo novo.\n\nE outro.")
    monkeypatch.setenv("VISUAL", str(script))
    app = make_app(text, data_dir=tmp_path / "data")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.query_one("#article", ArticleView)
        assert view.document is not None
        target = view.document.block_index("p-15")
        assert target is not None
        view.jump_to(target)
        screen = app.reading

        def shown() -> bool:
            passage = screen.passage
            return passage is not None and passage.first_block <= target <= passage.last_block

        await wait_until(pilot, shown, "p-15 on screen, as the screen knows")
        screen.bookmarking.set_cursor(target)  # as a click there does
        # Bookmark the passage at the cursor, then edit.
        await pilot.press("m", *"nota", "enter")
        await wait_until(pilot, lambda: target in view.marked_blocks, "the bookmark")
        before = top_words(view)
        quote = view.document.blocks[target].text
        await pilot.press("e")
        await wait_until(pilot, lambda: record.exists(), "the editor")
        called = json.loads(record.read_text())
        line = view.document.blocks[target].lines[0]
        assert called == [f"+{line}", str(text.absolute())]
        await wait_until(
            pilot,
            lambda: view.document is not None and view.document.blocks[1].text.startswith("Um"),
            "the edited text",
        )
        await pilot.pause()
        assert top_words(view) == before  # the same words at the top of the screen
        moved = view.document.block_index("p-17")  # two paragraphs came before it
        assert moved is not None and view.document.blocks[moved].text == quote
        assert view.cursor_block == moved
        await wait_until(pilot, lambda: moved in view.marked_blocks, "the bookmark re-anchored")
        assert target not in view.marked_blocks
        assert any("notas.md edited: reloaded" in m for m in messages(app))


async def test_no_editor_set_says_how_to_set_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_suspend: None
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    text = tmp_path / "notas.md"
    write_text(text, paragraphs(3))
    app = make_app(text)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await wait_until(pilot, lambda: NO_EDITOR in messages(app), "the message")


@pytest.fixture
def suspend_like_textual(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A suspend that, like Textual's own, resumes only when its body returns: an error
    raised inside it leaves the app suspended (the reader frozen, keys echoed raw)."""
    calls: list[str] = []

    @contextlib.contextmanager
    def suspend(self: ReaderApp) -> Iterator[None]:
        calls.append("suspend")
        yield
        calls.append("resume")

    monkeypatch.setattr(ReaderApp, "suspend", suspend)
    return calls


@pytest.mark.parametrize("kind", ["missing", "unstartable"])
async def test_an_editor_that_cannot_run_is_one_line_and_the_reader_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suspend_like_textual: list[str], kind: str
) -> None:
    """EDITOR=nosuchedit (or a script whose interpreter is gone) froze the reader: the
    error escaped App.suspend(), which never resumed. A missing one is found before the
    terminal is handed over; one that fails to start is caught inside, so it resumes."""
    if kind == "missing":
        monkeypatch.setenv("EDITOR", "nosuchedit --wait")
        expected = "The editor nosuchedit was not found"
    else:
        script = tmp_path / "bin" / "brokenedit"
        script.parent.mkdir()
        script.write_text("#!/nonexistent/interpreter\n", encoding="utf-8")
        script.chmod(0o755)
        monkeypatch.setenv("EDITOR", str(script))
        expected = f"The editor {script} could not be started"
    monkeypatch.delenv("VISUAL", raising=False)
    text = tmp_path / "notas.md"
    write_text(text, paragraphs(40))
    app = make_app(text)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await wait_until(pilot, lambda: any(expected in m for m in messages(app)), "the line")
        assert suspend_like_textual in ([], ["suspend", "resume"])
        view = app.query_one("#article", ArticleView)
        before = view.scroll_y
        await pilot.press("space")
        await wait_until(pilot, lambda: view.scroll_y > before, "the reader answers keys")


async def test_a_bundled_text_cannot_be_edited(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_suspend: None
) -> None:
    script, record = fake_editor(tmp_path, "vi", "x")
    monkeypatch.setenv("EDITOR", str(script))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await wait_until(
            pilot,
            lambda: any("stalingrado comes with the reader" in m for m in messages(app)),
            "the message",
        )
        assert not record.exists()


async def test_a_change_on_disk_is_reloaded_keeping_the_place(
    tmp_path: Path, quick_poll: None
) -> None:
    text = tmp_path / "notas.md"
    parts = paragraphs(30)
    write_text(text, parts)
    app = make_app(text, data_dir=tmp_path / "data")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.query_one("#article", ArticleView)
        assert view.document is not None
        target = view.document.block_index("p-20")
        assert target is not None
        view.jump_to(target, 40, 60)  # a few lines into the paragraph
        await pilot.pause()
        before = top_words(view)
        write_text(text, ["Novo no início.", *parts[:19], parts[19] + " Mais.", *parts[20:]])
        await wait_until(
            pilot,
            lambda: view.document is not None and view.document.blocks[1].text == "Novo no início.",
            "the reload",
        )
        await pilot.pause()
        assert top_words(view) == before
        assert any("notas.md changed on disk: reloaded" in m for m in messages(app))


async def test_a_text_saved_broken_keeps_the_text_shown_and_says_why(
    tmp_path: Path, quick_poll: None
) -> None:
    text = tmp_path / "notas.md"
    write_text(text, paragraphs(5))
    app = make_app(text)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.query_one("#article", ArticleView)
        shown = view.document
        text.write_bytes(b"# Texto\n\nCaf\xe9 em Latin-1.\n")
        await wait_until(
            pilot, lambda: any("UTF-8" in m for m in messages(app)), "the error notified"
        )
        assert view.document is shown
        assert "Parágrafo 0" in view_text(view)
        # Fixed again: reloaded.
        write_text(text, ["Consertado."])
        await wait_until(
            pilot,
            lambda: view.document is not None and view.document.blocks[1].text == "Consertado.",
            "the fixed text",
        )


def linked_terms(view: ArticleView) -> set[str]:
    document = view.document
    assert document is not None
    return {
        span.target
        for block in document.blocks
        for span in block.spans
        if span.kind is SpanKind.TERM_REF
    }


async def test_a_glossary_changed_on_disk_relinks_the_text_and_a_broken_one_is_refused(
    tmp_path: Path, quick_poll: None
) -> None:
    (tmp_path / "glossary").mkdir()
    glossary = tmp_path / "glossary" / "mine.yaml"
    glossary.write_text(GLOSSARY, encoding="utf-8")
    text = tmp_path / "notas.md"
    write_text(text, ["O Volga passa por Stalingrado."], front="---\nglossary: [mine]\n---\n\n")
    app = make_app(text)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.query_one("#article", ArticleView)
        assert linked_terms(view) == {"Volga"}
        more = GLOSSARY + "  - term: Stalingrado\n    short: Uma cidade.\n"
        glossary.write_text(more, encoding="utf-8")
        await wait_until(pilot, lambda: linked_terms(view) == {"Volga", "Stalingrado"}, "relink")
        assert any("mine.yaml changed on disk: reloaded" in m for m in messages(app))
        shown = view.document
        glossary.write_text(more + "  - term: [unclosed\n", encoding="utf-8")
        await wait_until(
            pilot,
            lambda: any("shown as it was" in m and "mine.yaml" in m for m in messages(app)),
            "the broken glossary refused",
        )
        assert view.document is shown
