"""``reader [PATH] [--at BOOKMARK_ID]``: open a text in the TUI — PATH, a bundled text's
name, or else the text read last (else the bundled article); ``--at``, at a bookmark's
passage (the command the bookmark export gives for each bookmark).

No subcommand is typed for it: any first argument that is not a command's name is the
text (see :func:`reader.cli.main.parse_arguments`). Textual is imported only here, when
the TUI starts, so every other command works without it.

One rule for bad input: a text that cannot be opened at all (missing, a directory, binary,
not UTF-8, a glossary) is one line and exit 2 before the screen changes, by the same check
the reader's loader makes; anything else (front matter in error, whose body is shown, a
broken or missing ``--glossary`` file, a glossary the text names, front matter never
closed, no text at all) opens the text and is a notification in the reader.
"""

from __future__ import annotations

import argparse
import shlex
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from reader.cli.options import add_marks_option
from reader.text.errors import ReaderError
from reader.text.i18n import N_, _
from reader.text.sanitize import visible_line
from reader.text.stdin import STDIN_NAME

if TYPE_CHECKING:
    from reader.pipeline import TextRef
    from reader.userdata import Bookmark, BookmarkStore

NAME = "open"
HELP = N_("read a text in the terminal")
DESCRIPTION = N_("Read a text in the terminal with its glossary as linked footnotes.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``[PATH]``, ``--marks`` and ``--at``."""
    parser.add_argument(
        "path",
        nargs="?",
        metavar=_("PATH"),
        help=_("a text (.md, .txt, .html, .epub), a bundled text's name, or - for standard input"),
    )
    add_marks_option(parser)
    parser.add_argument(
        "--library",
        action="store_true",
        help=_("start on the library: every text read before, bundled or added (`reader add`)"),
    )
    parser.add_argument(
        "--at",
        type=int,
        metavar=_("BOOKMARK_ID"),
        help=_(
            "open at this bookmark's passage, found again if the text changed (the ids "
            "`reader bookmarks list` shows); without PATH, in the bookmark's own text"
        ),
    )


def run(args: argparse.Namespace) -> int:
    """Run the TUI until it quits; its return code is the exit status (the console
    script then ends the process at once: :func:`reader.cli.main.script`)."""
    from reader.pipeline import read_source, resolve_text
    from reader.userdata.datadir import data_dir

    folder = data_dir(args.data_dir)
    at = bookmark_at(folder, args.at) if args.at is not None else None
    if at is not None and args.path is None:
        ref = resolve_text(at.text.path)
    else:
        ref = (last_text_ref(folder) if args.path is None else None) or resolve_text(args.path)
    source = read_source(ref)  # fails here, before the screen switches, with one line
    check_terminal(ref)
    store = store_opened_meanwhile(folder)  # while Textual and the reader are imported
    from reader.cli.configured import command_settings
    from reader.ui.app import ReaderApp
    from reader.ui.settings import ui_choices

    # The settings' problems are shown in the reader, as notifications.
    settings = command_settings(args, ui_choices(), report=False, marks=args.marks)
    app = ReaderApp(
        ref,
        source=source,
        extra_glossaries=args.glossary,
        data_dir=folder,
        store=store(),
        settings=settings,
        at_bookmark=at.uuid if at is not None else None,
        library=args.library,
    )
    del source  # the app's load has it, and lets go of it once parsed
    try:
        app.run()
    finally:
        if app.store is not None:
            app.store.close()  # its last write done; a load still running finds it closed
    return app.return_code or 0


def store_opened_meanwhile(folder: Path) -> Callable[[], BookmarkStore]:
    """The store in ``folder``, opened in a thread of its own; the function returned
    waits for it (and raises what opening it raised).

    Opening a store mostly waits for the disk: a new one, created and migrated, is a
    few fsyncs (50 ms of wall time here for 7 ms of CPU; SQLite lets go of the GIL
    meanwhile), which the imports of Textual and the app, all CPU, can use. Its modules
    are imported here first: two threads importing the same modules at once can
    deadlock on a circular import.
    """
    from reader.userdata import open_store

    opened: list[BookmarkStore] = []
    failed: list[BaseException] = []

    def opening() -> None:
        try:
            opened.append(open_store(folder))
        except BaseException as error:  # raised where it is waited for
            failed.append(error)

    thread = threading.Thread(target=opening, name="open the store", daemon=True)
    thread.start()

    def wait() -> BookmarkStore:
        thread.join()
        if failed:
            raise failed[0]
        return opened[0]

    return wait


def check_terminal(ref: TextRef) -> None:
    """Make sure the reader has a terminal to draw on and read keys from, or say so.

    Textual draws on standard error and reads keys from standard input. Keys from a pipe
    or /dev/null (the text came through it, or a script ran ``reader PATH < /dev/null``)
    are taken from the terminal instead (``/dev/tty``); without one, or with standard
    error redirected, the reader would draw into a file or wait for keys that never
    come: one line instead, pointing at ``reader render``.
    """
    import os

    if os.environ.get("TEXTUAL_DRIVER"):
        return  # another driver than the terminal's (`reader serve` runs the web one)
    render = "reader render -" if ref.from_stdin else f"reader render {shlex.quote(ref.name)}"
    if ref.from_stdin or not os.isatty(0):
        keys_from_terminal(ref.name, render)
    if not os.isatty(2):
        raise ReaderError(
            ref.name,
            _(
                "the reader draws on the terminal and standard error is not one; "
                "`{render}` prints the text"
            ).format(render=render),
        )


def keys_from_terminal(name: str = STDIN_NAME, render: str = "reader render -") -> None:
    """Make the terminal standard input again, once a text was read from a pipe there.

    Textual reads keys from file descriptor 0 (``sys.__stdin__``), which was the pipe
    the text came through and is now at its end: the terminal (``/dev/tty``) is put in
    its place before the reader starts.
    """
    import os

    try:
        terminal = os.open("/dev/tty", os.O_RDWR | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        raise ReaderError(
            name,
            _("no terminal to read keys from; `{render}` prints the text").format(render=render),
        ) from None
    try:
        os.dup2(terminal, 0)
    finally:
        os.close(terminal)


def bookmark_at(folder: Path, bookmark_id: int) -> Bookmark:
    """The bookmark ``--at`` names; a ReaderError (exit 2) when the store in ``folder``
    has none by that id. Only read: a missing store is not created for the asking."""
    from reader.userdata import BookmarkStore
    from reader.userdata.store import FILE_NAME

    path = folder / FILE_NAME
    bookmark = None
    if path.is_file():
        with BookmarkStore(path) as store:
            bookmark = store.get(bookmark_id)
    if bookmark is None:
        raise ReaderError(
            "--at",
            _("no bookmark {id} in {file} (`reader bookmarks list` shows their ids)").format(
                id=bookmark_id, file=visible_line(str(path))
            ),
        )
    return bookmark


def last_text_ref(folder: Path) -> TextRef | None:
    """The text read last (from the store in ``folder``), if it is still there."""
    from reader.pipeline import resolve_text
    from reader.pipeline.formats import is_book
    from reader.userdata import BookmarkStore
    from reader.userdata.model import is_stdin_identity
    from reader.userdata.store import FILE_NAME

    path = folder / FILE_NAME
    if not path.is_file():
        return None
    with BookmarkStore(path) as store:
        last = store.last_text()
    if last is None or is_stdin_identity(last.path):
        return None
    ref = resolve_text(last.path)
    return ref if ref.path.is_file() or is_book(ref.path) else None  # a book may be a folder
