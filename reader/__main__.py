"""``python -m reader`` is the ``reader`` command."""

import sys

from reader.cli.main import console

sys.exit(console())
