"""The ``reader`` command: one module per subcommand."""

from reader.cli.main import main, script

__all__ = ["main", "script"]
