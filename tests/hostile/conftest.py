"""The hostile corpus, generated once per test session into a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.make_corpus import BIG, build


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every small hostile file (see ``make_corpus.SMALL``), by name."""
    return build(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="session")
def big_corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The big files (10 MB line, 100k list items...), generated only when asked for."""
    return build(tmp_path_factory.mktemp("hostile-big"), BIG)
