"""Stopping a loading thread in the middle of a step, not only between two.

A step of a load is one call into the pipeline (parse a book, link it, index it) that
can take tens of seconds and offers no point to check anything. A load that nobody wants
any more (another text opened, the app quitting) went on to the end of its step, holding
the GIL half the time: the new text loaded at half speed, the quit took twice as long.
So cancelling raises :class:`LoadCancelled` in the thread itself
(``PyThreadState_SetAsyncExc``, the C API that interrupts a thread the way Ctrl+C
interrupts the main one): Python raises it at the thread's next bytecode, at the latest
when a C call it is in returns. It is a BaseException, which no ``except Exception`` in
the pipeline catches; ``finally`` and ``with`` blocks run as it unwinds (a store
transaction is rolled back, not left half done).

It is raised only while the thread is inside the steps (:meth:`Cancellation.steps`),
never in the code that sets the thread up or takes it down.

A load stopped because its app is ending is left as it is, not freed: unwinding frees
the half-built text (a half-parsed book is millions of objects, a tenth of a second or
more holding the GIL) right while the app shuts down, in a process about to end. Its
exception, and so its frames, are kept (:func:`leave_behind`) until the next app of the
process starts (a test session runs many).
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_set_async_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc
_set_async_exc.argtypes = [ctypes.c_ulong, ctypes.py_object]
_set_async_exc.restype = ctypes.c_int


class LoadCancelled(BaseException):
    """Raised in a loading thread whose load was cancelled, wherever it is in its steps."""


_left_behind: list[LoadCancelled] = []


def leave_behind(stop: LoadCancelled) -> None:
    """Keep a load stopped as its app ends, half-built text and all (the exception's
    traceback holds its frames), instead of freeing it now."""
    _left_behind.append(stop)


def let_go() -> None:
    """Free the loads left behind by apps that have ended (a new app starts)."""
    _left_behind.clear()


def _checkpoint() -> None:
    """Nothing: a Python call, where an exception sent to this thread is raised."""


class Cancellation:
    """Whether one load is cancelled, and the way to stop its thread mid-step."""

    def __init__(self) -> None:
        self._event = threading.Event()
        self._lock = threading.Lock()
        self._thread_id: int | None = None
        """The thread running the steps, while it is in them."""
        self.leave = False
        """Whether the stopped load is to be left as it is (its app is ending)."""

    @property
    def is_set(self) -> bool:
        """Whether the load was cancelled."""
        return self._event.is_set()

    def cancel(self, *, leave: bool = False) -> None:
        """Cancel the load (once: later calls do nothing); if its thread is in its steps,
        stop it there; with ``leave``, what it built is left, not freed."""
        with self._lock:
            if self._event.is_set():
                return
            self.leave = leave
            self._event.set()
            if self._thread_id is not None:
                _set_async_exc(self._thread_id, LoadCancelled)
                self._thread_id = None

    @contextmanager
    def steps(self) -> Iterator[None]:
        """In the loading thread, around its steps: where :meth:`cancel` may stop it
        (raising LoadCancelled out of this block, for the caller to catch)."""
        with self._lock:
            if self._event.is_set():
                raise LoadCancelled
            self._thread_id = threading.get_ident()
        try:
            yield
        finally:
            with self._lock:
                self._thread_id = None
            # One sent just before is raised at this call, inside this block, not later.
            _checkpoint()
