"""The bookmarks panel: this text's bookmarks (or every text's), to jump to and tend.

The panel only shows what the app hands it and reports what the reader asks for; the
store and re-anchoring live in :class:`reader.userdata.session.ReadingSession`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.text.i18n import _, format_date
from reader.text.sanitize import title_line
from reader.ui.keymap import Scope, bindings
from reader.ui.panels.base import SidePanel, heading
from reader.ui.widgets.steady_option_list import SteadyOptionList
from reader.userdata import AnchorStatus, Bookmark, Resolved


@dataclass
class BookmarkAction(Message):
    """The reader asked for something on a bookmark: "open", "edit" or "delete"."""

    action: str
    bookmark: Bookmark
    resolved: Resolved | None
    """The bookmark checked against the open text; None in the all-texts view."""


def _prompt(
    bookmark: Bookmark, status: AnchorStatus | None, section: str | None, title: bool
) -> Content:
    parts = [Content(f"“{title_line(bookmark.anchor.quote, 90)}”")]
    if bookmark.note:
        parts.append(Content(f"\n✎ {title_line(bookmark.note, 120)}").stylize("italic"))
    facts = [_created_day(bookmark.created)]
    if title:
        facts.insert(0, bookmark.text.title)
    if section:
        facts.append(section)
    if status is AnchorStatus.DETACHED:
        facts.append(_("detached: passage not found"))
    elif status is AnchorStatus.MOVED:
        facts.append(_("moved"))
    parts.append(Content("\n" + " · ".join(facts)).stylize("dim"))
    prompt = parts[0]
    for part in parts[1:]:
        prompt += part
    return prompt


def _created_day(created: str) -> str:
    """The day a bookmark was made (its ISO timestamp's date) as the interface writes
    dates; the stored text as it is if it is not a date."""
    try:
        return format_date(date.fromisoformat(created[:10]))
    except ValueError:
        return created[:10]


class BookmarksPanel(SidePanel):
    """Bookmarks in reading order (o: by date); a: every text; e edit, d delete, u undo."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(Scope.BOOKMARKS)
    """Keys that work while the list has the focus."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._here: list[Resolved] = []
        self._everywhere: list[Bookmark] = []
        self.by_date = False
        """Newest first instead of reading order."""
        self.all_texts = False
        """Every text's bookmarks instead of this text's."""
        self._shown: list[tuple[Bookmark, Resolved | None]] = []

    def compose_sections(self) -> ComposeResult:
        yield heading(_("Bookmarks"))
        yield Static(id="bm-mode")
        yield SteadyOptionList(id="bm-list")
        yield Static(
            Content(_("Enter open · e edit · d delete · u undo · o order · a all texts")),
            id="bm-hint",
        )

    def focus_first(self) -> None:
        """The list: the reader came to pick a bookmark."""
        self.query_one("#bm-list", OptionList).focus()

    def set_bookmarks(self, here: list[Resolved], everywhere: list[Bookmark]) -> None:
        """Show ``here`` (this text, checked) or ``everywhere`` (all texts)."""
        self._here = here
        self._everywhere = everywhere
        self._refresh_list()

    def _refresh_list(self) -> None:
        self.when_built("list", self._list)

    def _list(self) -> None:
        options = self.query_one("#bm-list", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        if self.all_texts:
            items: list[tuple[Bookmark, Resolved | None]] = [(b, None) for b in self._everywhere]
        else:
            items = [(r.bookmark, r) for r in self._here]
        if self.by_date:
            items.sort(key=lambda item: item[0].created, reverse=True)
        self._shown = items
        for number, (bookmark, resolved) in enumerate(items):
            status = resolved.status if resolved else None
            section = resolved.section if resolved else None
            options.add_option(
                Option(_prompt(bookmark, status, section, self.all_texts), id=str(number))
            )
        if not items:
            options.add_option(
                Option(
                    Content(_("No bookmarks yet — m marks a passage.")).stylize("dim"),
                    disabled=True,
                )
            )
        else:
            options.highlighted = min(highlighted or 0, len(items) - 1)
        mode = (_("All texts") if self.all_texts else _("This text")) + (
            " · " + (_("newest first") if self.by_date else _("reading order"))
        )
        self.query_one("#bm-mode", Static).update(Content(mode).stylize("dim"))

    @property
    def shown(self) -> list[Bookmark]:
        """The bookmarks listed, in list order."""
        return [bookmark for bookmark, _ in self._shown]

    def action_toggle_order(self) -> None:
        """Reading order ↔ newest first."""
        self.by_date = not self.by_date
        self._refresh_list()

    def action_toggle_all(self) -> None:
        """This text ↔ every text."""
        self.all_texts = not self.all_texts
        self._refresh_list()

    def action_act(self, action: str) -> None:
        """Edit or delete the highlighted bookmark."""
        options = self.query_one("#bm-list", OptionList)
        if options.highlighted is None or options.highlighted >= len(self._shown):
            return
        bookmark, resolved = self._shown[options.highlighted]
        self.post_message(BookmarkAction(action, bookmark, resolved))

    @on(OptionList.OptionSelected, "#bm-list")
    def _open(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is None:
            return
        bookmark, resolved = self._shown[int(event.option.id)]
        self.post_message(BookmarkAction("open", bookmark, resolved))
