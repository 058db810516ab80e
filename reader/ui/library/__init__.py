"""The library screen (``l``, ``reader --library``): every text the reader knows.

:mod:`~reader.ui.library.screen` draws the rows the pure model
(:mod:`reader.userdata.library`) gives for the filter and order, from what
:func:`reader.pipeline.library.gather` found; :func:`show_library` opens it over the
reading screen and reads the text chosen there, at its saved position.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from reader.pipeline import read_source, resolve_text
from reader.text.errors import ReaderError

if TYPE_CHECKING:
    from reader.pipeline import LoadRequest
    from reader.ui.reading.screen import ReadingScreen

__all__ = ["request_for", "show_library"]


def request_for(request: LoadRequest, path: str) -> LoadRequest:
    """``request`` turned to the text at ``path`` (a path or a bundled name), read and
    checked as the command line does; raises ReaderError (one line) when it cannot be."""
    ref = resolve_text(path)
    source = read_source(ref)
    return replace(request, ref=ref, source=source, extra_glossaries=())


def show_library(reading: ReadingScreen) -> None:
    """Push the library over ``reading``; the text chosen there is opened in it (where
    it was left: the reading screen restores a text's saved position)."""
    from reader.ui.app import ReaderApp
    from reader.ui.library.screen import LibraryScreen

    def chosen(path: str | None) -> None:
        if path is None:
            return
        try:
            request = request_for(reading.request, path)
        except ReaderError as error:
            reading.notify(str(error), severity="error", markup=False)
            return
        reading.open_text(request)

    app = reading.app
    data = app.data_dir if isinstance(app, ReaderApp) else None
    app.push_screen(LibraryScreen(reading.request.store, data), chosen)
