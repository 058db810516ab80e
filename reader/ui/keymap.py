"""Every key of the reader in one registry: what it does, where it works, and its id.

Widgets and screens take their ``BINDINGS`` from here (:func:`bindings`), so each binding
has an id and a user's keymap (binding id → keys, applied with ``App.set_keymap``) can move
any of them. The help (``?``) and the README's key table are checked against this table,
so what the reader is told is what the keys do.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from textual.binding import Binding, BindingType

from reader.text.i18n import N_, _


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
    """What it does, in English: the msgid, translated (``_``) where it is shown."""
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
        ("quit", "q", "app.quit", N_("Quit")),
        ("keys", "question_mark", "toggle_keys", N_("Keys"), "?"),
    ),
    *_keys(
        Scope.READING,
        "Finding",
        ("search", "slash", "search", N_("Search"), "/"),
        ("search-next", "n", "search_next(1)", N_("Next match"), "hidden"),
        ("search-previous", "N", "search_next(-1)", N_("Previous match"), "hidden"),
    ),
    *_keys(
        Scope.READING,
        "Panels",
        ("glossary", "g", "toggle_panel('glossary-panel')", N_("Glossary")),
        ("context", "c", "toggle_panel('context-panel')", N_("Context")),
        ("bookmarks", "b", "toggle_panel('bookmarks-panel')", N_("Bookmarks")),
    ),
    *_keys(
        Scope.READING,
        "Bookmarks",
        ("mark", "m", "bookmark", N_("Mark")),
        ("undo-delete", "u", "undo_delete", N_("Undo delete"), "hidden"),
        ("cursor-down", "J,shift+down", "cursor(1)", N_("Next passage"), "hidden"),
        ("cursor-up", "K,shift+up", "cursor(-1)", N_("Previous passage"), "hidden"),
    ),
    *_keys(
        Scope.READING,
        "Finding",
        ("back", "backspace", "go_back", N_("Back"), "⌫"),
        ("mention-next", "right_square_bracket", "mention(1)", N_("Next mention"), "]"),
        (
            "mention-previous",
            "left_square_bracket",
            "mention(-1)",
            N_("Prev mention"),
            "[",
            "hidden",
        ),
    ),
    *_keys(
        Scope.READING,
        "Panels",
        ("to-text", "escape", "focus_article", N_("Article"), "hidden"),
        ("panel-narrower", "less_than_sign", "resize_panel(-4)", N_("Narrower panel"), "hidden"),
        ("panel-wider", "greater_than_sign", "resize_panel(4)", N_("Wider panel"), "hidden"),
    ),
    # Selecting and copying, forward after back, search results, editing (issue 14).
    *_keys(
        Scope.ARTICLE,
        "Selecting",
        ("select", "v", "screen.select", N_("Select"), "hidden"),
        (
            "select-word-next",
            "shift+right",
            "screen.extend_selection('word', 1)",
            N_("Extend a word"),
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
            N_("Extend a word back"),
            "hidden",
        ),
        (
            "select-line-next",
            "plus",
            "screen.extend_selection('line', 1)",
            N_("Extend a line down"),
            "hidden",
        ),
        (
            "select-line-previous",
            "minus",
            "screen.extend_selection('line', -1)",
            N_("Extend a line up"),
            "hidden",
        ),
        (
            "select-passage-end",
            "right_curly_bracket",
            "screen.extend_selection('passage', 1)",
            N_("Extend to passage end"),
            "hidden",
        ),
        (
            "select-passage-start",
            "left_curly_bracket",
            "screen.extend_selection('passage', -1)",
            N_("Extend to passage start"),
            "hidden",
        ),
        ("copy", "y", "screen.copy_selection", N_("Copy selection"), "hidden"),
    ),
    *_keys(
        Scope.READING,
        "Finding",
        ("forward", "alt+right", "go_forward", N_("Forward"), "hidden"),
        # A browser's pair for Backspace; an id of its own, so that the footer's "⌫ Back"
        # is never shown where Backspace edits a field and only Alt+← would go back.
        ("back-alt", "alt+left", "go_back", N_("Back (as a browser)"), "hidden"),
        ("search-results", "s", "toggle_panel('results-panel')", N_("Search results"), "hidden"),
    ),
    *_keys(Scope.READING, "App", ("edit", "e", "edit", N_("Edit in $EDITOR"), "hidden")),
    *_keys(Scope.READING, "App", ("library", "l", "library", N_("Library"), "hidden")),
    *_keys(
        Scope.LIBRARY,
        "Library",
        ("library-forget", "d,delete", "forget", N_("Forget")),
        ("library-order", "o", "toggle_order", N_("Order")),
        ("library-filter", "slash", "filter", N_("Filter"), "/"),
        ("library-close", "escape", "close", N_("Back")),
        ("library-open", "enter", "open", N_("Open")),
        ("library-down", "down", "move(1)", N_("Next text"), "hidden"),
        ("library-up", "up", "move(-1)", N_("Previous text"), "hidden"),
        ("library-page-down", "pagedown", "move(2)", N_("Page down"), "hidden"),
        ("library-page-up", "pageup", "move(-2)", N_("Page up"), "hidden"),
    ),
    # Everywhere else: the list of keys (the popup's q closes it).
    *_keys(Scope.APP, "App", ("keys", "question_mark", "toggle_keys", N_("Keys"), "?", "hidden")),
    *_keys(
        Scope.ARTICLE,
        "Reading",
        ("line-down", "j,down", "scroll_down", N_("Down"), "hidden"),
        ("line-up", "k,up", "scroll_up", N_("Up"), "hidden"),
        ("page-down", "space,pagedown", "page_down", N_("Page"), N_("Space")),
        ("page-up", "pageup", "page_up", N_("Page up"), "hidden"),
        ("top", "home", "scroll_home", N_("Top"), "hidden"),
        ("end", "end", "scroll_end", N_("End"), "hidden"),
        # The screen's: the text's looks. Here, not on the screen, so that in a panel's
        # list these letters filter as any other.
        ("measure", "w", "screen.cycle_measure", N_("Width"), "hidden"),
        ("justify", "W", "screen.toggle_justify", N_("Justify"), "hidden"),
        ("zen", "z", "screen.toggle_zen", N_("Zen mode"), "hidden"),
    ),
    *_keys(
        Scope.ARTICLE,
        "Links",
        ("link-next", "tab", "next_link", N_("Next link"), "Tab"),
        ("link-previous", "shift+tab", "previous_link", N_("Previous link"), "hidden"),
        ("link-open", "enter", "follow_link", N_("Open note")),
    ),
    *_keys(
        Scope.BOOKMARKS,
        "Bookmarks",
        ("bookmarks-order", "o", "toggle_order", N_("Order")),
        ("bookmarks-all", "a", "toggle_all", N_("All texts")),
        ("bookmark-edit", "e", "act('edit')", N_("Edit note")),
        ("bookmark-delete", "d,delete", "act('delete')", N_("Delete")),
    ),
    *_keys(Scope.GLOSSARY, "Panels", ("glossary-filter", "slash", "filter", N_("Filter"), "/")),
    *_keys(
        Scope.GLOSSARY_FILTER,
        "Panels",
        ("glossary-list", "down", "to_list", N_("To the list"), "hidden"),
    ),
    *_keys(
        Scope.NOTE,
        "Links",
        ("note-close", "escape", "close", N_("Close")),
        ("note-back", "backspace", "back", N_("Back")),
        ("note-quit", "q", "close", N_("Close"), "hidden"),
    ),
    *_keys(
        Scope.LINK,
        "Links",
        ("web-open", "enter,o", "answer(True)", N_("Open in browser")),
        ("web-cancel", "escape,n", "answer(False)", N_("Cancel")),
    ),
    *_keys(Scope.DIALOG, "Bookmarks", ("dialog-cancel", "escape", "cancel", N_("Cancel"))),
)
"""Every key. An id names one job: the same id in two scopes is the same job in both
(``?`` on the reading screen, where the footer shows it, and everywhere else)."""


def bindings(scope: Scope, keys: Iterable[Key] = KEYS) -> list[BindingType]:
    """The ``BINDINGS`` of the part of the interface ``scope`` names, each with its id."""
    return [
        Binding(
            key.keys,
            key.action,
            _(key.description),
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
    "link-next": N_("Link"),
    "link-open": N_("Note"),
    "mention-next": N_("Mention"),
    "bookmarks-order": N_("Order"),
    "bookmarks-all": N_("All texts"),
    "bookmark-edit": N_("Edit"),
    "web-open": N_("Open"),
}
"""Shorter labels where the footer needs them (the help says it in full); msgids, as
every description here."""

HELP_GROUPS: tuple[tuple[str, str], ...] = (
    ("Reading", N_("Reading")),
    ("Links", N_("Links and notes")),
    ("Finding", N_("Search, mentions and jumps")),
    ("Panels", N_("Panels")),
    ("Bookmarks", N_("Bookmarks")),
    ("Selecting", N_("Selecting and copying")),
    ("Library", N_("The library")),
    ("App", N_("The app")),
)
"""The help's sections: a key's group, and the heading it is listed under (a msgid)."""


def key_by_id(identifier: str) -> Key | None:
    """The registry's key with this binding id (its first scope)."""
    return next((key for key in KEYS if key.id == identifier), None)


