"""Everything the runs read, written once into one folder, the same for every run.

* the generated book (:mod:`bench.book`) and its 5,000-term glossary;
* the bundled article, as the installed ``reader`` ships it (opened by its name);
* the hostile files of the robustness tests (``tests/hostile/make_corpus.py``): 10 MB of
  words on one line, and a text with 50,000 footnotes;
* the book as a 1 MB web page and as an EPUB (:mod:`bench.formats`), when asked for;
* a small book for the unmeasured warm-up runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bench.book import MARKER, Corpus, write_corpus

ARTICLE = "stalingrado"
"""The bundled article, by the name ``reader`` knows it."""

ARTICLE_WORD = "paralelos"
"""A word of the article's first paragraph (not in its title: the header shows that)."""

HOSTILE_WORD = "Zanzibar"
"""The word the hostile files start with (``tests.hostile.make_corpus.WORD``)."""


@dataclass(frozen=True)
class Inputs:
    """Paths of what was written, and what to look for in each."""

    folder: Path
    book: Corpus
    warm_up: Corpus
    long_line: Path | None
    """10 MB on one line; None when not asked for (it takes a while to render)."""
    footnotes: Path | None
    """50,000 footnotes; None when not asked for."""
    html: Path | None = None
    """The book's opening as a 1 MB web page; None when not asked for."""
    epub: Path | None = None
    """The whole book as an EPUB; None when not asked for."""

    @property
    def jump_heading(self) -> str:
        """A heading halfway through the book, for the heading jump (typed in the palette)."""
        return self.book.headings[len(self.book.headings) // 2]

    marker: str = MARKER


def write_inputs(
    folder: Path,
    *,
    size_mb: float,
    terms: int,
    seed: int,
    one_paragraph: bool = False,
    hostile: bool = True,
    formats: bool = True,
) -> Inputs:
    """Write the inputs into ``folder`` (which may be kept with ``--out``)."""
    book = write_corpus(folder / "book", size_mb, terms, seed, one_paragraph=one_paragraph)
    warm_up = write_corpus(folder / "warm-up", 0.05, 50, seed=0)
    long_line = footnotes = None
    if hostile:
        from tests.hostile.make_corpus import BIG, WORD

        assert WORD == HOSTILE_WORD, "the hostile files changed their word"
        long_line = BIG["big-line"](folder / "hostile")
        footnotes = BIG["big-footnotes"](folder / "hostile")
    html = epub = None
    if formats:
        from bench.formats import write_epub, write_html

        html = write_html(book.book, folder / "formats" / "page.html")
        epub = write_epub(book.book, folder / "formats" / "book.epub")
    return Inputs(folder, book, warm_up, long_line, footnotes, html, epub)
