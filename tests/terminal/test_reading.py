"""Reading in a real terminal: resizes with panels open, the panels' keys, reopening,
mentions, the context panel, the footer and the help (issue 11, items 2 and 4 to 8).

Each test drives ``reader stalingrado`` in its own tmux and looks only at the captured
screen. Keys that follow Escape are sent after its effect shows: a terminal cannot tell
Escape then ``]`` sent at once from the Alt+] sequence.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.text.resources import bundled_text
from reader.ui.keymap import FOOTER_LABELS, KEYS
from tests.terminal.conftest import StartTerminal
from tests.terminal.driver import Terminal
from tests.terminal.screen import Screen
from tests.terminal.test_basics import STARTUP_SECONDS, TITLE, open_article

pytestmark = pytest.mark.terminal

SMALL, LARGE = (80, 24), (120, 40)
RIGHT_BORDER, LEFT_BORDER = "▏", "▕"
"""A right-hand panel's left edge; the context panel's right edge."""
MARGIN_MARKS = "▎◆"
"""What the text's margin may show: the current passage, a bookmark."""
BLOCKS = "▁▂▃▄▅▆▇█▔"
"""Scrollbar thumbs."""

PANEL_SHOWN: dict[str, str] = {
    "c": "Where you are",
    "g": "Filter terms",
    "b": "This text · reading order",
}
"""What each panel's letter brings on screen."""
PANELS = [pytest.param(key, id=key) for key in PANEL_SHOWN]


def article_source() -> str:
    path = bundled_text("stalingrado")
    assert path is not None
    return path.read_text(encoding="utf-8")


def article_words() -> set[str]:
    """Every word of the bundled article (front matter included), as the screen shows
    words: without punctuation and note numbers."""
    return {word for token in article_source().split() if (word := bare(token))}