def key_ids() -> set[str]:
    """Every binding id, for checking a user's keymap."""
    return {key.id for key in KEYS}


INSIDE: dict[Scope, Scope] = {
    Scope.READING: Scope.APP,
    Scope.ARTICLE: Scope.READING,
    Scope.BOOKMARKS: Scope.READING,
    Scope.GLOSSARY: Scope.READING,
    Scope.GLOSSARY_FILTER: Scope.GLOSSARY,
    Scope.NOTE: Scope.APP,
    Scope.LINK: Scope.APP,
    Scope.DIALOG: Scope.APP,
    Scope.LIBRARY: Scope.APP,
}
"""The part of the interface each scope sits in: a key of the inner one takes the key
from the outer one while the inner one has the focus (Textual asks the focused widget
first, then its screen, then the app)."""


def _around(scope: Scope) -> list[Scope]:
    """``scope`` and every scope it sits in, innermost first."""
    chain = [scope]
    while chain[-1] in INSIDE:
        chain.append(INSIDE[chain[-1]])
    return chain


def clashes(keymap: Mapping[str, str]) -> list[tuple[str, str, str]]:
    """(binding id, other binding id, key) for each key ``keymap`` (id → keys, as
    ``App.set_keymap`` takes it) newly gives a binding that another binding already has
    where the first works, once the keymap is applied: in the same scope, or one it sits
    in or that sits in it (:data:`INSIDE`). One of the two would never run there; the
    user is told. A key a binding has by default is not a clash (the registry's own
    overlaps are on purpose: Down in the glossary's filter goes to its list)."""
    holders: dict[tuple[Scope, str], list[str]] = {}
    for key in KEYS:
        for name in keymap.get(key.id, key.keys).split(","):
            holders.setdefault((key.scope, name), []).append(key.id)
    found: list[tuple[str, str, str]] = []
    for key in KEYS:
        if key.id not in keymap:
            continue
        for name in keymap[key.id].split(","):
            if name in key.keys.split(","):
                continue
            places = [
                (scope, name) for scope in Scope if key.scope in _around(scope)
            ]  # the scopes it sits in, itself, and those inside it
            places += [(scope, name) for scope in _around(key.scope)[1:]]
            others = [o for place in places for o in holders.get(place, []) if o != key.id]
            if others:
                found.append((key.id, others[0], name))
    return list(dict.fromkeys(found))
