"""Every key of the reader in one registry: what it does, where it works, and its id.

Widgets and screens take their ``BINDINGS`` from here (:func:`bindings`), so each binding
has an id and a user's keymap (binding id → keys, applied with ``App.set_keymap``) can move
any of them. The help (``?``) and the README's key table are checked against this table,
so what the reader is told is what the keys do.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from textual.binding import Binding, BindingType


class Scope(StrEnum):
    """Where a key works: the part of the interface whose bindings hold it."""

    APP = "app"
    """Everywhere (unless a dialog takes the key)."""
    READING = "reading"
    """The reading screen, whatever has the focus in it."""
    ARTICLE = "article"
    """The text itself, when it has the focus (and panels that show a text)."""
    BOOKMARKS = "bookmarks"
    """The bookmarks panel's list."""
    GLOSSARY = "glossary"
    """The glossary panel."""
    GLOSSARY_FILTER = "glossary-filter"
    """The glossary panel's filter field."""
    NOTE = "note"
    """The note popup."""
    LINK = "link"
    """The dialog that asks before opening a web link."""
    DIALOG = "dialog"
    """The bookmark note dialog."""
    LIBRARY = "library"
    """The library screen (every text the reader knows)."""


@dataclass(frozen=True)
class Key:
    """One binding: its id (what a keymap names), keys, action and what it is for."""

    id: str
    keys: str
    """Comma-separated Textual key names, e.g. ``"j,down"``."""
    action: str
    description: str
    group: str
    """What the key is for, for the help: Reading, Links, Finding, Panels, Bookmarks, App."""
    scope: Scope
    show: bool = True
    """Whether the footer shows it."""
    key_display: str | None = None


def _keys(scope: Scope, group: str, *rows: tuple[str, ...]) -> list[Key]:
    """Keys of one scope and group; a row is (id, keys, action, description) and then,
    optionally, "hidden" (not in the footer) and what the footer shows for the keys."""
    keys = []
    for row in rows:
        identifier, names, action, description, *rest = row
        show = "hidden" not in rest
        display = next((item for item in rest if item != "hidden"), None)
        keys.append(Key(identifier, names, action, description, group, scope, show, display))
    return keys


