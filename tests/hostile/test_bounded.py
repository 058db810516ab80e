"""Big texts open with their first screen shown and bounded memory, or are refused.

Each big file is opened by the real app (Pilot) in a fresh interpreter, which reports what
the first screen showed and its peak memory (VmHWM). Nothing here measures time: a slow
machine is not a failure; minutes of work or gigabytes of memory are (the first shows up
as this suite not finishing, the second as VmHWM).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from reader.document.model import Block, Span, SpanKind
from reader.layout import styled_runs
from reader.text.sanitize import TITLE_CHARS
from tests.hostile.helpers import run_python
from tests.hostile.make_corpus import WORD

GIB_KB = 1024 * 1024

_OPEN_IN_APP = """
import asyncio, sys
from pathlib import Path
from reader.ui.panels.glossary import GlossaryPanel
from tests.hostile.helpers import watched_app
from tests.ui_helpers import settle, view_text

async def run(path):
    app = watched_app(Path(path))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        first = view_text(app.reading.article)
        await pilot.press("end")
        await pilot.pause()
        last = view_text(app.reading.article)
        await pilot.press("home", "tab")
        await pilot.pause()
        for panel in ("c", "g"):  # the panels show headings, terms and counts of it all
            await pilot.press(panel)
            await settle(pilot)
            if panel == "g" and app.reading.opened and app.reading.opened.glossaries.terms:
                term = next(iter(app.reading.opened.glossaries.terms))
                app.query_one(GlossaryPanel).show_term(term)  # its entry and mentions
                await settle(pilot)
            await pilot.press("escape", panel)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press("escape")
        await pilot.pause()
        return {
            "first": first,
            "last": last,
            "linked": app.reading.aids is not None,
            "blocks": len(app.reading.opened.document.blocks) if app.reading.opened else 0,
            "problems": [str(p) for p in app.reading.opened.problems] if app.reading.opened else [],
            "status": str(app.query_one("#status").render()),
            "title": app.reading.sub_title,
            "position": str(app.query_one("#ctx-position").render()),
            "running": app.is_running,
        }

