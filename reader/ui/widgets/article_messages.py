"""What the article view reports to its screen: a link followed or focused, the reading
moved, a passage clicked."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message
from textual.widget import Widget

from reader.layout import LinkTarget, ShownPassage


@dataclass
class FromView(Message):
    """A report of one article view (``control`` lets handlers pick a view by id)."""

    view: Widget

    @property
    def control(self) -> Widget:
        return self.view


@dataclass
class LinkActivated(FromView):
    """The reader followed a link (Enter or click)."""

    link: LinkTarget


@dataclass
class LinkFocused(FromView):
    """Tab (or a click) focused a link of the text."""

    link: LinkTarget


@dataclass
class ReadingMoved(FromView):
    """The screen settled on a new passage."""

    passage: ShownPassage


@dataclass
class PassageClicked(FromView):
    """The reader clicked text that is not a link: block index and offset in it."""

    block: int
    offset: int


@dataclass
class TextSelected(FromView):
    """The mouse button was released over a selection (``view.selection``): it is
    copied, as a terminal copies what is dragged over."""
