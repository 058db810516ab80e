"""``reader glossaries PATH``: which glossaries the text gets, and why; and those it could.

One line a glossary, those in force first: ``on`` or ``off``, its name, where it is
and why (named by the text, given with ``--glossary``, in a ``glossary/`` folder near
the text, turned on by the user for the text's language or for this text), and its file.
The rule is :mod:`reader.pipeline.glossary_rule`; the user's choices are read from the
data folder (never created for the asking). Turning one on or off is done in the reader:
the palette's "Glossaries for this text…".
"""

from __future__ import annotations

import argparse
import sys

from reader.text.i18n import _

NAME = "glossaries"
HELP = "list the glossaries a text gets, and why, and those it could get"
DESCRIPTION = "Which glossaries a text gets, and why."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``PATH``."""
    parser.add_argument(
        "path",
        metavar=_("PATH"),
        help=_("a text (.md, .txt, .html, .epub), a bundled text's name, or - for stdin"),
    )


def run(args: argparse.Namespace) -> int:
    """Print the glossaries of the text; exit 0 (2 if it cannot be read)."""
    from reader.pipeline import parse_source, read_source, resolve_text
    from reader.pipeline.glossary_rule import UserSide, candidates
    from reader.text.sanitize import visible_line
    from reader.userdata.datadir import data_dir_path
    from reader.userdata.glossary_choices import UserGlossaries

    ref = resolve_text(args.path)
    source = read_source(ref)
    doc = parse_source(source, ref)
    side = UserSide.read(
        UserGlossaries(data_dir_path(args.data_dir)), ref, source, doc.meta.language
    )
    found = candidates(doc, ref.path, args.glossary, side)
    found.sort(key=lambda candidate: not candidate.in_force)  # stable: in force first
    for candidate in found:
        state = "on " if candidate.in_force else "off"
        print(
            visible_line(
                f"{state} {candidate.path.stem}: {candidate.describe()} ({candidate.path})"
            )
        )
    if side.problem is not None:
        print(f"reader: {side.problem}", file=sys.stderr)
    return 0
