"""Every style the reader paints stays readable in a real terminal, in 256 colours and in
truecolor, in the themes it is meant to be read in.

Textual reduces a truecolor hex to the nearest entry of the 256-colour palette when the
terminal lacks truecolor (tmux with TERM=tmux-256color, macOS Terminal.app), and a
low-alpha blend can land on a palette entry that sits next to its text. So these tests
read the colours back from tmux's capture and compute WCAG contrast from them: text
≥ 4.5:1 against its own background, and the marks that show focus, selection, the current
match, the reading cursor and bookmarks ≥ 3:1 against the background around them.

Themes: Textual's default, textual-dark, is what everyone sees first; the command
palette (ctrl+p, "Theme") offers it, textual-light (its light counterpart) and the
reader's own two, papel and noite (reader/ui/themes.py), and no other. All four are
checked here: Textual's two picked in the palette as a user does, ours set in
settings.toml (the theme setting), so both ways of choosing one are driven too.

Each test reads one text through one scenario and reports every failure at once, naming
the role and the colours found, so one run says what to fix.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.terminal.conftest import StartTerminal
from tests.terminal.driver import ColourMode, Terminal, TerminalError
from tests.terminal.screen import Cell, Screen
from tests.terminal.sgr import RGB, Colour, contrast_ratio

pytestmark = pytest.mark.terminal

WIDTH, HEIGHT = 120, 40
STARTUP_SECONDS = 30.0  # a shared CI machine may be slow to import Textual
TEXT_RATIO = 4.5
INDICATOR_RATIO = 3.0
THEMES = [
    pytest.param("textual-dark", id="dark"),
    pytest.param("textual-light", id="light"),
    pytest.param("papel", id="papel"),
    pytest.param("noite", id="noite"),
]
SETTINGS_THEMES = ("papel", "noite")
"""The reader's own themes: set in settings.toml, not picked in the palette."""
THEME_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)+|papel|noite")  # as the palette lists them
COLOURS = [pytest.param("256", id="256"), pytest.param("truecolor", id="truecolor")]

# A text of our own for the styles the bundled article lacks.
SAMPLE = """\
# Colours

Plain words before a code span `reader check` and after it, then a
[web link](https://example.org/) and a footnote[^one] mark.

> A quoted line that is long enough to read as a quotation.

More plain words after the quote.

[^one]: The footnote's own text.
"""


@dataclass(frozen=True)
class Finding:
    """One role's worst contrast: ``fg`` against ``bg``, needing ``need``."""

    role: str
    fg: Colour | None
    bg: Colour | None
    ratio: float
    need: float

    @property
    def failed(self) -> bool:
        return self.ratio < self.need

    def __str__(self) -> str:
        return f"{self.role}: {self.fg} on {self.bg} is {self.ratio:.2f}:1 (needs {self.need}:1)"


class Audit:
    """The findings of one scenario, collected so that all failures are shown together."""

    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self.problems: list[str] = []
        """Failures that are not a ratio: a style not found, two indicators alike."""

    def text(self, role: str, cells: Iterable[Cell]) -> None:
        """Text of ``role`` in ``cells`` (blank cells ignored) against its own background."""
        shown = [cell for cell in cells if cell.char.strip()]
        if not shown:
            self.missing(role)
            return
        worst = min(shown, key=lambda cell: cell.contrast())
        fg, bg = (worst.bg, worst.fg) if worst.reverse else (worst.fg, worst.bg)
        self.findings.append(Finding(role, fg, bg, worst.contrast(), TEXT_RATIO))

    def indicator(self, role: str, mark: Colour | None, around: Colour | None) -> None:
        """A mark's colour against the background around it."""
        if mark is None or around is None:
            self.missing(role)
            return
        ratio = contrast_ratio(mark.rgb, around.rgb)
        self.findings.append(
            Finding(f"{role} (against its surroundings)", mark, around, ratio, INDICATOR_RATIO)
        )

    def missing(self, role: str) -> None:
        self.problems.append(f"{role}: not found on screen")

    def different(self, what: str, first: Colour | None, second: Colour | None) -> None:
        """Two indicators that must not look alike: their backgrounds differ."""
        if first is None or second is None or first.rgb == second.rgb:
            self.problems.append(f"{what}: both have the background {first} / {second}")

    def assert_clean(self, where: str) -> None:
        failures = [str(finding) for finding in self.findings if finding.failed]
        failures += self.problems
        assert not failures, f"{where}:\n" + "\n".join(failures)


# --- driving the reader --------------------------------------------------------------------


