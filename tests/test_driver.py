"""The terminal driver quits without waiting for its input thread (issue 12: a quit within
0.5 s; Textual's join of that thread alone took 0.1–0.2 s)."""

from __future__ import annotations

import fcntl
import os
import select
import struct
import subprocess
import termios
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from textual import events

from reader.text import turns
from reader.ui.driver import HUNG_UP_STATUS, ReaderDriver
from tests.terminal.conftest import installed_reader


class _InputThread(threading.Thread):
    """Stands for Textual's input thread: runs until told to stop; says if it was joined."""

    def __init__(self, stop: threading.Event) -> None:
        super().__init__(target=stop.wait, daemon=True)
        self.joined = False

    def join(self, timeout: float | None = None) -> None:
        self.joined = True
        super().join(timeout)


@pytest.fixture
def pipe_fd() -> Iterator[int]:
    """Not a terminal: tcflush fails on it, as it may on a closed terminal."""
    read, write = os.pipe()
    yield read
    os.close(read)
    os.close(write)


def _driver(exiting: bool, fileno: int) -> tuple[ReaderDriver, _InputThread]:
    driver = ReaderDriver.__new__(ReaderDriver)  # no terminal, no signal handlers
    driver._app = SimpleNamespace(_exit=exiting)  # type: ignore[assignment]
    driver.exit_event = threading.Event()
    driver.fileno = fileno
    driver._disable_mouse_support = lambda: None  # type: ignore[method-assign]
    thread = _InputThread(driver.exit_event)
    thread.start()
    driver._key_thread = thread
    return driver, thread


def test_quitting_tells_the_input_thread_to_stop_and_does_not_wait(pipe_fd: int) -> None:
    driver, thread = _driver(exiting=True, fileno=pipe_fd)
    driver.disable_input()
    assert driver.exit_event.is_set()  # the thread stops at its next poll
    assert not thread.joined
    thread.join(5)
    assert not thread.is_alive()


def test_suspending_waits_for_the_input_thread_as_textual_does(pipe_fd: int) -> None:
    """Suspended for an editor, a new input thread starts on resuming: the old one must
    be gone first, and the stop signal cleared for the new one."""
    driver, thread = _driver(exiting=False, fileno=pipe_fd)
    driver.disable_input()
    assert thread.joined and not thread.is_alive()
    assert not driver.exit_event.is_set()


def test_the_reader_quits_when_its_terminal_goes_away(tmp_path: Path) -> None:
    """A pseudo-terminal closed under the reader (no hang-up signal: it is not the
    reader's controlling terminal) left it reading end-of-file in a loop at 70 % of a
    core, for ever (two such readers ran for an hour here). It quits, status 129."""
    reader = installed_reader()
    if reader is None:
        pytest.skip("the reader is not installed as a command")
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    environment = {**os.environ, "TERM": "xterm-256color", "READER_DATA_DIR": str(tmp_path)}
    process = subprocess.Popen(
        [reader, "stalingrado"],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=environment,
        start_new_session=True,
    )
    os.close(slave)
    try:
        shown, deadline = b"", time.monotonic() + 30
        while b"Stalingrado" not in shown and time.monotonic() < deadline:
            if select.select([master], [], [], 0.5)[0]:
                shown += os.read(master, 65536)
        assert b"Stalingrado" in shown, "the article never showed"
        os.close(master)  # the terminal goes away
        assert process.wait(timeout=10) == HUNG_UP_STATUS
    finally:
        if process.poll() is None:
            process.kill()


@pytest.mark.parametrize(
    ("event", "busy"),
    [
        (events.Key("j", "j"), True),
        (events.MouseScrollDown(None, 1, 1, 0, 0, 0, False, False, False), True),
        (events.MouseMove(None, 1, 1, 0, 0, 0, False, False, False), False),
    ],
    ids=["key", "wheel", "mouse move"],
)
def test_input_marks_the_ui_busy_before_the_app_sees_it(
    event: events.Event, busy: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A key or the wheel makes loading threads give way from the moment the input
    thread reads it (reader.text.turns); a moving mouse does not hold a load back."""
    monkeypatch.setattr(turns, "_busy", False)
    sent: list[object] = []
    driver = ReaderDriver.__new__(ReaderDriver)  # no terminal
    driver._app = SimpleNamespace()  # type: ignore[assignment]
    driver.cursor_origin = None
    driver._down_buttons = []
    driver._last_move_event = None
    driver.send_message = sent.append  # type: ignore[method-assign, assignment]
    driver.process_message(event)
    assert sent == [event]
    assert turns.is_ui_busy() is busy
