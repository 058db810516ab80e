"""Editing the text (e) and reloading it when it, or one of its glossaries, changes on disk.

``e`` hands the terminal to ``$VISUAL``/``$EDITOR`` (:mod:`.editor`) at the line read and
reloads the text when the editor returns; a change made anywhere else is noticed by a
stat poll of the text and its glossary files. Either way the new text is loaded by the
usual loader, shown only once it is whole (the old one stays on screen meanwhile), and
the reader stays on the same words (:func:`reader.userdata.follow.follow_place`); the new
reading session re-anchors the bookmarks. A reload that would bring a file newly in error
(a glossary's YAML half typed, front matter broken) keeps the text shown as it was and
notifies the error; a text that cannot be read at all any more (not UTF-8, gone) is the
loader's failure, notified the same way, the old text still shown.

Why a stat poll and not watchfiles (measured on this machine, idle, 3 files, 10 s): a
poll a second costs about 0.3 ms of CPU a second (some 50 µs of it the three stats) and
nothing to install; watchfiles 1.3 (inotify, through Rust) costs about 1.1 ms a second
idle (its thread wakes every 50 ms to check for a stop), 40 ms to import, and a compiled
dependency. A second or two of latency is what a reader needs, and a poll also works
where inotify does not (network file systems, some containers).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from textual.app import SuspendNotSupported

from reader.pipeline import Shown
from reader.text.errors import Problem, Severity
from reader.text.i18n import _
from reader.text.resources import texts_dir
from reader.text.sanitize import visible_line
from reader.ui.reading.editor import EditorError, editor_command, source_line
from reader.userdata.flat import flat_text
from reader.userdata.follow import BlockPlace, follow_place

if TYPE_CHECKING:
    from reader.document import Document
    from reader.ui.reading.screen import ReadingScreen

POLL_SECONDS = 1.0
"""How often the text's files are looked at. A change is reloaded once two looks agree
(an editor may be half way through writing): one to two seconds after it is saved."""

StatKey = tuple[int, int, int] | None
"""What a look at a file sees: modification time, size and inode; None if it is gone."""


def stat_key(path: Path) -> StatKey:
    """The file's modification time (ns), size and inode, or None if it cannot be read."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size, info.st_ino


def is_bundled(path: Path) -> bool:
    """Whether ``path`` is one of the texts that come with the reader."""
    try:
        return path.resolve().parent == texts_dir().resolve()
    except OSError:
        return False


class _Pending(NamedTuple):
    """Where the reader was in the text being replaced, to follow into the new one."""

    document: Document
    top: tuple[int, int]
    cursor: int | None
    message: str


