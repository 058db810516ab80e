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
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from reader.cli.options import add_marks_option
from reader.text.errors import ReaderError
from reader.text.sanitize import visible_line
from reader.text.stdin import STDIN_NAME

if TYPE_CHECKING:
    from reader.pipeline import TextRef
    from reader.userdata import Bookmark

NAME = "open"

reader_quit = False
"""Set once the TUI has run and quit (the console script then ends the process at once)."""
HELP = "read a text in the terminal"
DESCRIPTION = "Read a text in the terminal with its glossary as linked footnotes."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``[PATH]``, ``--marks`` and ``--at``."""
    parser.add_argument(
        "path",
        nargs="?",
        help="a text (.md, .txt, .html, .epub), a bundled text's name, or - for standard input",
    )
    add_marks_option(parser)
    parser.add_argument(
        "--at",
        type=int,
        metavar="BOOKMARK_ID",
        help="open at this bookmark's passage, found again if the text changed (the ids "
        "`reader bookmarks list` shows); without PATH, in the bookmark's own text",
    )


def run(args: argparse.Namespace) -> int:
    """Run the TUI until it quits; its return code is the exit status (the console
    script then ends the process at once: :func:`leave_now`)."""
    from reader.pipeline import read_source, resolve_text
    from reader.userdata.datadir import data_dir

    folder = data_dir(args.data_dir)
    at = bookmark_at(folder, args.at) if args.at is not None else None
    if at is not None and args.path is None:
        ref = resolve_text(at.text.path)
    else:
        ref = (last_text_ref(folder) if args.path is None else None) or resolve_text(args.path)
    source = read_source(ref)  # fails here, before the screen switches, with one line
    if ref.from_stdin:
        keys_from_terminal()
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
        settings=settings,
        at_bookmark=at.uuid if at is not None else None,
    )
    app.run()
    if app.store is not None:
        app.store.close()
    global reader_quit
    reader_quit = True
    return app.return_code or 0


def leave_now(code: int) -> NoReturn:
    """End the process now that the reader has quit and written what it keeps (called by
    the console script, :func:`reader.cli.main.console`, never by :func:`run`, which tests
    call in-process).

    Python's own exit frees every object one by one (a linked book is millions: ~0.9 s
    on this machine, more than the whole start-up of a small text) and waits for a
    loading thread to finish its pass. Nothing is left to save by then: the position,
    the interface state and every bookmark were written (SQLite commits each) and the
    store is closed; a load cut short is redone next time. So the output is flushed and
    the process ends at once.
    """
    import contextlib
    import os
    import sys

    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # closed, or a broken pipe
            stream.flush()
    os._exit(code)


def keys_from_terminal() -> None:
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
            STDIN_NAME, "no terminal to read keys from; `reader render -` prints the text"
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
            f"no bookmark {bookmark_id} in {visible_line(str(path))} "
            "(`reader bookmarks list` shows their ids)",
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
