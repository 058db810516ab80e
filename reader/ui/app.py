"""The Rodapé app: opens the store and the settings, then reads in the reading screen.

Everything about reading lives in :class:`reader.ui.reading.screen.ReadingScreen` and its
parts; the app holds what outlives a screen (settings, the bookmark store) and the keys
that work everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path, PurePath
from typing import ClassVar

from textual.app import App
from textual.binding import BindingType
from textual.screen import Screen

from reader.linking import Marks
from reader.pipeline import LoadRequest
from reader.text.textfile import Source, TextRef
from reader.ui.keymap import Scope, bindings
from reader.ui.reading.screen import ReadingScreen
from reader.userdata import BookmarkStore, open_store
from reader.userdata.settings import UiSettings

THEMES = ("textual-dark", "textual-light")
"""The themes the reader offers: the ones its colours are checked in (4.5:1 for text, 3:1
for focus marks, in 256 colours and truecolor; tests/terminal/test_colours.py)."""


class ReaderApp(App[None]):
    """Read one text (and, from the bookmarks of every text, others) in the terminal."""

    CSS_PATH: ClassVar[list[str | PurePath]] = [
        f"styles/{name}.tcss" for name in ("reading", "article", "panels", "note", "dialogs")
    ]
    """One style sheet per screen or part, in this order (later ones win ties)."""
    TITLE = "Rodapé"

    BINDINGS: ClassVar[list[BindingType]] = bindings(Scope.APP)
    """Keys that work on every screen: the list of keys (in a popup, its own)."""

    def __init__(
        self,
        text: TextRef,
        *,
        source: Source | None = None,
        extra_glossaries: Sequence[Path] = (),
        marks: Marks = "first",
        data_dir: Path | None = None,
    ) -> None:
        super().__init__()
        for name in list(self.available_themes):
            if name not in THEMES:
                self.unregister_theme(name)  # not checked for contrast: not offered
        self.data_dir = data_dir
        """Where settings (and bookmarks) are kept; None keeps nothing between sessions."""
        self.settings = UiSettings.load(data_dir)
        self.store: BookmarkStore | None = open_store(data_dir) if data_dir is not None else None
        """Bookmarks and positions; None when nothing is kept between sessions."""
        self.reading = ReadingScreen(
            LoadRequest(text, source, tuple(extra_glossaries), marks, self.store),
            self.settings,
            self.save_settings,
        )
        """The screen the text is read in."""

    def get_default_screen(self) -> Screen[None]:
        return self.reading

    def on_mount(self) -> None:
        if self.store is not None and self.store.problem:
            self.notify(self.store.problem, severity="warning", markup=False, timeout=15)
        if self.settings.problem:
            self.notify(self.settings.problem, severity="warning", markup=False)

    def save_settings(self) -> None:
        """Keep the interface settings (open panels, widths) for next time."""
        self.settings.save(self.data_dir)

    def action_toggle_keys(self) -> None:
        """In a popup, its keys (the reading screen binds ? to its own list)."""
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()
