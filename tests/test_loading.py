"""The one loading path: stages in order, and a load superseded by another text.

The second test holds the first load's worker in the middle of a 5 MB text (inside the
glossary look-up), opens another text meanwhile, then lets the old worker go: the screen
must show the new text, never anything of the old load, and the old worker must stop at
its next stage instead of going on to index a text nobody reads any more.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

import reader.pipeline.stages as stages_module
from reader.index.aids import ReadingAids
from reader.pipeline import Indexed, LoadRequest, Progress, Shown, glossaries_for, load_stages
from reader.text.textfile import TextRef
from reader.ui.app import ReaderApp
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
        old = screen.loader.worker
        assert old is not None and not old.is_finished
        screen.finding.chosen_term = "Wehrmacht"  # chosen in the old text
        screen.open_text(replace(screen.request, ref=TextRef(other, "outro.md"), source=None))
        await wait_until(pilot, lambda: screen.aids is not None, "the new text indexed")
        assert old.is_cancelled
        release.set()
        await wait_until(pilot, lambda: old.is_finished, "the old worker to stop")
        await pilot.pause()
        assert screen.opened is not None and screen.opened.ref.path == other
        assert screen.sub_title == "Outro texto"
        document = screen.article.document
        assert document is not None and document.meta.title == "Outro texto"
        assert indexed == ["Outro texto"]  # the old load stopped before indexing its text
        assert screen.finding.chosen_term is None  # ] does not go on with the old text's
