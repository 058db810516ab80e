#!/usr/bin/env python3
"""Benchmark Rodapé's reading view against a bare Textual app and Textual's MarkdownViewer.

The script writes a large generated Markdown article plus a 5,000-term glossary, then runs
each contender in a fresh subprocess (interleaved over several rounds) and prints medians:

* **floor** – a minimal Textual app (one ``Static("hello")``): the cost of Python + Textual.
* **rodape** – the real :class:`reader.ui.app.ReaderApp`, glossary loaded and linked.
* **markdownviewer** – Textual's ``MarkdownViewer`` on the same file.

Times are measured from the parent's ``time.monotonic()`` just before ``Popen`` to the
child's ``time.monotonic()`` at first paint (``CLOCK_MONOTONIC`` is system-wide on Linux),
so interpreter start-up and imports are included. Children run headless at 120×40.

A separate child times term matching alone (no app): glossary load, matcher build, parse
and ``link_document``.

Usage::

    .venv/bin/python bench/bench_view.py                      # 5 MB, 3 rounds, all three
    .venv/bin/python bench/bench_view.py --size-mb 0.5 --rounds 1
    .venv/bin/python bench/bench_view.py --skip-markdownviewer --out /tmp/bench

Children are this same script, invoked with a hidden ``--child KIND PATH`` argument. Only
the standard library is imported at module level, so the floor child pays for nothing but
Textual; Textual and ``reader`` are imported inside the child functions.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App
    from textual.widget import Widget

SIZE = (120, 40)
"""Terminal size of every headless child."""

PAGE_DOWNS = 20
"""PageDown presses timed per child, after the text is fully loaded."""

SETTLE_S = 0.05
"""Pause before each timed key press, so each starts from an idle app."""

RESULT_PREFIX = "BENCH-RESULT "
"""Marks the one stdout line of a child that carries its JSON result."""

APP_KINDS = ("floor", "rodape", "markdownviewer")

MB = 1_000_000
"""Article sizes and throughputs are in decimal megabytes."""


# ---------------------------------------------------------------------------------------
# Corpus generation
# ---------------------------------------------------------------------------------------

# fmt: off
_FUNCTION_WORDS = (  # noqa: SIM905  (a sentence reads better than 80 quoted words)
    "de a o que e do da em um para é com não uma os no se na por mais as dos como mas foi "
    "ao ele das tem à seu sua ou ser quando muito há nos já está também só pelo pela até "
    "isso ela entre era depois sem mesmo aos ter seus quem nas esse eles estão tinha foram "
    "essa num nem suas às numa pelos elas havia seja qual será nós sobre este esta onde"
).split()

_ONSETS = (
    "", "", "b", "c", "d", "f", "g", "l", "m", "n", "p", "r", "s", "t", "v", "ch", "qu",
    "gu", "br", "cr", "pr", "tr", "pl", "fl", "gr", "j", "x", "z",
)
_INNER_ONSETS = (*_ONSETS, "lh", "nh", "ss", "rr", "ç")
_VOWELS = ("a", "e", "i", "o", "u", "a", "e", "o", "a", "o")
_ACCENTED = ("á", "é", "í", "ó", "ú", "â", "ê", "ô", "ã", "õ")
_ENDINGS = (
    "", "", "", "s", "r", "l", "m", "ção", "ções", "dade", "mente", "inho", "eiro", "ista",
    "ão", "ões", "ês", "ura", "agem", "ismo",
)
# fmt: on


def fold(text: str) -> str:
    """Lower-case and strip accents: "Ação" and "acao" fold alike (as the matcher does)."""
    decomposed = unicodedata.normalize("NFD", " ".join(text.split()).casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def make_word(rng: random.Random, syllables: tuple[int, int]) -> str:
    """One Portuguese-looking word: onset+vowel syllables, at most one accent, an ending."""
    count = rng.randint(*syllables)
    accent_at = rng.randrange(count) if rng.random() < 0.3 else -1
    parts = []
    for index in range(count):
        onset = rng.choice(_ONSETS if index == 0 else _INNER_ONSETS)
        vowel = rng.choice(_ACCENTED if index == accent_at else _VOWELS)
        parts.append(onset + vowel)
    return "".join(parts) + rng.choice(_ENDINGS)


def make_vocabulary(
    rng: random.Random, size: int, syllables: tuple[int, int], taken: set[str]
) -> list[str]:
    """``size`` distinct words whose folded forms are not in ``taken`` (which grows)."""
    words: list[str] = []
    while len(words) < size:
        word = make_word(rng, syllables)
        key = fold(word)
        if len(key) > 2 and key not in taken:
            taken.add(key)
            words.append(word)
    return words


@dataclass(frozen=True)
class GlossaryTerm:
    """One generated glossary entry."""

    term: str
    aliases: tuple[str, ...]
    short: str

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.term, *self.aliases)


def make_terms(
    rng: random.Random, count: int, filler: Sequence[str], taken: set[str]
) -> list[GlossaryTerm]:
    """``count`` terms of 1–3 words, unique (with their aliases) once folded.

    Term words come from their own vocabulary, disjoint from the filler text, so a term
    only occurs where it was sprinkled in, as in a real text.
    """
    words = make_vocabulary(rng, max(200, count), (2, 4), taken)
    connectors = ("de", "do", "da", "dos")
    forms: set[str] = set()
    terms: list[GlossaryTerm] = []

    def fresh(candidate: str) -> bool:
        key = fold(candidate)
        if key in forms:
            return False
        forms.add(key)
        return True

    while len(terms) < count:
        shape = rng.random()
        if shape < 0.4:
            term = rng.choice(words)
        elif shape < 0.8:
            term = f"{rng.choice(words)} {rng.choice(words)}"
        else:
            term = f"{rng.choice(words)} {rng.choice(connectors)} {rng.choice(words)}"
        if rng.random() < 0.5:
            term = term[0].upper() + term[1:]
        if not fresh(term):
            continue
        aliases: tuple[str, ...] = ()
        if rng.random() < 0.2:
            alias = f"{rng.choice(words)} {rng.choice(words)}"
            if fresh(alias):
                aliases = (alias,)
        summary = " ".join(rng.choice(filler) for _ in range(rng.randint(5, 12)))
        terms.append(GlossaryTerm(term, aliases, f"{summary.capitalize()}."))
    return terms


def glossary_yaml(terms: Sequence[GlossaryTerm]) -> str:
    """The glossary file, in the project's format; strings are JSON-quoted (valid YAML)."""

    def quote(text: str) -> str:
        return json.dumps(text, ensure_ascii=False)

    lines = ["title: Bench", "language: pt", "terms:"]
    for entry in terms:
        lines.append(f"  - term: {quote(entry.term)}")
        if entry.aliases:
            lines.append(f"    aliases: [{', '.join(quote(alias) for alias in entry.aliases)}]")
        lines.append(f"    short: {quote(entry.short)}")
    return "\n".join(lines) + "\n"


