"""The real app in a pseudo-terminal: every byte it writes is scanned for what a hostile
text could make a terminal do.

``python -m reader PATH`` runs with ``TERM=xterm-256color`` on the slave side of a pty;
we wait until it has drawn (a known word of the text shows up), press Tab, Enter (a note
opens), Esc, ``c`` (the context panel, with the front matter), Esc and ``q``, each time
reading until what the key shows has been drawn (never for a set time), and read
everything it wrote until it exits. The output is then taken apart into escape sequences
and text, and checked against an allow-list.

What Textual itself writes for a clean text (checked by the clean-text test, so a new
Textual version that writes something else fails there first, with a clear reason):

* CSI sequences (``ESC [`` params final): SGR ``m``, cursor position ``H``, private modes
  ``?…h``/``?…l`` (alternate screen, mouse, focus events, bracketed paste, cursor, wrap),
  mode queries ``?2026$p``/``?2048$p`` and the kitty keyboard protocol ``>…u``/``<u``;
* ``OSC 22 ; <pointer shape> BEL`` (kitty pointer shapes), e.g. ``ESC ] 22;default BEL``;
* CR and LF; UTF-8 text.

Anything else is forbidden: any other OSC (OSC 8 only with a clean http(s)/mailto URL),
DCS/SOS/PM/APC (``ESC P``, ``ESC X``, ``ESC ^``, ``ESC _``), RIS (``ESC c``) and any other
two-byte escape, C1 controls (raw bytes outside UTF-8 or as code points), other C0
controls, bidi/TAG characters, and any escape sequence of the hostile text appearing raw.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.core_helpers import REPO
from tests.hostile.helpers import forbidden_in
from tests.hostile.make_corpus import ESCAPES, WORD

ROWS, COLUMNS = 30, 100

ESCAPE = b"\x1b[27u"
"""Esc as a terminal sends it once the app asks for the kitty keyboard protocol (Textual
does): unambiguous, where a bare ESC byte is only taken for Esc when nothing follows
within Textual's escape delay, and so would merge with the next key on a slow machine."""

_CSI = re.compile(rb"\x1b\[([\x30-\x3f]*)([\x20-\x2f]*)([\x40-\x7e])")
_OSC = re.compile(rb"\x1b\]([^\x07\x1b]*)(?:\x07|\x1b\\)")
_ALLOWED_CSI = {
    (b"", b"", b"m"),  # SGR: colours and attributes
    (b"", b"", b"H"),  # cursor position
    (b"?", b"", b"h"),  # private modes on
    (b"?", b"", b"l"),  # private modes off
    (b"?", b"$", b"p"),  # DECRQM: ask whether a mode is supported
    (b">", b"", b"u"),  # kitty keyboard protocol: push flags
    (b"<", b"", b"u"),  # kitty keyboard protocol: pop flags
}
"""(parameter prefix, intermediates, final byte) of the CSI sequences Textual writes."""
_POINTER_SHAPE = re.compile(rb"22;[a-z-]+")
_CLEAN_OSC8 = re.compile(rb"8;[\x21-\x7e]*;(?:https?://|mailto:)[\x21-\x7e]*|8;;")


def _problems(output: bytes) -> list[str]:
    """Everything in ``output`` outside the allow-list, described (empty when clean)."""
    problems: list[str] = []
    rest = bytearray()
    position = 0
    while position < len(output):
        if output[position] != 0x1B:
            rest.append(output[position])
            position += 1
            continue
        csi = _CSI.match(output, position)
        osc = _OSC.match(output, position)
        if csi:
            params, intermediates, final = csi.groups()
            prefix = params[:1] if params[:1] in (b"?", b"<", b">", b"=") else b""
            if (prefix, intermediates, final) not in _ALLOWED_CSI:
                problems.append(f"CSI {csi.group()!r}")
            position = csi.end()
        elif osc:
            body = osc.group(1)
            if not (_POINTER_SHAPE.fullmatch(body) or _CLEAN_OSC8.fullmatch(body)):
                problems.append(f"OSC {osc.group()[:60]!r}")
            position = osc.end()
        else:
            problems.append(f"ESC {output[position : position + 8]!r}")
            position += 2
    try:
        text = bytes(rest).decode("utf-8")
    except UnicodeDecodeError as error:
        return [*problems, f"not UTF-8 (raw byte outside a character): {error}"]
    controls = forbidden_in(text.replace("\r", "").replace("\t", ""))
    problems += [f"character {name}" for name in controls]
    return problems


def _raw_hostile(output: bytes) -> list[str]:
    """The escape sequences of the hostile text that appear raw in ``output``."""
    found = [name for name, value in ESCAPES.items() if value.encode() in output]
    pieces = [b"\x1b]52;", b"\x1b]0;", b"\x1b]8;;https://evil", b"\x1bc", b"\x1b[2J"]
    found += [repr(piece) for piece in pieces if piece in output]
    return found