class Reloading:
    """The text's files, watched; the editor; reloads that keep the reader's place."""

    def __init__(self, screen: ReadingScreen) -> None:
        self._screen = screen
        self._seen: dict[Path, StatKey] = {}
        """Each watched file as it was last loaded."""
        self._changing: dict[Path, StatKey] | None = None
        """What the last look saw changed, waiting for the next look to agree."""
        self._reloading = False
        """A reload started and its whole text has not come yet."""
        self._reason = ""
        self._pending: _Pending | None = None
        self._reloaded_request: object | None = None
        """The screen's request a reload was made for (another text opened: not it)."""

    # Watching ---------------------------------------------------------------------------

    def start(self) -> None:
        """Look at the text's file now (before the loader reads it), then every second."""
        self._watch([self._screen.request.ref.path])
        self._screen.set_interval(POLL_SECONDS, self.poll, name="watch files")

    def _watch(self, paths: Iterable[Path]) -> None:
        """Watch ``paths`` (the files a text was loaded from); a file already watched
        keeps what was seen of it (a change since is still a change)."""
        self._seen = {path: self._seen.get(path, stat_key(path)) for path in paths}
        self._changing = None

    def _look(self) -> dict[Path, StatKey]:
        return {path: stat_key(path) for path in self._seen}

    def poll(self) -> None:
        """Reload if a watched file changed and has stayed so since the last look."""
        screen = self._screen
        if screen.opened is None or screen.app.screen is not screen:
            return  # still loading (it reads the file as it is now), or a dialog is open
        now = self._look()
        if now == self._seen:
            self._changing = None
        elif now != self._changing:
            self._changing = now  # maybe half written: look again before reloading
        else:
            self._reload_changed(now, _("{files} changed on disk: reloaded."))

    def _reload_changed(self, now: dict[Path, StatKey], what: str) -> bool:
        """Reload for the files of ``now`` that differ from what was seen; False if none.
        ``what`` says it, with the files' names for ``{files}``."""
        changed = [path for path, key in now.items() if key != self._seen.get(path)]
        if not changed:
            return False
        self._seen, self._changing = now, None
        # File names only: a notification is narrow, and the reader knows the folder.
        names = ", ".join(visible_line(path.name) for path in changed[:3])
        self.reload(what.format(files=names))
        return True

    # Reloading --------------------------------------------------------------------------

    def reload(self, message: str) -> None:
        """Load the text again from its file; ``message`` is said once it is shown."""
        screen = self._screen
        self._reloading, self._reason = True, message
        self._reloaded_request = screen.request
        request = screen.request  # standard input cannot be read twice: its text is kept
        screen.loader.start(request if request.ref.from_stdin else replace(request, source=None))

    @property
    def reloaded(self) -> bool:
        """Whether the text read was reloaded (its saved position is not to be restored
        over the place the reader was followed to)."""
        return self._reloaded_request is self._screen.request

    def accept(self, stage: Shown) -> bool:
        """Whether the screen shows ``stage``: a reload's text only once whole (the old
        one stays meanwhile), and not if it brings errors the text shown has not."""
        screen = self._screen
        if stage.linked:
            ref = stage.opened.ref
            self._watch([ref.path, *stage.glossary_files])
        if not self._reloading or self._reloaded_request is not screen.request:
            return True
        if not stage.linked:
            return False
        self._reloading = False
        old = screen.opened
        if old is None:
            return True  # nothing shown yet to keep or to follow: a load like the first
        before = _errors(old.problems)
        now = _errors(stage.opened.problems)
        new_errors = [problem for path, problem in now.items() if path not in before]
        if new_errors:
            lines = "\n".join(str(problem) for problem in new_errors[:5])
            screen.notify(
                lines + "\n" + _("The text is shown as it was until this is fixed."),
                severity="error",
                markup=False,
                timeout=15,
            )
            screen.status.clear_progress()
            return False
        view = screen.article
        top = view.reading_place() or (0, 0)
        self._pending = _Pending(old.document, top, view.cursor_block, self._reason)
        return True

    def place_view(self) -> None:
        """The reloaded text is in the view: put the reader back on the same words (and
        the cursor on the same passage); the jumps and search follow the new text."""
        pending, self._pending = self._pending, None
        screen = self._screen
        view = screen.article
        new = view.document
        layout = view.text_layout
        if pending is None or new is None or layout is None:
            return
        old_flat, new_flat = flat_text(pending.document), flat_text(new)

        def follow(place: BlockPlace) -> BlockPlace | None:
            return follow_place(pending.document, old_flat, new, new_flat, place)

        top = follow(BlockPlace(*pending.top))
        if top is not None:
            view.scroll_to_line(layout.offset_line(top.block, top.offset))
        cursor = follow(BlockPlace(pending.cursor, 0)) if pending.cursor is not None else None
        screen.places.forget()  # jumps and the saved block were the old text's
        screen.bookmarking.set_cursor(cursor.block if cursor is not None else None)
        screen.finding.rerun()
        screen.notify(pending.message, timeout=4)

    # Editing ----------------------------------------------------------------------------

    def edit(self) -> None:
        """Open the text in the user's editor at the line read; reload it on return."""
        screen = self._screen
        ref = screen.request.ref
        name = visible_line(ref.name)
        if is_bundled(ref.path):
            screen.notify(
                _("{text} comes with the reader: it cannot be edited.").format(text=name), timeout=5
            )
            return
        try:
            command = editor_command(os.environ, ref.path, self._line())
        except EditorError as error:
            screen.notify(str(error), severity="warning", markup=False, timeout=10)
            return
        program = visible_line(command[0])
        if shutil.which(command[0]) is None:
            # Found missing before the terminal is handed over: a failure inside
            # App.suspend() skips its resume and leaves the reader frozen.
            screen.notify(
                _("The editor {program} was not found: check $VISUAL or $EDITOR.").format(
                    program=program
                ),
                severity="error",
                markup=False,
            )
            return
        failure: OSError | None = None
        try:
            with screen.app.suspend():
                try:
                    done = subprocess.run(command, check=False)
                except OSError as error:  # caught inside, so the app always resumes
                    failure = error
        except SuspendNotSupported:
            screen.notify(_("This terminal cannot be handed to an editor."), severity="warning")
            return
        if failure is not None:
            screen.notify(
                _("The editor {program} could not be started: {reason}").format(
                    program=program, reason=failure.strerror or failure
                ),
                severity="error",
                markup=False,
            )
            return
        if done.returncode != 0:
            screen.notify(
                _("The editor {program} exited with status {status}.").format(
                    program=program, status=done.returncode
                ),
                severity="warning",
                markup=False,
            )
        if not self._reload_changed(self._look(), _("{files} edited: reloaded.")):
            screen.status.say(
                _("{text}: no change.").format(text=name), seconds=screen.status.COUNT_SECONDS
            )

    def _line(self) -> int:
        """The source line of the passage read: the reading cursor's, else the top of
        the screen's (within a long paragraph, in proportion to where the reader is)."""
        view = self._screen.article
        document = view.document
        top = view.reading_place()
        if document is None or top is None:
            return 1
        block, offset = top
        if view.cursor_block is not None and view.cursor_block != block:
            block, offset = view.cursor_block, 0
        found = document.blocks[block]
        return source_line(found.lines, offset, len(found.text))


def _errors(problems: Iterable[Problem]) -> dict[str, Problem]:
    """The files in error, each with its first error."""
    found: dict[str, Problem] = {}
    for problem in problems:
        if problem.severity is Severity.ERROR:
            found.setdefault(problem.path, problem)
    return found
