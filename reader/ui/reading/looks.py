"""How the text looks: the measure (``w``), justification (``W``) and zen mode (``z``).

The measure and justification come from the settings and changes to them are written
back (:class:`reader.ui.settings.AppSettings`); zen mode is for this session only: it
hides the header, the footer, the margin marks and the open panels until ``z`` again
(or a panel's key, which leaves zen mode first).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.settings import Width, next_measure
from reader.text.i18n import _
from reader.ui.panels.base import SidePanel

if TYPE_CHECKING:
    from reader.ui.reading.screen import ReadingScreen

FULL_MEASURE = 10_000
"""The measure of ``width = "full"``: wider than any window, so the text takes the
window's width less the margin."""


def measure_columns(width: Width) -> int:
    """A ``width`` setting as the widest column the view may use."""
    return FULL_MEASURE if width == "full" else width


def measure_name(width: Width) -> str:
    """What the status line says of a measure."""
    return _("full width") if width == "full" else _("{count} columns").format(count=width)


class Looks:
    """The reading screen's measure, justification and zen mode."""

    def __init__(self, screen: ReadingScreen) -> None:
        self._screen = screen
        self.zen = False
        """Whether zen mode is on."""
        self._hidden: list[SidePanel] = []
        """The panels zen mode hid, shown again when it ends."""

    def apply(self) -> None:
        """Set the view as the settings say (before the text is shown: no rewrap)."""
        settings = self._screen.settings.current
        view = self._screen.article
        view.set_measure(measure_columns(settings.width))
        view.set_justify(settings.justify == "justified")

    def cycle_measure(self) -> None:
        """The next measure of 60, 72, 88 and full; kept in the settings."""
        screen = self._screen
        width = next_measure(screen.settings.current.width)
        screen.article.set_measure(measure_columns(width))
        screen.settings.change("width", width, screen.warn)
        screen.status.say(
            _("Width: {measure}").format(measure=measure_name(width)),
            seconds=screen.status.COUNT_SECONDS,
        )

    def toggle_justify(self) -> None:
        """Justified or ragged right; kept in the settings."""
        screen = self._screen
        justify = "ragged" if screen.settings.current.justify == "justified" else "justified"
        screen.article.set_justify(justify == "justified")
        screen.settings.change("justify", justify, screen.warn)
        shown = _("Text justified") if justify == "justified" else _("Text ragged right")
        screen.status.say(shown, seconds=screen.status.COUNT_SECONDS)

    def toggle_zen(self) -> None:
        """Hide the header, footer, margin marks and panels; or show them again."""
        screen = self._screen
        self.zen = not self.zen
        screen.set_class(self.zen, "-zen")
        screen.article.show_marks = not self.zen
        if self.zen:
            self._hidden = screen.dock.hide_all()
            screen.article.focus()
        else:
            screen.dock.show_again(self._hidden)
            self._hidden = []
