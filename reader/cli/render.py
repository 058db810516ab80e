"""``reader render PATH``: a text as wrapped plain text, note numbers and notes included
(``--format html|markdown [-o FILE]``: :mod:`reader.cli.formats`).

The same layout the TUI draws, as lines on stdout; the text's problems (front matter in
error, a glossary it names but that is not found, front matter never closed, no text at
all) are on stderr, one line each, and the text is printed as the reader shows it (with
front matter in error, the body without metadata). ``--strict`` prints nothing but the
problems when there are any, and exits 2, as ``reader check --strict`` does. A glossary
that cannot be loaded, given or named, stops it with exit 2. The settings give the width
(``full``: the terminal's), the marks and the justification, unless the command line says
otherwise.
"""

from __future__ import annotations

import argparse
import shutil
import sys

from reader.cli.formats import add_format_options, write_rendered
from reader.cli.options import add_marks_option
from reader.text.errors import ReaderError
from reader.text.i18n import N_, _

NAME = "render"
HELP = N_("print a text as wrapped plain text, with its notes")
DESCRIPTION = N_("Print a text as plain text.")

MIN_WIDTH = 20
"""Narrower than this, a text cannot be laid out."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``PATH``, ``--width``, ``--marks`` and ``--strict``."""
    parser.add_argument(
        "path",
        metavar=_("PATH"),
        help=_("a text (.md, .txt, .html), a bundled text's name, or - for standard input"),
    )
    parser.add_argument(
        "--width",
        type=int,
        default=None,
        metavar=_("WIDTH"),
        help=_("line width (default: the width setting, 72)"),
    )
    add_marks_option(parser)
    add_format_options(parser)
    parser.add_argument(
        "--strict",
        action="store_true",
        help=_("print nothing and exit 2 if the text has any problem (errors or warnings)"),
    )


def run(args: argparse.Namespace) -> int:
    """Print the text laid out at ``--width``; exit 0 (2 for bad input, raised, or for
    any problem with ``--strict``)."""
    if args.width is not None and args.width < MIN_WIDTH:
        raise ReaderError("--width", _("must be at least {width}").format(width=MIN_WIDTH))
    from reader.cli.configured import command_settings
    from reader.pipeline import open_text, resolve_text

    settings = command_settings(args, marks=args.marks, width=args.width).settings
    width = (
        max(MIN_WIDTH, shutil.get_terminal_size((80, 24)).columns)
        if settings.width == "full"
        else settings.width
    )
    opened = open_text(resolve_text(args.path), args.glossary, marks=settings.marks)
    for problem in opened.problems:
        print(f"reader: {problem}", file=sys.stderr)
    if args.strict and opened.problems:
        return 2
    write_rendered(opened, args, width, justify=settings.justify == "justified")
    return 0