KEYS: tuple[Key, ...] = (
    # The reading screen, in the order the footer shows them.
    *_keys(
        Scope.READING,
        "App",
        ("quit", "q", "app.quit", "Quit"),
        ("keys", "question_mark", "toggle_keys", "Keys", "?"),
    ),
    *_keys(
        Scope.READING,
        "Finding",
        ("search", "slash", "search", "Search", "/"),
        ("search-next", "n", "search_next(1)", "Next match", "hidden"),
        ("search-previous", "N", "search_next(-1)", "Previous match", "hidden"),
    ),
    *_keys(
        Scope.READING,
        "Panels",
        ("glossary", "g", "toggle_panel('glossary-panel')", "Glossary"),
        ("context", "c", "toggle_panel('context-panel')", "Context"),
        ("bookmarks", "b", "toggle_panel('bookmarks-panel')", "Bookmarks"),
    ),
    *_keys(
        Scope.READING,
        "Bookmarks",
        ("mark", "m", "bookmark", "Mark"),
        ("undo-delete", "u", "undo_delete", "Undo delete", "hidden"),
        ("cursor-down", "J,shift+down", "cursor(1)", "Next passage", "hidden"),
        ("cursor-up", "K,shift+up", "cursor(-1)", "Previous passage", "hidden"),
    ),
    *_keys(
        Scope.READING,
        "Finding",
        ("back", "backspace", "go_back", "Back", "⌫"),
        ("mention-next", "right_square_bracket", "mention(1)", "Next mention", "]"),
        ("mention-previous", "left_square_bracket", "mention(-1)", "Prev mention", "[", "hidden"),
    ),
    *_keys(
        Scope.READING,
        "Panels",
        ("to-text", "escape", "focus_article", "Article", "hidden"),
        ("panel-narrower", "less_than_sign", "resize_panel(-4)", "Narrower panel", "hidden"),
        ("panel-wider", "greater_than_sign", "resize_panel(4)", "Wider panel", "hidden"),
    ),
    # Selecting and copying, forward after back, search results, editing (issue 14).
    *_keys(
        Scope.ARTICLE,
        "Selecting",
        ("select", "v", "screen.select", "Select", "hidden"),
        (
            "select-word-next",
            "shift+right",
            "screen.extend_selection('word', 1)",
            "Extend a word",
            "hidden",
        ),
        # l extends a selection there is; with none it opens the library (the screen's l).
        (
            "select-word-more",
            "l",
            "screen.extend_selected('word', 1)",
            "Extend the selection a word",
            "hidden",
        ),
        (
            "select-word-previous",
            "h,shift+left",
            "screen.extend_selection('word', -1)",
            "Extend a word back",
            "hidden",
        ),
        (
            "select-line-next",
            "plus",
            "screen.extend_selection('line', 1)",
            "Extend a line down",
            "hidden",
        ),
        (
            "select-line-previous",
            "minus",
            "screen.extend_selection('line', -1)",
            "Extend a line up",
            "hidden",
        ),
        (
            "select-passage-end",
            "right_curly_bracket",
            "screen.extend_selection('passage', 1)",
            "Extend to passage end",
            "hidden",
        ),
        (
            "select-passage-start",
            "left_curly_bracket",
            "screen.extend_selection('passage', -1)",
            "Extend to passage start",
            "hidden",
        ),
        ("copy", "y", "screen.copy_selection", "Copy selection", "hidden"),
    ),
    *_keys(
        Scope.READING,
        "Finding",
        ("forward", "alt+right", "go_forward", "Forward", "hidden"),
        # A browser's pair for Backspace; an id of its own, so that the footer's "⌫ Back"
        # is never shown where Backspace edits a field and only Alt+← would go back.
        ("back-alt", "alt+left", "go_back", "Back (as a browser)", "hidden"),
        ("search-results", "s", "toggle_panel('results-panel')", "Search results", "hidden"),
    ),
    *_keys(Scope.READING, "App", ("edit", "e", "edit", "Edit in $EDITOR", "hidden")),
    *_keys(Scope.READING, "App", ("library", "l", "library", "Library", "hidden")),
    *_keys(
        Scope.LIBRARY,
        "Library",
        ("library-forget", "d,delete", "forget", "Forget"),
        ("library-order", "o", "toggle_order", "Order"),
        ("library-filter", "slash", "filter", "Filter", "/"),
        ("library-close", "escape", "close", "Back"),
        ("library-open", "enter", "open", "Open"),
        ("library-down", "down", "move(1)", "Next text", "hidden"),
        ("library-up", "up", "move(-1)", "Previous text", "hidden"),
        ("library-page-down", "pagedown", "move(2)", "Page down", "hidden"),
        ("library-page-up", "pageup", "move(-2)", "Page up", "hidden"),
    ),
    # Everywhere else: the list of keys (the popup's q closes it).
    *_keys(Scope.APP, "App", ("keys", "question_mark", "toggle_keys", "Keys", "?", "hidden")),
    *_keys(
        Scope.ARTICLE,
        "Reading",
        ("line-down", "j,down", "scroll_down", "Down", "hidden"),
        ("line-up", "k,up", "scroll_up", "Up", "hidden"),
        ("page-down", "space,pagedown", "page_down", "Page", "Space"),
        ("page-up", "pageup", "page_up", "Page up", "hidden"),
        ("top", "home", "scroll_home", "Top", "hidden"),
        ("end", "end", "scroll_end", "End", "hidden"),
        # The screen's: the text's looks. Here, not on the screen, so that in a panel's
        # list these letters filter as any other.
        ("measure", "w", "screen.cycle_measure", "Width", "hidden"),
        ("justify", "W", "screen.toggle_justify", "Justify", "hidden"),
        ("zen", "z", "screen.toggle_zen", "Zen mode", "hidden"),
    ),
    *_keys(
        Scope.ARTICLE,
        "Links",
        ("link-next", "tab", "next_link", "Next link", "Tab"),
        ("link-previous", "shift+tab", "previous_link", "Previous link", "hidden"),
        ("link-open", "enter", "follow_link", "Open note"),
    ),
    *_keys(
        Scope.BOOKMARKS,
        "Bookmarks",
        ("bookmarks-order", "o", "toggle_order", "Order"),
        ("bookmarks-all", "a", "toggle_all", "All texts"),
        ("bookmark-edit", "e", "act('edit')", "Edit note"),
        ("bookmark-delete", "d,delete", "act('delete')", "Delete"),
    ),
    *_keys(Scope.GLOSSARY, "Panels", ("glossary-filter", "slash", "filter", "Filter", "/")),
    *_keys(
        Scope.GLOSSARY_FILTER,
        "Panels",
        ("glossary-list", "down", "to_list", "To the list", "hidden"),
    ),
    *_keys(
        Scope.NOTE,
        "Links",
        ("note-close", "escape", "close", "Close"),
        ("note-back", "backspace", "back", "Back"),
        ("note-quit", "q", "close", "Close", "hidden"),
    ),
    *_keys(
        Scope.LINK,
        "Links",
        ("web-open", "enter,o", "answer(True)", "Open in browser"),
        ("web-cancel", "escape,n", "answer(False)", "Cancel"),
    ),
    *_keys(Scope.DIALOG, "Bookmarks", ("dialog-cancel", "escape", "cancel", "Cancel")),
)
"""Every key. An id names one job: the same id in two scopes is the same job in both
(``?`` on the reading screen, where the footer shows it, and everywhere else)."""


