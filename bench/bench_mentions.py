#!/usr/bin/env python3
"""Time the mention index on a book-sized text with a 5,000-term glossary.

Generates the same book as ``python -m bench`` (:mod:`bench.book`; here ~2 MB by default,
with a 5,000-term glossary), opens and links it as ``reader`` does, then prints how long
it takes to:

* build :class:`reader.index.mentions.MentionIndex` once (the one pass the panels rely on);
* answer what the glossary panel asks per keystroke: filter every term by a folded query
  and look up each match's mention count (several queries of 1–6 characters);
* list one term's mentions, step through them with ``next_mention``, and find
  "terms in this passage" for a window of blocks sliding over the whole text.

It prints timings only and asserts nothing: speed is judged by reading the numbers on
the machine at hand, never in the test suite.

Usage::

    python -m bench.bench_mentions                   # 2 MB, 5,000 terms
    python -m bench.bench_mentions --size-mb 5 --terms 5000 --out /tmp/bench
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from bench.book import write_corpus


def _timed(action: Callable[[], object], repeat: int = 1) -> tuple[float, object]:
    """Median wall time of ``action`` over ``repeat`` runs (seconds), and its last result."""
    times = []
    result: object = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def _ms(seconds: float) -> str:
    if seconds < 0.001:
        return f"{seconds * 1e6:9.1f} µs"
    return f"{seconds * 1000:9.2f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else "")
    parser.add_argument("--size-mb", type=float, default=2.0, help="article size (default 2)")
    parser.add_argument("--terms", type=int, default=5000, help="glossary terms (default 5000)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the generated text")
    parser.add_argument("--out", type=Path, default=None, help="keep the generated files here")
    args = parser.parse_args()

    from reader.glossary import fold
    from reader.index.mentions import MentionIndex
    from reader.pipeline import OpenedText, TextRef, open_text

    with tempfile.TemporaryDirectory(prefix="bench-mentions-") as temporary:
        out = args.out or Path(temporary)
        out.mkdir(parents=True, exist_ok=True)
        corpus = write_corpus(out, args.size_mb, args.terms, args.seed)
        print(
            f"corpus: {corpus.book_bytes / 1e6:.2f} MB article, {corpus.terms} terms "
            f"({corpus.terms_used} used in the text)"
        )
        open_s, opened = _timed(lambda: open_text(TextRef(corpus.book, "book.md")))
        assert isinstance(opened, OpenedText)
        document = opened.document
        print(f"open + parse + link          {_ms(open_s)}  ({len(document.blocks)} blocks)")

        build_s, built = _timed(lambda: MentionIndex.build(document), repeat=3)
        assert isinstance(built, MentionIndex)
        index = built
        total = sum(index.counts().values())
        print(f"MentionIndex.build (median)  {_ms(build_s)}  ({total} mentions)")

        terms = list(opened.glossaries.terms.values())
        folded = [(fold(" ".join(term.forms)), term.term) for term in terms]
        queries = ["a", "ca", "per", "mont", "ração", "zzzzzz"]

        def filter_terms(query: str) -> list[tuple[str, int]]:
            wanted = fold(query)
            return [(key, index.count(key)) for text, key in folded if wanted in text]

        for query in queries:
            seconds, matched = _timed(partial(filter_terms, query), repeat=5)
            assert isinstance(matched, list)
            print(f"filter {query!r:10} + counts     {_ms(seconds)}  ({len(matched)} terms)")

        busiest = max(index.counts().items(), key=lambda item: item[1], default=None)
        if busiest is not None:
            key, count = busiest
            seconds, _ = _timed(lambda: index.mentions(key), repeat=5)
            print(f"mentions of the busiest term {_ms(seconds)}  ({count} mentions)")

            def walk() -> int:
                mention = index.next_mention(key, 0, -1)
                steps = 0
                while mention is not None and steps < count:
                    mention = index.next_mention(key, mention.block_index, mention.start)
                    steps += 1
                return steps

            seconds, steps = _timed(walk)
            print(f"next_mention ×{steps:<6}         {_ms(seconds)}")

        window = 30
        blocks = len(document.blocks)

        def sweep() -> int:
            found = 0
            for first in range(0, blocks, window // 2):
                found += len(index.terms_in_blocks(first, first + window - 1))
            return found

        seconds, _ = _timed(sweep)
        passes = max(1, (blocks + window // 2 - 1) // (window // 2))
        print(
            f"terms_in_blocks, {window}-block window over the text: {_ms(seconds / passes)} "
            f"per window ({passes} windows)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
