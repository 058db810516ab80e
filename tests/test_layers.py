"""The package's layers, checked by import-linter against the contracts in pyproject.toml.

``[tool.importlinter]`` says the layers import downwards only (cli → ui → pipeline →
index | userdata → layout → linking → document | glossary | settings → text) and that
nothing below the ui imports Textual. ``./check`` runs ``lint-imports`` too; this test
makes it part of ``python -m pytest``, so the README's test command is still the whole
story.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.core_helpers import REPO

CONTRACTS = ("Layers import downwards only", "Only the ui and the cli import Textual")
"""The contracts pyproject.toml must hold, by name: removing one fails here too."""


def test_imports_keep_the_layers() -> None:
    """``lint-imports`` (from the environment running the tests) keeps every contract;
    on failure its report, naming each import that breaks one, is the message."""
    lint_imports = Path(sys.executable).with_name("lint-imports")
    assert lint_imports.exists(), f"{lint_imports} missing: pip install '.[test]'"
    result = subprocess.run(
        [str(lint_imports), "--no-cache"],  # no cache: nothing written into the checkout
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},  # these sources, not an installed copy
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    for name in CONTRACTS:
        assert f"{name} KEPT" in report, report
