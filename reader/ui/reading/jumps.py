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


class JumpStack:
    """Last in, first out; pushing the same point twice keeps one."""

    def __init__(self) -> None:
        self._points: list[JumpPoint] = []

    def push(self, point: JumpPoint) -> None:
        """Remember ``point`` before a jump."""
        if self._points and self._points[-1] == point:
            return
        self._points.append(point)
        del self._points[:-MAX_JUMPS]

    def pop(self) -> JumpPoint | None:
        """The most recent point, removed; None when there is nowhere to go back to."""
        return self._points.pop() if self._points else None

    def clear(self) -> None:
        """Forget everything (a new text was opened)."""
        self._points.clear()

    def __len__(self) -> int:
        return len(self._points)
