"""The keys panel (``?``): every key of the reader, grouped by what it is for.

Produced from the registry (:mod:`reader.ui.keymap`), so it lists the reader's own keys
with their descriptions — not the generic bindings a widget inherits from Textual.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from reader.text.i18n import N_, _
from reader.ui.keymap import HELP_GROUPS, KEYS, Key, Scope
from reader.ui.panels.base import SidePanel

_SHOWN = (Scope.READING, Scope.ARTICLE, Scope.GLOSSARY, Scope.BOOKMARKS, Scope.NOTE)
"""The scopes a reader meets on the reading screen and in the popup (a dialog says its
own keys on its face)."""

KEY_NAMES = {
    "question_mark": "?",
    "slash": "/",
    "right_square_bracket": "]",
    "left_square_bracket": "[",
    "less_than_sign": "<",
    "greater_than_sign": ">",
    "backspace": "Backspace",
    "escape": "Esc",
    "enter": "Enter",
    "tab": "Tab",
    "shift+tab": "Shift+Tab",
    "space": N_("Space"),
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "home": "Home",
    "end": "End",
    "down": "↓",
    "up": "↑",
    "shift+down": "Shift+↓",
    "shift+up": "Shift+↑",
    "delete": "Delete",
    "shift+right": "Shift+→",
    "shift+left": "Shift+←",
    "alt+right": "Alt+→",
    "alt+left": "Alt+←",
    "plus": "+",
    "minus": "-",
    "right_curly_bracket": "}",
    "left_curly_bracket": "{",
}
"""Textual's names of keys as the reader reads them (the README writes them so too)."""


def key_names(keys: str) -> str:
    """``"j,down"`` as a reader reads it: ``"j / ↓"``."""
    return " / ".join(_(KEY_NAMES.get(name, name)) for name in keys.split(","))


def help_lines(keys: tuple[Key, ...] = KEYS) -> list[tuple[str, list[tuple[str, str]]]]:
    """(heading, [(keys, description)]) for every group, in the help's order; a key bound
    in two scopes (the same id) is listed once."""
    sections = []
    for group, heading in HELP_GROUPS:
        seen: set[str] = set()
        rows = []
        for key in keys:
            if key.group != group or key.scope not in _SHOWN or key.id in seen:
                continue
            seen.add(key.id)
            where = " " + _("(glossary)") if key.scope is Scope.GLOSSARY else ""
            where = " " + _("(bookmarks panel)") if key.scope is Scope.BOOKMARKS else where
            where = " " + _("(note)") if key.scope is Scope.NOTE else where
            rows.append((key_names(key.keys), f"{_(key.description)}{where}"))
        if rows:
            sections.append((_(heading), rows))
    return sections


class KeysPanel(SidePanel):
    """A column beside the text listing every key; ``?`` again hides it. A side panel
    like the others (styled in ``styles/panels.tcss``), so the dock puts it beside the
    text where it fits and over it only where it does not."""

    FOCUS_ON_OPEN = False
    """The reading keys keep scrolling the text; the wheel scrolls the list."""
    REMEMBERED = False
    """Help asked for now, not a panel to open again at the next start."""

    def compose_sections(self) -> ComposeResult:
        for heading, rows in help_lines():
            yield Static(Content(heading), classes="keys-heading")
            width = max(len(keys) for keys, _ in rows)
            lines = [
                Content(keys.ljust(width)).stylize("bold") + Content(f"  {description}")
                for keys, description in rows
            ]
            yield Static(Content("\n").join(lines))
