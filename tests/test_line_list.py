"""The one-line list (the context panel's outline): keys, clicks, and a screenful's cost."""

from __future__ import annotations

from collections.abc import Sequence
from typing import overload

from textual.app import App, ComposeResult

from reader.ui.widgets.line_list import LineList, fit


class CountingEntries(Sequence[str]):
    """100,000 entries that count how many of them are read."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.reads = 0

    def __len__(self) -> int:
        return self.size

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...
    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        if isinstance(index, slice):
            raise TypeError("the list reads entries one at a time")
        if not 0 <= index < self.size:
            raise IndexError(index)
        self.reads += 1
        return f"Secção {index}"


class ListApp(App[None]):
    CSS = "LineList { max-height: 10; }"

    def __init__(self) -> None:
        super().__init__()
        self.chosen: list[int] = []

    def compose(self) -> ComposeResult:
        yield LineList(id="list")

    def on_line_list_chosen(self, event: LineList.Chosen) -> None:
        self.chosen.append(event.index)


def test_fit_pads_or_cuts_to_the_width() -> None:
    assert fit("Secção", 8) == "Secção  "
    assert fit("Secção longa", 8) == "Secção …"
    assert fit("漢字漢字", 5) == "漢字…"


async def test_a_list_of_100000_entries_reads_a_screenful() -> None:
    """Filling the list, showing it and moving through it read the entries on screen,
    never the whole list; the keys move the highlight, Enter and a click choose."""
    app = ListApp()
    async with app.run_test(size=(40, 12)) as pilot:
        entries = CountingEntries(100_000)
        line_list = app.query_one(LineList)
        line_list.set_entries(entries)
        line_list.focus()
        await pilot.pause()
        assert line_list.size.height == 10
        await pilot.press("down", "down", "enter")
        assert app.chosen == [1]
        await pilot.press("end", "enter")
        await pilot.pause()
        assert app.chosen[-1] == 99_999
        assert round(line_list.scroll_y) == 99_990
        await pilot.press("pageup", "home", "enter")
        assert app.chosen[-1] == 0
        await pilot.click(LineList, offset=(2, 3))
        assert app.chosen[-1] == 3
        assert entries.reads < 200, entries.reads