def open_text(
    terminal: StartTerminal,
    text: str,
    colours: ColourMode,
    theme: str,
    title: str,
    home: Path,
) -> tuple[Terminal, Screen]:
    """``reader text`` at 120×40 in ``theme``, and its screen once drawn whole; the
    reader's own themes come from settings.toml in the terminal's ``home``."""
    if theme in SETTINGS_THEMES:
        write_settings(home, f'theme = "{theme}"\n')
    term = terminal(text, width=WIDTH, height=HEIGHT, colours=colours)
    term.wait_for(title, timeout=STARTUP_SECONDS)
    term.settle()
    if theme not in ("textual-dark", *SETTINGS_THEMES):  # the default, or set already
        choose_theme(term, theme)
    return term, term.settle()


def write_settings(home: Path, text: str) -> Path:
    """settings.toml where the reader in the terminal looks for it (HOME's .config)."""
    path = home / ".config" / "rodape" / "settings.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def choose_theme(term: Terminal, theme: str) -> None:
    """Pick ``theme`` as a user does: ctrl+p, "theme", then its name."""
    term.keys("C-p")
    term.wait_for("Search for commands")
    term.type("theme")
    term.wait_for("Change the current theme")
    term.keys("Enter")
    term.wait_for("Search for themes")
    names = {line.strip() for line in term.screen().lines if THEME_NAME.fullmatch(line.strip())}
    term.type(theme)

    def narrowed(screen: Screen) -> bool:
        """The theme list narrowed to the one name typed"""
        return {line.strip() for line in screen.lines} & names == {theme}

    term.wait_for(narrowed)
    term.keys("Enter")
    term.wait_for(lambda screen: "🔎" not in screen)


def word(screen: Screen, text: str, nth: int = 0) -> tuple[Cell, ...]:
    """The cells of the ``nth`` occurrence of ``text`` on ``screen``."""
    found = list(screen.find_all(text))
    if len(found) <= nth:
        raise LookupError(f"{text!r} is on screen {len(found)} times, not {nth + 1}:\n{screen}")
    x, y = found[nth]
    return screen.span(x, y, len(text))


def changed(before: Screen, after: Screen) -> list[Cell]:
    """The cells whose character or pen changed between two screens."""
    return [
        cell
        for row, old_row in zip(after.rows, before.rows, strict=True)
        for cell, old in zip(row, old_row, strict=True)
        if cell != old
    ]


def chars(screen: Screen, char: str) -> Iterator[Cell]:
    """Every cell showing ``char``."""
    return (cell for row in screen.rows for cell in row if cell.char == char)


def background(cell: Cell) -> Colour | None:
    """The background a cell shows (its foreground when reversed)."""
    return cell.fg if cell.reverse else cell.bg


def foreground(cell: Cell) -> Colour | None:
    return cell.bg if cell.reverse else cell.fg


def press_until_changed(term: Terminal, before: Screen, key: str) -> None:
    """Press ``key`` until the screen changes (twice at most): a key pressed while the
    reader is still settling its first position can go unseen."""
    for _ in range(2):
        term.keys(key)
        try:
            term.wait_for(lambda screen: screen != before, timeout=5)
            return
        except TerminalError:
            continue
    term.wait_for(lambda screen: screen != before, timeout=1)


def drag(term: Terminal, start: tuple[int, int], end: tuple[int, int]) -> None:
    """Press the left button at ``start``, move with it held to ``end``, release: SGR
    press (0 M), motion with button 1 held (32 M) and release (0 m)."""
    (x0, y0), (x1, y1) = start, end
    term.type(f"\x1b[<0;{x0};{y0}M\x1b[<32;{(x0 + x1) // 2};{y1}M\x1b[<32;{x1};{y1}M")
    term.type(f"\x1b[<0;{x1};{y1}m")


# --- the scenarios -------------------------------------------------------------------------

ARTICLE_TITLE = "A Batalha de Stalingrado"


