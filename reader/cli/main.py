"""The ``reader`` command: open a text in the TUI, or render, look up and check from a shell.

This module holds the top parser and how a run ends; each subcommand is a module of its
own (``NAME``, ``HELP``, ``DESCRIPTION``, ``add_arguments(parser)``, ``run(args) -> int``),
listed in :data:`COMMANDS`. ``reader [PATH]`` with no subcommand runs
:mod:`reader.cli.open`, the TUI.

Every problem with the user's input ends as one line on stderr (``reader: file:line:
message``) and exit status 2; a look-up that finds nothing exits 1 with suggestions. The
subcommand modules import their heavy parts (and the TUI Textual) only when they run, so
``reader render`` and ``reader check`` stay quick and work without a terminal.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence
from typing import Protocol

from reader.cli import bookmarks, check, config, glossary, lookup, render, serve
from reader.cli import open as open_command
from reader.cli.options import add_global_options, add_subcommands
from reader.text.errors import ReaderError


class Command(Protocol):
    """What a subcommand module provides."""

    NAME: str
    HELP: str
    DESCRIPTION: str

    def add_arguments(self, parser: argparse.ArgumentParser) -> None: ...

    def run(self, args: argparse.Namespace) -> int: ...


COMMANDS: Mapping[str, Command] = {
    command.NAME: command for command in (render, lookup, check, glossary, bookmarks, config, serve)
}
"""The subcommands, by name; any other first argument is the path of a text to open."""

_RUNS: Mapping[str, Command] = {open_command.NAME: open_command, **COMMANDS}

_DESCRIPTION = (
    f"{open_command.DESCRIPTION} Subcommands: {', '.join(COMMANDS)} (reader COMMAND --help)."
)


def console() -> int:
    """The ``reader`` console script: :func:`main`; once the TUI has quit, the process
    ends at once, without Python's teardown (:func:`reader.cli.open.leave_now`)."""
    code = main()
    if open_command.reader_quit:
        open_command.leave_now(code)
    return code


def main(argv: Sequence[str] | None = None) -> int:
    """The ``reader`` command with ``argv`` (default: the command line); its exit status."""
    args = parse_arguments(sys.argv[1:] if argv is None else argv)
    try:
        return _RUNS[args.command].run(args)
    except ReaderError as error:
        for problem in error.problems:
            print(f"reader: {problem}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def parse_arguments(arguments: Sequence[str]) -> argparse.Namespace:
    """The parsed command line; ``command`` names the subcommand (``open`` for the TUI).
    Bad usage exits 2 with argparse's message, ``--help`` and ``--version`` exit 0."""
    parser, global_options = build_parser()
    if _named_command(arguments, global_options) is None:
        arguments = [open_command.NAME, *arguments]
    return parser.parse_args(arguments)


def build_parser() -> tuple[argparse.ArgumentParser, list[argparse.Action]]:
    """The top parser, with a subparser per command and the hidden one of the TUI; and
    the global options as the top parser knows them."""
    parser = argparse.ArgumentParser(
        prog="reader",
        usage="%(prog)s [options] [PATH]\n       %(prog)s [options] COMMAND ...",
        description=_DESCRIPTION,
    )
    global_options = add_global_options(parser, with_defaults=True)
    subcommands = add_subcommands(
        parser, dest="command", title="commands", metavar="COMMAND", prog="reader"
    )
    # No help=: the TUI is not listed among the commands, and its parser is ``reader``.
    tui = subcommands.add_parser(open_command.NAME, prog="reader", description=_DESCRIPTION)
    _add_arguments(tui, open_command)
    for command in COMMANDS.values():
        subparser = subcommands.add_parser(
            command.NAME, help=command.HELP, description=command.DESCRIPTION
        )
        _add_arguments(subparser, command)
    return parser, global_options


def _add_arguments(subparser: argparse.ArgumentParser, command: Command) -> None:
    """The command's own arguments, then the global options (listed after them)."""
    command.add_arguments(subparser)
    add_global_options(subparser, with_defaults=False)


def _named_command(arguments: Sequence[str], options: Sequence[argparse.Action]) -> str | None:
    """The subcommand the first argument that is not an option (nor an option's value)
    names; None when that argument is a text to open, or there is none.

    Global options before it are stepped over with their values (``--data-dir X
    bookmarks`` names ``bookmarks``); what follows ``--`` is a path whatever it is called.
    """
    takes_value = {name: action.nargs != 0 for action in options for name in action.option_strings}
    remaining = iter(arguments)
    for argument in remaining:
        if argument == "--":
            return None
        if argument.startswith("-") and argument != "-":
            if "=" not in argument and _takes_value(argument, takes_value):
                next(remaining, None)
            continue
        return argument if argument in COMMANDS else None
    return None


def _takes_value(argument: str, takes_value: Mapping[str, bool]) -> bool:
    """Whether the option ``argument`` (or the one option it abbreviates, as argparse
    allows) is followed by its value."""
    if argument in takes_value:
        return takes_value[argument]
    matches = [
        name for name in takes_value if argument.startswith("--") and name.startswith(argument)
    ]
    return len(matches) == 1 and takes_value[matches[0]]
