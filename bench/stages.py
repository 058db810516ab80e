"""The loading pipeline's steps on the book, without any UI: a child script.

``python bench/stages.py BOOK``: loads the book's glossary, builds its matcher, parses
and links the book, and prints one line of JSON with the seconds of each step. Run by
path (not ``-m``), so that ``reader`` is imported from ``PYTHONPATH`` or the installed
package, as the ``reader`` entry point imports it.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from reader.document import SpanKind, parse_document
from reader.glossary import GlossarySet, load_glossary
from reader.linking import link_document
from reader.text.textfile import read_text


def main(path: Path) -> None:
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
    refs = sum(
        1
        for block in linked.blocks
        for span in (*block.spans, *(s for row in block.rows for cell in row for s in cell.spans))
        if span.kind is SpanKind.TERM_REF
    )
    result = {
        "glossary load": loaded - start,
        "matcher build": built - loaded,
        "parse": parsed - built,
        "link": done - parsed,
        "bytes": len(source.encode("utf-8")),
        "term refs": refs,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
