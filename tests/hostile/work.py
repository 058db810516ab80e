"""Work counted, not timed: the measure the tests of big passes bound.

A pass runs on a text of size n and on one of size 4n; :func:`work` counts the Python
lines each executes. Linear work grows 4 times, n log n a little more; quadratic work
grows 16 times, so the bound :data:`MAX_GROWTH` tells them apart on any machine, however
loaded. Also here: the glossary and the prose those tests build their inputs from.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from types import FrameType
from typing import Any

from reader.document import parse_markdown
from reader.glossary import GlossarySet
from reader.linking import link_document
from tests.core_helpers import glossary_set

MAX_GROWTH = 6.0
"""Most work a pass may do on 4n what it does on n: 4 × log(4n)/log(n) is under 5 for
the sizes here; a quadratic pass does 16 times the work."""


def work(action: Callable[[], object]) -> int:
    """The Python lines ``action`` executes (C code such as a regex scan counts as the
    line calling it): a measure of work that does not depend on the machine's speed."""
    count = 0

    def trace(frame: FrameType, event: str, arg: Any) -> Callable[..., Any]:
        nonlocal count
        if event == "line":
            count += 1
        return trace

    previous = sys.gettrace()
    sys.settrace(trace)
    try:
        action()
    finally:
        sys.settrace(previous)
    return count


def growth(make: Callable[[int], Callable[[], object]], n: int) -> float:
    """How many times more work the pass ``make(size)`` does at 4n than at n (the pass
    is first run once on a tiny input, so caches filled on first use count for neither)."""
    make(max(1, n // 16))()
    small, large = work(make(n)), work(make(4 * n))
    return large / max(1, small)


# --- the inputs -------------------------------------------------------------------------

GLOSSARY = (
    "terms:\n"
    "  - term: Rio Volga\n"
    "    aliases: [Volga]\n"
    "    short: Um rio.\n"
    "  - term: Stalingrado\n"
    "    short: Uma cidade.\n"
    "  - term: URSS\n"
    "    short: A União Soviética.\n"
    "    case_sensitive: true\n"
)
"""Folded and case-sensitive forms, so both of the matcher's patterns run."""


def glossaries() -> GlossarySet:
    """A set holding :data:`GLOSSARY`."""
    return glossary_set(GLOSSARY, "grande")


def link_pass(source: str) -> Callable[[], object]:
    """Linking ``source`` (parsed already) with :func:`glossaries`."""
    document = parse_markdown(source, "big.md")
    terms = glossaries()
    return lambda: link_document(document, terms)


PLAIN_WORDS = ["lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit"]
"""Words no glossary defines."""


def prose(words: list[str], count: int) -> str:
    """``count`` of ``words`` in a random (but fixed) order, one space apart."""
    rng = random.Random(count)
    return " ".join(rng.choice(words) for _ in range(count))
