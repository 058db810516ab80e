"""Flattening inline tokens during the parse (to keep its memory down) changes nothing:
the Document is the one the walk over the whole token stream, children kept, gives.

The parse is compared with itself run with the flattening off, on the benchmark's
generated book, on every Markdown fixture in tests/, on the hostile corpus, and on the
cases where a token's inline content could depend on what comes after it.
"""

from __future__ import annotations

import sys
import tracemalloc
from pathlib import Path
from types import FrameType

import pytest

from bench.book import write_corpus
from reader.document import Document, parse_markdown
from reader.document.parse import markdown

TESTS = Path(__file__).parent.parent

TRICKY = {
    "footnote defined after use": "Text[^a] and [^b].\n\n[^b]: Second *note*.\n\n[^a]: First.\n",
    "inline footnote": "A note^[inline *emphasis* and `code`] here.\n\n[^x]: unused\n",
    "footnote defined twice": "A[^n].\n\n[^n]: one\n\n[^n]: two \\*escaped\\*\n",
    "reference links at the end": "See [the site][s] and ![alt *x*][img].\n\n"
    '[s]: https://example.org "T"\n[img]: pic.png\n',
    "fence across a blank line": "Para\n\n```py\ncode\n\n[^a]\n```\n\nAfter[^a]\n\n[^a]: n\n",
    "list across blank lines": "- one\n\n  two *x*\n\n- three\n  > quote\n",
    "html block": "<div>\n\n*not em*\n\n</div>\n\nText &amp; \\*more\\*\n",
    "front matter": "---\ntitle: T\n---\n\n# H\n\nBody\n",
    "setext headings": "Title *em*\n=====\n\nSub\n---\n\ntext\n",
    "nested quotes": "> a\n> > b *c*\n> > > d [l](u)\n\n> e\n",
    "table": "| a | *b* |\n|:--|--:|\n| `c` | [d](e) |\n",
    "escapes and entities": "a \\* b &copy; \\[c\\] `x\\y`\n",
    "abbreviations": "*[HTML]: Hyper Text\n\nThe HTML spec.\n",
    "deflist": "Term *t*\n: Definition [l](u)\n",
}


def _unflattened(source: str, path: str, monkeypatch: pytest.MonkeyPatch) -> Document:
    with monkeypatch.context() as patch:
        patch.setattr(markdown, "FLATTEN_INLINE", "flatten_inline_off")
        return parse_markdown(source, path)


def _assert_same(source: str, path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    flattened = parse_markdown(source, path)
    assert flattened == _unflattened(source, path, monkeypatch)


@pytest.mark.parametrize("name", sorted(TRICKY))
def test_tricky_cases_parse_the_same(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _assert_same(TRICKY[name], f"{name}.md", monkeypatch)


def test_markdown_fixtures_parse_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    fixtures = sorted(TESTS.rglob("*.md"))
    assert fixtures
    for fixture in fixtures:
        _assert_same(
            fixture.read_text(encoding="utf-8", errors="replace"), str(fixture), monkeypatch
        )


def test_hostile_corpus_parses_the_same(
    corpus: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, path in sorted(corpus.items()):
        if not path.is_file() or path.suffix not in (".md", ".markdown", ""):
            continue
        source = path.read_bytes().decode("utf-8", errors="replace")
        _assert_same(source, name, monkeypatch)


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("book")
    return write_corpus(out, 1.0, 500, seed=1).book.read_text(encoding="utf-8")


def test_generated_book_parses_the_same(book: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _assert_same(book, "book.md", monkeypatch)


def test_flattening_lowers_the_peak(book: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The point of it: the parse's peak is well under what holding every inline
    token's children took (by allocation, not time)."""

    def peak(parse: object) -> int:
        tracemalloc.start()
        try:
            parse()  # type: ignore[operator]
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    flat = peak(lambda: parse_markdown(book, "book.md"))
    whole = peak(lambda: _unflattened(book, "book.md", monkeypatch))
    assert flat < 0.85 * whole


def test_checkpoints_during_a_long_parse(book: str) -> None:
    """A load gets points to give way at, and the document is the same for them."""
    calls: list[None] = []
    checked = parse_markdown(book, "book.md", checkpoint=lambda: calls.append(None))
    assert len(calls) >= 3
    assert checked == parse_markdown(book, "book.md")


@pytest.mark.parametrize("where", ["block", "walk"])
def test_the_block_parse_and_the_walk_have_checkpoints_of_their_own(
    where: str,
) -> None:
    """100,000 list items took 1.8 s of block parsing (one call into markdown-it) and
    0.5 s of walking with no checkpoint: a key pressed meanwhile waited for the GIL. Each
    now gives way every so many block starts or tokens, whatever the inline parse does."""
    from reader.document.parse import parser, walk

    items = 20_000
    text = "".join(f"- item {number}\n" for number in range(items))
    every, caller = (
        (parser.BLOCK_CHECKPOINT_EVERY, "_block_checkpoint")
        if where == "block"
        else (walk.CHECKPOINT_EVERY, "walk_tokens")
    )
    callers: list[str] = []
    parse_markdown(
        text, "list.md", checkpoint=lambda: callers.append(sys._getframe(1).f_code.co_name)
    )
    # Each item is a block start at least, and five tokens.
    assert callers.count(caller) >= items // every


def test_a_big_table_has_checkpoints_while_it_is_built() -> None:
    """A table is one token of the walk: 30,000 cells took 150 ms to build with no point
    to give way at. Its rows now give one every so many."""
    from reader.document.parse import tables

    rows = 5_000
    text = "| a | b |\n|---|---|\n" + "".join(f"| {n} | x |\n" for n in range(rows))
    callers: list[str] = []
    document = parse_markdown(
        text, "table.md", checkpoint=lambda: callers.append(sys._getframe(1).f_code.co_name)
    )
    assert callers.count("table") >= rows // tables.CHECKPOINT_ROWS
    assert len(document.blocks[0].rows) == rows + 1


def test_markdown_its_table_rule_gives_way_as_it_reads_the_rows() -> None:
    """markdown-it reads a whole table in one call of its table rule (0.3 s for a 1 MB
    table, no block start in between): the checkpoint rule is asked at every row too,
    whether the table ends there, and gives way every so many."""
    from reader.document.parse import parser

    rows = 5_000
    text = "| a | b |\n|---|---|\n" + "".join(f"| {n} | x |\n" for n in range(rows))
    inside_the_rule = 0

    def checkpoint() -> None:
        nonlocal inside_the_rule
        frame: FrameType | None = sys._getframe(1)
        while frame is not None:
            if frame.f_code.co_filename.endswith("rules_block/table.py"):
                inside_the_rule += 1
                return
            frame = frame.f_back

    parse_markdown(text, "table.md", checkpoint=checkpoint)
    assert inside_the_rule >= rows // parser.BLOCK_CHECKPOINT_EVERY - 1
