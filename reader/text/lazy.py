"""Names a package exports, imported on first use (PEP 562's module ``__getattr__``).

The reader's first frame needs few of its modules: a package that re-exports its
converters or its store (``reader.document.html``, ``reader.document.epub``,
``reader.userdata``) would import all of them, and markdown-it, lxml or sqlite3 with
them, just to be named. Each such package lists where its names live and takes its
``__getattr__`` from here, so they are imported when first used, once.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping

__all__ = ["lazy_names"]


def lazy_names(package: str, where: Mapping[str, str]) -> Callable[[str], object]:
    """A module ``__getattr__`` for ``package``: ``where[name]`` is the module that
    defines ``name``; any other name is an AttributeError, as Python's own."""

    def __getattr__(name: str) -> object:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(module), name)

    return __getattr__
