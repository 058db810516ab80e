"""The UI's side of taking turns with background loads (:mod:`reader.text.turns`).

Input that gives the UI work (:data:`BUSY_INPUT`) marks it busy as soon as it arrives,
in the terminal driver's input thread (:mod:`reader.ui.driver`); loading threads then
sleep at their next checkpoint. The app marks it idle (:class:`IdleWatch`) once what the
input did is on screen: not at the first frame after the key, which comes before the
key's action has even run (the key is forwarded to the screen's queue), but once the
screen has nothing left to lay out or paint, and neither the input nor a layout of the
screen came for :data:`SETTLE_S`.
Opening a panel takes several frames (the panel appears, its sections learn their width
and wrap); a load running between them would make each one wait for the GIL.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any, Final

from textual import events

from reader.text.turns import ui_idle

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

BUSY_INPUT: Final[tuple[type[events.Event], ...]] = (
    events.Key,
    events.MouseDown,
    events.MouseUp,
    events.MouseScrollDown,
    events.MouseScrollUp,
    events.Paste,
)
"""Mouse moves are left out: a hover is cheap, and a mouse moving for a while would hold
a load back all that time. So is a resize: the terminal's size comes as one when the app
starts, and the first text would wait for the frames before it."""

SETTLE_S: Final = 0.03
"""The UI is idle once no input and no layout of the screen came for this long (about
two frames: the key's action runs after a frame, and each layout after one)."""


class IdleWatch:
    """Tells :mod:`reader.text.turns` the UI is idle once the work of the last input is
    drawn."""

    def __init__(self, app: App[Any]) -> None:
        self._app = app
        self._last_layout = 0.0
        self._last_input = 0.0
        self._watched: Screen[Any] | None = None
        self._checking = False

    def input_came(self) -> None:
        """Input was handed to the app: watch for its work to end."""
        self._last_input = time.monotonic()
        self._watch(self._app.screen)
        if not self._checking:
            self._checking = True
            self._app.call_after_refresh(self._check)

    def _watch(self, screen: Screen[Any]) -> None:
        if screen is self._watched:
            return
        if self._watched is not None:
            self._watched.screen_layout_refresh_signal.unsubscribe(self._app)
        self._watched = screen
        screen.screen_layout_refresh_signal.subscribe(self._app, self._laid_out, immediate=True)

    def _laid_out(self, _screen: object) -> None:
        self._last_layout = time.monotonic()

    def _check(self) -> None:
        """Called after a frame: idle if no input and no layout came for a while, else
        look again after the next frame (once the wait is over)."""
        quiet = time.monotonic() - max(self._last_layout, self._last_input)
        if quiet >= SETTLE_S and self._app.screen is self._watched:
            self._checking = False
            ui_idle()
            return
        self._watch(self._app.screen)
        self._app.set_timer(
            max(SETTLE_S - quiet, 0.001), lambda: self._app.call_after_refresh(self._check)
        )
