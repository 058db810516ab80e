"""``reader check [PATH...] [--strict]``: validate texts and glossaries (by default the
bundled ones), one ``file:line: message`` per problem on stdout and a count on stderr.
A PATH may name a bundled text or glossary (``stalingrado``, ``segunda-guerra``), as
``reader [PATH]`` does.

Besides what reading a file finds, the glossary warnings only a check makes: terms a text
never mentions, aliases that shadow another term, "see also" to no term. Warnings keep
exit status 0 (2 with ``--strict``); errors give 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from reader.text.errors import Problem, ReaderError, Severity
from reader.text.i18n import N_, _, ngettext
from reader.text.resources import bundled_glossaries, glossary_dir, texts_dir
from reader.text.strings import format_count

if TYPE_CHECKING:
    from reader.cli.indexed_text import IndexedText
    from reader.glossary import GlossarySet
    from reader.pipeline import TextRef

NAME = "check"
HELP = N_("validate texts and glossaries (default: the bundled ones)")
DESCRIPTION = N_("Validate texts and glossaries; file:line: message each.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``PATH...`` and ``--strict``."""
    parser.add_argument(
        "paths",
        nargs="*",
        metavar=_("PATH"),
        help=_("texts and glossaries, or bundled ones' names (default: every bundled one)"),
    )
    parser.add_argument(
        "--strict", action="store_true", help=_("treat warnings as errors (exit status 2)")
    )


def run(args: argparse.Namespace) -> int:
    """Print every problem found; exit 2 for errors (or warnings with ``--strict``)."""
    from reader.pipeline import TextRef

    refs = [_resolve(argument) for argument in args.paths]
    if not refs:
        defaults = [
            *sorted(texts_dir().glob("*.md")),
            *sorted(texts_dir().glob("*.txt")),
            *bundled_glossaries(),
        ]
        refs = [TextRef(path, str(path)) for path in defaults]
    problems: list[Problem] = []
    for ref in refs:
        try:
            problems.extend(_problems(ref, args.glossary))
        except ReaderError as error:
            problems.extend(error.problems)
    problems = list(dict.fromkeys(problems))  # texts sharing glossaries repeat warnings
    for problem in problems:
        print(problem)
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    warnings = len(problems) - errors
    counts = [format_count(n) for n in (len(refs), errors, warnings)]
    print(
        ngettext(
            "checked {files} file: {problems}", "checked {files} files: {problems}", len(refs)
        ).format(
            files=counts[0],
            problems=ngettext("{errors} error", "{errors} errors", errors).format(errors=counts[1])
            + ", "
            + ngettext("{warnings} warning", "{warnings} warnings", warnings).format(
                warnings=counts[2]
            ),
        ),
        file=sys.stderr,
    )
    return 2 if errors or (warnings and args.strict) else 0


def _resolve(argument: str) -> TextRef:
    """A path as given; else a bundled text's name; else a bundled glossary's."""
    from reader.pipeline import TextRef, resolve_text

    ref = resolve_text(argument)
    if ref.path.exists() or ref.path.is_symlink() or Path(argument).name != argument:
        return ref
    glossary = glossary_dir() / f"{argument}.yaml"
    return TextRef(glossary, argument) if glossary.is_file() else ref


def _problems(ref: TextRef, extra: list[Path]) -> list[Problem]:
    """What is wrong with one glossary (``.yaml``, ``.yml``) or text, warnings included,
    every entry in error of a glossary at once (the others still checked); a glossary of
    the text's that cannot be loaded is one of its errors."""
    from reader.cli.indexed_text import IndexedText
    from reader.glossary import GlossarySet, load_glossary
    from reader.pipeline import GLOSSARY_SUFFIXES, display_glossary_path

    path = ref.path
    if path.suffix.lower() in GLOSSARY_SUFFIXES:
        glossary = load_glossary(path, display_name=display_glossary_path(path), partial=True)
        return [
            *sorted((*glossary.errors, *glossary.warnings), key=lambda p: p.line or 0),
            *GlossarySet([glossary]).dangling_see_also(),
            *shadow_problems(GlossarySet([glossary])),
        ]
    indexed = IndexedText.open_ref(ref, extra, report=False, strict=False)
    return [
        *indexed.opened.problems,
        *unmentioned_problems(indexed, path.stem, extra),
        *shadow_problems(indexed.opened.glossaries, across_only=True),
    ]


def unmentioned_problems(
    indexed: IndexedText, text_name: str, extra: Sequence[Path] = ()
) -> list[Problem]:
    """A warning at its glossary line for each term of a glossary the text names (or
    ``--glossary`` gives, or of its own entries) that the text never mentions, neither
    in its words nor in its ``context:`` note. A glossary found in a folder near the
    text is not one it asked for: most of its terms are for other texts."""
    from reader.linking import context_terms
    from reader.pipeline import LOCAL_GLOSSARY, named_glossary_paths

    opened = indexed.opened
    in_context = context_terms(opened.document, opened.glossaries)
    named = named_glossary_paths(opened.document, opened.ref.path, extra)
    problems = []
    for glossary in opened.glossaries.glossaries:
        own = glossary.name == LOCAL_GLOSSARY and glossary.path == opened.document.path
        if glossary.path not in named and not own:
            continue
        for term in glossary.terms:
            if indexed.index.count(term.term) == 0 and term.term not in in_context:
                problems.append(
                    Problem(
                        glossary.path,
                        _("'{term}' is never mentioned in {text}").format(
                            term=term.term, text=text_name
                        ),
                        term.line,
                        severity=Severity.WARNING,
                    )
                )
    return problems


def shadow_problems(glossaries: GlossarySet, *, across_only: bool = False) -> list[Problem]:
    """A warning at the term's line for each alias that contains another term's form as a
    whole-word phrase. ``across_only`` keeps only those between two different glossaries
    (those within one are reported when the glossary file itself is checked)."""
    from reader.glossary.lint import shadowed_forms

    paths = {glossary.name: glossary.path for glossary in glossaries.glossaries}
    problems = []
    for shadow in shadowed_forms(glossaries.terms.values()):
        if across_only and shadow.term.glossary == shadow.other.glossary:
            continue
        hidden = f"'{shadow.other_form}'"
        if shadow.other_form != shadow.other.term:
            hidden += " " + _("(of '{term}')").format(term=shadow.other.term)
        problems.append(
            Problem(
                paths.get(shadow.term.glossary, shadow.term.glossary),
                _(
                    "alias '{alias}' of '{term}' contains {hidden}, which is never linked there"
                ).format(alias=shadow.form, term=shadow.term.term, hidden=hidden),
                shadow.term.line,
                severity=Severity.WARNING,
            )
        )
    return problems
