"""Where the side panels go: beside the text while it keeps a readable width, else over it.

One panel a side: the glossary, bookmarks and search results panels all dock on the
right, where two would be drawn one over the other, so opening one closes the other
there.

The dock owns the panels' open state and widths (and saves them in the UI state); the
screen only says which panel the reader toggled or resized.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual.css.scalar import Unit
from textual.widget import Widget

from reader.ui.panels.base import SidePanel
from reader.userdata.ui_state import MAX_PANEL_WIDTH, MIN_PANEL_WIDTH, UiState

NARROW_WIDTH = 100
"""Below this many columns, side panels overlay the text instead of narrowing it."""

READABLE_WIDTH = 60
"""Panels that would leave the text narrower than this overlay it instead."""


def panel_width(panel: SidePanel) -> int:
    """Columns a docked panel takes (its set width; a usual width if relative)."""
    scalar = panel.styles.width
    if scalar is not None and scalar.unit is Unit.CELLS:
        return int(scalar.value)
    return MIN_PANEL_WIDTH + 16


class PanelDock:
    """The side panels of one screen: shown, hidden, widened, docked or overlaid."""

    def __init__(
        self,
        owner: Widget,
        panels: Callable[[], Iterable[SidePanel]],
        state: UiState,
        save: Callable[[], None],
    ) -> None:
        self._owner = owner
        """The screen whose ``-narrow`` class says the panels overlay the text."""
        self._panels = panels
        self._state = state
        self._save = save

    def restore(self) -> None:
        """Open the panels that were open last time, at their widths (the one opened
        last on each side)."""
        opened = self._state.open_panels
        for panel in sorted(
            self._panels(), key=lambda p: opened.index(p.id or "") if p.id in opened else -1
        ):
            if panel.id in opened:
                panel.build()
            panel.display = panel.id in opened
            if panel.display:
                self._close_beside(panel)
            width = self._state.panel_widths.get(panel.id or "")
            if width:
                panel.styles.width = width
        self.arrange(self._owner_width())

    def _beside(self, panel: SidePanel) -> list[SidePanel]:
        """The other panels shown on ``panel``'s side."""
        side = panel.styles.dock
        return [p for p in self._panels() if p is not panel and p.display and p.styles.dock == side]

    def _close_beside(self, panel: SidePanel) -> None:
        for other in self._beside(panel):
            other.display = False

    def _owner_width(self) -> int:
        return self._owner.size.width

    def arrange(self, width: int) -> None:
        """Dock panels beside the text while it keeps a readable width; else overlay."""
        panels = sum(panel_width(p) for p in self._panels() if p.display)
        narrow = width < NARROW_WIDTH or width - panels < READABLE_WIDTH
        self._owner.set_class(narrow, "-narrow")

    def toggle(self, panel: SidePanel) -> bool:
        """A panel's letter: show ``panel`` (focused, unless it follows the reading);
        focus it if it is shown without the focus; else hide it. True if the panel is
        now shown."""
        if panel.display and not panel.has_focus_within:
            panel.focus_first()
            return True
        if not panel.display:
            panel.build()
        panel.display = not panel.display
        if panel.display:
            self._close_beside(panel)
        self.arrange(self._owner_width())
        self._remember()
        if panel.display and panel.FOCUS_ON_OPEN:
            panel.focus_first()
        return bool(panel.display)

    def show_beside(self, panel: SidePanel) -> bool:
        """Show ``panel`` without the focus if it fits beside the text (over it, it would
        hide what the reader is looking at) and the reader has no other panel open on its
        side; True if it is shown."""
        if panel.display:
            return True
        if self._beside(panel):
            return False
        width = self._owner_width()
        panels = panel_width(panel) + sum(panel_width(p) for p in self._panels() if p.display)
        if width < NARROW_WIDTH or width - panels < READABLE_WIDTH:
            return False
        panel.build()
        panel.display = True
        self.arrange(width)
        self._remember()
        return True

    def resize(self, delta: int) -> None:
        """Widen or narrow the open panel that has the focus (or the last one shown)."""
        shown = [p for p in self._panels() if p.display]
        if not shown:
            return
        panel = next((p for p in shown if p.has_focus_within), shown[-1])
        width = max(MIN_PANEL_WIDTH, min(MAX_PANEL_WIDTH, panel.outer_size.width + delta))
        panel.styles.width = width
        self._state.panel_widths[panel.id or ""] = width
        self.arrange(self._owner_width())
        self._remember()

    def hide_all(self) -> list[SidePanel]:
        """Hide every open panel for now (zen mode), without forgetting they were open;
        the panels hidden."""
        shown = [panel for panel in self._panels() if panel.display]
        for panel in shown:
            panel.display = False
        self.arrange(self._owner_width())
        return shown

    def show_again(self, panels: Iterable[SidePanel]) -> None:
        """Show again the panels :meth:`hide_all` hid."""
        for panel in panels:
            panel.build()
            panel.display = True
        self.arrange(self._owner_width())

    def _remember(self) -> None:
        self._state.open_panels = [p.id or "" for p in self._panels() if p.display]
        self._save()
