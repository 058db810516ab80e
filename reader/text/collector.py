"""Python's cyclic garbage collector paused for one pass over a big text.

Parsing, linking, indexing or laying out a book makes millions of small objects
(markdown-it's tokens, blocks, spans, mentions, runs) that stay alive until the pass
ends and form no reference cycles. The collector still walks them again and again as
they pile up: a third of the time of parsing 100,000 headings. Paused for the pass,
nothing is lost (the objects are freed by reference counting as always) and the first
collection after it catches up on whatever cycles other threads made meanwhile.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class _Pauses:
    """How many passes have the collector paused now, across threads: it runs again
    when the last ends, and only if it was running when the first began."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.depth = 0
        self.resume = False


_PAUSES = _Pauses()


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while the ``with`` block (or decorated function)
    runs; usable from any thread, nested or at once."""
    with _PAUSES.lock:
        if _PAUSES.depth == 0:
            _PAUSES.resume = gc.isenabled()
            gc.disable()
        _PAUSES.depth += 1
    try:
        yield
    finally:
        with _PAUSES.lock:
            _PAUSES.depth -= 1
            if _PAUSES.depth == 0 and _PAUSES.resume:
                gc.enable()
