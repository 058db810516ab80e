"""The footer: the keys that work where the focus is, the most useful ones that fit.

Textual's own footer lists every binding of the focus chain in the order they are
defined and cuts the line wherever the width ends; this one ranks them
(:data:`reader.ui.keymap.FOOTER_RANK`), keeps ``? Keys`` and ``q Quit`` at the right end,
and leaves out from the least useful on what the width cannot hold.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.widget import Widget

from reader.text.i18n import _
from reader.ui.keymap import FOOTER_LABELS, FOOTER_PINNED, FOOTER_RANK, key_by_id

SEPARATOR = "  "


def fit_keys(items: list[tuple[str, str]], pinned: list[tuple[str, str]], width: int) -> str:
    """``items`` (key, label), most useful first, as many as fit in ``width`` beside the
    ``pinned`` ones at the end; the line as plain text (a test reads it so)."""

    def line(chosen: list[tuple[str, str]]) -> str:
        return SEPARATOR.join(f"{key} {label}" for key, label in chosen)

    right = line(pinned)
    chosen = list(items)
    while chosen and len(line(chosen)) + len(SEPARATOR) + len(right) > width - 2:
        chosen.pop()
    left = line(chosen)
    gap = max(len(SEPARATOR), width - 2 - len(left) - len(right))
    return f" {left}{' ' * gap}{right} " if left else f" {right.rjust(width - 2)} "


class KeyBar(Widget):
    """One line at the bottom of the screen. It renders its line rather than being a
    ``Static`` updated with it: ``Static.update`` lays out the whole screen, and the keys
    change with every move of the focus (a panel opened, a dialog closed), a second
    layout of the screen after each of those."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._line = Content()

    def render(self) -> Content:
        return self._line

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: object) -> None:
        self.refresh_keys()

    def on_resize(self) -> None:
        self.refresh_keys()

    def _entries(self) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        by_id: dict[str, Binding] = {}
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if binding.id is not None and binding.id not in by_id and active.enabled:
                by_id[binding.id] = binding

        def entry(identifier: str) -> tuple[str, str]:
            binding = by_id[identifier]
            key = _(binding.key_display) if binding.key_display else None
            registered = key_by_id(identifier)
            description = registered.description if registered else binding.description
            return key or self.app.get_key_display(binding), _(
                FOOTER_LABELS.get(identifier, description)
            )

        items = [entry(i) for i in FOOTER_RANK if i in by_id]
        pinned = [entry(i) for i in FOOTER_PINNED if i in by_id]
        return items, pinned

    def refresh_keys(self) -> None:
        """Fit the keys of the focus chain in the width there is."""
        items, pinned = self._entries()
        text = fit_keys(items, pinned, self.size.width or 80)
        content = Content(text)
        position = 0
        for key, _label in [*items, *pinned]:
            found = text.find(f"{key} ", position)
            if found < 0:
                continue
            content = content.stylize("bold", found, found + len(key))  # readable in any theme
            position = found + len(key)
        if (content.plain, content.spans) != (self._line.plain, self._line.spans):
            self._line = content
            self.refresh()