FOOTNOTES = 20
PARAGRAPHS_PER_HEADING = (25, 35)


class ArticleWriter:
    """Writes the Markdown article: paragraphs with sprinkled terms, and some structure."""

    def __init__(
        self, rng: random.Random, filler: Sequence[str], terms: Sequence[GlossaryTerm]
    ) -> None:
        self.rng = rng
        self.words = [*_FUNCTION_WORDS, *filler]
        # Zipf-like weights: function words first, so they are the most frequent.
        self.cum_weights = list(_accumulate(1.0 / (rank + 8) for rank in range(len(self.words))))
        self.terms = terms
        self.term_weights = list(_accumulate(1.0 / (rank + 1) for rank in range(len(terms))))
        self.used_terms: set[str] = set()
        self.footnotes_used = 0

    # Inline text ---------------------------------------------------------------------

    def term_form(self) -> str:
        """A term occurrence: half uniformly over all terms (so most occur), half Zipf."""
        rng = self.rng
        if rng.random() < 0.5:
            entry = rng.choice(self.terms)
        else:
            entry = rng.choices(self.terms, cum_weights=self.term_weights)[0]
        self.used_terms.add(entry.term)
        form = rng.choice(entry.forms)
        roll = rng.random()
        if roll < 0.15:
            return form.lower()
        if roll < 0.2:
            return fold(form)  # accents dropped, as people often type them
        return form

    def sentence(self, term_chance: float = 0.4) -> str:
        """One sentence of 8–22 words, maybe with a term, emphasis, code or a link."""
        rng = self.rng
        words = rng.choices(self.words, cum_weights=self.cum_weights, k=rng.randint(8, 22))
        if rng.random() < term_chance:
            words[rng.randrange(len(words))] = self.term_form()
        if rng.random() < 0.25:
            words[rng.randrange(len(words))] = self.term_form()
        roll = rng.random()
        position = rng.randrange(1, len(words))
        if roll < 0.08:
            words[position] = f"*{words[position]}*"
        elif roll < 0.12:
            words[position] = f"**{words[position]}**"
        elif roll < 0.14:
            words[position] = f"`{fold(words[position])}_{rng.randint(1, 99)}()`"
        elif roll < 0.15:
            words[position] = f"[{words[position]}](https://exemplo.org/{fold(words[position])})"
        text = " ".join(words)
        return text[0].upper() + text[1:] + rng.choice((".", ".", ".", ";", "!", "?"))

    def paragraph(self, footnote: bool = False) -> str:
        text = " ".join(self.sentence() for _ in range(self.rng.randint(3, 7)))
        if footnote and self.footnotes_used < FOOTNOTES:
            self.footnotes_used += 1
            text = text[:-1] + f"[^{self.footnotes_used}]" + text[-1]
        return text

    # Blocks --------------------------------------------------------------------------

    def heading(self, level: int, number: int) -> str:
        words = self.rng.choices(self.words[len(_FUNCTION_WORDS) :], k=self.rng.randint(2, 5))
        return f"{'#' * level} {number}. {' '.join(words).capitalize()}"

    def bullet_list(self) -> str:
        rng = self.rng
        ordered = rng.random() < 0.4
        items = []
        for index in range(rng.randint(3, 6)):
            marker = f"{index + 1}." if ordered else "-"
            items.append(f"{marker} {self.sentence(term_chance=0.6)}")
            if rng.random() < 0.15:
                items.append(f"    - {self.sentence()}")
        return "\n".join(items)

    def quote(self) -> str:
        return f"> {self.sentence()} {self.sentence()}"

    def code_block(self) -> str:
        rng = self.rng
        lines = ["```python", f"def {fold(rng.choice(self.words))}_{rng.randint(1, 999)}(valor):"]
        for _ in range(rng.randint(3, 9)):
            name = fold(rng.choice(self.words)).replace("-", "_")
            factor = rng.randint(2, 99)
            lines.append(
                f"    {name}_{rng.randint(1, 9)} = valor * {factor}  # {rng.choice(self.words)}"
            )
        lines += ["    return valor", "```"]
        return "\n".join(lines)

    def table(self) -> str:
        rng = self.rng
        header = "| Termo | Descrição | Ano | Valor |"
        rule = "|:------|:----------|----:|------:|"
        rows = [
            f"| {self.term_form()} | {' '.join(rng.choices(self.words, k=rng.randint(3, 8)))} "
            f"| {rng.randint(1800, 2024)} | {rng.randint(1, 99_999):,} |"
            for _ in range(rng.randint(6, 10))
        ]
        return "\n".join([header, rule, *rows])

    def footnote_definitions(self) -> str:
        numbers = range(1, self.footnotes_used + 1)
        return "\n\n".join(f"[^{n}]: {self.sentence()} {self.sentence()}" for n in numbers)

    # Whole article -------------------------------------------------------------------

    def article(self, target_bytes: int) -> str:
        """Front matter, an H1, then blocks until about ``target_bytes`` are written."""
        rng = self.rng
        chunks = [
            "---\ntitle: Bench — um artigo gerado\nlanguage: pt\nglossary: [bench]\n---",
            "# Bench — um artigo gerado",
        ]
        size = sum(len(chunk.encode()) + 2 for chunk in chunks)
        expected_paragraphs = max(1, target_bytes // 620)
        footnote_every = max(1, expected_paragraphs // (FOOTNOTES + 1))
        paragraphs = 0
        chapter = 0
        next_heading = 0
        tables_at = {4, expected_paragraphs // 2}
        while size < target_bytes:
            block: str
            if paragraphs == next_heading:
                chapter += 1
                level = 2 if chapter % 4 != 0 else 3
                chunks.append(self.heading(level, chapter))
                size += len(chunks[-1].encode()) + 2
                next_heading += rng.randint(*PARAGRAPHS_PER_HEADING)
            if paragraphs in tables_at:
                block = self.table()
            elif paragraphs % 13 == 7:
                block = self.bullet_list()
            elif paragraphs % 41 == 20:
                block = self.quote()
            elif paragraphs % 67 == 33:
                block = self.code_block()
            else:
                block = self.paragraph(footnote=paragraphs % footnote_every == footnote_every // 2)
            chunks.append(block)
            size += len(block.encode()) + 2
            paragraphs += 1
        chunks.append(self.footnote_definitions())
        return "\n\n".join(chunks) + "\n"

    def one_paragraph(self, target_bytes: int) -> str:
        """Front matter, an H1, then one paragraph of about ``target_bytes``: a book with
        no paragraph breaks, the worst case for wrapping a block at once."""
        chunks = [
            "---\ntitle: Bench — um parágrafo só\nlanguage: pt\nglossary: [bench]\n---",
            "# Bench — um parágrafo só",
        ]
        sentences: list[str] = []
        size = 0
        while size < target_bytes:
            sentences.append(self.sentence())
            size += len(sentences[-1].encode()) + 1
        return "\n\n".join([*chunks, " ".join(sentences)]) + "\n"


def _accumulate(values: Any) -> list[float]:
    total = 0.0
    result = []
    for value in values:
        total += value
        result.append(total)
    return result


@dataclass(frozen=True)
class Corpus:
    """What was generated, and where."""

    article: Path
    glossary: Path
    article_bytes: int
    terms: int
    terms_used: int


def write_corpus(
    out: Path, size_mb: float, term_count: int, seed: int, *, one_paragraph: bool = False
) -> Corpus:
    """Write ``article.md`` and ``glossary/bench.yaml`` into ``out``."""
    rng = random.Random(seed)
    taken = {fold(word) for word in _FUNCTION_WORDS}
    filler = make_vocabulary(rng, 4000, (1, 3), taken)
    terms = make_terms(rng, term_count, filler, taken)
    writer = ArticleWriter(rng, filler, terms)
    size = int(size_mb * MB)
    text = writer.one_paragraph(size) if one_paragraph else writer.article(size)
    (out / "glossary").mkdir(parents=True, exist_ok=True)
    article = out / "article.md"
    glossary = out / "glossary" / "bench.yaml"
    article.write_text(text, encoding="utf-8")
    glossary.write_text(glossary_yaml(terms), encoding="utf-8")
    return Corpus(article, glossary, article.stat().st_size, len(terms), len(writer.used_terms))


# ---------------------------------------------------------------------------------------
# Children: each runs one measurement and prints one RESULT_PREFIX line of JSON
# ---------------------------------------------------------------------------------------


class FrameClock:
    """When frames are painted: wraps ``Screen._compositor_refresh``, which Textual calls
    once per painted frame (headless too). Private API; without it, a page-down is timed to
    the settled screen only."""

    def __init__(self) -> None:
        self.frames: list[float] = []
        self._painted = asyncio.Event()
        self.installed = False

    def install(self) -> None:
        from textual.screen import Screen

        original = getattr(Screen, "_compositor_refresh", None)
        if original is None:
            return
        clock = self

        def compositor_refresh(screen: Screen[Any]) -> None:
            original(screen)
            clock.frames.append(time.perf_counter())
            clock._painted.set()

        Screen._compositor_refresh = compositor_refresh  # type: ignore[method-assign,assignment]
        self.installed = True

    async def first_frame_after(self, moment: float) -> float:
        """The time of the first frame painted after ``moment`` (waiting for it)."""
        while not self.frames or self.frames[-1] < moment:
            self._painted.clear()
            await self._painted.wait()
        return next(frame for frame in self.frames if frame >= moment)


FRAMES = FrameClock()
"""Installed by the children that time page-downs."""


async def page_down_latencies(app: App[Any], view: Widget, presses: int) -> dict[str, list[float]]:
    """Press PageDown ``presses`` times; for each, ms from posting the key to the first
    frame painted after ``view`` scrolled ("frame"), and to the end of the refresh that
    leaves nothing pending ("settled"). Stops early at the end of the text."""
    from textual import events

    moved = asyncio.Event()
    scrolled_at = 0.0

    def on_scroll() -> None:
        nonlocal scrolled_at
        scrolled_at = time.perf_counter()
        moved.set()

    app.watch(view, "scroll_y", on_scroll, init=False)
    frame_ms: list[float] = []
    settled_ms: list[float] = []
    for _ in range(presses):
        await asyncio.sleep(SETTLE_S)
        if view.scroll_y >= view.max_scroll_y:
            break  # the end of the text
        moved.clear()
        start = time.perf_counter()
        app.post_message(events.Key("pagedown", None))
        try:
            await asyncio.wait_for(moved.wait(), timeout=2)
        except TimeoutError:
            break  # the key went nowhere
        if FRAMES.installed:
            frame_ms.append((await FRAMES.first_frame_after(scrolled_at) - start) * 1000)
        await view.wait_for_refresh()
        settled_ms.append((time.perf_counter() - start) * 1000)
    return {"frame": frame_ms or settled_ms, "settled": settled_ms}


def child_floor(path: Path) -> dict[str, Any]:
    """A Static saying hello: first paint at the first refresh after mount."""
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    result: dict[str, Any] = {}

    class FloorApp(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("hello")

        def on_mount(self) -> None:
            self.call_after_refresh(self._painted)

        def _painted(self) -> None:
            result["first_paint"] = time.monotonic()
            self.exit()

    app = FloorApp()
    app.animation_level = "none"
    app.run(headless=True, size=SIZE)
    return result


def child_rodape(path: Path) -> dict[str, Any]:
    """The real ReaderApp; first paint at the refresh after the first ``TextLoaded``,
    "linked" at the refresh after the one with ``linked=True``; then PageDown."""
    from textual import on

    from reader.pipeline import TextRef
    from reader.text.textfile import read_text
    from reader.ui import app as app_module
    from reader.ui.app import ReaderApp
    from reader.ui.messages import TextFailed, TextLoaded
    from reader.ui.widgets.article_view import ArticleView

    result: dict[str, Any] = {}

    class BenchReaderApp(ReaderApp):
        # A relative CSS_PATH is resolved against the subclass's file; keep the app's.
        CSS_PATH = str(Path(app_module.__file__).parent / str(ReaderApp.CSS_PATH))

        @on(TextLoaded)
        def _bench_loaded(self, event: TextLoaded) -> None:
            self.call_after_refresh(self._bench_painted, event.linked)

        @on(TextFailed)
        def _bench_failed(self, event: TextFailed) -> None:
            result["error"] = str(event.error)
            self.exit()

        def _bench_painted(self, linked: bool) -> None:
            view = self.query_one("#article", ArticleView)
            # view.document is the document of the view's text layout: set once shown.
            if self.opened is None or view.document is None:  # not shown yet: next frame
                self.call_after_refresh(self._bench_painted, linked)
                return
            now = time.monotonic()
            result.setdefault("first_paint", now)
            if linked:
                result["linked"] = now
                result["blocks"] = len(self.opened.document.blocks)
                self.run_worker(self._bench_pages(view))

        async def _bench_pages(self, view: ArticleView) -> None:
            result["page_down_ms"] = await page_down_latencies(self, view, PAGE_DOWNS)
            self.exit()

    FRAMES.install()
    source = read_text(path)
    app = BenchReaderApp(TextRef(path, str(path)), source=source)
    app.animation_level = "none"
    app.run(headless=True, size=SIZE)
    return result


def child_markdownviewer(path: Path) -> dict[str, Any]:
    """Textual's MarkdownViewer; first paint at the refresh after its first block is laid
    out (it mounts blocks in batches), "complete" once its update has mounted them all."""
    from textual.app import App, ComposeResult
    from textual.timer import Timer
    from textual.widgets import MarkdownViewer

    FRAMES.install()
    text = path.read_text(encoding="utf-8")
    result: dict[str, Any] = {}

    class ViewerApp(App[None]):
        _poll: Timer

        def compose(self) -> ComposeResult:
            yield MarkdownViewer(markdown=text, show_table_of_contents=False)

        def on_mount(self) -> None:
            self._poll = self.set_interval(0.01, self._check_first_block)

        def _check_first_block(self) -> None:
            blocks = self.query_one(MarkdownViewer).document.children
            if blocks and blocks[0].region:
                self._poll.stop()
                self.call_after_refresh(self._painted)

        def _painted(self) -> None:
            result["first_paint"] = time.monotonic()
            self.run_worker(self._after_first_paint())

        async def _after_first_paint(self) -> None:
            viewer = self.query_one(MarkdownViewer)
            async with viewer.document.lock:  # held while the update parses and mounts
                pass
            await viewer.document.wait_for_refresh()
            result["complete"] = time.monotonic()
            result["blocks"] = len(viewer.document.children)
            viewer.document.focus()
            result["page_down_ms"] = await page_down_latencies(self, viewer, PAGE_DOWNS)
            self.exit()

    app = ViewerApp()
    app.animation_level = "none"
    app.run(headless=True, size=SIZE)
    return result


def child_match(path: Path) -> dict[str, Any]:
    """Term matching without any UI: load, build, parse, link; seconds for each."""
    from reader.document import SpanKind, parse_document
    from reader.glossary import GlossarySet, load_glossary
    from reader.linking import link_document
    from reader.text.textfile import read_text

    clock = time.perf_counter
    start = clock()
    glossary = load_glossary(path.parent / "glossary" / "bench.yaml")
    loaded = clock()
    glossary_set = GlossarySet([glossary])
    glossary_set.matcher  # noqa: B018  (built on first use)
    built = clock()
    source = read_text(path)
    document = parse_document(source, path)
    parsed = clock()
    linked = link_document(document, glossary_set)
    done = clock()
    spans = [
        span
        for block in linked.blocks
        for span in (*block.spans, *(s for row in block.rows for cell in row for s in cell.spans))
        if span.kind is SpanKind.TERM_REF
    ]
    return {
        "glossary_load_s": loaded - start,
        "matcher_build_s": built - loaded,
        "parse_s": parsed - built,
        "link_s": done - parsed,
        "bytes": len(source.encode("utf-8")),
        "term_refs": len(spans),
        "terms_found": len({span.target for span in spans}),
    }


CHILDREN: dict[str, Callable[[Path], dict[str, Any]]] = {
    "floor": child_floor,
    "rodape": child_rodape,
    "markdownviewer": child_markdownviewer,
    "match": child_match,
}


def peak_rss_kb(pid: int | str = "self") -> int | None:
    """Peak resident set size in KB: ``VmHWM`` from ``/proc/<pid>/status`` (Linux).

    ``getrusage(RUSAGE_SELF).ru_maxrss`` is no good here: Linux carries the high-water
    mark of the address space a process had before ``execve`` over into it, so a child
    spawned by a parent holding 300 MB reports at least 300 MB. ``VmHWM`` belongs to the
    new address space alone. Elsewhere ``ru_maxrss`` is the fallback (see ``child_main``).
    """
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return None


def child_main(kind: str, path: Path) -> None:
    """Run one child measurement and print its result, with this process's peak RSS."""
    result = CHILDREN[kind](path)
    peak = peak_rss_kb()
    if peak is None:  # not Linux: KB on Linux/BSD, bytes on macOS; inherited, see above
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        peak //= 1024 if sys.platform == "darwin" else 1
    result["peak_rss_kb"] = peak
    print(RESULT_PREFIX + json.dumps(result), flush=True)


# ---------------------------------------------------------------------------------------
# Parent: spawn, collect, summarise, print
# ---------------------------------------------------------------------------------------


@dataclass
class Run:
    """One child run, times in seconds since spawn."""

    kind: str
    first_paint: float | None = None
    linked: float | None = None
    complete: float | None = None
    page_down_ms: list[float] = field(default_factory=list)
    """Key → first frame painted after the scroll, per press."""
    settled_ms: list[float] = field(default_factory=list)
    """Key → refresh with nothing left pending, per press."""
    peak_rss_mb: float | None = None
    timed_out: bool = False
    error: str | None = None
    data: dict[str, Any] = field(default_factory=dict)


def child_environment(pycache: Path) -> dict[str, str]:
    """The environment of every child: bytecode cached under ``pycache``.

    Installed packages come with bytecode, but an editable checkout (or a shell with
    ``PYTHONDONTWRITEBYTECODE``) may not, and compiling ``reader`` at every start would
    be charged to Rodapé. A cache prefix of our own keeps the source tree untouched.
    """
    environment = dict(os.environ)
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    environment["PYTHONPYCACHEPREFIX"] = str(pycache)
    return environment


def spawn(kind: str, path: Path, timeout: float, environment: dict[str, str]) -> Run:
    """Run the child ``kind`` on ``path`` in a fresh interpreter and parse its result."""
    command = [sys.executable, str(Path(__file__).resolve()), "--child", kind, str(path)]
    spawned = time.monotonic()
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment,
    )
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        peak = peak_rss_kb(process.pid)  # the peak so far, before the child is killed
        process.kill()
        process.communicate()
        return Run(kind, timed_out=True, peak_rss_mb=peak / 1024 if peak else None)
    lines = [line for line in stdout.splitlines() if line.startswith(RESULT_PREFIX)]
    if process.returncode != 0 or not lines:
        tail = (stderr or stdout).strip().splitlines()[-5:]
        return Run(kind, error=f"exit {process.returncode}: " + " | ".join(tail))
    data = json.loads(lines[-1].removeprefix(RESULT_PREFIX))
    if kind in APP_KINDS and "first_paint" not in data and "error" not in data:
        tail = stderr.strip().splitlines()[-3:]
        data["error"] = "no first paint recorded: " + " | ".join(tail)

    def since_spawn(key: str) -> float | None:
        return data[key] - spawned if key in data else None

    return Run(
        kind,
        first_paint=since_spawn("first_paint"),
        linked=since_spawn("linked"),
        complete=since_spawn("complete"),
        page_down_ms=data.get("page_down_ms", {}).get("frame", []),
        settled_ms=data.get("page_down_ms", {}).get("settled", []),
        peak_rss_mb=data["peak_rss_kb"] / 1024,
        error=data.get("error"),
        data=data,
    )


def median(values: Sequence[float]) -> float | None:
    """The median, or None for no values (inf counts: a timed-out run is slowest)."""
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


@dataclass
class Summary:
    """Medians over the rounds of one contender."""

    kind: str
    runs: list[Run]

    def _values(self, attribute: str) -> list[float]:
        values = []
        for run in self.runs:
            value = getattr(run, attribute)
            if run.timed_out:
                values.append(float("inf"))
            elif value is not None:
                values.append(value)
        return values

    @property
    def first_paint(self) -> float | None:
        return median(self._values("first_paint"))

    @property
    def linked(self) -> float | None:
        return median(self._values("linked"))

    @property
    def complete(self) -> float | None:
        return median(self._values("complete"))

    @property
    def page_down_ms(self) -> float | None:
        return self._median_of_medians("page_down_ms")

    @property
    def settled_ms(self) -> float | None:
        return self._median_of_medians("settled_ms")

    def _median_of_medians(self, attribute: str) -> float | None:
        per_run = [median(getattr(run, attribute)) for run in self.runs]
        return median([value for value in per_run if value is not None])

    @property
    def peak_rss_mb(self) -> float | None:
        peaks = [run.peak_rss_mb for run in self.runs if not run.timed_out]
        return median([peak for peak in peaks if peak is not None])

    @property
    def timed_out(self) -> bool:
        return any(run.timed_out for run in self.runs)

    @property
    def errors(self) -> list[str]:
        return [run.error for run in self.runs if run.error]


def warm_up(out: Path, kinds: Sequence[str], timeout: float, environment: dict[str, str]) -> None:
    """Run every child once on a tiny text, unmeasured, so bytecode caches are written
    (and the OS has the files cached) before the first measured run."""
    tiny = write_corpus(out / "warmup", 0.02, 50, seed=0)
    for kind in (*kinds, "match"):
        run = spawn(kind, tiny.article, timeout, environment)
        if run.error or run.timed_out:
            log(f"warm-up {kind}: {describe(run)}")


def run_rounds(
    kinds: Sequence[str], article: Path, rounds: int, timeout: float, environment: dict[str, str]
) -> dict[str, Summary]:
    """Each round runs every contender once, in turn, so drifts hit all of them alike."""
    summaries = {kind: Summary(kind, []) for kind in kinds}
    for number in range(1, rounds + 1):
        for kind in kinds:
            log(f"round {number}/{rounds}: {kind} …")
            run = spawn(kind, article, timeout, environment)
            summaries[kind].runs.append(run)
            log(f"    {describe(run)}")
    return summaries


def describe(run: Run) -> str:
    """One progress line for a run."""
    if run.timed_out:
        peak = f", peak RSS ≥ {run.peak_rss_mb:.0f} MB" if run.peak_rss_mb else ""
        return f"timed out{peak}"
    if run.error and run.first_paint is None:
        return f"FAILED: {run.error}"
    parts = [f"first paint {fmt_s(run.first_paint)} s"]
    if run.linked is not None:
        parts.append(f"linked {fmt_s(run.linked)} s")
    if run.complete is not None:
        parts.append(f"all blocks mounted {fmt_s(run.complete)} s")
    if run.page_down_ms:
        parts.append(
            f"page-down {fmt_ms(median(run.page_down_ms))} ms "
            f"(settled {fmt_ms(median(run.settled_ms))} ms)"
        )
    parts.append(f"peak RSS {fmt_mb(run.peak_rss_mb)} MB")
    return ", ".join(parts)


def fmt_s(value: float | None) -> str:
    if value is None:
        return "—"
    return ">timeout" if value == float("inf") else f"{value:.2f}"


def fmt_ms(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def fmt_mb(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


def fmt_ratio(value: float | None, floor: float | None) -> str:
    if value is None or floor is None or floor <= 0:
        return "—"
    if value == float("inf"):
        return ">timeout"
    return f"{value / floor:.1f}×"


HEADER = (
    "",
    "start→first paint (s)",
    "glossary linked (s)",
    "page-down median (ms)",
    "peak RSS (MB)",
    "first paint ÷ floor",
    "RSS ÷ floor",
)


def table_row(kind: str, summary: Summary | None, floor: Summary | None) -> tuple[str, ...]:
    """One row of the results table; a timed-out run's RSS is the lower bound read."""
    if summary is None:
        return (kind, "skipped", "", "", "", "", "")
    paint = summary.first_paint
    rss = summary.peak_rss_mb
    rss_text, rss_ratio_prefix = fmt_mb(rss), ""
    if summary.timed_out and rss is None:
        peaks = [run.peak_rss_mb for run in summary.runs if run.peak_rss_mb]
        rss = max(peaks) if peaks else None
        rss_text, rss_ratio_prefix = (f"≥{rss:.0f}", "≥") if rss else ("?", "")
    is_floor = kind == "floor"
    rss_ratio = fmt_ratio(rss, floor.peak_rss_mb if floor else None)
    return (
        kind,
        fmt_s(paint),
        fmt_s(summary.linked) if kind == "rodape" else "N/A",
        "N/A" if is_floor else fmt_ms(summary.page_down_ms),
        rss_text,
        "1.0×" if is_floor else fmt_ratio(paint, floor.first_paint if floor else None),
        "1.0×" if is_floor else (rss_ratio_prefix + rss_ratio if rss_ratio != "—" else "—"),
    )


def table_notes(summaries: dict[str, Summary], timeout: float) -> list[str]:
    """Lines under the table: settled page-downs, MarkdownViewer's loading, errors."""
    notes = []
    settled = [
        f"{kind} {fmt_ms(summary.settled_ms)} ms"
        for kind, summary in summaries.items()
        if kind != "floor" and summary.settled_ms is not None
    ]
    if settled:
        notes.append(
            "page-down = key → first frame showing the new position; until the screen has "
            "settled (nothing left to refresh): " + ", ".join(settled)
        )
    viewer = summaries.get("markdownviewer")
    complete = viewer.complete if viewer else None
    paint = viewer.first_paint if viewer else None
    if complete is not None and paint is not None and complete != float("inf"):
        if complete - paint < 0.05:
            how = "no frame was painted before that, so first paint = fully mounted"
        else:
            how = "first paint = its first batch of blocks laid out"
        notes.append(f"markdownviewer: all blocks mounted after {fmt_s(complete)} s ({how})")
    for summary in summaries.values():
        if summary.timed_out:
            notes.append(f"{summary.kind}: >timeout = not finished within {timeout:.0f} s")
        for error in dict.fromkeys(summary.errors):
            notes.append(f"{summary.kind} error: {error}")
    return notes


def results_table(summaries: dict[str, Summary], timeout: float) -> list[str]:
    """The result rows, as aligned plain text, then notes."""
    floor = summaries.get("floor")
    rows = [HEADER, *(table_row(kind, summaries.get(kind), floor) for kind in APP_KINDS)]
    widths = [max(len(row[column]) for row in rows) for column in range(len(HEADER))]
    lines = []
    for index, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])]
        cells += [cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)]
        lines.append("  ".join(cells).rstrip())
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    return lines + table_notes(summaries, timeout)


def match_lines(runs: Sequence[Run]) -> list[str]:
    """Median timings of the term-matching child."""
    good = [run.data for run in runs if not run.error and not run.timed_out and run.data]
    if not good:
        return ["term matching: failed: " + "; ".join(run.error or "timeout" for run in runs)]

    def med(key: str) -> float:
        return median([data[key] for data in good]) or 0.0

    megabytes = good[0]["bytes"] / MB
    link = med("link_s")
    parse = med("parse_s")
    return [
        f"term matching (no app, median of {len(good)}):",
        f"  glossary load      {med('glossary_load_s'):7.2f} s",
        f"  matcher build      {med('matcher_build_s'):7.2f} s",
        f"  parse (markdown)   {parse:7.2f} s   {megabytes / parse:6.2f} MB/s",
        f"  link_document      {link:7.2f} s   {megabytes / link:6.2f} MB/s"
        f"   ({good[0]['term_refs']:,} term refs, {good[0]['terms_found']:,} distinct terms)",
    ]


def machine_line() -> str:
    """Date, CPU, cores, memory, Python and Textual versions."""
    from importlib.metadata import version

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f", {pages / 2**30:.0f} GiB RAM"
    except (ValueError, OSError):
        pass
    now = datetime.now().astimezone()
    return (
        f"{now:%Y-%m-%d %H:%M %Z} · {cpu} · {os.cpu_count()} cores{memory} · "
        f"{platform.system()} · Python {platform.python_version()} · Textual {version('textual')}"
    )


def source_revision() -> str:
    """The commit of the code measured, and whether ``reader/`` had uncommitted changes."""
    root = Path(__file__).resolve().parent.parent

    def git(*arguments: str) -> str:
        return subprocess.run(
            ["git", *arguments], cwd=root, capture_output=True, text=True, check=True
        ).stdout.strip()

    try:
        head = git("rev-parse", "--short", "HEAD")
        dirty = git("status", "--porcelain", "--", "reader")
    except (OSError, subprocess.CalledProcessError):
        return "revision unknown"
    return f"rodape @ {head}" + (" + uncommitted changes in reader/" if dirty else "")


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add = parser.add_argument
    add("--size-mb", type=float, default=5.0, help="article size in MB (default 5)")
    add("--terms", type=int, default=5000, help="glossary terms (default 5000)")
    add("--rounds", type=int, default=3, help="interleaved rounds, medians shown (default 3)")
    add("--timeout", type=float, default=180.0, help="seconds per child run (default 180)")
    add("--skip-markdownviewer", action="store_true", help="leave out Textual's MarkdownViewer")
    add("--out", type=Path, help="write the article and glossary here (default: a temp dir)")
    add("--seed", type=int, default=1, help="seed of the generated text (default 1)")
    add("--one-paragraph", action="store_true", help="the whole article in one paragraph")
    add("--child", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def bench(args: argparse.Namespace, out: Path) -> None:
    """Generate the corpus in ``out``, run every child, print the report."""
    corpus = write_corpus(
        out, args.size_mb, args.terms, args.seed, one_paragraph=args.one_paragraph
    )
    log(f"wrote {corpus.article} ({corpus.article_bytes / MB:.2f} MB)")
    log(f"wrote {corpus.glossary} ({corpus.terms} terms)")
    skipped = {"markdownviewer"} if args.skip_markdownviewer else set()
    kinds = [kind for kind in APP_KINDS if kind not in skipped]
    environment = child_environment(out / "pycache")
    log("warming up (unmeasured) …")
    warm_up(out, kinds, args.timeout, environment)
    summaries = run_rounds(kinds, corpus.article, args.rounds, args.timeout, environment)
    match_runs = [
        spawn("match", corpus.article, args.timeout, environment) for _ in range(args.rounds)
    ]

    print(f"Rodapé view benchmark — {machine_line()}")
    print(
        f"article {corpus.article_bytes / MB:.2f} MB"
        f"{' in one paragraph' if args.one_paragraph else ''}, glossary {corpus.terms:,} terms "
        f"({corpus.terms_used:,} sprinkled into the text); headless {SIZE[0]}×{SIZE[1]}; "
        f"medians of {args.rounds} round(s), each run a fresh process; {source_revision()}"
    )
    print()
    for line in results_table(summaries, args.timeout):
        print(line)
    print()
    for line in match_lines(match_runs):
        print(line)


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    if args.child:
        kind, path = args.child
        child_main(kind, Path(path))
        return
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
        bench(args, args.out)
        return
    with tempfile.TemporaryDirectory(prefix="rodape-bench-") as folder:
        bench(args, Path(folder))


if __name__ == "__main__":
    main()
