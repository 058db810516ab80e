"""``python -m reader`` is the ``reader`` command (the console script, ending as it does)."""

from reader.cli.main import script

script()
