"""``reader glossary [--in PATH]``: the glossary terms, their aliases and mention counts.

Also the pieces ``reader lookup --in`` and ``reader check`` share with it: opening a text
with its mention index, where each mention is in the source (``file:line: context``), and
the glossary warnings ``check`` adds (terms never mentioned, aliases that shadow another
term).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reader.glossary import GlossarySet, Term, fold
from reader.glossary.lint import shadowed_forms
from reader.index.mentions import MentionIndex, source_line
from reader.pipeline import OpenedText, TextRef, load_extra_glossaries, open_text, resolve_text
from reader.text.errors import Problem, Severity
from reader.text.sanitize import visible_line
from reader.text.textfile import read_text


def build_parser(common: Callable[[argparse.ArgumentParser], None]) -> argparse.ArgumentParser:
    """The parser of ``reader glossary``."""
    parser = argparse.ArgumentParser(
        prog="reader glossary",
        description="List glossary terms (with their aliases), sorted; with --in, how many "
        "times each is mentioned in a text, the terms it never mentions listed apart.",
    )
    parser.add_argument(
        "--in",
        dest="in_path",
        metavar="PATH",
        default=None,
        help="a text (.md or .txt) or a bundled text's name: its glossaries and counts",
    )
    common(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    """List the terms; exit 0 (2 for unreadable input, raised as ReaderError)."""
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
            print(f"{term_line(term)}: {count}")
        else:
            unmentioned.append(term)
    if unmentioned:
        print(f"\nNot mentioned in {visible_line(indexed.opened.ref.name)}:")
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


@dataclass(frozen=True)
class IndexedText:
    """A text opened, linked and indexed, with its source lines for locating mentions."""

    opened: OpenedText
    index: MentionIndex
    source_lines: tuple[str, ...]

    @classmethod
    def open(cls, argument: str, extra: Sequence[Path]) -> IndexedText:
        """Open a path or bundled name as ``reader`` does; its problems go to stderr."""
        ref = resolve_text(argument)
        return cls.open_ref(ref, extra, report=True)

    @classmethod
    def open_ref(cls, ref: TextRef, extra: Sequence[Path], *, report: bool) -> IndexedText:
        """Open ``ref``; with ``report``, print its problems to stderr."""
        source = read_text(ref.path, display_name=ref.name)
        opened = open_text(ref, extra, source=source)
        if report:
            for problem in opened.problems:
                print(f"reader: {problem}", file=sys.stderr)
        return cls(opened, MentionIndex.build(opened.document), tuple(source.split("\n")))

    @property
    def file_name(self) -> str:
        """The text's file for ``file:line`` messages: as given, or the bundled file."""
        ref = self.opened.ref
        if Path(ref.name).expanduser() == ref.path:
            return ref.name
        try:
            relative = os.path.relpath(ref.path)
        except ValueError:  # another drive
            return str(ref.path)
        return str(ref.path) if relative.startswith("..") else relative

    def mention_lines(self, term: str) -> list[str]:
        """``file:line: context`` for every mention of ``term``, in reading order."""
        blocks = self.opened.document.blocks
        name = visible_line(self.file_name)
        return [
            f"{name}:{source_line(blocks[m.block_index], m, self.source_lines)}: {m.context}"
            for m in self.index.mentions(term)
        ]


def lookup_mentions(term: Term, indexed: IndexedText) -> list[str]:
    """What ``reader lookup TERM --in PATH`` prints after the entry."""
    name = visible_line(indexed.opened.ref.name)
    lines = indexed.mention_lines(term.term)
    if not lines:
        return [f"Not mentioned in {name}."]
    count = len(lines)
    return [f"Mentioned {count} time{'s' if count != 1 else ''} in {name}:", *lines]


def unmentioned_problems(indexed: IndexedText, text_name: str) -> list[Problem]:
    """A warning at its glossary line for each term in force that the text never
    mentions."""
    problems = []
    for glossary in indexed.opened.glossaries.glossaries:
        for term in glossary.terms:
            if indexed.index.count(term.term) == 0:
                problems.append(
                    Problem(
                        glossary.path,
                        f"'{term.term}' is never mentioned in {text_name}",
                        term.line,
                        severity=Severity.WARNING,
                    )
                )
    return problems


def shadow_problems(glossaries: GlossarySet, *, across_only: bool = False) -> list[Problem]:
    """A warning at the term's line for each alias that contains another term's form as a
    whole-word phrase. ``across_only`` keeps only those between two different glossaries
    (those within one are reported when the glossary file itself is checked)."""
    paths = {glossary.name: glossary.path for glossary in glossaries.glossaries}
    problems = []
    for shadow in shadowed_forms(glossaries.terms.values()):
        if across_only and shadow.term.glossary == shadow.other.glossary:
            continue
        hidden = f"'{shadow.other_form}'"
        if shadow.other_form != shadow.other.term:
            hidden += f" (of '{shadow.other.term}')"
        problems.append(
            Problem(
                paths.get(shadow.term.glossary, shadow.term.glossary),
                f"alias '{shadow.form}' of '{shadow.term.term}' contains {hidden}, "
                "which is never linked there",
                shadow.term.line,
                severity=Severity.WARNING,
            )
        )
    return problems