KEYS = (
    (b"\t", None),
    (b"\r", b"Esc close"),  # the note popup's footer
    (ESCAPE, b"Link"),  # the article's footer again ("Tab Link")
    (b"c", b"Where you are"),  # the context panel
    (ESCAPE, None),
    (b"q", None),
)
"""Keys pressed once the text is drawn, each with what the app draws once it has handled
it (None: nothing to wait for; keys are handled in order, so the next one can follow)."""

STEP_SECONDS = 60
"""How long the app may take to draw the text, or what a key shows, or to quit: far more
than it ever takes on a loaded machine."""


def _run_in_pty(path: Path, data_dir: Path) -> tuple[bytes, int]:
    """Run the reader on ``path`` in a pty, press keys; every byte it wrote, and its exit
    status (negative: killed, because it did not quit on ``q``)."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("NO_COLOR", "TEXTUAL", "COLUMNS", "LINES", "PYTEST_CURRENT_TEST")
    }
    env.update(READER_DATA_DIR=str(data_dir), TERM="xterm-256color", PYTHONPATH=str(REPO))
    process = subprocess.Popen(
        [sys.executable, "-m", "reader", str(path)],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        cwd=REPO,
        start_new_session=True,
    )
    os.close(slave)
    output = bytearray()
    ended = False  # the pty reported its end: the app exited and all it wrote was read

    def read_until(done: Callable[[], bool], what: str) -> None:
        """Read what the app writes until ``done()`` holds; fail naming ``what`` if the
        output ends first or :data:`STEP_SECONDS` pass."""
        nonlocal ended
        deadline = time.monotonic() + STEP_SECONDS
        while not done():
            if ended:
                raise AssertionError(f"the app's output ended before {what}")
            if time.monotonic() > deadline:
                raise AssertionError(f"gave up after {STEP_SECONDS} s waiting for {what}")
            ready, _, _ = select.select([master], [], [], 0.1)
            if not ready:
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the app exited and the pty is drained
                chunk = b""
            ended = not chunk
            output.extend(chunk)

    def shows(text: bytes, since: int = 0) -> Callable[[], bool]:
        return lambda: text in output[since:]

    try:
        read_until(shows(WORD.encode()), f"{WORD!r} drawn")
        for key, drawn in KEYS:
            since = len(output)
            os.write(master, key)
            if drawn is not None:
                read_until(shows(drawn, since), f"{drawn!r} after {key!r}")
        read_until(lambda: ended, "the app to quit on q (its output to end)")
        process.wait(STEP_SECONDS)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        os.close(master)
    return bytes(output), process.returncode


@pytest.fixture(scope="module")
def pty_output(
    corpus: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, tuple[bytes, int]]:
    return {
        name: _run_in_pty(corpus[name], tmp_path_factory.mktemp(f"data-{name}"))
        for name in ("clean", "everything")
    }


def test_scanner_accepts_what_textual_writes_for_a_clean_text(
    pty_output: dict[str, tuple[bytes, int]],
) -> None:
    """The clean text draws, quits by ``q`` and its output passes the scanner: the
    allow-list is exactly Textual's own sequences."""
    output, status = pty_output["clean"]
    assert status == 0
    assert WORD.encode() in output
    assert b"\x1b[?1049h" in output and b"\x1b[?1049l" in output  # entered and left
    assert _problems(output) == []
    assert _raw_hostile(output) == []


def test_scanner_flags_each_forbidden_sequence() -> None:
    """Each kind of forbidden output is caught (the scanner is not trivially silent)."""
    for value in ESCAPES.values():
        assert _problems(value.encode()) or _raw_hostile(value.encode()), value
    assert _problems(b"\x1b]8;;https://ok.example/\x1b\\x\x1b]8;;\x1b\\") == []
    assert _problems(b"\x1b]8;;javascript:x\x07") != []
    assert _problems(b"\x9b31m") != []  # a raw C1 byte is not UTF-8
    assert _problems("\u009b".encode()) != []


def test_hostile_text_writes_nothing_forbidden(
    pty_output: dict[str, tuple[bytes, int]],
) -> None:
    """The text with every escape in every place: drawn (its symbols are there), the note
    popup and the context panel shown, quit by ``q``, and not one forbidden byte or
    sequence in all the app wrote."""
    output, status = pty_output["everything"]
    assert status == 0
    assert WORD.encode() in output
    assert b"Tab next link" in output  # the note popup opened
    assert b"Where you are" in output  # the context panel opened
    assert "␛[31m".encode() in output  # shown, as symbols
    assert b"PWNED-TITLE" in output
    assert _problems(output) == []
    assert _raw_hostile(output) == []
