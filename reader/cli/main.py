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
import contextlib
import os
import sys
from collections.abc import Mapping, Sequence
from typing import NoReturn, Protocol

from reader.cli import (
    add,
    bookmarks,
    check,
    config,
    glossaries,
    glossary,
    lookup,
    render,
    serve,
)
from reader.cli import open as open_command
from reader.cli.language import choose_language
from reader.cli.options import add_global_options, add_subcommands
from reader.text.errors import ReaderError
from reader.text.i18n import _


class Command(Protocol):
    """What a subcommand module provides."""

    NAME: str
    HELP: str
    DESCRIPTION: str

    def add_arguments(self, parser: argparse.ArgumentParser) -> None: ...

    def run(self, args: argparse.Namespace) -> int: ...


COMMANDS: Mapping[str, Command] = {
    command.NAME: command
    for command in (render, lookup, check, glossary, glossaries, bookmarks, config, serve, add)
}
"""The subcommands, by name; any other first argument is the path of a text to open."""

_RUNS: Mapping[str, Command] = {open_command.NAME: open_command, **COMMANDS}


def _description() -> str:
    """The top parser's description, in the run's language."""
    return _("{description} Subcommands: {commands} (reader COMMAND --help).").format(
        description=_(open_command.DESCRIPTION), commands=", ".join(COMMANDS)
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``reader`` console script."""
    arguments = sys.argv[1:] if argv is None else argv
    choose_language(arguments)
    args = parse_arguments(arguments)
    try:
        return _RUNS[args.command].run(args)
    except ReaderError as error:
        for problem in error.problems:
            print(f"reader: {problem}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of our output went away (`reader glossary | head`): that is its
        # choice, not an error to report. Point stdout at /dev/null so the interpreter's
        # own flush at exit does not raise again (the recipe in Python's signal docs).
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141


def script() -> NoReturn:
    """The ``reader`` console script: :func:`main`, then the process ends at once.

    Python's own shutdown frees every object still alive and runs the collector over them:
    0.3 s for Textual's alone, seconds for a text of a million objects, while the reader
    has already quit (a terminal that waits for the process shows nothing meanwhile).
    Everything that must outlive the process is done by then: the store commits each
    change and the TUI closes it after saving the position and restoring the terminal.
    So the standard streams are flushed and the process ends.
    """
    code = main()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nothing to save
            stream.flush()
    os._exit(code)


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
        usage=_("%(prog)s [options] [PATH]\n       %(prog)s [options] COMMAND ..."),
        description=_description(),
    )
    global_options = add_global_options(parser, with_defaults=True)
    subcommands = add_subcommands(
        parser, dest="command", title=_("commands"), metavar=_("COMMAND"), prog="reader"
    )
    # No help=: the TUI is not listed among the commands, and its parser is ``reader``.
    tui = subcommands.add_parser(open_command.NAME, prog="reader", description=_description())
    _add_arguments(tui, open_command)
    for command in COMMANDS.values():
        subparser = subcommands.add_parser(
            command.NAME, help=_(command.HELP), description=_(command.DESCRIPTION)
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
