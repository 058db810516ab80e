"""Drive a program in a real terminal: tmux, with keys, mouse, resizes and screen captures.

Pilot tests talk to the app inside Textual; these go through what a user's terminal does:
bytes in (keys, SGR mouse reports), a pane of cells out, with its colours. Each
:class:`Terminal` is a private tmux server (its own socket, no user configuration) with
one window running one command, so tests cannot see each other or the user's tmux.

Waiting is by condition only: :meth:`Terminal.wait_for` polls the screen until a
condition holds and, at its deadline, fails showing the screen it last saw.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Literal

from tests.terminal.screen import Cell, Screen, parse_capture

ColourMode = Literal["256", "truecolor"]
Condition = str | Callable[[Screen], bool]

POLL_SECONDS = 0.05
TERM = "tmux-256color"
_TARGET = "main"  # the one session (and its one window and pane)

# The pane runs the command under sh, which records its exit status in a file. tmux's own
# record (#{pane_dead_status}) depends on the server seeing SIGCHLD, which tmux 3.3 was
# seen to miss about one exit in five, leaving the program a zombie and the pane "alive".
_RECORD_STATUS = (
    'status=$1; shift; "$@"; code=$?; echo $code >"$status.new"; mv "$status.new" "$status"'
)


class TerminalError(AssertionError):
    """A condition the test waited for did not come, or tmux refused a command."""


class Terminal:
    """A ``width`` × ``height`` terminal running ``command`` with ``env`` on top of a
    minimal environment (PATH, HOME, a UTF-8 locale, TERM=tmux-256color and, in
    ``"truecolor"`` mode, COLORTERM=truecolor). Use it as a context manager: entering
    starts the program, leaving kills the tmux server and whatever still runs in it.

    Coordinates are 1-based cells, (x, y) = (column, row), as SGR mouse reports count.
    The pane stays after the program exits, so its last screen can still be read.
    """

    def __init__(
        self,
        command: Sequence[str],
        *,
        width: int = 80,
        height: int = 24,
        colours: ColourMode = "256",
        env: Mapping[str, str] | None = None,
        home: Path | None = None,
    ) -> None:
        self.command = list(command)
        self.width = width
        self.height = height
        self.colours = colours
        self._env = self._environment(env or {}, home)
        self._scratch: Path | None = None

    def _environment(self, extra: Mapping[str, str], home: Path | None) -> dict[str, str]:
        """The tmux server's environment, which the pane inherits: nothing from the
        caller's terminal (no COLORTERM, TMUX or locale surprises) but PATH."""
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(home) if home else os.environ.get("HOME", "/"),
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
        }
        if self.colours == "truecolor":
            env["COLORTERM"] = "truecolor"
        env.update(extra)
        return env

    # --- lifetime -------------------------------------------------------------------

    def __enter__(self) -> Terminal:
        # The server's socket and the exit status live in a folder of their own, removed
        # on close (tmux leaves its socket behind when the server exits).
        self._scratch = Path(tempfile.mkdtemp(prefix="rodape-tmux-"))
        wrapped = ["/bin/sh", "-c", _RECORD_STATUS, "sh", str(self._status_file), *self.command]
        self._tmux(
            *("start-server", ";"),
            *("set-option", "-g", "default-terminal", TERM, ";"),
            *("set-option", "-g", "remain-on-exit", "on", ";"),
            # tmux must not take the mouse for itself: the reports go to the program.
            *("set-option", "-g", "mouse", "off", ";"),
            *("set-option", "-g", "status", "off", ";"),
            # OSC 52 from the program sets tmux's paste buffer (read by clipboard()).
            *("set-option", "-g", "set-clipboard", "on", ";"),
            *("new-session", "-d", "-s", _TARGET, "-x", str(self.width)),
            *("-y", str(self.height), "--", *wrapped),
        )
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Kill the tmux server (and the program, if it still runs); safe to repeat."""
        if self._scratch is not None:
            subprocess.run(
                ["tmux", "-S", str(self._socket), "kill-server"], capture_output=True, check=False
            )
            shutil.rmtree(self._scratch, ignore_errors=True)
            self._scratch = None

    def _in_scratch(self, name: str) -> Path:
        if self._scratch is None:
            raise TerminalError("the terminal is not running (use it as a context manager)")
        return self._scratch / name

    @property
    def _socket(self) -> Path:
        return self._in_scratch("tmux.socket")

    @property
    def _status_file(self) -> Path:
        return self._in_scratch("exit-status")

    def _tmux(self, *arguments: str) -> str:
        """Run one tmux command line against this terminal's server; its stdout."""
        done = subprocess.run(
            ["tmux", "-u", "-S", str(self._socket), "-f", "/dev/null", *arguments],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=self._env,
            check=False,
        )
        if done.returncode != 0:
            raise TerminalError(f"tmux {' '.join(arguments)}: {done.stderr.strip()}")
        return done.stdout

    # --- input ----------------------------------------------------------------------

    def keys(self, *keys: str) -> None:
        """Press keys by tmux's names: "q", "Tab", "BTab", "Enter", "Escape", "C-p", "Down"."""
        self._tmux("send-keys", "-t", _TARGET, *keys)

    def type(self, text: str) -> None:
        """Type ``text`` as it is (no key names), as bytes to the program."""
        self._tmux("send-keys", "-t", _TARGET, "-l", text)

    def click(self, x: int, y: int, button: int = 0) -> None:
        """Press and release mouse ``button`` (0 left, 1 middle, 2 right) at cell (x, y),
        as an SGR mouse report: the bytes a terminal sends when the program asked for the
        mouse, which the reader does at start."""
        self._check_cell(x, y)
        self.type(f"\x1b[<{button};{x};{y}M\x1b[<{button};{x};{y}m")

    def hover(self, x: int, y: int) -> None:
        """Move the mouse, no button held, onto cell (x, y) (SGR motion report 35)."""
        self._check_cell(x, y)
        self.type(f"\x1b[<35;{x};{y}M")

    def scroll(self, x: int, y: int, down: bool = True) -> None:
        """One turn of the mouse wheel at cell (x, y)."""
        self._check_cell(x, y)
        self.type(f"\x1b[<{65 if down else 64};{x};{y}M")

    def resize(self, width: int, height: int) -> None:
        """Resize the terminal to ``width`` × ``height``; the program gets SIGWINCH."""
        self._tmux("resize-window", "-t", _TARGET, "-x", str(width), "-y", str(height))
        self.width, self.height = width, height

    def _check_cell(self, x: int, y: int) -> None:
        if not (1 <= x <= self.width and 1 <= y <= self.height):
            raise ValueError(f"cell ({x}, {y}) is outside {self.width}×{self.height}")

    # --- output ---------------------------------------------------------------------

    def text(self) -> list[str]:
        """The rows on screen now, as text without trailing spaces, ``height`` of them."""
        lines = self._tmux("capture-pane", "-p", "-t", _TARGET).split("\n")[: self.height]
        return lines + [""] * (self.height - len(lines))

    def screen(self) -> Screen:
        """The screen now, cell by cell with colours and attributes."""
        captured = self._tmux("capture-pane", "-e", "-N", "-p", "-t", _TARGET)
        return parse_capture(captured, self.width, self.height)

    def cells(self) -> tuple[tuple[Cell, ...], ...]:
        """The grid of cells now, row by row."""
        return self.screen().rows

    def find(self, text: str) -> tuple[int, int]:
        """The 1-based (x, y) of the first cell of ``text`` on screen now."""
        return self.screen().find(text)

    def wait_for(self, condition: Condition, timeout: float = 10.0) -> Screen:
        """Poll the screen until ``condition`` holds, then return that screen.

        ``condition`` is a text that must appear in a row, or a predicate of the
        :class:`~tests.terminal.screen.Screen`. After ``timeout`` seconds it fails, naming
        the condition and showing the last screen."""
        test = (lambda screen: condition in screen) if isinstance(condition, str) else condition
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if test(screen):
                return screen
            if time.monotonic() > deadline:
                what = repr(condition) if isinstance(condition, str) else _describe(condition)
                raise TerminalError(
                    f"waited {timeout:g} s for {what} at {self.width}×{self.height}; "
                    f"the screen:\n{screen}"
                )
            time.sleep(POLL_SECONDS)

    def settle(self, quiet: float = 0.3, timeout: float = 10.0) -> Screen:
        """Wait until the screen has stayed the same for ``quiet`` seconds; that screen.

        For a baseline before an action whose effect is a change (a tooltip appearing), so
        the change seen is the action's and not the tail of an earlier redraw."""
        deadline = time.monotonic() + timeout
        last, since = self.screen(), time.monotonic()
        while time.monotonic() - since < quiet:
            if time.monotonic() > deadline:
                raise TerminalError(
                    f"the screen kept changing for {timeout:g} s; the last one:\n{last}"
                )
            time.sleep(POLL_SECONDS)
            now = self.screen()
            if now != last:
                last, since = now, time.monotonic()
        return last

    def clipboard(self) -> str | None:
        """What the program last copied with OSC 52 (tmux keeps it as its newest paste
        buffer), or None if it copied nothing."""
        if not self._tmux("list-buffers").strip():
            return None
        return self._tmux("show-buffer")

    def program_pid(self) -> int:
        """The process id of the program (the pane runs it under sh, as sh's child)."""
        shell = int(self._tmux("display-message", "-p", "-t", _TARGET, "#{pane_pid}").strip())
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            children = Path(f"/proc/{shell}/task/{shell}/children").read_text().split()
            if children:
                return int(children[0])
            time.sleep(POLL_SECONDS)
        raise TerminalError("the program has not started")

    def exit_status(self) -> int | None:
        """The program's exit status (128 + n if signal n killed it), or None while it runs."""
        try:
            return int(self._status_file.read_text(encoding="ascii"))
        except FileNotFoundError:
            return None

    def wait_for_exit(self, timeout: float = 10.0) -> int:
        """Wait until the program exits; its exit status."""
        deadline = time.monotonic() + timeout
        while (status := self.exit_status()) is None:
            if time.monotonic() > deadline:
                raise TerminalError(
                    f"waited {timeout:g} s for the program to exit; the screen:\n"
                    + "\n".join(self.text())
                )
            time.sleep(POLL_SECONDS)
        return status


def _describe(predicate: Callable[[Screen], bool]) -> str:
    """A predicate's name or first docstring line, for a timeout message."""
    doc = (predicate.__doc__ or "").strip().splitlines()
    return doc[0] if doc else getattr(predicate, "__qualname__", repr(predicate))
