"""The options every ``reader`` command takes, wherever they are given.

``--glossary``, ``--data-dir``, ``--config`` and ``--version`` work before the subcommand
and after it
(``reader --data-dir X bookmarks import F`` is ``reader bookmarks import F --data-dir X``):
the top parser defines them with their defaults, and every subparser again without any
(``argparse.SUPPRESS``), so an option left out after the subcommand does not reset one given
before it. :class:`SharedSubcommands` parses a subcommand into the namespace already holding
the options before it, so a repeated ``--glossary`` keeps the values from both sides.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader import __version__
from reader.text.i18n import _

if TYPE_CHECKING:
    _SubParsersAction = argparse._SubParsersAction[argparse.ArgumentParser]
else:
    _SubParsersAction = argparse._SubParsersAction


def add_global_options(
    parser: argparse.ArgumentParser, *, with_defaults: bool
) -> list[argparse.Action]:
    """Add the options every command takes; returns them. ``with_defaults`` on the top
    parser only: a subparser's copies must not overwrite what was given before it."""

    def default(value: object) -> object:
        return value if with_defaults else argparse.SUPPRESS

    return [
        parser.add_argument(
            "--glossary",
            action="append",
            type=Path,
            default=default([]),
            metavar=_("PATH"),
            help=_("add a glossary file (repeatable)"),
        ),
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=default(None),
            metavar=_("PATH"),
            help=_(
                "where bookmarks and reading positions are kept "
                "(default: $READER_DATA_DIR, else the platform's user data folder)"
            ),
        ),
        parser.add_argument(
            "--config",
            type=Path,
            default=default(None),
            metavar=_("FILE"),
            help=_(
                "the settings file (default: settings.toml in the user config folder, "
                "$XDG_CONFIG_HOME/rodape on Linux; `reader config path` prints it)"
            ),
        ),
        parser.add_argument(
            "--version",
            action="version",
            version=f"reader (rodape) {__version__}",
            help=_("show the version and exit"),
        ),
    ]


def add_marks_option(parser: argparse.ArgumentParser) -> None:
    """``--marks``, for the commands that set a text with its note numbers."""
    parser.add_argument(
        "--marks",
        choices=("first", "all"),
        default=None,
        help=_(
            "note number after a term's first occurrence or after every one "
            "(default: the marks setting, first)"
        ),
    )


def add_subcommands(
    parser: argparse.ArgumentParser, *, dest: str, required: bool = True, **kwargs: Any
) -> argparse._SubParsersAction[argparse.ArgumentParser]:
    """``parser.add_subparsers(...)`` whose subparsers share the namespace (see
    :class:`SharedSubcommands`)."""
    return parser.add_subparsers(action=SharedSubcommands, dest=dest, required=required, **kwargs)


class SharedSubcommands(_SubParsersAction):
    """Subparsers that parse into the namespace of the options before the subcommand.

    argparse's own parse a subcommand into a fresh namespace and copy it over, so
    ``reader --glossary a render x --glossary b`` would lose ``a``. Parsing into the same
    namespace keeps both, and a subcommand's defaults never replace a value given before
    it. The subparser reports its own errors (``reader render: error: …``), as each
    subcommand's parser did when it stood alone.
    """

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        assert isinstance(values, list)  # nargs=PARSER: the name, then its arguments
        name, *arguments = values
        if self.dest is not argparse.SUPPRESS:
            setattr(namespace, self.dest, name)
        self.choices[name].parse_args(arguments, namespace)
