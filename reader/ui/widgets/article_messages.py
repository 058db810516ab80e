"""What the article view reports to its screen: a link followed, the reading moved, a
passage clicked."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message
from textual.widget import Widget

from reader.layout import LinkTarget, ShownPassage


@dataclass
class LinkActivated(Message):
    """The reader followed a link (Enter or click)."""

    view: Widget
    link: LinkTarget

    @property
    def control(self) -> Widget:
        return self.view


@dataclass
class LinkFocused(Message):
    """Tab (or a click) focused a link of the text."""

    view: Widget
    link: LinkTarget

    @property
    def control(self) -> Widget:
        return self.view


@dataclass
class ReadingMoved(Message):
    """The screen settled on a new passage."""

    view: Widget
    passage: ShownPassage

    @property
    def control(self) -> Widget:
        return self.view


@dataclass
class PassageClicked(Message):
    """The reader clicked text that is not a link: block index and offset in it."""

    view: Widget
    block: int
    offset: int

    @property
    def control(self) -> Widget:
        return self.view
