"""The terminal driver: Textual's own, except that quitting does not wait for its input
thread.

Textual's Linux driver reads keys in a thread that polls standard input every 0.1 s and,
once told to stop, polls once more for 0.1 s with nothing to poll. Stopping it joins
the thread, so every quit of the reader spent 0.1–0.2 s (measured: 150–200 ms of the
230 ms from ``q`` to the end of the process on a short text) waiting for two timeouts,
and more on a busy machine: the issue's rule is a quit within 0.5 s, whatever is loading.

When the app is ending (:meth:`App.exit` was called), this driver tells the thread to
stop and goes on without waiting for it: the thread reads nothing more once its poll
returns, and the process ends right after the terminal is restored
(:func:`reader.cli.main.script`). When the app is only suspended (an editor runs in the
terminal meanwhile) the thread is joined as Textual does it, since a new one is started
on resuming and both must not read the same keys.

It also notices the terminal going away (a closed window without a hang-up signal, a
dropped pseudo-terminal): Textual's input thread then reads end-of-file in a loop, at
70 % of a core, for ever. A second thread waits, asleep, for the terminal's hang-up and
quits the app, which saves the place read as on q.

And it tells background loads that the UI has work the moment input arrives
(:func:`reader.text.turns.ui_busy`, for the input in :data:`reader.ui.ui_turns.BUSY_INPUT`),
before the app has even read it: loads sleep at their next checkpoint until what the
input did is drawn (:class:`reader.ui.ui_turns.IdleWatch`).
"""

from __future__ import annotations

import asyncio
import contextlib
import select
import signal
import termios
import threading

from textual.drivers.linux_driver import LinuxDriver
from textual.message import Message

from reader.text.turns import ui_busy
from reader.ui.ui_turns import BUSY_INPUT

HUNG_UP_STATUS = 129
"""Exit status when the terminal went away (128 + SIGHUP, as a shell reports a hang-up)."""


class ReaderDriver(LinuxDriver):
    """:class:`LinuxDriver` that does not wait for its input thread when the app ends,
    and quits when the terminal goes away."""

    _watching_hang_up = False
    """Whether the hang-up watcher runs (once: application mode starts again on each
    resume after an editor)."""

    def start_application_mode(self) -> None:
        super().start_application_mode()  # type: ignore[no-untyped-call]
        if self._watching_hang_up:
            return
        self._watching_hang_up = True
        loop = asyncio.get_running_loop()
        watcher = threading.Thread(
            target=self._wait_for_hang_up, args=(loop,), name="hang-up", daemon=True
        )
        watcher.start()

    def _wait_for_hang_up(self, loop: asyncio.AbstractEventLoop) -> None:
        """Sleep until the terminal hangs up (poll with no events: only POLLHUP, POLLERR
        and POLLNVAL wake it), then quit the app from its own loop."""
        poller = select.poll()
        poller.register(self.fileno, 0)
        while True:
            try:
                if poller.poll():
                    break
            except InterruptedError:  # a signal (a resize): go on waiting
                continue
            except OSError:
                return
        with contextlib.suppress(RuntimeError):  # the loop is closed: the app is gone
            loop.call_soon_threadsafe(self._hung_up)

    def _hung_up(self) -> None:
        if not self._app._exit:
            self._app.exit(return_code=HUNG_UP_STATUS)

    def process_message(self, message: Message) -> None:
        """Input arrived (this runs in the input thread): the UI is busy from now until
        the app has drawn what it did (:meth:`reader.ui.app.ReaderApp.on_event`)."""
        if isinstance(message, BUSY_INPUT):
            ui_busy()
        super().process_message(message)

    def disable_input(self) -> None:
        if not self._app._exit or self.exit_event.is_set():
            super().disable_input()  # suspended (or stopped already): Textual's way
            return
        signal.signal(signal.SIGWINCH, signal.SIG_DFL)
        self._disable_mouse_support()
        # Left set: the input thread ends at its next poll (Textual clears it after the
        # join, for a thread started on resuming; there is none after the end).
        self.exit_event.set()
        with contextlib.suppress(termios.error):
            termios.tcflush(self.fileno, termios.TCIFLUSH)  # keys typed meanwhile: dropped
