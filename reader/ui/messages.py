"""Messages the loading worker sends back to the UI thread.

Each carries the id of the load it comes from: the screen takes only those of its
current load, so a text opened meanwhile never sees a message of the one before.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from reader.layout import DocumentLayout
from reader.pipeline import Stage
from reader.text.errors import ReaderError
from reader.ui.panels.tables import PanelTables


@dataclass
class LoadStage(Message):
    """A load reached a stage (progress, something to show, the panels' tables)."""

    load_id: int
    stage: Stage
    tables: PanelTables | None = None
    """What the panels show of the text, made in the loading thread, with a stage that
    brings the reading aids."""
    layout: DocumentLayout | None = None
    """The layout of the text a :class:`~reader.pipeline.Shown` stage shows, made in the
    loading thread."""


@dataclass
class LoadFailed(Message):
    """A text or one of its glossaries could not be loaded."""

    load_id: int
    error: ReaderError
