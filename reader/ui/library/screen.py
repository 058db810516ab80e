"""The library screen: a filter line over a list of every text the reader knows.

The screen holds the entries and the filter and order; which rows show, in which
order, and what each cell says is the pure model's
(:func:`~reader.userdata.library.visible_entries`, :func:`~reader.userdata.library.row_cells`).
Typing filters at once (any letter that is not one of the list's keys starts the filter,
``/`` too); Enter opens the text under the cursor, where it was left; ``d`` forgets a
text opened from elsewhere (its bookmarks are kept); ``o`` switches between last read
and title; Esc goes back to the text.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.screen import Screen
from textual.widgets import Header, Input, Static

from reader.pipeline.library import gather
from reader.text.errors import ReaderError
from reader.text.i18n import N_, _, format_number, ngettext
from reader.text.sanitize import visible_line
from reader.ui.keymap import Scope, bindings
from reader.ui.library.rows import LibraryList, Row
from reader.userdata import BookmarkStore
from reader.userdata.library import (
    COLUMNS,
    LibraryEntry,
    Origin,
    SortOrder,
    row_cells,
    row_line,
    text_widths,
    visible_entries,
)

_LIST_KEYS = frozenset("do/")
"""Letters the list itself takes (forget, order, filter): not typed into the filter."""

_LIST_ACTIONS = frozenset({"forget", "toggle_order", "filter"})
"""The list's own keys (d, o, /), which the filter line types instead."""

HINT = N_("type to filter · Enter open · d forget · o order · Esc back to the text")


