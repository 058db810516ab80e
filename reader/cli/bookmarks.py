"""``reader bookmarks ACTION``: add, list, export and import bookmarks from a shell.

Only the parser is here, cheap to import with the others; what each action does is in
:mod:`reader.cli.bookmark_actions`, loaded (with the bookmark store) when one runs. A quote
that is not in the text, or is in it more than once, exits 1 with one line; bad input (a
missing file, broken JSON, a read-only bookmark store on a write) is a
:class:`~reader.text.errors.ReaderError`, which ``reader`` prints as one line with exit 2.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from reader.cli.options import add_global_options, add_subcommands
from reader.text.i18n import N_, _

NAME = "bookmarks"
HELP = N_("add, list, export and import bookmarks")
DESCRIPTION = N_(
    "Bookmark passages of texts, list them (re-checked against the texts as they are now), "
    "export and import them."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The actions, each a subparser that takes the global options too."""
    actions = add_subcommands(parser, dest="action", metavar=_("ACTION"))
    add = actions.add_parser(
        "add",
        help=_("bookmark the passage matching a quote"),
        description=_(
            "Bookmark the one passage of PATH matching --quote (runs of white "
            "space match any white space). Exit 1 if it is not found or found more than once."
        ),
    )
    add.add_argument(
        "path", metavar=_("PATH"), help=_("a text (.md or .txt) or a bundled text's name")
    )
    add.add_argument(
        "--quote", required=True, metavar=_("QUOTE"), help=_("the passage, as it reads in the text")
    )
    add.add_argument(
        "--note", default="", metavar=_("NOTE"), help=_("a note to keep with the bookmark")
    )
    listing = actions.add_parser(
        "list",
        help=_("list bookmarks and whether each is still found"),
        description=_(
            "List bookmarks (of PATH, or all), each re-checked against its text as "
            "it is now: attached, moved, detached, or missing text; not checked (unread) when "
            "its path only came from an imported file, until you open or bookmark that text."
        ),
    )
    listing.add_argument(
        "path", nargs="?", metavar=_("PATH"), help=_("only the bookmarks of this text")
    )
    listing.add_argument("--json", action="store_true", help=_("print JSON instead of lines"))
    export = actions.add_parser(
        "export",
        help=_("print every bookmark as Markdown, Obsidian notes or Web Annotation JSON"),
        description=_(
            "Print every bookmark: Markdown grouped by text, each with the command "
            "that reopens its text at it; Obsidian notes, one per text (with -o, one file each "
            "in DIR); or JSON-LD (a W3C Web Annotation collection)."
        ),
    )
    export.add_argument("--format", choices=("md", "json", "obsidian"), default="md")
    export.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar=_("PATH"),
        help=_(
            "write to this file (md, json) or into this folder (obsidian: one note per "
            "text; a file already there is never overwritten unless it is this export's note "
            "of the same text)"
        ),
    )
    importing = actions.add_parser(
        "import",
        help=_("merge bookmarks from a Web Annotation JSON file"),
        description=_(
            "Merge bookmarks from FILE (as written by export --format json); "
            "bookmarks already present are skipped, never duplicated, and one whose id is "
            "already stored with another note or quote is kept as a new bookmark."
        ),
    )
    importing.add_argument("file", type=Path, metavar=_("FILE.json"))
    for subparser in (add, listing, export, importing):
        add_global_options(subparser, with_defaults=False)


def run(args: argparse.Namespace) -> int:
    """Carry out ``reader bookmarks ACTION``; returns the exit status."""
    from reader.cli.bookmark_actions import ACTIONS

    return ACTIONS[args.action](args)