def bare(token: str) -> str:
    """A word without the punctuation, note numbers and margin marks around it."""
    token = re.sub(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+", "", token)
    return token.strip(".,;:!?()“”\"'—–-…*_[]" + MARGIN_MARKS + BLOCKS)


def footer(screen: Screen) -> str:
    return screen.lines[-1]


def border_column(screen: Screen) -> tuple[int, str] | None:
    """The 1-based column of the open panel's edge and its character, if a panel is
    open: the column where most rows between the title and the footer show an edge."""
    rows = screen.lines[1:-1]
    for edge in (RIGHT_BORDER, LEFT_BORDER):
        for x in range(1, screen.width + 1):
            hits = sum(1 for y in range(2, screen.height) if screen.cell(x, y).char == edge)
            if hits >= len(rows) * 2 // 3:
                return x, edge
    return None


def text_region(screen: Screen) -> list[str]:
    """Each row between the title bar and the footer, cut to the part the panel leaves
    to the text (all of it with no panel open)."""
    border = border_column(screen)
    rows = []
    for y in range(2, screen.height):
        line = "".join(cell.char for cell in screen.rows[y - 1])
        if border is not None:
            x, edge = border
            line = line[: x - 1] if edge == RIGHT_BORDER else line[x:]
        rows.append(line)
    return rows


def without_marks(line: str) -> str:
    return "".join(" " if char in MARGIN_MARKS else char for char in line).rstrip()


def wait_footer(term: Terminal, test: Callable[[str], bool], what: str) -> Screen:
    def footer_holds(screen: Screen) -> bool:
        return len(screen.lines) == term.height and test(footer(screen))

    footer_holds.__doc__ = what
    return term.wait_for(footer_holds)


def resized(term: Terminal, size: tuple[int, int]) -> Screen:
    """Resize and wait for the redraw at the new size (the footer ends with Quit)."""
    term.resize(*size)
    wait_footer(term, lambda line: line.endswith("q Quit"), "the footer redrawn")
    return term.settle()


def open_panel(term: Terminal, key: str) -> Screen:
    term.keys(key)
    term.wait_for(PANEL_SHOWN[key])
    return term.settle()


# --- item 2: resize with a panel open -----------------------------------------------


@pytest.mark.parametrize("key", PANELS)
def test_narrowing_with_a_panel_open_overlays_it_and_keeps_the_measure(
    terminal: StartTerminal, key: str
) -> None:
    reference, plain = open_article(terminal, SMALL)
    reference.keys("q")
    reference.wait_for_exit()

    term, _ = open_article(terminal, LARGE)
    open_panel(term, key)
    screen = resized(term, SMALL)
    assert PANEL_SHOWN[key] in screen, f"\n{screen}"
    border = border_column(screen)
    assert border is not None, f"no panel edge:\n{screen}"
    # Under an overlay the text is laid out as without the panel: what shows of each
    # row is what that row shows with no panel at all (not a text rewrapped narrow).
    x, edge = border
    region = [without_marks(line) for line in text_region(screen)]
    expected = []
    for line in plain.lines[1:-1]:
        padded = line.ljust(plain.width)
        expected.append(without_marks(padded[: x - 1] if edge == RIGHT_BORDER else padded[x:]))
    assert region == expected, f"\n{screen}\n--- without the panel:\n{plain}"


@pytest.mark.parametrize("key", PANELS)
def test_widening_with_a_panel_open_docks_it_beside_whole_lines(
    terminal: StartTerminal, key: str
) -> None:
    term, _ = open_article(terminal, SMALL)
    open_panel(term, key)
    screen = resized(term, LARGE)
    assert PANEL_SHOWN[key] in screen, f"\n{screen}"
    words = article_words()
    region = text_region(screen)
    if key == "c":
        # The context panel sits on the left; the text is what is right of it.
        assert any("Batalha de Stalingrado" in line for line in region), f"\n{screen}"
    cut = [
        word
        for line in region
        for token in line.split()
        if (word := bare(token)) and word not in words and not set(word) <= set("━")
    ]
    assert not cut, f"words cut by the panel: {cut}\n{screen}"
    assert any(len(line.strip()) > 50 for line in region), f"the text is narrow:\n{screen}"


# --- item 4: the panels' keys ---------------------------------------------------------


def test_c_opens_then_focuses_then_closes_the_context_panel(terminal: StartTerminal) -> None:
    term, _ = open_article(terminal, LARGE)
    opened = open_panel(term, "c")
    assert footer(opened).startswith(" Tab Link"), "the text lost the focus to the panel"

    term.keys("c")
    wait_footer(term, lambda line: "Tab Link" not in line, "the panel focused")
    assert "Where you are" in term.settle()

    term.keys("c")
    closed = term.wait_for(lambda screen: "Where you are" not in screen)
    assert footer(closed).startswith(" Tab Link")


def test_after_c_end_scrolls_the_text(terminal: StartTerminal) -> None:
    term, _ = open_article(terminal, LARGE)
    open_panel(term, "c")
    term.keys("End")

    def at_the_end(screen: Screen) -> bool:
        """the text at its end (the last note)"""
        return "Henry Luce e Briton Hadden" in "\n".join(text_region(screen))

    screen = term.wait_for(at_the_end)
    assert TITLE not in "\n".join(text_region(screen)), f"\n{screen}"
    assert "Where you are" in screen.lines[2], f"the panel scrolled:\n{screen}"


def test_g_opens_the_glossary_on_its_list_and_g_closes_it(terminal: StartTerminal) -> None:
    term, _ = open_article(terminal, LARGE)
    open_panel(term, "g")
    term.keys("g")
    closed = term.wait_for(lambda screen: "Filter terms" not in screen)
    assert "Mentions" not in closed


def test_the_glossary_filter_list_and_mentions_take_their_keys(
    terminal: StartTerminal,
) -> None:
    term, _ = open_article(terminal, LARGE)
    open_panel(term, "g")
    term.type("verm")

    def narrowed(screen: Screen) -> bool:
        """the list narrowed to "verm": Exército Vermelho (4), no Adolf Hitler (1)"""
        return (
            "verm" in screen
            and "Exército Vermelho  (4)" in screen
            and "Adolf Hitler  (1)" not in screen
        )

    # Waited for whole: on a loaded machine the list is redrawn after "ve" too, already
    # without Adolf Hitler (1), before the last letters arrive.
    term.wait_for(narrowed)

    # Down leaves the filter for the list: g is the panel's letter again, not a letter.
    term.keys("Down")
    wait_footer(term, lambda line: "g Glossary" in line, "the list focused")

    term.keys("Enter")
    term.wait_for(lambda screen: highlighted_mention(screen) is not None)
    chosen = term.settle()
    assert "…e os soldados do Exército Vermelho" in chosen, f"\n{chosen}"
    first = highlighted_mention(chosen)
    term.keys("Down")
    second = highlighted_mention(
        term.wait_for(lambda screen: highlighted_mention(screen) not in (None, first))
    )
    assert first is not None and second is not None and second > first


def highlighted_mention(screen: Screen) -> int | None:
    """The first row of the highlighted mention under the glossary's "Mentions"
    heading: the rows in a background of their own among the mentions' rows."""
    x, y = screen.find("Mentions")
    rows = [row for row in range(y + 1, screen.height) if screen.lines[row - 1][x - 1 :].strip()]
    backgrounds = [screen.cell(x, row).bg for row in rows]
    distinct = set(backgrounds)
    if len(distinct) < 2:
        return None
    odd = min(distinct, key=backgrounds.count)
    return rows[backgrounds.index(odd)]


# --- item 5: reopening --------------------------------------------------------------


def test_reopening_shows_the_marks_and_the_place_in_the_first_frame(
    terminal: StartTerminal,
) -> None:
    term, _ = open_article(terminal, SMALL)
    open_panel(term, "b")
    term.keys("Escape")
    wait_footer(term, lambda line: "Tab Link" in line, "the text focused")
    term.keys("PageDown")
    term.wait_for(lambda screen: TITLE not in "\n".join(screen.lines[1:-1]))
    term.settle()
    # Bookmark a passage of the page the reader leaves.
    term.keys("J")
    term.settle()
    term.keys("m")
    term.wait_for("Enter save")
    term.type("reler")
    term.keys("Enter")
    term.wait_for("✎ reler")
    left = term.wait_for(lambda screen: "◆" in "".join(text_region(screen)))
    left = term.settle()
    term.keys("q")
    assert term.wait_for_exit() == 0
    place = [without_marks(line) for line in text_region(left) if line.strip()][:3]

    again = terminal("stalingrado", width=SMALL[0], height=SMALL[1])
    first = again.wait_for(has_text, timeout=STARTUP_SECONDS)
    region = text_region(first)
    assert "◆" in "".join(region) and "▎" in "".join(region), f"no margin marks:\n{first}"
    shown = [without_marks(line) for line in region if line.strip()][:3]
    assert shown == place, f"\n{first}\n--- when the reader left:\n{left}"


def has_text(screen: Screen) -> bool:
    """the first frame with the article's words beside the panel"""
    return any(len(line.split()) >= 5 for line in text_region(screen))


# --- item 6: ] follows the term chosen in the panel ------------------------------------


def test_mention_keys_follow_the_term_chosen_in_the_glossary(terminal: StartTerminal) -> None:
    term, before = open_article(terminal, LARGE)
    term.keys("Tab")
    term.wait_for(lambda screen: screen != before)
    open_panel(term, "g")
    term.type("volga")
    term.wait_for(lambda screen: "Rio Volga  (1)" in screen and "volga" in screen)
    term.keys("Escape")
    wait_footer(term, lambda line: "Tab Link" in line, "the text focused")
    term.keys("]")
    screen = term.wait_for(lambda screen: re.search(r"\d+ of \d+", screen.lines[-2]) is not None)
    assert re.search(r"Rio Volga: 1 of \d+", screen.lines[-2]), f"\n{screen}"


# --- item 7: the context panel at the top ---------------------------------------------


def test_the_context_panel_at_the_top_says_0_percent(terminal: StartTerminal) -> None:
    term, _ = open_article(terminal, LARGE)
    screen = open_panel(term, "c")
    assert re.search(r"\b0% ·", str(screen)), f"\n{screen}"


def test_the_context_note_is_shown_whole(terminal: StartTerminal) -> None:
    term, _ = open_article(terminal, LARGE)
    open_panel(term, "c")
    term.keys("c")
    wait_footer(term, lambda line: "Tab Link" not in line, "the panel focused")
    term.keys("End")
    # The note's last words, as they end its last line.
    screen = term.wait_for(last_words_of_context())
    # One scrollbar beside the note, the panel's: no box of its own scrolls the note.
    border = border_column(screen)
    assert border is not None and border[1] == LEFT_BORDER, f"\n{screen}"
    _, last_row = screen.find(last_words_of_context())
    bars = {
        x
        for y in range(2, last_row + 1)
        for x in range(1, border[0])
        if screen.cell(x, y).char in BLOCKS
    }
    assert len(bars) <= 1, f"scrollbars in columns {sorted(bars)}:\n{screen}"


def last_words_of_context() -> str:
    """The last three words of the article's ``context:`` note."""
    front = article_source().split("---")[1]
    note = front.split("context: |", 1)[1]
    note = re.split(r"\n\S", note, maxsplit=1)[0]
    return " ".join(note.split()[-3:])


# --- item 8: footer, help, search count ----------------------------------------------


def footer_labels() -> set[str]:
    return {key.description for key in KEYS} | set(FOOTER_LABELS.values())


@pytest.mark.parametrize("size", [pytest.param(SMALL, id="80"), pytest.param(LARGE, id="120")])
@pytest.mark.parametrize("panel", [pytest.param("", id="no-panel"), *PANELS])
def test_the_footer_fits_whole(terminal: StartTerminal, size: tuple[int, int], panel: str) -> None:
    term, screen = open_article(terminal, size)
    if panel:
        screen = open_panel(term, panel)
    line = footer(screen)
    assert line.endswith("q Quit"), line
    for wanted in ("g Glossary", "c Context", "b Bookmarks"):
        assert wanted in line, line
    labels = footer_labels()
    for item in re.split(r"\s{2,}", line.strip()):
        label = item.split(" ", 1)[1] if " " in item else item
        assert label in labels, f"{item!r} is cut in {line!r}"


def test_the_help_lists_the_readers_keys_by_purpose(terminal: StartTerminal) -> None:
    term, _ = open_article(terminal, LARGE)
    term.keys("?")
    top = term.wait_for("Links and notes")
    assert footer(top).endswith("q Quit"), f"the help covers the footer:\n{top}"
    # The wheel over the list shows its tail (the help does not take the focus).
    x, y = top.find("Links and notes")
    for _ in range(20):
        term.scroll(x, y)
    term.wait_for("The app")
    tail = term.settle()
    both = f"{top}\n{tail}"
    for heading in ("Reading", "Links and notes", "Panels", "Bookmarks", "The app"):
        assert re.search(rf"▏ {heading}\s*$", both, re.M), f"no {heading!r}:\n{both}"
    for screen in (top, tail):
        assert "Scroll Left" not in screen and "Page Right" not in screen, f"\n{screen}"


def test_a_long_texts_search_shows_the_match_then_counts_them(
    terminal: StartTerminal, tmp_path: Path
) -> None:
    """In a text long enough to be counted in steps, Enter shows the nearest match, the
    status line ends on "1 of N" once all are counted, and n goes on to the second."""
    text = tmp_path / "long.md"
    paragraphs = [
        f"Parágrafo {n} " + ("do Vôlga " if n % 7 == 3 else "de palavras ") * 40
        for n in range(2_000)
    ]
    text.write_text("\n\n".join(paragraphs), encoding="utf-8")
    term = terminal(str(text), width=SMALL[0], height=SMALL[1])
    term.wait_for("Parágrafo 0")
    term.keys("/")
    term.wait_for("Search, ignoring case")
    term.type("volga")
    term.keys("Enter")
    counted = term.wait_for(lambda screen: "“volga”: 1 of 11,440" in screen.lines[-2])
    assert "Vôlga" in "\n".join(counted.lines[1:-2]), f"\n{counted}"
    term.keys("n")
    term.wait_for(lambda screen: "“volga”: 2 of 11,440" in screen.lines[-2])


def test_the_search_count_fades(terminal: StartTerminal) -> None:
    term, _ = open_article(terminal, SMALL)
    term.keys("/")
    term.wait_for("Search, ignoring case")
    term.type("volga")
    term.keys("Enter")
    counted = term.wait_for(lambda screen: re.search(r"\bof \d+", screen.lines[-2]) is not None)
    assert "1 of" in counted.lines[-2], f"\n{counted}"
    term.wait_for(lambda screen: re.search(r"\bof \d+", screen.lines[-2]) is None, timeout=12)
