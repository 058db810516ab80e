"""``reader glossary [--in PATH]``: the glossary terms with their aliases, sorted; with
``--in``, how many times the text mentions each, and apart the terms it never mentions.

``reader glossary suggest PATH [--format text|yaml]``: what PATH names that no glossary in
force has (:mod:`reader.cli.glossary_suggest`)."""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from typing import TYPE_CHECKING

from reader.cli.options import add_global_options, add_subcommands
from reader.text.fold import fold
from reader.text.i18n import N_, _
from reader.text.sanitize import visible_line
from reader.text.strings import format_count

if TYPE_CHECKING:
    from reader.glossary import Term

NAME = "glossary"
HELP = N_("list terms and aliases; with --in, how often a text mentions each; suggest entries")
DESCRIPTION = N_(
    "List glossary terms (with their aliases), sorted; with --in, how many times each is "
    "mentioned in a text, the terms it never mentions listed apart. "
    "`reader glossary suggest PATH` lists what a text names that no glossary has."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``--in PATH``; the ``suggest`` action."""
    parser.add_argument(
        "--in",
        dest="in_path",
        metavar=_("PATH"),
        default=None,
        help=_("a text (.md or .txt) or a bundled text's name: its glossaries and counts"),
    )
    actions = add_subcommands(parser, dest="action", required=False, metavar=_("ACTION"))
    suggest = actions.add_parser(
        "suggest",
        help=_("what a text names that no glossary in force has"),
        description=_(
            "List what PATH probably needs an entry (or an alias) for: names, "
            "acronyms, words near an entry's forms, passages an entry the text never mentions "
            "speaks of, repeated words; each with its count and first file:line, best first."
        ),
    )
    suggest.add_argument(
        "path", metavar=_("PATH"), help=_("a text (.md or .txt) or a bundled text")
    )
    suggest.add_argument(
        "--format",
        choices=("text", "yaml"),
        default="text",
        help=_("lines (default) or YAML entry stubs (term, short: TODO) to paste"),
    )
    add_global_options(suggest, with_defaults=False)


def run(args: argparse.Namespace) -> int:
    """List the terms, or the suggestions; exit 0 (2 for unreadable input)."""
    from reader.cli.indexed_text import IndexedText
    from reader.pipeline import load_extra_glossaries

    if getattr(args, "action", None) == "suggest":
        from reader.cli import glossary_suggest

        return glossary_suggest.run(args)

    if args.in_path is None:
        glossaries = load_extra_glossaries(args.glossary)
        for term in sorted_terms(glossaries.terms.values()):
            print(term_line(term))
        return 0
    indexed = IndexedText.open(args.in_path, args.glossary)
    terms = sorted_terms(indexed.opened.glossaries.terms.values())
    unmentioned = []
    for term in terms:
        count = indexed.index.count(term.term)
        if count:
            print(f"{term_line(term)}: {format_count(count)}")
        else:
            unmentioned.append(term)
    if unmentioned:
        print(
            "\n" + _("Not mentioned in {text}:").format(text=visible_line(indexed.opened.ref.name))
        )
        for term in unmentioned:
            print(term_line(term))
    return 0


def sorted_terms(terms: Iterable[Term]) -> list[Term]:
    """Terms sorted by headword, ignoring case and accents."""
    return sorted(terms, key=lambda term: (fold(term.term), term.term))


def term_line(term: Term) -> str:
    """``term (alias, alias)``, or the term alone."""
    if term.aliases:
        return f"{term.term} ({', '.join(term.aliases)})"
    return term.term
