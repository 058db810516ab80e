"""``reader render PATH``: a text as wrapped plain text, note numbers and notes included.

The same layout the TUI draws, as lines on stdout; the text's problems (a glossary it
names but that is not found, front matter never closed) are warnings on stderr. A
glossary that cannot be loaded, given or named, stops it with exit 2.
"""

from __future__ import annotations

import argparse
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
    parser.add_argument(
        "path", help="a text (.md, .txt, .html), a bundled text's name, or - for standard input"
    )
    parser.add_argument("--width", type=int, default=72, help="line width (default 72)")
    add_marks_option(parser)


def run(args: argparse.Namespace) -> int:
    """Print the text laid out at ``--width``; exit 0 (2 for bad input, raised)."""
    if args.width < MIN_WIDTH:
        raise ReaderError("--width", f"must be at least {MIN_WIDTH}")
    from reader.layout import DocumentLayout
    from reader.pipeline import open_text, resolve_text

    opened = open_text(resolve_text(args.path), args.glossary, marks=args.marks)
    for problem in opened.problems:
        print(f"reader: {problem}", file=sys.stderr)
    layout = DocumentLayout(opened.document, args.width)
    sys.stdout.write("\n".join(layout.plain_lines()) + "\n")
    return 0
