"""The ``reader`` command: one module per subcommand."""

from reader.cli.main import main

__all__ = ["main"]