class LibraryScreen(Screen[str | None]):
    """Every text the reader knows; dismissed with the path (or bundled name) chosen."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(Scope.LIBRARY)

    def __init__(
        self,
        store: BookmarkStore | None,
        data: Path | None,
        leave: Callable[[str | None], None] | None = None,
    ) -> None:
        """``leave``: what to do with the choice (None: Esc) instead of dismissing the
        screen, for the library the app starts on (``reader --library``)."""
        super().__init__()
        self._leave = leave
        self._store = store
        self._data = data
        self.entries: list[LibraryEntry] = []
        """Everything the library knows, as gathered when the screen opened."""
        self.shown: list[LibraryEntry] = []
        """The rows on screen, in their order."""
        self.order = SortOrder.LAST_READ
        self._typing = False
        """Letters go to the filter line (typed there, or on their way to it)."""

    def compose(self) -> ComposeResult:
        yield Header(icon="¶")
        yield Input(
            placeholder=_("Filter: title, author, language, format"),
            id="library-filter",
            select_on_focus=False,
        )
        yield Static(id="library-heading", markup=False)
        yield LibraryList(id="library-list")
        yield Static(id="library-status")
        yield Static(_(HINT), id="library-hint", markup=False)

    @property
    def listing(self) -> LibraryList:
        """The list of texts."""
        return self.query_one(LibraryList)

    @property
    def filter_input(self) -> Input:
        return self.query_one("#library-filter", Input)

    def on_mount(self) -> None:
        self.sub_title = _("Library")
        try:
            self.entries = gather(self._store, self._data)
        except ReaderError as error:
            self.notify(str(error), severity="error", markup=False)
        self.refresh_rows()
        self.listing.focus()

    # The rows ---------------------------------------------------------------------------

    def refresh_rows(self, keep: str | None = None) -> None:
        """Show the entries the filter and order give, the cursor on ``keep`` if shown
        (else on the first): the pure model picks and lays out the rows, the list draws
        those on screen."""
        self.shown = visible_entries(self.entries, self.filter_input.value, self.order)
        widths = text_widths(self.size.width or self.app.size.width)
        heading = tuple(_(name) for name in COLUMNS)
        self.query_one("#library-heading", Static).update(row_line(heading, widths))
        rows = [
            Row(visible_line(row_line(row_cells(entry, widths=widths), widths)), entry.missing)
            for entry in self.shown
        ]
        paths = [entry.path for entry in self.shown]
        self.listing.set_rows(rows, paths.index(keep) if keep in paths else 0)
        count = len(self.shown)
        self.query_one("#library-status", Static).update(
            Text(
                ngettext("{count} text · by {order}", "{count} texts · by {order}", count).format(
                    count=format_number(count), order=_(self.order.value)
                )
            )
        )

    def on_resize(self, event: events.Resize) -> None:
        """Titles and authors are cut to the width there is."""
        current = self.current()
        self.refresh_rows(keep=current.path if current else None)

    def current(self) -> LibraryEntry | None:
        """The entry under the cursor, if any."""
        row = self.listing.cursor
        return self.shown[row] if 0 <= row < len(self.shown) else None

    @on(Input.Changed, "#library-filter")
    def _filtered(self) -> None:
        self.refresh_rows()

    # Keys -------------------------------------------------------------------------------

    def on_key(self, event: events.Key) -> None:
        """A letter typed in the list (not one of its keys) starts the filter with it;
        once typing, every letter goes there, even before the filter line has the focus
        (keys come in a burst, and the focus moves between two of them)."""
        if not event.is_printable or event.character is None or self.filter_input.has_focus:
            return
        if not self._typing and (event.character in _LIST_KEYS or event.character == " "):
            return
        event.stop()
        event.prevent_default()
        self._typing = True
        field = self.filter_input
        field.focus()
        field.insert_text_at_cursor(event.character)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Back in the list (Esc, a click), its letters are its keys again."""
        if event.widget is self.listing:
            self._typing = False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """In the filter line, the list's letters are letters: typed, not keys."""
        typing = self._typing or self.filter_input.has_focus
        return not (typing and action in _LIST_ACTIONS)

    def action_filter(self) -> None:
        """/: to the filter line."""
        self._typing = True
        self.filter_input.focus()

    def action_move(self, step: int) -> None:
        """↓ / ↑ (PgDn / PgUp a screenful) move the cursor in the list, from the filter
        line too."""
        listing = self.listing
        if step in (-2, 2):
            step = (step // 2) * max(1, listing.size.height - 1)
        listing.move(step)

    def action_open(self) -> None:
        """Enter in the list."""
        self.open_current()

    def action_toggle_order(self) -> None:
        """o: by last read, or by title."""
        current = self.current()
        self.order = SortOrder.TITLE if self.order is SortOrder.LAST_READ else SortOrder.LAST_READ
        self.refresh_rows(keep=current.path if current else None)

    def action_close(self) -> None:
        """Esc: from the filter line back to the list; from the list back to the text."""
        if self._typing or self.filter_input.has_focus:
            self._typing = False
            self.listing.focus()
        else:
            self._done(None)

    @on(LibraryList.Chosen)
    def _chosen(self, event: LibraryList.Chosen) -> None:
        self.open_current()

    @on(Input.Submitted, "#library-filter")
    def _submitted(self) -> None:
        self.open_current()

    def open_current(self) -> None:
        """Enter: read the text under the cursor (a missing file says so, and stays)."""
        entry = self.current()
        if entry is None:
            return
        if entry.missing:
            self.notify(
                _(
                    "{path} is missing (moved or deleted): opening it again from where it is "
                    "now brings its place and bookmarks back; d forgets it"
                ).format(path=visible_line(entry.path)),
                severity="warning",
                markup=False,
            )
            return
        self._done(entry.path)

    def _done(self, path: str | None) -> None:
        if self._leave is not None:
            self._leave(path)
        else:
            self.dismiss(path)

    def action_forget(self) -> None:
        """d: forget a text opened from elsewhere; its file and bookmarks are kept."""
        entry = self.current()
        if entry is None:
            return
        title = visible_line(entry.record.title)
        if entry.origin is not Origin.OPENED:
            said = (
                _("“{title}” is bundled: it stays in the library")
                if entry.origin is Origin.BUNDLED
                else _("“{title}” is in your texts folder: it stays in the library")
            )
            self.notify(said.format(title=title), markup=False)
            return
        if self._store is None or self._store.read_only:
            self.notify(_("Nothing is kept between sessions here: nothing to forget"), markup=False)
            return
        try:
            self._store.forget_text(entry.path)
        except ReaderError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.entries = [item for item in self.entries if item.path != entry.path]
        row = self.listing.cursor
        self.refresh_rows()
        self.listing.cursor = max(0, min(row, len(self.shown) - 1))
        kept = entry.record.bookmarks
        said = (
            ngettext("; its {count} bookmark is kept", "; its {count} bookmarks are kept", kept)
            if kept
            else ""
        ).format(count=format_number(kept))
        self.notify(
            _("Forgot “{title}” (the file is untouched)").format(title=title) + said,
            markup=False,
        )