_result = asyncio.run(run(sys.argv[1]))
"""
"""Open the text in the app, show its first screen, go to its end and back, Tab, open
the context and glossary panels and the command palette."""


def _open(path: Path) -> dict[str, Any]:
    return run_python(_OPEN_IN_APP, str(path))


BIG = {
    "big-line": 2,  # title + the paragraph (no glossary: language und)
    "big-line-terms": 7,  # title + a paragraph of ~280,000 terms + "Notas" + 4 notes
    "big-list": 100_001,  # title + 100,000 items
    "big-heading": 4,  # the two headings and their paragraphs
    "big-summary": 64,  # title + 61 paragraphs + "Notas" + the note
    "big-table": 3,  # title + a paragraph + the table
    "big-footnotes": 100_002,  # title + 50,000 paragraphs + "Notas" + 50,000 notes
    "big-glossary": 4_000,  # title + 501 paragraphs + "Notas" + a note per term used
}
"""Big file → (at least) how many blocks the linked document has."""

PROBLEMS = {
    "big-summary": [
        "/glossary/longo.yaml:5: warning: 'short' of 'Zanzibar' is 1,048,576 characters; "
        "cut to 300 (a summary is one line: put the rest in 'definition')"
    ],
}
"""Big file → the ends of the problems it is opened with (none for the others)."""

_TEST = "test_big_text_opens_with_bounded_memory"


class _Opening(dict[str, "Future[dict[str, Any]]"]):
    """Big file name → its opening in ``pool``: those submitted ahead, and any other
    submitted when first asked for."""

    def __init__(self, pool: ThreadPoolExecutor, ahead: list[str], corpus: dict[str, Path]):
        super().__init__({name: pool.submit(_open, corpus[name]) for name in ahead})
        self._pool, self._corpus = pool, corpus

    def __missing__(self, name: str) -> Future[dict[str, Any]]:
        self[name] = future = self._pool.submit(_open, self._corpus[name])
        return future


@pytest.fixture(scope="module")
def opened_big(
    request: pytest.FixtureRequest, big_corpus: dict[str, Path]
) -> Iterator[dict[str, Future[dict[str, Any]]]]:
    """Open every selected big file, two subprocesses at a time (they are independent
    and mostly single-threaded), so the slow part of the suite takes half as long.

    Under pytest-xdist a worker's ``session.items`` lists every test, not the ones it is
    given: each worker opens only the files its tests ask for, one at a time (the two
    workers make the two at a time)."""
    if hasattr(request.config, "workerinput"):
        ahead: list[str] = []
    else:
        ahead = sorted(
            {
                item.callspec.params["name"]
                for item in request.session.items
                if item.name.startswith(_TEST) and hasattr(item, "callspec")
            }
        )
    with ThreadPoolExecutor(max_workers=2) as pool:
        yield _Opening(pool, ahead, big_corpus)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(BIG))
def test_big_text_opens_with_bounded_memory(
    name: str, opened_big: dict[str, Future[dict[str, Any]]]
) -> None:
    """The first screen shows the start of the text, End reaches its end, the panels and
    the palette open, the glossary is linked, and peak memory stays under 1 GiB."""
    result = opened_big[name].result()
    assert result["running"]
    assert WORD in result["first"], result["first"]
    assert result["last"].strip() and result["last"] != result["first"]
    assert result["linked"]
    assert result["status"] == ""
    expected = PROBLEMS.get(name, [])
    assert len(result["problems"]) == len(expected), result["problems"]
    assert all(map(str.endswith, result["problems"], expected)), result["problems"]
    assert result["blocks"] >= BIG[name], result["blocks"]
    assert result["vmhwm_kb"] < GIB_KB, f"peak memory {result['vmhwm_kb'] // 1024} MiB"
    # One-line places show a heading cut short, not a megabyte laid out on each refresh.
    assert len(result["title"]) <= TITLE_CHARS + 1
    assert len(result["position"]) <= 2 * TITLE_CHARS


# --- quadratic layout -------------------------------------------------------------------


class _CountingSpan(Span):
    """A span that counts how often its ``start`` is read."""

    reads = 0

    def __getattribute__(self, name: str) -> Any:
        if name == "start":
            _CountingSpan.reads += 1
        return super().__getattribute__(name)


def _start_reads(count: int) -> int:
    text = "Volga e " * count
    spans = [_CountingSpan(8 * i, 8 * i + 5, SpanKind.TERM_REF, "Volga") for i in range(count)]
    _CountingSpan.reads = 0
    styled_runs(text, spans, 0)
    return _CountingSpan.reads


def test_styled_runs_reads_each_span_a_bounded_number_of_times() -> None:
    """Doubling a block's spans at most (a little more than) doubles the work of
    styling it: counted in reads of ``Span.start``, not in seconds."""
    small, large = _start_reads(500), _start_reads(1000)
    assert large <= 2.5 * small, (small, large)


def test_looking_up_every_heading_reads_the_blocks_once() -> None:
    """The context panel and the palette look up each heading's block: one pass over the
    blocks in all (an id → index map), not one per heading (quadratic on 100,000)."""
    from reader.document import parse_document

    class CountingBlocks(tuple[Block, ...]):
        passes = 0

        def __iter__(self) -> Iterator[Block]:
            CountingBlocks.passes += 1
            return super().__iter__()

    source = "".join(f"# Heading {n}\n\nText {n}.\n\n" for n in range(300))
    parsed = parse_document(source, "many.md")
    doc = dataclasses.replace(parsed, blocks=CountingBlocks(parsed.blocks))
    found = [doc.block_index(entry.block_id) for entry in doc.outline]
    assert None not in found and len(found) == 300
    assert CountingBlocks.passes <= 1
