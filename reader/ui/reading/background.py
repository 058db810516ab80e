"""How a load keeps out of the UI thread's way: no garbage collection, short GIL turns.

A load builds millions of objects (a 50,000-footnote text: about a million). Python's
collector then runs full passes over all of them as they accumulate, each holding the
GIL for seconds (2.5 s measured on 100,000 list items), and the UI thread, which needs
the GIL for every key, waits: the reader froze at random while loading, and again later
whenever a full pass came round. The text's objects are long-lived and, as the loading
pipeline builds them, never in reference cycles (a collection after a load finds no
cyclic garbage), so they need no collector at all: while a load runs the collector is
paused (:func:`reader.text.collector.collector_paused`, the same count as the passes
over a text use, so that whichever ends last turns it back on; objects are still freed
by their reference counts), and when the last load ends everything alive is frozen
(``gc.freeze``), so no later pass walks the text again.

The UI thread also takes the GIL back after each wait for input or output, up to a
switch interval later while the loading thread computes; a shorter interval while
loading makes those hand-overs, many per key, short. Shorter turns are still shared
turns, so each loading thread also registers with :mod:`reader.text.turns` and gives way
(sleeps, releasing the GIL) at its checkpoints while the UI says it is busy.
"""

from __future__ import annotations

import gc
import sys
import threading
from contextlib import ExitStack
from types import TracebackType

from reader.text.collector import collector_paused
from reader.text.turns import loading_thread

SWITCH_SECONDS = 0.001
"""The GIL switch interval while a load runs (Python's default is 5 ms)."""

_lock = threading.Lock()
_running = 0
_interval = sys.getswitchinterval()


class LoadingInBackground:
    """While at least one load runs: no collection, a short switch interval. Entered and
    left by each loading thread; loads may overlap (a text opened while another still
    loads)."""

    def __init__(self) -> None:
        self._paused = ExitStack()

    def __enter__(self) -> LoadingInBackground:
        global _running, _interval
        self._paused.enter_context(collector_paused())
        self._paused.enter_context(loading_thread())
        with _lock:
            _running += 1
            if _running == 1:
                _interval = sys.getswitchinterval()
                sys.setswitchinterval(min(_interval, SWITCH_SECONDS))
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        global _running
        with _lock:
            _running -= 1
            last = _running == 0
            if last:
                sys.setswitchinterval(_interval)
        if last:
            gc.freeze()  # the text loaded last stays out of every later full pass
        self._paused.close()


def unfreeze_loaded() -> None:
    """Let the collector see again what earlier loads froze. A reader is one app per
    process, for which freezing is right; a process that starts another app (a test
    session runs hundreds) must not keep every earlier one's screens forever."""
    gc.unfreeze()


def loads_running() -> int:
    """How many loads are running now (for tests)."""
    return _running
