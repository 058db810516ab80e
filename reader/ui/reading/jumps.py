"""The jump stack: every jump inside a text remembers where the reader was.

Entries keep the exact scroll offset together with the width it was taken at, and a
width-independent anchor (block id, line within it and offset in its text) for when the
window has been resized since, so Backspace always lands on the same passage.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.layout.places import TextPlace

MAX_JUMPS = 200
"""Oldest entries are forgotten beyond this; nobody backs up two hundred jumps."""


@dataclass(frozen=True)
class JumpPoint:
    """A place to come back to."""

    y: int
    """Scroll offset (document line at the top of the screen)."""
    width: int
    """Text width the offset was measured at."""
    place: TextPlace | None
    """Where the top of the screen was."""
    cursor: int | None = None
    """The block the reading cursor was on (a jump moves it to where it leads)."""


class JumpStack:
    """Where Backspace goes back to, and where the forward key goes again after it, as a
    browser's history: a new jump forgets the way forward; pushing the same point twice
    keeps one."""

    def __init__(self) -> None:
        self._points: list[JumpPoint] = []
        self._ahead: list[JumpPoint] = []
        """Points gone back from, the latest last."""

    def push(self, point: JumpPoint) -> None:
        """Remember ``point`` before a jump (the way forward is forgotten)."""
        self._ahead.clear()
        self._push(self._points, point)

    @staticmethod
    def _push(points: list[JumpPoint], point: JumpPoint) -> None:
        if points and points[-1] == point:
            return
        points.append(point)
        del points[:-MAX_JUMPS]

    def pop(self) -> JumpPoint | None:
        """The most recent point, removed; None when there is nowhere to go back to."""
        return self._points.pop() if self._points else None

    def back(self, here: JumpPoint) -> JumpPoint | None:
        """Go back from ``here``: the most recent point, ``here`` kept to go forward to
        again; None when there is nowhere to go back to."""
        point = self.pop()
        if point is not None:
            self._push(self._ahead, here)
        return point

    def forward(self, here: JumpPoint) -> JumpPoint | None:
        """Go forward again from ``here`` (after :meth:`back`), ``here`` kept to go back
        to; None when nothing was gone back from."""
        if not self._ahead:
            return None
        self._push(self._points, here)
        return self._ahead.pop()

    def clear(self) -> None:
        """Forget everything (a new text was opened)."""
        self._points.clear()
        self._ahead.clear()

    def __len__(self) -> int:
        return len(self._points)
