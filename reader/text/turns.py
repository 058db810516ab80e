"""The UI thread's turn first: background loads give way while the UI answers a key.

Python runs one thread at a time (the GIL). A load computing in its thread and the UI
thread answering a key take turns every switch interval, so a key's own work took about
twice as long in wall time while a big text loaded (and up to seconds in a text of
100,000 headings, where the load's turns were longer). A shorter switch interval only
makes the turns shorter, not fewer: the UI still gets about half the processor.

So the load steps aside instead. It calls :func:`give_way` at its natural checkpoints
(between the stages of a load, between the pieces or blocks of its passes over a text);
when nobody waits that is one global flag read. The UI marks itself busy as soon as input
arrives (:func:`ui_busy`, from the terminal driver's input thread) and idle once it has
processed what came and written its frames (:func:`ui_idle`); meanwhile each loading
thread that reaches a checkpoint sleeps, releasing the GIL, so the key's work runs alone.

The wait is bounded: a thread never waits more than :data:`MAX_WAIT` at a checkpoint, and
after such a wait it does not wait again for as long (a UI that is busy all the time,
or that never says it is idle, still leaves the load half of the processor).

Only threads that said they load (:func:`loading_thread`) ever wait: the same passes run
on the UI thread too (a search, the CLI), which must never wait for itself.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Final, TypeVar

_T = TypeVar("_T")

MAX_WAIT: Final = 0.25
"""The longest a loading thread waits at one checkpoint for the UI to be idle (seconds)."""

_busy = False
"""Whether the UI is busy now (read without the lock: a stale read only waits or not once)."""
_idle = threading.Event()
_idle.set()
_lock = threading.Lock()
_loaders: set[int] = set()
"""The idents of the threads that wait at checkpoints."""
_free_until: dict[int, float] = {}
"""For each loading thread whose last wait ran out: until when it does not wait again."""


def give_way() -> None:
    """Wait (at most :data:`MAX_WAIT`) while the UI is busy, if this is a loading thread;
    else return at once. Cheap enough for a loop over blocks."""
    if _busy:
        _wait()


GIVE_WAY_ITEMS: Final = 256
"""Items of a pass over a text's blocks (or cells, or terms) between two checkpoints of
:func:`giving_way`: a few milliseconds of the slowest passes at most."""


def giving_way(items: Iterable[_T], every: int = GIVE_WAY_ITEMS) -> Iterator[_T]:
    """``items``, with a checkpoint (:func:`give_way`) before every ``every``-th: for the
    passes over a whole text (its 100,000 blocks) that a load makes, each a fraction of a
    second a key would otherwise share."""
    for count, item in enumerate(items):
        if count % every == 0 and _busy:
            _wait()
        yield item


def _wait() -> None:
    ident = threading.get_ident()
    if ident not in _loaders:
        return
    now = time.monotonic()
    if now < _free_until.get(ident, 0.0):
        return
    if not _idle.wait(MAX_WAIT):
        _free_until[ident] = time.monotonic() + MAX_WAIT


def ui_busy() -> None:
    """The UI has work (input came): loading threads wait at their next checkpoint."""
    global _busy
    if not _busy:
        with _lock:
            _idle.clear()
            _busy = True


def ui_idle() -> None:
    """The UI has done its work: loading threads go on."""
    global _busy
    if _busy:
        with _lock:
            _busy = False
            _idle.set()


def is_ui_busy() -> bool:
    """Whether the UI said it is busy and not yet that it is idle."""
    return _busy


@contextmanager
def loading_thread() -> Iterator[None]:
    """Within the ``with`` block the current thread gives way at checkpoints."""
    ident = threading.get_ident()
    with _lock:
        _loaders.add(ident)
    try:
        yield
    finally:
        with _lock:
            _loaders.discard(ident)
            _free_until.pop(ident, None)
