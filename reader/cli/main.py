"""The ``reader`` command: open a text in the TUI, or render, look up and check from a shell.

Every problem with the user's input ends as one line on stderr and exit status 2; a look-up
that finds nothing exits 1 with suggestions. The TUI is imported only when it is needed, so
``reader render`` and ``reader check`` stay quick and work without a terminal.
"""

from __future__ import annotations

import argparse
import difflib
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

from reader import __version__
from reader.glossary import GlossarySet, fold, load_glossary
from reader.layout import DocumentLayout
from reader.linking import entry_document
from reader.pipeline import (
    TextRef,
    display_glossary_path,
    load_extra_glossaries,
    open_text,
    resolve_text,
)
from reader.text.errors import Problem, ReaderError, Severity
from reader.text.resources import bundled_glossaries, texts_dir
from reader.text.sanitize import visible_line
from reader.text.textfile import read_text

COMMANDS = ("render", "lookup", "check", "glossary", "bookmarks")
"""Subcommands; any other first argument is the path of a text to open."""

PLUGGED_COMMANDS = {"glossary": "reader.cli.glossary", "bookmarks": "reader.cli.bookmarks"}
"""Subcommands that live in their own module, which provides ``build_parser(common)``
(``common`` adds the options every command takes) and ``run(args) -> int``."""


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--glossary",
        action="append",
        type=Path,
        default=[],
        metavar="PATH",
        help="add a glossary file (repeatable)",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        metavar="PATH",
        help="where bookmarks and reading positions are kept "
        "(default: $READER_DATA_DIR, else the platform's user data folder)",
    )
    parser.add_argument("--version", action="version", version=f"reader (rodape) {__version__}")


def _marks(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--marks",
        choices=("first", "all"),
        default="first",
        help="note number after a term's first occurrence (default) or after every one",
    )


def build_parser(command: str | None) -> argparse.ArgumentParser:
    """The parser for ``reader`` or for one of its subcommands."""
    if command is None:
        parser = argparse.ArgumentParser(
            prog="reader",
            description="Read a text in the terminal with its glossary as linked footnotes. "
            f"Subcommands: {', '.join(COMMANDS)} (reader COMMAND --help).",
        )
        parser.add_argument("path", nargs="?", help="a text (.md or .txt) or a bundled text's name")
        _marks(parser)
    elif command == "render":
        parser = argparse.ArgumentParser(
            prog="reader render", description="Print a text as plain text."
        )
        parser.add_argument("path", help="a text (.md or .txt) or a bundled text's name")
        parser.add_argument("--width", type=int, default=72, help="line width (default 72)")
        _marks(parser)
    elif command == "lookup":
        parser = argparse.ArgumentParser(
            prog="reader lookup", description="Print a glossary entry."
        )
        parser.add_argument("term", help="a term or alias, case and accents ignored")
        parser.add_argument(
            "--in",
            dest="in_path",
            metavar="PATH",
            default=None,
            help="also list where the term is mentioned in this text (file:line: context); "
            "the text's own glossary entries are looked up too",
        )
    else:
        parser = argparse.ArgumentParser(
            prog="reader check",
            description="Validate texts and glossaries; file:line: message each.",
        )
        parser.add_argument(
            "paths", nargs="*", help="texts and glossaries (default: the bundled ones)"
        )
        parser.add_argument(
            "--strict", action="store_true", help="treat warnings as errors (exit status 2)"
        )
    _common(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``reader`` console script."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    command = args_list[0] if args_list and args_list[0] in COMMANDS else None
    plugged = (
        importlib.import_module(PLUGGED_COMMANDS[command]) if command in PLUGGED_COMMANDS else None
    )
    parser = plugged.build_parser(_common) if plugged else build_parser(command)
    args = parser.parse_args(args_list[1:] if command else args_list)
    try:
        if plugged is not None:
            return int(plugged.run(args))
        if command == "render":
            return _render(args)
        if command == "lookup":
            return _lookup(args)
        if command == "check":
            return _check(args)
        return _open(args)
    except ReaderError as error:
        print(f"reader: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _render(args: argparse.Namespace) -> int:
    if args.width < 20:
        raise ReaderError("--width", "must be at least 20")
    opened = open_text(resolve_text(args.path), args.glossary, marks=args.marks)
    for problem in opened.problems:
        print(f"reader: {problem}", file=sys.stderr)
    layout = DocumentLayout(opened.document, args.width)
    sys.stdout.write("\n".join(layout.plain_lines()) + "\n")
    return 0


def _lookup(args: argparse.Namespace) -> int:
    from reader.cli.glossary import IndexedText, lookup_mentions

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
        sys.stdout.write("\n" + "\n".join(lookup_mentions(term, indexed)) + "\n")
    return 0


def _suggest(name: str, glossaries: GlossarySet) -> list[str]:
    forms = {fold(form): form for form in glossaries.names()}
    close = difflib.get_close_matches(fold(name), list(forms), n=5, cutoff=0.6)
    wanted = fold(name)
    close += [key for key in forms if wanted and wanted in key and key not in close]
    return [forms[key] for key in close[:5]]


def _check(args: argparse.Namespace) -> int:
    from reader.cli.glossary import IndexedText, shadow_problems, unmentioned_problems

    paths = [Path(p) for p in args.paths]
    if not paths:
        paths = [
            *sorted(texts_dir().glob("*.md")),
            *sorted(texts_dir().glob("*.txt")),
            *bundled_glossaries(),
        ]
    problems: list[Problem] = []
    for path in paths:
        try:
            if path.suffix.lower() in (".yaml", ".yml"):
                glossary = load_glossary(path, display_name=display_glossary_path(path))
                problems.extend(glossary.warnings)
                problems.extend(GlossarySet([glossary]).dangling_see_also())
                problems.extend(shadow_problems(GlossarySet([glossary])))
            else:
                indexed = IndexedText.open_ref(
                    TextRef(path, str(path)), args.glossary, report=False
                )
                problems.extend(indexed.opened.problems)
                problems.extend(unmentioned_problems(indexed, path.stem))
                problems.extend(shadow_problems(indexed.opened.glossaries, across_only=True))
        except ReaderError as error:
            problems.append(error.problem)
    problems = list(dict.fromkeys(problems))  # texts sharing glossaries repeat warnings
    for problem in problems:
        print(problem)
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    warnings = len(problems) - errors
    print(
        f"checked {len(paths)} file(s): {errors} error(s), {warnings} warning(s)", file=sys.stderr
    )
    return 2 if errors or (warnings and args.strict) else 0


def last_text_ref(folder: Path) -> TextRef | None:
    """The text read last (from the store in ``folder``), if it is still there."""
    from reader.userdata import BookmarkStore
    from reader.userdata.store import FILE_NAME

    path = folder / FILE_NAME
    if not path.is_file():
        return None
    with BookmarkStore(path) as store:
        last = store.last_text()
    if last is None:
        return None
    ref = resolve_text(last.path)
    return ref if ref.path.is_file() else None


def _open(args: argparse.Namespace) -> int:
    from reader.userdata.datadir import data_dir

    folder = data_dir(args.data_dir)
    ref = (last_text_ref(folder) if args.path is None else None) or resolve_text(args.path)
    source = read_text(ref.path, display_name=ref.name)
    for path in args.glossary:
        read_text(path)  # fail before the screen switches, with the one-line message
    from reader.ui.app import ReaderApp

    app = ReaderApp(
        ref,
        source=source,
        extra_glossaries=args.glossary,
        marks=args.marks,
        data_dir=folder,
    )
    app.run()
    return app.return_code or 0
