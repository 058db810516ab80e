"""Shared test settings."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from reader.text import i18n

# CI machines are small and shared: property tests judge correctness, never speed.
settings.register_profile(
    "rodape", deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=200
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "rodape"))


@pytest.fixture(scope="session")
def _cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def _own_cache_folder(_cache_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test writes the user's cache (the glossary matcher's compiled patterns): one
    temporary folder for the session, shared as the cache is meant to be."""
    monkeypatch.setenv("READER_CACHE_DIR", str(_cache_folder))


@pytest.fixture(autouse=True)
def _own_config_folder(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """No test reads or writes the user's real settings.toml: the config folder is a
    temporary one (tests that need a settings file pass ``--config`` or set it)."""
    folder = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))
    return folder


@pytest.fixture(autouse=True)
def _english_interface(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test speaks English whatever this machine's locale (a pt_BR machine would
    otherwise see Portuguese), in this process and in the ``reader`` it runs; a test of
    another language sets it itself, and the next test is English again."""
    monkeypatch.setenv("LANGUAGE", "en")  # first of the locale variables: it decides
    i18n.set_language("en")
    yield
    i18n.set_language("en")
