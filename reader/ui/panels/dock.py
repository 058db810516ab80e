"""Where the side panels go: beside the text while it keeps a readable width, else over it.

One panel a side: the glossary, bookmarks, search results and keys panels all dock on
the right, where two would be drawn one over the other, so opening one closes the other
there. Two panels (one a side) stay open only while both fit beside the text at a
readable width, the text wrapped again to what is left; where they do not, the panel
opened last stays (beside the text if it fits there, else over it) and the other closes:
two overlays would cover each other and the text between them would be cut.

The dock owns the panels' open state and widths (and saves them in the UI state); the
screen only says which panel the reader toggled or resized.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

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


def fits_beside(width: int, panels: Sequence[SidePanel]) -> bool:
    """Whether ``panels`` can all sit beside the text in ``width`` columns, leaving it
    a readable width (no panel always fits)."""
    if not panels:
        return True
    taken = sum(panel_width(p) for p in panels)
    return width >= NARROW_WIDTH and width - taken >= READABLE_WIDTH


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
        self._order: list[str] = []
        """Ids of the panels in the order they were shown, the last shown last."""

    def restore(self) -> None:
        """Open the panels that were open last time, at their widths (the one opened
        last on each side). Panels that show what this session does (search results)
        start closed."""
        opened = self._state.open_panels
        for panel in sorted(
            self._panels(), key=lambda p: opened.index(p.id or "") if p.id in opened else -1
        ):
            shown = panel.REMEMBERED and panel.id in opened and panel.build()
            panel.display = shown
            if panel.display:
                self._shown(panel)
            width = self._state.panel_widths.get(panel.id or "")
            if width:
                panel.styles.width = width
        self.arrange(self._owner_width())

    def _shown(self, panel: SidePanel) -> None:
        """``panel`` was just shown: it is the last opened, and the only one its side."""
        if panel.id in self._order:
            self._order.remove(panel.id or "")
        self._order.append(panel.id or "")
        self._close_beside(panel)

    def _shown_in_order(self) -> list[SidePanel]:
        """The panels shown, the one shown last at the end."""
        order = self._order
        shown = [p for p in self._panels() if p.display]
        return sorted(shown, key=lambda p: order.index(p.id or "") if p.id in order else -1)

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
        """Dock panels beside the text while it keeps a readable width; else keep only
        the panel opened last, over the text unless it fits beside it."""
        shown = self._shown_in_order()
        if width > 0 and len(shown) > 1 and not fits_beside(width, shown):
            for panel in shown[:-1]:
                panel.display = False
            shown = shown[-1:]
            self._remember()
        self._owner.set_class(not fits_beside(width, shown), "-narrow")

    def toggle(self, panel: SidePanel) -> bool:
        """A panel's letter: show ``panel`` (focused, unless it follows the reading);
        focus it if it is shown without the focus; else hide it. True if the panel is
        now shown."""
        if panel.display and not panel.has_focus_within:
            panel.focus_first()
            return True
        if not panel.display and not panel.build():
            return False  # the screen is being taken down
        panel.display = not panel.display
        if panel.display:
            self._shown(panel)
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
        if not fits_beside(width, [panel, *self._shown_in_order()]):
            return False
        if not panel.build():
            return False
        panel.display = True
        self._shown(panel)
        self.arrange(width)
        self._remember()
        return True

    def resize(self, delta: int) -> None:
        """Widen or narrow the open panel that has the focus (or the last one shown)."""
        shown = self._shown_in_order()
        if not shown:
            return
        panel = next((p for p in shown if p.has_focus_within), shown[-1])
        width = max(MIN_PANEL_WIDTH, min(MAX_PANEL_WIDTH, panel.outer_size.width + delta))
        panel.styles.width = width
        self._state.panel_widths[panel.id or ""] = width
        self.arrange(self._owner_width())
        self._remember()

    def hide(self, panel: SidePanel) -> None:
        """Close ``panel`` (a key that only shows and hides it, such as ``?``)."""
        panel.display = False
        self.arrange(self._owner_width())
        self._remember()

    def hide_all(self) -> list[SidePanel]:
        """Hide every open panel for now (zen mode), without forgetting they were open;
        the panels hidden."""
        shown = self._shown_in_order()
        for panel in shown:
            panel.display = False
        self.arrange(self._owner_width())
        return shown

    def show_again(self, panels: Iterable[SidePanel]) -> None:
        """Show again the panels :meth:`hide_all` hid."""
        for panel in panels:
            if not panel.build():
                continue
            panel.display = True
            self._shown(panel)
        self.arrange(self._owner_width())

    def _remember(self) -> None:
        """Save the panels open, in the order they were opened (the last one wins on
        its side next time), but those that start closed."""
        self._state.open_panels = [p.id or "" for p in self._shown_in_order() if p.REMEMBERED]
        self._save()
