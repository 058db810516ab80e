"""``reader render PATH``: a text as wrapped plain text, note numbers and notes included.

The same layout the TUI draws, as lines on stdout; the text's problems (a glossary it
names but that is not found, front matter never closed) are warnings on stderr. A
glossary that cannot be loaded, given or named, stops it with exit 2. The settings give
the width (``full``: the terminal's), the marks and the justification, unless the command
line says otherwise.
"""

from __future__ import annotations

import argparse
import shutil
import sys

from reader.cli.options import add_marks_option
from reader.text.errors import ReaderError

NAME = "render"
HELP = "print a text as wrapped plain text, with its notes"
DESCRIPTION = "Print a text as plain text."

MIN_WIDTH = 20
"""Narrower than this, a text cannot be laid out."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``PATH``, ``--width`` and ``--marks``."""
    parser.add_argument("path", help="a text (.md or .txt) or a bundled text's name")
    parser.add_argument(
        "--width", type=int, default=None, help="line width (default: the width setting, 72)"
    )
    add_marks_option(parser)


def run(args: argparse.Namespace) -> int:
    """Print the text laid out at ``--width``; exit 0 (2 for bad input, raised)."""
    if args.width is not None and args.width < MIN_WIDTH:
        raise ReaderError("--width", f"must be at least {MIN_WIDTH}")
    from reader.cli.configured import command_settings
    from reader.layout import DocumentLayout
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
    layout = DocumentLayout(opened.document, width, justify=settings.justify == "justified")
    sys.stdout.write("\n".join(layout.plain_lines()) + "\n")
    return 0
