"""The status line under the text: what the reader just did, or what loading is doing."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.timer import Timer
from textual.widget import Widget


class StatusLine(Widget):
    """One line, hidden while it has nothing to say.

    A new message repaints the line only; the screen is laid out again only when the
    line comes, goes or needs another height (a message longer than the line): "2 of 7"
    after "1 of 7" must not cost a layout of every widget (~25 ms a key at 160×50).

    Progress of a load is said only while the line is free (or already says progress):
    it never replaces what the reader was told ("3 of 7", an error), and is cleared by
    :meth:`clear_progress` when loading is done.
    """

    COUNT_SECONDS = 6.0
    """How long a count ("2 of 7", "not found") stays."""

    message: reactive[str] = reactive("")
    """What the line says; "" hides it."""
    error: reactive[bool] = reactive(False)
    """Whether the message is an error (shown as one)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._progress = False
        self._fade: Timer | None = None

    def say(self, text: str, *, error: bool = False, seconds: float | None = None) -> None:
        """Say ``text`` (hide the line for ""), replacing what it said; with ``seconds``,
        only for that long (a count such as "2 of 7" is news, not a state)."""
        self._progress = False
        if self._fade is not None:
            self._fade.stop()
            self._fade = None
        self.error = error
        self.message = text
        if seconds is not None and text:
            self._fade = self.set_timer(seconds, self._faded)

    def _faded(self) -> None:
        self._fade = None
        self.say("")

    def progress(self, step: str) -> None:
        """Say how loading is going, unless the line says something else."""
        if self._progress or not self.message:
            self.say(step)
            self._progress = True

    def clear_progress(self) -> None:
        """Loading is done: hide its progress (not anything said since)."""
        if self._progress:
            self.say("")

    def render(self) -> Content:
        return Content(self.message)

    def watch_message(self, old: str, text: str) -> None:
        width = self.content_region.width
        one_line = max(Content(old).cell_length, Content(text).cell_length) <= width
        if bool(old) == bool(text) and not one_line:
            self.refresh(layout=True)  # it may wrap to another height
        self.set_class(bool(text), "-shown")  # coming or going: a layout of its own

    def watch_error(self, error: bool) -> None:
        self.set_class(error, "-error")
