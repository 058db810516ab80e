"""Textual's OptionList, without a second layout of the screen when it is first drawn.

OptionList measures its options when it is drawn (``render_lines``) and sets its
``virtual_size`` then; ``virtual_size`` is a layout reactive, so every list drawn for the
first time, or at a new width, laid the whole screen out again in the next frame: the
context panel's first opening took three layouts of the screen where one does (each
20–40 ms at 160×50 with a book open). The layout it asks for changes nothing here: a
list whose height is ``auto`` is sized by ``get_content_height``, which measures the
options itself, and OptionList asks for a layout on its own when options are added or
removed; its scrollbars follow ``virtual_size`` through ``_scroll_update``, which it calls
alongside. So here ``virtual_size`` only repaints.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import OptionList


class SteadyOptionList(OptionList):
    """An OptionList whose measuring while drawn does not lay the screen out again."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)
