""" "Glossaries for this text…": every glossary the text could get, each with a checkbox.

A row's first checkbox says whether the glossary is in force for this text; for the
user's own and the bundled ones a second says whether it is turned on for every text in
the text's language. Toggling either hands the change to ``on_toggle`` (which keeps it
and reloads the text) and shows the rows it answers: the dialog stays open, so several
can be turned on in a row; Esc closes it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Static

from reader.text.i18n import _
from reader.ui.keymap import Scope, bindings


@dataclass(frozen=True)
class GlossaryRow:
    """One glossary the text could get, as the dialog shows it."""

    key: str
    """How the user's choices name it."""
    label: str
    """Its title and file name."""
    about: str
    """Where it is and why it is (or is not) in force, in a few words."""
    for_text: bool
    """In force for this text."""
    for_language: bool | None
    """Turned on for every text in the language; None when that is not offered."""
    fixed: bool = False
    """Asked for on the command line (``--glossary``): in force whatever is chosen."""


Toggle = Callable[[str, str, bool], Sequence[GlossaryRow]]
"""``(key, "text" or "language", on)`` → the rows as they are now."""


class GlossaryDialog(ModalScreen[None]):
    """The candidates with checkboxes; each toggle is kept at once (Esc closes)."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(Scope.DIALOG)

    def __init__(self, rows: Sequence[GlossaryRow], language: str, on_toggle: Toggle) -> None:
        super().__init__()
        self.rows = list(rows)
        self.language = language
        self._on_toggle = on_toggle

    def compose(self) -> ComposeResult:
        with Vertical(id="glossaries-box"):
            with VerticalScroll(id="glossaries-list"):
                if not self.rows:
                    yield Static(Content(_("No glossary found for this text.")), classes="about")
                for number, row in enumerate(self.rows):
                    with Horizontal(classes="glossary-row"):
                        yield Checkbox(
                            Content(row.label),
                            row.for_text,
                            id=f"text-{number}",
                            disabled=row.fixed,
                        )
                        if row.for_language is not None:
                            yield Checkbox(
                                Content(_("every {language} text").format(language=self.language)),
                                row.for_language,
                                id=f"language-{number}",
                                classes="for-language",
                            )
                    yield Static(Content(row.about), id=f"about-{number}", classes="about")
            yield Static(
                Content(_("Space turns a glossary on or off (kept at once) · Esc close")),
                id="glossaries-hint",
            )

    def on_mount(self) -> None:
        self.query_one("#glossaries-box").border_title = Content(_("Glossaries for this text"))
        checkboxes = self.query(Checkbox)
        if checkboxes:
            checkboxes.first().focus()

    @on(Checkbox.Changed)
    def _toggled(self, event: Checkbox.Changed) -> None:
        event.stop()
        scope, _, number = (event.checkbox.id or "").partition("-")
        if not number.isdigit() or int(number) >= len(self.rows):
            return
        self.show(self._on_toggle(self.rows[int(number)].key, scope, event.value))

    def show(self, rows: Sequence[GlossaryRow]) -> None:
        """Show ``rows`` (the same glossaries, in the same order, as they are now)."""
        if [row.key for row in rows] != [row.key for row in self.rows]:
            return  # the text's glossaries changed under the dialog: keep what it shows
        self.rows = list(rows)
        with self.prevent(Checkbox.Changed):
            for number, row in enumerate(rows):
                self.query_one(f"#text-{number}", Checkbox).value = row.for_text
                if row.for_language is not None:
                    self.query_one(f"#language-{number}", Checkbox).value = row.for_language
                self.query_one(f"#about-{number}", Static).update(Content(row.about))

    def action_cancel(self) -> None:
        """Close (every toggle is kept already)."""
        self.dismiss(None)
