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
from reader.text.i18n import N_, _, ngettext
from reader.text.sanitize import visible_line
from reader.text.strings import format_count

if TYPE_CHECKING:
    from reader.cli.indexed_text import IndexedText
    from reader.glossary import GlossarySet, Term

NAME = "lookup"
HELP = N_("print a glossary entry; with --in, where a text mentions it")
DESCRIPTION = N_("Print a glossary entry.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``TERM`` and ``--in PATH``."""
    parser.add_argument(
        "term", metavar=_("TERM"), help=_("a term or alias, case and accents ignored")
    )
    parser.add_argument(
        "--in",
        dest="in_path",
        metavar=_("PATH"),
        default=None,
        help=_(
            "also list where the term is mentioned in this text (file:line: context); "
            "the text's own glossary entries are looked up too"
        ),
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
        print(
            "reader: " + _("no glossary entry for '{term}'").format(term=visible_line(args.term)),
            file=sys.stderr,
        )
        suggestions = _suggest(args.term, glossaries)
        if suggestions:
            print(_("did you mean: {terms}?").format(terms=", ".join(suggestions)), file=sys.stderr)
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
        return [_("Not mentioned in {text}.").format(text=name)]
    count = len(lines)
    heading = ngettext(
        "Mentioned {count} time in {text}:", "Mentioned {count} times in {text}:", count
    )
    return [heading.format(count=format_count(count), text=name), *lines]


def _suggest(name: str, glossaries: GlossarySet) -> list[str]:
    """Up to five terms or aliases spelled like ``name``, or containing it."""
    forms = {fold(form): form for form in glossaries.names()}
    close = difflib.get_close_matches(fold(name), list(forms), n=5, cutoff=0.6)
    wanted = fold(name)
    close += [key for key in forms if wanted and wanted in key and key not in close]
    return [forms[key] for key in close[:5]]
