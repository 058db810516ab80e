"""Textual's own words in the reader's language: the command palette's system commands
(Theme, Quit, Keys…) and its placeholders.

Textual writes them in English where it builds them; :class:`TranslatedApp` hands each
through the reader's catalog on its way to the screen. Their msgids are listed here, as
Textual spells them, so that ``./catalog`` extracts them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

from rich.align import Align
from rich.text import Text
from textual.app import App, SystemCommand
from textual.command import CommandList, CommandPalette
from textual.screen import Screen
from textual.theme import ThemeProvider
from textual.widgets.option_list import Option

from reader.text.i18n import N_, _

TEXTUAL_WORDS = (
    N_("Theme"),
    N_("Change the current theme"),
    N_("Quit"),
    N_("Quit the application as soon as possible"),
    N_("Keys"),
    N_("Hide the keys and widget help panel"),
    N_("Show help for the focused widget and a summary of available keys"),
)
"""What Textual's system commands say (textual.app.App.get_system_commands)."""

LEFT_OUT = frozenset({"Screenshot", "Maximize", "Minimize"})
"""Textual's commands a reader has no use for, by their English title: an SVG of the
screen written into the working folder (a developer's tool), a widget maximized (z,
zen mode, already shows the text alone)."""

OWN_KEYS_HELP = N_("Show every key of the reader, grouped by purpose, or hide it")
"""What the palette's Keys says where a screen lists its keys itself (the reading
screen's ? panel, in place of Textual's help panel)."""


class TranslatedPalette(CommandPalette):
    """Textual's command palette, saying "No matches found" in the reader's language.

    Textual builds that line inside its countdown (``_start_no_matches_countdown``, the
    one place it is written): the countdown is the same here, with the line translated.
    A test reads the line on screen, so a Textual that changes the countdown fails it."""

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(_("No matches found"), style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:  # discovering, with nothing typed: nothing to say
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)


class TranslatedApp(App[None]):
    """An app whose command palette speaks the interface's language."""

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        own_keys = getattr(screen, "action_toggle_keys", None)
        for command in super().get_system_commands(screen):
            if command.title in LEFT_OUT:
                continue
            if command.title == "Keys" and callable(own_keys):
                yield SystemCommand(_("Keys"), _(OWN_KEYS_HELP), own_keys, command.discover)
                continue
            yield SystemCommand(
                _(command.title), _(command.help), command.callback, command.discover
            )

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(cast("App[object]", self)):
            placeholder = _("Search for commands…")
            self.push_screen(TranslatedPalette(id="--command-palette", placeholder=placeholder))

    def search_themes(self) -> None:
        self.push_screen(
            TranslatedPalette(providers=[ThemeProvider], placeholder=_("Search for themes…"))
        )
