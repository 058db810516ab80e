"""Places in a laid-out text: kept across widths, Tab's next link, the roles a view styles."""

from __future__ import annotations

from reader.layout import DocumentLayout
from reader.layout.places import line_of_place, next_link, place_at, shown_range
from reader.layout.runs import ROLES
from reader.pipeline import open_text, resolve_text

ARTICLE = open_text(resolve_text("stalingrado")).document


def test_a_place_taken_at_one_width_is_the_same_words_at_another() -> None:
    narrow, wide = DocumentLayout(ARTICLE, 40), DocumentLayout(ARTICLE, 72)
    for y in (0, 7, 30, 61, 120):
        place = place_at(narrow, y)
        assert place is not None
        line = line_of_place(wide, place)
        assert line is not None
        back = place_at(wide, line)
        assert back is not None and back.block_id == place.block_id
        if place.offset >= 0:  # the line shown starts at or before the same character
            runs = [run for run in wide.line(line) or () if run.offset >= 0]
            assert runs[0].offset <= place.offset < runs[-1].offset + len(runs[-1].text)


def test_tab_goes_to_the_first_link_on_screen_then_on_in_reading_order() -> None:
    layout = DocumentLayout(ARTICLE, 72)
    top, bottom = 20, 40
    on_screen = layout.links_on(top, bottom)
    first = next_link(layout, None, top, bottom, 1)
    assert first == on_screen[0]
    assert next_link(layout, first, top, bottom, 1) == first + 1
    assert next_link(layout, None, top, bottom, -1) == on_screen[-1]
    last = len(layout.links) - 1
    assert next_link(layout, last, 0, layout.height, 1) == 0  # wraps round


def test_tab_from_a_screen_without_links_goes_to_the_nearest_below() -> None:
    layout = DocumentLayout(ARTICLE, 72)
    y = next(y for y in range(layout.height) if not layout.links_on(y, y))
    found = next_link(layout, None, y, y, 1)
    assert layout.links[found].block >= layout.locate(y)[0]


def test_shown_range_cuts_the_first_and_last_blocks_only() -> None:
    layout = DocumentLayout(ARTICLE, 72)
    shown = layout.shown(10, 30)
    length = len(ARTICLE.blocks[shown.first_block].text)
    assert shown_range(layout, shown, shown.first_block) == (
        shown.start,
        length if shown.first_block != shown.last_block or shown.end < 0 else shown.end,
    )
    assert shown_range(layout, None, 3) == (0, len(ARTICLE.blocks[3].text))


def test_every_role_the_layout_gives_a_run_is_one_a_view_can_style() -> None:
    layout = DocumentLayout(ARTICLE, 72)
    roles = {
        role
        for y in range(layout.height)
        for run in layout.line(y) or ()
        for role in run.roles.split()
    }
    assert roles and roles <= set(ROLES)
