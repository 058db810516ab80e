"""A pseudo-terminal driver: runs an app as a person's terminal would, and times it.

The app runs on the slave side of a pty of :data:`COLUMNS` × :data:`ROWS` with
``TERM=xterm-256color`` and ``TEXTUAL_ANIMATIONS=none``. A reader thread takes every byte
it writes as soon as it is written (a terminal that reads slowly slows the app down: its
writes block once the pty buffer is full) and stamps each chunk with the time it was
read; the main thread feeds the chunks to a :class:`bench.screen.Screen` only when it
has to know what is shown, never while it is timing a key.

Textual asks the terminal two things at start-up (DECRQM: synchronized output, mode
2026, and in-band resize, mode 2048) but never waits for the answers. They are answered
as a current terminal does: synchronized output supported (Textual then brackets each
frame), in-band resize not.

Keys are written as an xterm sends them (``CSI 6 ~`` for PageDown…); Esc as the kitty
protocol's ``CSI 27 u``, which Textual reads at once where a bare ESC waits for what
follows.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import select
import signal
import struct
import subprocess
import termios
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.screen import Screen

COLUMNS, ROWS = 160, 50

QUIET_S = 0.1
"""Output is settled once nothing was written for this long."""

PREPARED_QUIET_S = 0.3
"""After the untimed keys that prepare a timed one (opening the palette, typing a
query), output must pause this long before the timed key is sent."""

BLINK_S = 0.5
"""How often a Textual text field's cursor blinks (``Input``'s blink timer)."""
BLINK_QUIET_S = 0.02
"""A blink is one short write: this much quiet after it, and the key goes."""

BUSY_WINDOW_S = 0.1
"""Before each key, the app's CPU time is read over at least this long..."""
BUSY_TICKS = 3
"""...and it counts as busy (loading) when it used this many clock ticks (1/100 s) or
more: 30 % of a core, where an idle Textual app uses none."""

KEYS: Mapping[str, bytes] = {
    "pagedown": b"\x1b[6~",
    "pageup": b"\x1b[5~",
    "end": b"\x1b[F",
    "home": b"\x1b[H",
    "enter": b"\r",
    "tab": b"\t",
    "escape": b"\x1b[27u",
    "ctrl+p": b"\x10",
    "ctrl+u": b"\x15",
}
"""Named keys as an xterm writes them; anything else is sent as its UTF-8 text."""

_ANSWERS = {
    b"\x1b[?2026$p": b"\x1b[?2026;2$y",  # synchronized output: supported, off
    b"\x1b[?2048$p": b"\x1b[?2048;0$y",  # in-band resize: not recognised
}
"""DECRQM queries Textual writes, and what the terminal answers."""


def key_bytes(key: str) -> bytes:
    """What the terminal sends for ``key`` (a name in :data:`KEYS`, else literal text)."""
    return KEYS.get(key, key.encode())


@dataclass(frozen=True)
class Chunk:
    """Bytes the app wrote, and when the terminal read them (``time.monotonic()``)."""

    at: float
    data: bytes


@dataclass(frozen=True)
class KeyTiming:
    """One key press: seconds from sending it to the first output that changes the text
    on screen, and to the last output before :data:`QUIET_S` of quiet after that; None
    where nothing changed.

    Output that changes no text (a text field's cursor drawn again, or blinking) is not
    the key's effect: a key sent to a field would otherwise "answer" in 5 ms with its
    cursor, and "settle" before the app, silent for more than 100 ms while it searches,
    has drawn anything the reader sees.
    """

    first: float | None
    settled: float | None
    changed: bool
    """Whether the screen's text changed at all."""
    busy: bool
    """Whether the app was using the CPU just before the key (still loading)."""
    before: str
    """The screen's text when the key was sent."""


