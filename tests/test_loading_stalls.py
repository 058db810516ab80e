"""Nothing a load brings is computed on the UI thread in one long stretch (issue 12).

The findings: a text of 100,000 headings froze the reader for minutes (its outline, an
option list measured whole on every layout of the panel), a 50,000-footnote text for
seconds at a time (the collector's full passes over a million objects, the layout of the
whole text built on the UI thread). Each test bounds the work, counted, never timed.
"""

from __future__ import annotations

import gc
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.content import Content
from textual.notifications import Notification

import reader.pipeline.stages as stages_module
import reader.ui.reading.background as background_module
from reader.layout import DocumentLayout
from reader.pipeline import TextRef
from reader.pipeline.problems import MAX_LINES
from reader.pipeline.stages import HEAD_CHARS, HEAD_REACH, TWO_STEP_LOAD_CHARS, text_head
from reader.ui.app import ReaderApp
from reader.ui.commands import HITS_OFFERED
from reader.ui.panels.glossary import TERMS_LISTED, GlossaryPanel
from tests.ui_helpers import make_app, palette_results, search_palette, settle, wait_until

SIZE = (120, 40)


def test_the_opening_of_one_huge_line_is_short() -> None:
    """A 10 MB paragraph on one line: the opening shown first is cut near
    :data:`HEAD_CHARS`, not at the only line break, at the end."""
    line = "palavra " * (10 * 1024 * 1024 // 8) + "\n"
    head = text_head(line)
    assert head is not None and HEAD_CHARS <= len(head) <= HEAD_CHARS + HEAD_REACH
    no_space = "x" * (2 * HEAD_CHARS + HEAD_REACH)
    assert text_head(no_space) == no_space[:HEAD_CHARS]


class _CountingPattern:
    """A compiled pattern that counts the characters its ``findall`` looks at."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.scanned = 0

    def findall(self, text: str, pos: int, endpos: int) -> list[Any]:
        self.scanned += endpos - pos
        return self.pattern.findall(text, pos, endpos)


def test_the_opening_counts_code_fences_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fence left open at the top makes every blank line near the cut a candidate that
    fails: each was checked by counting fences from the start again (a regex over
    300,000 characters per blank line, holding the GIL). Now each stretch is read once."""
    counting = _CountingPattern(stages_module._FENCE)
    monkeypatch.setattr(stages_module, "_FENCE", counting)
    source = "```\n" + "linha de código\n\n" * ((HEAD_CHARS + HEAD_REACH) // 17 + 100)
    text_head(source)
    assert counting.scanned <= HEAD_CHARS + HEAD_REACH


def _long_text(path: Path, headings: int = 0) -> Path:
    """A text over :data:`TWO_STEP_LOAD_CHARS` (shown in steps), with ``headings``."""
    paragraph = "O Exército Vermelho cercou o 6.º Exército em Stalingrado no inverno. " * 10
    count = TWO_STEP_LOAD_CHARS // len(paragraph) + 10
    parts = [
        (f"## Secção {n}\n\n" if n < headings else "") + f"{paragraph}p{n}\n\n"
        for n in range(count)
    ]
    parts += [f"## Secção {n}\n\nTexto.\n\n" for n in range(count, headings)]
    path.write_text("---\ntitle: Livro\nlanguage: pt\n---\n\n" + "".join(parts), encoding="utf-8")
    return path


async def test_the_ui_thread_never_lays_out_a_loaded_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each text a load shows (its opening, the whole text, linked) is laid out in the
    loading thread: measuring 100,000 blocks took the UI thread seconds, three times."""
    built: list[str] = []
    real_init = DocumentLayout.__init__

    def recorded_init(self: DocumentLayout, *args: Any, **kwargs: Any) -> None:
        built.append(threading.current_thread().name)
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(DocumentLayout, "__init__", recorded_init)
    app = make_app(_long_text(tmp_path / "livro.md"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.reading.article
        assert view.text_layout is not None and view.text_layout.document.meta.title == "Livro"
    loaded = [name for name in built if name != "MainThread"]
    assert len(loaded) >= 3, built  # the opening, the text, the text linked
    assert "MainThread" not in built[: len(loaded)], built


@pytest.fixture
def measured(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Counts how often Textual measures a piece of content (an option of a list, a
    line of a panel): the work a panel does on each layout."""
    calls = [0]
    real = Content.get_height

    def counted(self: Content, *args: Any, **kwargs: Any) -> int:
        calls[0] += 1
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Content, "get_height", counted)
    yield calls


async def test_reading_beside_a_long_outline_measures_no_heading(
    tmp_path: Path, measured: list[int]
) -> None:
    """Opening the context panel beside a text of 3,000 headings, and scrolling with it
    open, measures a few lines, not the outline: an outline of 100,000 headings measured
    whole (and filled one heading at a time) froze the reader for minutes."""
    app = make_app(_long_text(tmp_path / "livro.md", headings=3_000))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        measured[0] = 0
        await pilot.press("c")
        await settle(pilot)
        assert "Secção 2999" in "\n".join(app.query_one("#ctx-outline").entries)  # type: ignore[attr-defined]
        for key in ("j", "space", "j", "space"):
            await pilot.press(key)
            await pilot.pause()
        await settle(pilot)
        assert measured[0] < 300, measured[0]


def _big_glossary(path: Path, terms: int) -> Path:
    entries = "".join(
        f"  - term: Termo{n:05d}\n    short: O termo número {n}.\n" for n in range(terms)
    )
    path.write_text(f"title: Grande\nlanguage: pt\nterms:\n{entries}", encoding="utf-8")
    return path


async def test_filtering_a_big_glossary_lists_a_bounded_number_of_terms(
    tmp_path: Path, measured: list[int]
) -> None:
    """Three letters typed in the filter of a 3,000-term glossary measure fewer options
    in all than the glossary has terms (each letter measured every term, several times:
    a second a letter); the list says how many more match, and a term past the listed
    ones can still be shown."""
    glossary = _big_glossary(tmp_path / "grande.yaml", 3_000)
    text = tmp_path / "texto.md"
    text.write_text("---\nlanguage: pt\n---\n\nTermo00001 e Termo02999.\n", encoding="utf-8")
    app = ReaderApp(TextRef(text, "texto.md"), extra_glossaries=[glossary])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        terms = app.query_one("#gl-terms")
        assert terms.option_count <= TERMS_LISTED + 3  # type: ignore[attr-defined]
        last = terms.get_option_at_index(terms.option_count - 1)  # type: ignore[attr-defined]
        assert "more: type to narrow" in str(last.prompt)
        measured[0] = 0
        await pilot.press("/", "t", "e", "r")
        await settle(pilot)
        assert measured[0] < 3_000, measured[0]
        panel = app.query_one(GlossaryPanel)
        panel.show_term("Termo02500")  # past the listed ones
        await settle(pilot)
        assert panel.selected == "Termo02500"
        assert terms.highlighted == terms.get_option_index("Termo02500")  # type: ignore[attr-defined]


async def test_a_load_leaves_the_text_out_of_full_collections(tmp_path: Path) -> None:
    """The objects a load made are frozen when it ends: the collector's full passes
    (seconds each over a million objects, holding the GIL) never walk them again."""
    app = make_app(_long_text(tmp_path / "livro.md", headings=500))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: background_module.loads_running() == 0, "the load's end")
        document = app.reading.opened.document  # type: ignore[union-attr]
        blocks = {id(block) for block in document.blocks}
        tracked = [item for item in gc.get_objects() if id(item) in blocks]
        assert tracked == []


