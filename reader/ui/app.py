"""The Rodapé app: opens the store and the settings, then reads in the reading screen.

Everything about reading lives in :class:`reader.ui.reading.screen.ReadingScreen` and its
parts; the app holds what outlives a screen (settings, interface state, the bookmark
store), the themes and the keys that work everywhere.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path, PurePath
from typing import ClassVar

from rich.console import RenderableType
from textual import events
from textual.binding import BindingType
from textual.driver import Driver
from textual.screen import Screen

from reader.linking import Marks
from reader.pipeline import LoadRequest
from reader.settings import Loaded, interface_language
from reader.text.errors import ReaderError
from reader.text.i18n import set_language
from reader.text.textfile import Source, TextRef
from reader.text.turns import ui_idle
from reader.ui.keymap import Scope, bindings
from reader.ui.reading.screen import ReadingScreen
from reader.ui.settings import AppSettings
from reader.ui.themes import READING_THEMES, THEMES
from reader.ui.translated_app import TranslatedApp
from reader.ui.ui_turns import BUSY_INPUT, IdleWatch
from reader.userdata import BookmarkStore, open_store
from reader.userdata.glossary_choices import UserGlossaries
from reader.userdata.ui_state import UiState


class ReaderApp(TranslatedApp):
    """Read one text (and, from the bookmarks of every text, others) in the terminal."""

    CSS_PATH: ClassVar[list[str | PurePath]] = [
        f"styles/{name}.tcss"
        for name in ("reading", "article", "panels", "note", "dialogs", "library")
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
        marks: Marks | None = None,
        data_dir: Path | None = None,
        store: BookmarkStore | None = None,
        settings: Loaded | None = None,
        at_bookmark: str | None = None,
        library: bool = False,
    ) -> None:
        """``store``: the store of ``data_dir``, opened already (the command line opens it
        while the app is imported), else opened here; ``at_bookmark``: the uuid of a
        bookmark to open the text at (``--at``); ``library``: start on the library, the
        text behind it (``--library``)."""
        super().__init__()
        self.settings = AppSettings(settings)
        """The settings in force (with no ``settings``: the defaults, nothing written)."""
        set_language(interface_language(self.settings.current))
        for theme in READING_THEMES:
            self.register_theme(theme)
        for name in list(self.available_themes):
            if name not in THEMES:
                self.unregister_theme(name)  # not checked for contrast: not offered
        if self.settings.current.theme in self.available_themes:
            self.theme = self.settings.current.theme
        if marks is None:
            marks = self.settings.current.marks
        self.data_dir = data_dir
        """Where the interface state (and bookmarks) are kept; None keeps nothing between
        sessions."""
        self.ui_state = UiState.load(data_dir)
        self._ui_state_unsaved = False
        """Whether the reader was told the interface state cannot be written."""
        if store is None and data_dir is not None:
            store = open_store(data_dir)
        self.store: BookmarkStore | None = store
        """Bookmarks and positions; None when nothing is kept between sessions."""
        self.reading = ReadingScreen(
            LoadRequest(
                text,
                source,
                tuple(extra_glossaries),
                marks,
                self.store,
                UserGlossaries(data_dir) if data_dir is not None else None,
            ),
            self.ui_state,
            self.save_ui_state,
            self.settings,
            at_bookmark=at_bookmark,
        )
        """The screen the text is read in."""
        self._start_on_library = library
        self.leaving = False
        """Whether the app is quitting (set by :meth:`exit`)."""
        self._idle_watch = IdleWatch(self)

    def exit(
        self,
        result: None = None,
        return_code: int = 0,
        message: RenderableType | None = None,
    ) -> None:
        """Quit; keys and clicks read after this are dropped (:meth:`on_event`), and
        loads no longer wait for the UI (a key's work is never drawn now: a process that
        runs another app, as the tests do, would start its loads waiting)."""
        self.leaving = True
        ui_idle()
        super().exit(result, return_code, message)

    async def on_event(self, event: events.Event) -> None:
        if self.leaving and isinstance(event, events.InputEvent):
            # Typed fast after q, a key would open a dialog or build a panel on a screen
            # being taken down: a traceback (NoMatches) and exit status 1 instead of 0.
            return
        await super().on_event(event)
        if isinstance(event, BUSY_INPUT):
            # Loading threads wait from when the input came (the driver said so) until
            # what it did is on screen.
            self._idle_watch.input_came()

    def get_default_screen(self) -> Screen[None]:
        if self._start_on_library:
            from reader.ui.library.screen import LibraryScreen

            # The text is not opened behind it: it is the one chosen, else (Esc) the
            # text read last; nothing is recorded as read before a text is.
            return LibraryScreen(self.store, self.data_dir, self._leave_library)  # type: ignore[return-value]
        return self.reading

    def _leave_library(self, path: str | None) -> None:
        """The library the app started on is left: read the text chosen, or with Esc
        the one ``reader`` would have opened."""
        if path is not None:
            from reader.ui.library import request_for

            try:
                self.reading.request = request_for(self.reading.request, path)
            except ReaderError as error:
                self.notify(str(error), severity="error", markup=False)
                return
        self.push_screen(self.reading)  # the library stays below, as the base screen

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver for this terminal; on Linux, one that quits at once
        (:mod:`reader.ui.driver`)."""
        driver = super().get_driver_class()
        if sys.platform == "win32":
            return driver
        from textual.drivers.linux_driver import LinuxDriver

        from reader.ui.driver import ReaderDriver

        return ReaderDriver if driver is LinuxDriver else driver

    def on_mount(self) -> None:
        if self.settings.current.keys:
            self.set_keymap(dict(self.settings.current.keys))
        for problem in self.settings.problems():
            self.notify(problem, severity="warning", markup=False, timeout=15)
        if self.store is not None and self.store.problem:
            self.notify(self.store.problem, severity="warning", markup=False, timeout=15)
        if self.ui_state.problem:
            self.notify(self.ui_state.problem, severity="warning", markup=False)

    def watch_theme(self, name: str) -> None:
        """A theme picked in the palette is kept for next time (in settings.toml)."""
        self.settings.change("theme", name, self._warn)

    def _warn(self, message: str) -> None:
        self.notify(message, severity="warning", markup=False, timeout=15)

    def save_ui_state(self) -> None:
        """Keep the interface state (open panels, widths) for next time; if it cannot be
        written, say so once (it is written at every panel opened)."""
        problem = self.ui_state.save(self.data_dir)
        if problem is not None and not self._ui_state_unsaved:
            self._ui_state_unsaved = True
            self._warn(problem)

    def action_toggle_keys(self) -> None:
        """In a popup, its keys (the reading screen binds ? to its own list)."""
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()
