"""Messages the app's workers send back to the UI thread."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from reader.index.aids import ReadingAids
from reader.pipeline import OpenedText
from reader.text.errors import ReaderError
from reader.userdata.session import ReadingSession


@dataclass
class TextLoaded(Message):
    """A text was read and parsed (``linked`` False: glossary terms not linked yet)."""

    opened: OpenedText
    linked: bool
    aids: ReadingAids | None = None
    """Tables for panels; None until the glossary is linked."""
    session: ReadingSession | None = None
    """Bookmarks and position of the text; None without a data folder."""


@dataclass
class AidsReady(Message):
    """The panels' tables (and the bookmarks) of a linked text, computed after it was
    shown so that its links appear without waiting for them."""

    opened: OpenedText
    aids: ReadingAids
    session: ReadingSession | None = None


@dataclass
class TextFailed(Message):
    """A text or one of its glossaries could not be loaded."""

    error: ReaderError


@dataclass
class LoadProgress(Message):
    """What the loading worker is doing now, for the status line."""

    step: str
