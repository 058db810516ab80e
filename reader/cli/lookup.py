"""``reader lookup TERM [--in PATH]``: a glossary entry, laid out as the TUI's panel shows
it; with ``--in``, every place the text mentions it (``file:line: context``).

A term no glossary defines exits 1 (nothing is wrong with the input) with suggestions.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from typing import TYPE_CHECKING

from reader.text.fold import fold
from reader.text.sanitize import visible_line
from reader.text.strings import format_count

if TYPE_CHECKING:
    from reader.cli.indexed_text import IndexedText
    from reader.glossary import GlossarySet, Term

NAME = "lookup"
HELP = "print a glossary entry; with --in, where a text mentions it"
DESCRIPTION = "Print a glossary entry."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``TERM`` and ``--in PATH``."""
    parser.add_argument("term", help="a term or alias, case and accents ignored")
    parser.add_argument(
        "--in",
        dest="in_path",
        metavar="PATH",
        default=None,
        help="also list where the term is mentioned in this text (file:line: context); "
        "the text's own glossary entries are looked up too",
    )


def run(args: argparse.Namespace) -> int:
    """Print the entry (and its mentions); exit 1 if there is none."""
    from reader.cli.indexed_text import IndexedText
    from reader.layout import DocumentLayout
    from reader.linking import entry_document
    from reader.pipeline import load_extra_glossaries

    indexed = IndexedText.open(args.in_path, args.glossary) if args.in_path else None
    glossaries = indexed.opened.glossaries if indexed else load_extra_glossaries(args.glossary)
    term = glossaries.lookup(args.term)
    if term is None and indexed is not None:  # not in force for the text: any glossary
        glossaries = load_extra_glossaries(args.glossary)
        term = glossaries.lookup(args.term)
    if term is None:
        print(f"reader: no glossary entry for '{visible_line(args.term)}'", file=sys.stderr)
        suggestions = _suggest(args.term, glossaries)
        if suggestions:
            print(f"did you mean: {', '.join(suggestions)}?", file=sys.stderr)
        return 1
    language = next((g.language for g in glossaries.glossaries if g.name == term.glossary), "und")
    layout = DocumentLayout(entry_document(term, glossaries, language), 72)
    sys.stdout.write("\n".join(layout.plain_lines()) + "\n")
    if indexed is not None:
        sys.stdout.write("\n" + "\n".join(where_mentioned(term, indexed)) + "\n")
    return 0


def where_mentioned(term: Term, indexed: IndexedText) -> list[str]:
    """What ``reader lookup TERM --in PATH`` prints after the entry."""
    name = visible_line(indexed.opened.ref.name)
    lines = indexed.mention_lines(term.term)
    if not lines:
        return [f"Not mentioned in {name}."]
    count = len(lines)
    times = f"{format_count(count)} time{'s' if count != 1 else ''}"
    return [f"Mentioned {times} in {name}:", *lines]


def _suggest(name: str, glossaries: GlossarySet) -> list[str]:
    """Up to five terms or aliases spelled like ``name``, or containing it."""
    forms = {fold(form): form for form in glossaries.names()}
    close = difflib.get_close_matches(fold(name), list(forms), n=5, cutoff=0.6)
    wanted = fold(name)
    close += [key for key in forms if wanted and wanted in key and key not in close]
    return [forms[key] for key in close[:5]]