async def test_a_text_with_many_problems_is_a_few_notifications(tmp_path: Path) -> None:
    """Twenty glossaries that cannot be found: a few notifications, then how many more
    (50,000 problems stacked 50,000 notifications on the UI thread)."""
    names = ", ".join(f"falta{n}" for n in range(20))
    text = tmp_path / "texto.md"
    text.write_text(f"---\nglossary: [{names}]\n---\n\nTexto.\n", encoding="utf-8")
    app = make_app(text)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown: list[Notification] = list(app._notifications)
        assert len(shown) == 1, [n.message for n in shown]  # one file: one notification
        assert shown[0].message.count("\n") == MAX_LINES, shown[0].message
        assert "and 15 more (reader check lists all)" in shown[-1].message


async def test_the_palette_offers_a_bounded_number_of_headings(tmp_path: Path) -> None:
    """The command palette over 3,000 headings lists at most :data:`HITS_OFFERED` of
    them, best first, for no query and for one that matches them all: it listed every
    one, and 100,000 kept the reader busy for minutes."""
    app = make_app(_long_text(tmp_path / "livro.md", headings=3_000))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: bool(palette_results(app)), "the palette's offers")
        await app.workers.wait_for_complete()
        headings = [hit for hit in palette_results(app) if hit.startswith("§")]
        assert 0 < len(headings) <= HITS_OFFERED, len(headings)
        await search_palette(pilot, "secção 2999", "Secção 2999")
        headings = [hit for hit in palette_results(app) if hit.startswith("§")]
        assert len(headings) <= HITS_OFFERED, len(headings)