class Terminal:
    """One app in a pty: start it, wait for what it shows, press keys, quit it."""

    def __init__(
        self,
        command: Sequence[str],
        environment: Mapping[str, str],
        cwd: Path | None = None,
    ) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        self._master = master
        self.chunks: list[Chunk] = []
        self._changed = threading.Condition()
        self._eof = False
        self.started = time.monotonic()
        self.process = subprocess.Popen(
            list(command),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=dict(environment),
            cwd=cwd,
            start_new_session=True,
        )
        os.close(slave)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.screen = Screen(COLUMNS, ROWS)
        self._fed = 0

    # The reader thread -------------------------------------------------------------------

    def _read(self) -> None:
        tail = b""
        while True:
            try:
                data = os.read(self._master, 65536)
            except OSError:
                data = b""
            now = time.monotonic()
            with self._changed:
                if not data:
                    self._eof = True
                    self._changed.notify_all()
                    return
                self.chunks.append(Chunk(now, data))
                self._changed.notify_all()
            seen = tail + data
            for query, answer in _ANSWERS.items():
                if query in seen:
                    self.write(answer)
            tail = seen[-16:]

    # Waiting -----------------------------------------------------------------------------

    def _wait(self, ready: Callable[[], bool], deadline: float) -> bool:
        """Wait (on the reader's condition, never polling) until ``ready()`` or the
        deadline; whether it became ready."""
        with self._changed:
            while not ready():
                remaining = deadline - time.monotonic()
                if remaining <= 0 or self._eof:
                    return ready()
                self._changed.wait(remaining)
            return True

    def _more(self, count: int, deadline: float) -> bool:
        """Wait until more than ``count`` chunks have been read, or the deadline."""
        return self._wait(lambda: len(self.chunks) > count, deadline)

    def show_until(self, word: str, timeout: float) -> float | None:
        """Seconds from the start of the process to the chunk after which ``word`` is
        first visible; None if it is not within ``timeout``."""
        deadline = self.started + timeout
        while True:
            at = self._feed_until_showing(word)
            if at is not None:
                return at - self.started
            count = len(self.chunks)
            if not self._more(count, deadline):
                return None

    def _feed_until_showing(self, word: str) -> float | None:
        """Feed the screen the chunks not fed yet, stopping at the one that shows ``word``."""
        if self.screen.shows(word) and self._fed:
            return self.chunks[self._fed - 1].at
        while self._fed < len(self.chunks):
            chunk = self.chunks[self._fed]
            self._fed += 1
            self.screen.feed(chunk.data)
            if self.screen.shows(word):
                return chunk.at
        return None

    def catch_up(self) -> str:
        """Feed the screen everything read so far; the screen's text."""
        while self._fed < len(self.chunks):
            self.screen.feed(self.chunks[self._fed].data)
            self._fed += 1
        return self.screen.text()

    def quiet(self, cap: float = 2.0, quiet_s: float = QUIET_S) -> bool:
        """Wait until nothing has been written for ``quiet_s`` (at most ``cap`` s);
        whether it went quiet."""
        deadline = time.monotonic() + cap
        while True:
            last = self.chunks[-1].at if self.chunks else self.started
            quiet_at = last + quiet_s
            now = time.monotonic()
            if now >= quiet_at:
                return True
            if now >= deadline or self._eof:
                return False
            count = len(self.chunks)
            self._more(count, min(quiet_at, deadline))

    def _pause(self, seconds: float) -> None:
        """Let ``seconds`` pass (the reader thread goes on reading meanwhile)."""
        self._wait(lambda: self._eof, time.monotonic() + seconds)

    def idle(self, timeout: float, window: float = 0.5) -> float | None:
        """Wait until the app has written nothing and used (almost) no CPU for ``window``
        s: its loading is done. Seconds from the start to when it went idle; None past
        ``timeout``."""
        deadline = self.started + timeout
        while time.monotonic() < deadline and not self._eof:
            before = cpu_ticks(self.process.pid)
            count = len(self.chunks)
            moment = time.monotonic()
            self._pause(window)
            if len(self.chunks) == count and cpu_ticks(self.process.pid) - before < 3:
                return moment - self.started
        return None

    # Keys --------------------------------------------------------------------------------

    def write(self, data: bytes) -> None:
        with contextlib.suppress(OSError):
            os.write(self._master, data)

    def type(self, text: str, *, draws: bool = True, timeout: float = 10.0) -> None:
        """Send ``text`` or a key, untimed; wait until the screen shows something else
        (unless it ``draws`` nothing: clearing an empty field), then for
        :data:`PREPARED_QUIET_S` of quiet (a palette may search in bursts). A cursor's
        blink changes no text, so it is not taken for the key's effect."""
        self.quiet()
        before = self.catch_up()
        count = len(self.chunks)
        self.write(key_bytes(text))
        deadline = time.monotonic() + timeout
        while draws and self.catch_up() == before:
            count = len(self.chunks)
            if not self._more(count, deadline):
                break
        self.quiet(cap=timeout, quiet_s=PREPARED_QUIET_S)

    def press(self, key: str, timeout: float = 10.0, *, after_blink: bool = False) -> KeyTiming:
        """Send ``key`` once the app is quiet; time its first and its settled output.

        With ``after_blink`` (a key sent to a text field, whose cursor blinks every
        :data:`BLINK_S`), the key is sent just after a blink, so that the next blink
        comes after the key's own first output (unless that takes longer than a blink).
        """
        before_ticks = cpu_ticks(self.process.pid)
        self._pause(BUSY_WINDOW_S)
        self.quiet()
        busy = cpu_ticks(self.process.pid) - before_ticks >= BUSY_TICKS
        if after_blink:
            count = len(self.chunks)
            if self._more(count, time.monotonic() + BLINK_S * 1.5):
                self.quiet(quiet_s=BLINK_QUIET_S)
        screen_before = self.catch_up()
        sent = time.monotonic()
        self.write(key_bytes(key))
        first = self._first_change(screen_before, sent, sent + timeout)
        if first is None:
            return KeyTiming(None, None, False, busy, screen_before)
        self.quiet(cap=timeout)
        settled = self.chunks[-1].at - sent
        self.catch_up()
        return KeyTiming(first, settled, True, busy, screen_before)

    def _first_change(self, before: str, sent: float, deadline: float) -> float | None:
        """Seconds from ``sent`` to the chunk after which the screen's text is no longer
        ``before``; None if it still is at the deadline."""
        while True:
            while self._fed < len(self.chunks):
                chunk = self.chunks[self._fed]
                self._fed += 1
                self.screen.feed(chunk.data)
                if chunk.at < sent:  # written before the key went: not its answer
                    before = self.screen.text()
                elif self.screen.text() != before:
                    return chunk.at - sent
            if not self._more(self._fed, deadline):
                return None

    # The end -----------------------------------------------------------------------------

    def quit(self, key: str = "q", timeout: float = 30.0) -> float | None:
        """Send ``key``; seconds until the process has exited (None: killed at timeout)."""
        self.quiet()
        pidfd = os.pidfd_open(self.process.pid)
        try:
            sent = time.monotonic()
            self.write(key_bytes(key))
            ready, _, _ = select.select([pidfd], [], [], timeout)
            exited = time.monotonic()
        finally:
            os.close(pidfd)
        if not ready:
            self.kill()
            return None
        self.process.wait()
        self.close()
        return exited - sent

    def peak_rss_mb(self) -> float | None:
        """The app's peak resident memory so far (``VmHWM``), in MB."""
        peak = peak_rss_kb(self.process.pid)
        return None if peak is None else peak / 1024

    def kill(self) -> None:
        """End the app (its own process group) if it still runs."""
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self.close()

    def close(self) -> None:
        self._reader.join(timeout=5)
        with contextlib.suppress(OSError):
            os.close(self._master)

    def output(self) -> bytes:
        """Everything the app wrote (for recording a stream)."""
        return b"".join(chunk.data for chunk in self.chunks)


def cpu_ticks(pid: int) -> int:
    """User + system CPU time of ``pid``, all its threads, in clock ticks (0 if gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])


def peak_rss_kb(pid: int) -> int | None:
    """Peak resident set size of ``pid`` in KB: ``VmHWM`` from ``/proc/<pid>/status``.

    ``getrusage``'s ``ru_maxrss`` is no good for a child: Linux carries the high-water
    mark of the address space a process had before ``execve`` over into it, so a child
    spawned by a parent holding 300 MB reports at least 300 MB. ``VmHWM`` belongs to the
    new address space alone.
    """
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return None
