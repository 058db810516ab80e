"""``reader add PATH``: copy a text into the user's texts folder, where the library lists it.

The folder is ``texts/`` in the data folder (``--data-dir``, ``$READER_DATA_DIR``, else
the platform's user data folder). The copy is the user's to keep: the original is never
moved or changed, a file already in the folder is never overwritten (a taken name gets a
number), and the same content added twice is said to be there already, not copied again.
A path that is not a text the reader can open is one line and exit status 2.
"""

from __future__ import annotations

import argparse

from reader.text.i18n import _
from reader.text.sanitize import visible_line

NAME = "add"
HELP = "copy a text into your texts folder, for the library"
DESCRIPTION = (
    "Copy a text (.md, .txt, .html, .epub…) into the texts folder of the data folder, "
    "where the library (l in the reader, or reader --library) lists it; the original is "
    "left where it is."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``PATH``."""
    parser.add_argument("path", metavar=_("PATH"), help=_("the text to copy into the library"))


def run(args: argparse.Namespace) -> int:
    """Copy the text; say where it went, or where the same text already is."""
    from reader.pipeline.library import add_text
    from reader.userdata import open_store
    from reader.userdata.datadir import data_dir

    folder = data_dir(args.data_dir)
    with open_store(folder) as store:
        added = add_text(args.path, folder, store)
    title = visible_line(added.title)
    where = visible_line(str(added.path))
    if added.copied:
        print(_("added “{title}” to the library: {where}").format(title=title, where=where))
    else:
        print(
            _("“{title}” is already in the library ({where}): nothing copied").format(
                title=title, where=where
            )
        )
    return 0
