"""``reader render --format text|html|markdown [-o FILE]``: the forms a text is rendered in.

Apart from :mod:`reader.cli.render` (which decides what is printed and how a run ends)
so that adding a form touches only this module: ``text`` is the layout's wrapped plain
text, ``html`` and ``markdown`` are the exports of :mod:`reader.render`.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from reader.cli.output import write_output
from reader.text.i18n import _

if TYPE_CHECKING:
    from reader.linking import OpenedText

FORMATS = ("text", "html", "markdown")
"""What ``--format`` takes."""


def add_format_options(parser: argparse.ArgumentParser) -> None:
    """``--format`` and ``-o FILE``."""
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help=_(
            "text (wrapped, the default), html (one self-contained page, no scripts) or "
            "markdown (portable, the glossary notes as footnotes)"
        ),
    )
    parser.add_argument(
        "-o", "--output", type=Path, metavar=_("FILE"), help=_("write to FILE instead of stdout")
    )


def write_rendered(
    opened: OpenedText, args: argparse.Namespace, width: int, *, justify: bool = False
) -> None:
    """``opened`` in ``args.format`` (text at ``width``), to ``args.output`` or stdout."""
    write_output(rendered(opened, args.format, width, justify=justify), args.output)


def rendered(opened: OpenedText, form: str, width: int, *, justify: bool = False) -> str:
    """``opened`` as the text of a file in ``form`` (text laid out at ``width``)."""
    if form == "html":
        from reader.render import to_html

        return to_html(opened)
    if form == "markdown":
        from reader.render import to_markdown

        return to_markdown(opened)
    from reader.layout import DocumentLayout

    layout = DocumentLayout(opened.document, width, justify=justify)
    return "\n".join(layout.plain_lines()) + "\n"