def bindings(scope: Scope, keys: Iterable[Key] = KEYS) -> list[BindingType]:
    """The ``BINDINGS`` of the part of the interface ``scope`` names, each with its id."""
    return [
        Binding(
            key.keys,
            key.action,
            key.description,
            show=key.show,
            key_display=key.key_display,
            id=key.id,
        )
        for key in keys
        if key.scope is scope
    ]


FOOTER_RANK: tuple[str, ...] = (
    "link-next",
    "link-open",
    "glossary",
    "context",
    "bookmarks",
    "mark",
    "search",
    "glossary-filter",
    "bookmarks-order",
    "bookmarks-all",
    "bookmark-edit",
    "bookmark-delete",
    "note-close",
    "note-back",
    "web-open",
    "web-cancel",
    "dialog-cancel",
    "mention-next",
    "back",
    "page-down",
)
"""What the footer shows, most useful first: it drops from the end what does not fit."""

FOOTER_PINNED: tuple[str, ...] = ("keys", "quit")
"""Shown at the right end of the footer whatever the width: the way to every other key,
and the way out."""

FOOTER_LABELS: dict[str, str] = {
    "link-next": "Link",
    "link-open": "Note",
    "mention-next": "Mention",
    "bookmarks-order": "Order",
    "bookmarks-all": "All texts",
    "bookmark-edit": "Edit",
    "web-open": "Open",
}
"""Shorter labels where the footer needs them (the help says it in full)."""

HELP_GROUPS: tuple[tuple[str, str], ...] = (
    ("Reading", "Reading"),
    ("Links", "Links and notes"),
    ("Finding", "Search, mentions and jumps"),
    ("Panels", "Panels"),
    ("Bookmarks", "Bookmarks"),
    ("Selecting", "Selecting and copying"),
    ("Library", "The library"),
    ("App", "The app"),
)
"""The help's sections: a key's group, and the heading it is listed under."""


def key_ids() -> set[str]:
    """Every binding id, for checking a user's keymap."""
    return {key.id for key in KEYS}
