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
"""

from __future__ import annotations

import contextlib
import signal
import termios

from textual.drivers.linux_driver import LinuxDriver


class ReaderDriver(LinuxDriver):
    """:class:`LinuxDriver` that does not wait for its input thread when the app ends."""

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
