"""``reader [PATH]``: open a text in the TUI — PATH, a bundled text's name, or else the
text read last (else the bundled article).

No subcommand is typed for it: any first argument that is not a command's name is the
text (see :func:`reader.cli.main.parse_arguments`). Textual is imported only here, when
the TUI starts, so every other command works without it.

One rule for bad input: a text that cannot be opened at all (missing, a directory, binary,
not UTF-8, a glossary, front matter in error) is one line and exit 2 before the screen
changes, by the same check the reader's loader makes; anything else (a broken or missing
``--glossary`` file, a glossary the text names, front matter never closed) opens the
text and is shown as a warning in the reader.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from reader.cli.options import add_marks_option

if TYPE_CHECKING:
    from reader.pipeline import TextRef

NAME = "open"
HELP = "read a text in the terminal"
DESCRIPTION = "Read a text in the terminal with its glossary as linked footnotes."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``[PATH]`` and ``--marks``."""
    parser.add_argument("path", nargs="?", help="a text (.md or .txt) or a bundled text's name")
    add_marks_option(parser)


def run(args: argparse.Namespace) -> int:
    """Run the TUI until it quits; its return code is the exit status."""
    from reader.pipeline import read_source, resolve_text
    from reader.userdata.datadir import data_dir

    folder = data_dir(args.data_dir)
    ref = (last_text_ref(folder) if args.path is None else None) or resolve_text(args.path)
    source = read_source(ref)  # fails here, before the screen switches, with one line
    from reader.ui.app import ReaderApp

    app = ReaderApp(
        ref,
        source=source,
        extra_glossaries=args.glossary,
        marks=args.marks,
        data_dir=folder,
    )
    try:
        app.run()
    finally:
        if app.store is not None:
            app.store.close()  # its last write done; a load still running finds it closed
    return app.return_code or 0


def last_text_ref(folder: Path) -> TextRef | None:
    """The text read last (from the store in ``folder``), if it is still there."""
    from reader.pipeline import resolve_text
    from reader.userdata import BookmarkStore
    from reader.userdata.store import FILE_NAME

    path = folder / FILE_NAME
    if not path.is_file():
        return None
    with BookmarkStore(path) as store:
        last = store.last_text()
    if last is None:
        return None
    ref = resolve_text(last.path)
    return ref if ref.path.is_file() else None
