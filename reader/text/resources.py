"""Where the bundled texts and glossaries live, installed or in a checkout.

A wheel carries them as ``reader/_bundled/{texts,glossary}`` (hatchling ``force-include``);
a source checkout has them beside the package. Callers never care which.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent.parent
"""The ``reader`` package folder (this module lives in ``reader/text``)."""


def _bundled_dir(name: str) -> Path:
    installed = files("reader").joinpath("_bundled", name)
    if installed.is_dir():
        return Path(str(installed))
    return _PACKAGE_DIR.parent / name


def texts_dir() -> Path:
    """The folder of bundled articles."""
    return _bundled_dir("texts")


def glossary_dir() -> Path:
    """The folder of bundled glossaries (``<name>.yaml``)."""
    return _bundled_dir("glossary")


def bundled_text(name: str) -> Path | None:
    """The bundled article called ``name`` (``stalingrado``), or None."""
    if not name or "/" in name or "\\" in name or name.startswith("."):
        return None
    for suffix in (".md", ".txt"):
        candidate = texts_dir() / f"{name}{suffix}"
        if candidate.is_file():
            return candidate
    return None


def bundled_glossaries() -> list[Path]:
    """Every bundled glossary file, sorted by name."""
    folder = glossary_dir()
    if not folder.is_dir():
        return []
    return sorted(folder.glob("*.yaml"))


DEFAULT_TEXT = "stalingrado"
"""The article ``reader`` opens when given no path and having no history."""
