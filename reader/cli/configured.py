"""The settings a command runs with: ``settings.toml`` (or ``--config FILE``), then what
the command line gives, each problem one line on stderr.

Only the commands that use settings read them (the TUI, ``render``, ``config``); a bad
file never stops one: its good values are used, the defaults for the rest.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from reader.settings import Choices, Loaded, load_settings, settings_path
from reader.settings.options import ANY_NAMES


def command_settings(
    args: argparse.Namespace,
    choices: Choices = ANY_NAMES,
    *,
    report: bool = True,
    **given: Any,
) -> Loaded:
    """The settings for this run: the file's, with ``given`` (command-line values, None
    where not given) on top. With ``report``, each problem is printed to stderr."""
    loaded = load_settings(settings_path(getattr(args, "config", None)), choices)
    if report:
        for problem in loaded.problems:
            print(f"reader: {problem}", file=sys.stderr)
    return loaded.overridden(**given)
