"""The reading screen's "Glossaries for this text…": the candidates, the user's toggles
kept in the data folder, and the text reloaded with its new glossaries (the reader stays
on the same words, as after an edit).

What a text gets is the rule of :mod:`reader.pipeline.glossary_rule`; what the user
chose is :mod:`reader.userdata.glossary_choices`. This part only puts the two together
for the dialog (:mod:`reader.ui.dialogs.glossary_dialog`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from reader.glossary import load_glossary
from reader.pipeline.glossary_rule import Candidate, Place, Reason, UserSide, candidates
from reader.text.errors import ReaderError
from reader.text.i18n import _
from reader.text.sanitize import title_line
from reader.ui.dialogs.glossary_dialog import GlossaryDialog, GlossaryRow
from reader.userdata.glossary_choices import GlossaryChoices, UserGlossaries, primary_language

if TYPE_CHECKING:
    from reader.ui.reading.screen import ReadingScreen

LABEL_CHARS = 60
"""How much of a glossary's title a row shows."""


class GlossaryChoosing:
    """Opens the dialog and keeps what the reader turns on or off in it."""

    def __init__(self, screen: ReadingScreen) -> None:
        self._screen = screen
        self._titles: dict[str, str] = {}
        """Each candidate's title, read once per dialog (a file's YAML is parsed for it)."""

    @property
    def _user(self) -> UserGlossaries | None:
        return self._screen.request.user_glossaries

    def open_dialog(self) -> None:
        """Show the candidates of the text read, or say why there are none to choose."""
        screen = self._screen
        if screen.opened is None:
            screen.notify(_("The text is still loading."), timeout=4)
            return
        if self._user is None:
            screen.notify(_("Nothing is kept between sessions: no glossary can be turned on."))
            return
        self._titles = {}
        language = primary_language(screen.opened.document.meta.language)
        screen.app.push_screen(GlossaryDialog(self._rows(), language, self._toggle))

    def _side(self) -> UserSide | None:
        screen, user = self._screen, self._user
        if user is None or screen.opened is None:
            return None
        request = screen.request
        # A file is known by its path; only standard input by its text (hashed).
        source = request.source if request.ref.from_stdin and request.source is not None else ""
        return UserSide.read(user, request.ref, source, screen.opened.document.meta.language)

    def _candidates(self) -> list[Candidate]:
        opened = self._screen.opened
        if opened is None:
            return []
        request = self._screen.request
        return candidates(opened.document, request.ref.path, request.extra_glossaries, self._side())

    def _rows(self) -> list[GlossaryRow]:
        opened = self._screen.opened
        per_language = opened is not None and opened.document.meta.language != "und"
        rows = []
        for found in self._candidates():
            offered = per_language and found.place in (Place.USER, Place.BUNDLED)
            rows.append(
                GlossaryRow(
                    found.key,
                    f"{self._title(found)} ({found.path.name})",
                    found.describe(),
                    found.in_force,
                    found.by_default is Reason.LANGUAGE if offered else None,
                    fixed=found.place is Place.OPTION,
                )
            )
        return rows

    def _title(self, found: Candidate) -> str:
        if found.key not in self._titles:
            try:
                title = load_glossary(found.path, partial=True).title
            except ReaderError:
                title = "(cannot be read)"
            self._titles[found.key] = title_line(title, LABEL_CHARS)
        return self._titles[found.key]

    def _toggle(self, key: str, scope: str, on: bool) -> Sequence[GlossaryRow]:
        """Keep the toggle, reload the text with its glossaries, answer the new rows."""
        screen, user, side = self._screen, self._user, self._side()
        opened = screen.opened
        found = next((c for c in self._candidates() if c.key == key), None)
        if user is None or side is None or opened is None or found is None:
            return self._rows()
        choices = GlossaryChoices.load(user.data_folder)
        if scope == "language":
            choices.set_for_language(opened.document.meta.language, key, on=on)
        else:
            default = found.by_default is not None
            choices.set_for_text(side.text, key, on=on, by_default=default)
        problem = choices.save(user.data_folder)
        if problem is not None:
            screen.notify(problem, severity="warning", markup=False, timeout=10)
            return self._rows()
        name = found.path.name
        screen.reloading.reload(f"{name} turned {'on' if on else 'off'}.")
        return self._rows()