def audit_article(term: Terminal, first: Screen, audit: Audit) -> None:
    """The bundled article: body, terms, note numbers, the cursor, the focused link and its
    note, search matches, a selection, a bookmark and the bookmarks panel."""
    body = word(first, "derrotaram o nazismo")[0]
    page = background(body)
    audit.text("body text", word(first, "derrotaram o nazismo")[:10])
    audit.text("term", word(first, "Wehrmacht"))
    note_number = word(first, "Wehrmacht¹⁰")[-2:]
    audit.text("note number", note_number)
    cursor = next(chars(first, "▎"), None)
    audit.indicator("reading cursor ▎", foreground(cursor) if cursor else None, page)

    press_until_changed(term, first, "Tab")
    focused_screen = term.settle()
    focused = [cell for cell in changed(first, focused_screen) if cell.char.strip()]
    audit.text("focused link", focused)
    focus_bg = background(focused[0]) if focused else None
    audit.indicator("focused link", focus_bg, page)

    term.keys("Enter")
    note = term.wait_for("Esc close")
    top = next(line for line in note.lines if "╭─ " in line)
    title = top.split("╭─ ", 1)[1].split(" ─", 1)[0]
    audit.text("note popup title", word(note, f"╭─ {title}")[3:])
    audit.text("muted text (note popup hint)", word(note, "Esc close"))
    term.keys("Escape")
    term.wait_for(lambda screen: "Esc close" not in screen)
    focused_screen = term.settle()

    term.keys("/")
    term.wait_for(lambda screen: screen != focused_screen)
    term.type("nazismo")
    term.keys("Enter")
    term.wait_for(lambda screen: bool(_match_backgrounds(screen, page)))
    groups = _match_backgrounds(term.settle(), page)
    if len(groups) < 2:
        found = ", ".join(str(background(cells[0])) for cells in groups.values())
        audit.problems.append(f"current match: painted like the other matches ({found})")
    else:
        # Three matches are on screen: the current one is painted unlike the others.
        by_count = sorted(groups.values(), key=len)
        current, others = by_count[0], by_count[-1]
        audit.text("search match", others)
        audit.text("current match", current)
        current_bg = background(current[0])
        audit.indicator("current match", current_bg, page)
        audit.different("current match and focused link", current_bg, focus_bg)
    term.keys("Escape")

    before = term.settle()
    x, y = before.find("de seus comandantes")
    drag(term, (x, y), (x + 12, y))
    selected_screen = term.wait_for(lambda screen: screen.span(x, y, 5) != before.span(x, y, 5))
    selected_screen = term.settle()
    selected = selected_screen.span(x, y, 12)
    audit.text("selection", selected)
    audit.indicator("selection", background(selected[0]), page)

    term.keys("m")
    term.wait_for("Enter save")
    term.keys("Enter")
    marked = term.wait_for(lambda screen: next(chars(screen, "◆"), None) is not None)
    mark = next(chars(term.settle(), "◆"), None) or next(chars(marked, "◆"))
    audit.indicator("bookmark ◆", foreground(mark), page)

    term.keys("b")
    hint = "Enter open · e edit"
    panel = term.wait_for(hint)
    audit.text("muted text (bookmarks panel hint)", word(panel, hint))
    heading = [(x, y) for x, y in panel.find_all("Bookmarks") if y < panel.height]
    audit.text("panel heading", panel.span(*heading[0], len("Bookmarks")) if heading else ())


def _match_backgrounds(screen: Screen, page: Colour | None) -> dict[RGB, list[Cell]]:
    """The cells of "nazismo" in the text painted over the page, grouped by background
    (not those of the search results panel beside it, whose edge is a column of ▏)."""
    groups: dict[RGB, list[Cell]] = {}
    rows = range(2, screen.height - 2)
    edges = [
        x for x in range(1, screen.width + 1) if all(screen.cell(x, y).char == "▏" for y in rows)
    ]
    for x, y in screen.find_all("nazismo"):
        if not 1 < y < screen.height - 2:  # the header, the status line, the footer
            continue
        if edges and x > edges[0]:
            continue
        cells = screen.span(x, y, len("nazismo"))
        shown = background(cells[0])
        if shown is not None and (page is None or shown.rgb != page.rgb):
            groups.setdefault(shown.rgb, []).extend(cells)
    return groups


def audit_sample(first: Screen, audit: Audit) -> None:
    """Our own text: a code span, a web link, a note mark and number, a quote."""
    page = background(word(first, "Plain words")[0])
    audit.text("body text", word(first, "Plain words"))
    audit.text("code span", word(first, "reader check"))
    audit.text("web link", word(first, "web"))
    audit.text("note mark", word(first, "footnote¹")[-1:])
    audit.text("note number (notes section)", word(first, "¹   The")[:1])
    audit.text("quote text", word(first, "A quoted line"))
    bar = word(first, "│ A quoted")[0]
    audit.indicator("quote bar │", foreground(bar), page)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("colours", COLOURS)
def test_the_article_and_its_panels_are_readable(
    terminal: StartTerminal, tmp_path: Path, colours: ColourMode, theme: str
) -> None:
    home = tmp_path / "home"
    term, first = open_text(terminal, "stalingrado", colours, theme, ARTICLE_TITLE, home)
    audit = Audit()
    audit_article(term, first, audit)
    audit.assert_clean(f"the bundled article in {theme}, {colours} colours")


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("colours", COLOURS)
def test_code_links_notes_and_quotes_are_readable(
    terminal: StartTerminal, tmp_path: Path, colours: ColourMode, theme: str
) -> None:
    sample = tmp_path / "colours.md"
    sample.write_text(SAMPLE, encoding="utf-8")
    _, first = open_text(terminal, str(sample), colours, theme, "Plain words", tmp_path / "home")
    audit = Audit()
    audit_sample(first, audit)
    audit.assert_clean(f"the sample text in {theme}, {colours} colours")
