"""The Rodapé app: the article, its notes, and the keys to read them.

The app owns loading (in a worker thread, so the first frame never waits for a book) and
turns followed links into popups. Widgets only render and report.
"""

from __future__ import annotations

import re
import webbrowser
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from textual import events, on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.css.scalar import Unit
from textual.widgets import Footer, Header, Input, Static

from reader.document import Document, NoteKind, SpanKind, parse_document
from reader.glossary import GlossarySet
from reader.index.aids import ReadingAids
from reader.index.search import SearchCursor, SearchHit
from reader.layout import LinkTarget
from reader.linking import Marks, entry_document, footnote_document, link_document
from reader.pipeline import OpenedText, TextRef, glossaries_for, open_text, resolve_text
from reader.text.errors import ReaderError
from reader.text.sanitize import is_safe_url, visible_line
from reader.text.textfile import read_text
from reader.ui.commands import HeadingCommands, TermCommands
from reader.ui.dialogs.bookmark_dialog import BookmarkDialog
from reader.ui.dialogs.link_screen import OpenLinkScreen
from reader.ui.dialogs.note_screen import NoteScreen
from reader.ui.jumps import JumpPoint, JumpStack
from reader.ui.messages import AidsReady, LoadProgress, TextFailed, TextLoaded
from reader.ui.panels.base import SidePanel
from reader.ui.panels.bookmarks import BookmarkAction, BookmarksPanel
from reader.ui.panels.context import ContextPanel
from reader.ui.panels.glossary import GlossaryPanel
from reader.ui.widgets.article_view import ArticleView
from reader.userdata import Bookmark, BookmarkStore, open_store
from reader.userdata.session import ReadingSession
from reader.userdata.settings import MAX_PANEL_WIDTH, MIN_PANEL_WIDTH, UiSettings

NARROW_WIDTH = 100
"""Below this many columns, side panels overlay the text instead of narrowing it."""

READABLE_WIDTH = 60
"""Panels that would leave the text narrower than this overlay it instead."""

TWO_STEP_LOAD_CHARS = 300_000
"""Texts larger than this are shown before their glossary is matched, then relinked."""


LONG_PASSAGE_CHARS = 4_000
"""A passage longer than this is bookmarked by the part of it on screen (m at the cursor):
a bookmark quotes what the reader saw, not a chapter-long paragraph."""

HEAD_CHARS = 60_000
"""How much of a long text is parsed first, to show its opening screen at once."""

HEAD_REACH = 4 * HEAD_CHARS
"""How far past :data:`HEAD_CHARS` a blank line may be to cut the opening there."""

_FENCE = re.compile(r"^ {0,3}(```|~~~)", re.MULTILINE)


def text_head(source: str) -> str | None:
    """The opening of a long text, or None for a text too short to need one.

    Cut at a blank line outside code fences if one is near, else at a line break, else
    at a space (a book-long list or paragraph). Shown while the whole text is parsed;
    anything defined further down (footnotes, link references) appears a moment later,
    when the full parse replaces it.
    """
    if len(source) <= HEAD_CHARS:
        return None
    cut = source.find("\n\n", HEAD_CHARS, HEAD_CHARS + HEAD_REACH)
    while cut != -1:
        if len(_FENCE.findall(source, 0, cut)) % 2 == 0:
            return source[:cut]
        cut = source.find("\n\n", cut + 2, HEAD_CHARS + HEAD_REACH)
    for separator in ("\n", " "):
        cut = source.find(separator, HEAD_CHARS)
        if cut != -1:
            return source[:cut]
    return None


def _panel_width(panel: SidePanel) -> int:
    """Columns a docked panel takes (its set width; a usual width if relative)."""
    scalar = panel.styles.width
    if scalar is not None and scalar.unit is Unit.CELLS:
        return int(scalar.value)
    return MIN_PANEL_WIDTH + 16


class ReaderApp(App[None]):
    """Read one text; Tab through its links; Enter opens a note; panels look things up."""

    CSS_PATH = "app.tcss"
    TITLE = "Rodapé"
    COMMANDS = App.COMMANDS | {TermCommands, HeadingCommands}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark", "toggle_keys", "Keys", key_display="?"),
        Binding("slash", "search", "Search", key_display="/"),
        Binding("n", "search_next(1)", "Next match", show=False),
        Binding("N", "search_next(-1)", "Previous match", show=False),
        Binding("g", "toggle_panel('glossary-panel')", "Glossary"),
        Binding("c", "toggle_panel('context-panel')", "Context"),
        Binding("b", "toggle_panel('bookmarks-panel')", "Bookmarks"),
        Binding("m", "bookmark", "Mark"),
        Binding("u", "undo_delete", "Undo delete", show=False),
        Binding("J,shift+down", "cursor(1)", "Next passage", show=False),
        Binding("K,shift+up", "cursor(-1)", "Previous passage", show=False),
        Binding("backspace", "go_back", "Back", key_display="⌫"),
        Binding("right_square_bracket", "mention(1)", "Next mention", key_display="]"),
        Binding("left_square_bracket", "mention(-1)", "Prev mention", key_display="[", show=False),
        Binding("escape", "focus_article", "Article", show=False),
        Binding("less_than_sign", "resize_panel(-4)", "Narrower panel", show=False),
        Binding("greater_than_sign", "resize_panel(4)", "Wider panel", show=False),
    ]
    """App-wide keys; reading keys live on the article view. ``/`` searches and ``n``/``N``
    go on to the next and previous match; ``]``/``[`` do the same for a term's mentions."""

    def __init__(
        self,
        text: TextRef,
        *,
        source: str | None = None,
        extra_glossaries: Sequence[Path] = (),
        marks: Marks = "first",
        data_dir: Path | None = None,
    ) -> None:
        super().__init__()
        self.data_dir = data_dir
        """Where settings (and bookmarks) are kept; None keeps nothing between sessions."""
        self.settings = UiSettings.load(data_dir)
        self.text = text
        self._source = source
        self._extra = tuple(extra_glossaries)
        self._marks: Marks = marks
        self.opened: OpenedText | None = None
        """The text as loaded and linked, once it is."""
        self.aids: ReadingAids | None = None
        """Per-text tables for panels and mention keys, once computed."""
        self.jumps = JumpStack()
        """Where Backspace goes back to."""
        self.store: BookmarkStore | None = open_store(data_dir) if data_dir is not None else None
        """Bookmarks and positions; None when nothing is kept between sessions."""
        self.session: ReadingSession | None = None
        """This text's bookmarks and position, once loaded."""
        self._deleted: Bookmark | None = None
        self._pending_bookmark: str | None = None
        self._saved_block: int | None = None
        self._progress_shown = False
        """Whether the status line says how loading is going (and may be replaced)."""
        self.searching = SearchCursor()
        """The last search (/) and the match gone to (n/N)."""
        self._article: ArticleView | None = None
        self._current_mention: tuple[str, int, int] | None = None

    def compose(self) -> ComposeResult:
        yield Header(icon="¶")
        with Horizontal(id="body"):
            yield ContextPanel(id="context-panel", classes="panel")
            yield GlossaryPanel(id="glossary-panel", classes="panel")
            yield BookmarksPanel(id="bookmarks-panel", classes="panel")
            yield ArticleView(id="article")
        yield Static(id="status")
        yield Input(placeholder="Search, ignoring case and accents…", id="search")
        yield Footer()

    @property
    def article(self) -> ArticleView:
        """The main reading view."""
        if self._article is None:
            self._article = self.query_one("#article", ArticleView)
        return self._article

    def on_mount(self) -> None:
        self.sub_title = visible_line(self.text.name)
        for panel in self.query(".panel").results(SidePanel):
            panel.display = panel.id in self.settings.open_panels
            width = self.settings.panel_widths.get(panel.id or "")
            if width:
                panel.styles.width = width
        self._arrange_panels()
        if self.store is not None and self.store.problem:
            self.notify(self.store.problem, severity="warning", markup=False, timeout=15)
        if self.settings.problem:
            self.notify(self.settings.problem, severity="warning", markup=False)
        self.article.describe_link = self.describe_link
        self.article.focus()
        self._load()

    def on_resize(self, event: events.Resize) -> None:
        self._arrange_panels()

    def _arrange_panels(self) -> None:
        """Dock panels beside the text while it keeps a readable width; else overlay."""
        width = self.size.width
        panels = sum(_panel_width(p) for p in self.query(".panel").results(SidePanel) if p.display)
        narrow = width < NARROW_WIDTH or width - panels < READABLE_WIDTH
        self.screen.set_class(narrow, "-narrow")

    # Loading ---------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="load")
    def _load(self) -> None:
        """Read, parse and link the text away from the UI thread; a long text is shown
        as soon as it is parsed (its opening even sooner) and linked after, each step
        said in the status line."""
        name = visible_line(self.text.name)
        try:
            if self._source is None:
                self.post_message(LoadProgress(f"Reading {name}…"))
                self._source = read_text(self.text.path, display_name=self.text.name)
            if len(self._source) <= TWO_STEP_LOAD_CHARS:
                opened = open_text(self.text, self._extra, marks=self._marks, source=self._source)
                aids = ReadingAids.build(opened)
                self.post_message(TextLoaded(opened, True, aids, self._session_for(opened)))
                return
            size = f"{len(self._source):,} characters"
            self.post_message(LoadProgress(f"Loading {name} ({size}): reading the text…"))
            head = text_head(self._source)
            if head is not None:
                first = parse_document(head, self.text.path, display_name=self.text.name)
                opening = OpenedText(self.text, link_document(first, None), GlossarySet(), ())
                self.post_message(TextLoaded(opening, False))
            document = parse_document(self._source, self.text.path, display_name=self.text.name)
            plain = link_document(document, None)
            self.post_message(TextLoaded(OpenedText(self.text, plain, GlossarySet(), ()), False))
            self.post_message(LoadProgress(f"Loading {name}: linking glossary terms…"))
            found = glossaries_for(document, self.text.path, self._extra)
            linked = link_document(document, found.glossary_set, marks=self._marks)
            problems = (*document.warnings, *found.problems)
            opened = OpenedText(self.text, linked, found.glossary_set, problems)
            self.post_message(TextLoaded(opened, True))
            self.post_message(LoadProgress(f"Loading {name}: indexing mentions and bookmarks…"))
            aids = ReadingAids.build(opened)
            self.post_message(AidsReady(opened, aids, self._session_for(opened)))
        except ReaderError as error:
            self.post_message(TextFailed(error))

    def _session_for(self, opened: OpenedText) -> ReadingSession | None:
        """Bookmarks and position of the text (in the loading thread: it reads SQLite)."""
        if self.store is None or self._source is None:
            return None
        return ReadingSession(self.store, self.text, self._source, opened.document)

    @on(TextLoaded)
    def _show_text(self, event: TextLoaded) -> None:
        moved = self._reader_moved()
        self.opened = event.opened
        self.aids = None
        self.sub_title = event.opened.document.meta.title
        self.article.show(event.opened.document)
        if event.linked:
            for problem in event.opened.problems:
                self.notify(str(problem), severity="warning", markup=False, timeout=8)
        if event.aids is not None:
            self._show_aids(AidsReady(event.opened, event.aids, event.session), moved)

    def _reader_moved(self) -> bool:
        """Whether the reader has moved in a text shown before it was fully loaded (a
        long text can be read before its bookmarks are loaded: they stay where they
        are)."""
        return self.opened is not None and (round(self.article.scroll_y) > 0 or len(self.jumps) > 0)

    @on(AidsReady)
    def _aids_ready(self, event: AidsReady) -> None:
        self._show_aids(event, self._reader_moved())

    def _show_aids(self, event: AidsReady, moved: bool) -> None:
        if event.opened is not self.opened:
            return  # a text opened since
        self.aids = event.aids
        if event.session is not None:
            self.session = event.session
            self._bookmarks_changed()
            self._restore_position(event.session, reader_moved=moved)
        document = event.opened.document
        self.query_one(ContextPanel).set_text(
            document,
            event.aids.progress,
            event.aids.mentions,
            event.opened.glossaries,
            event.aids.context,
        )
        self.query_one(GlossaryPanel).set_text(
            event.opened.glossaries, event.aids.mentions, document.meta.language
        )
        self._passage_changed()
        if self._progress_shown:
            self._status("")

    @on(TextFailed)
    def _show_failure(self, event: TextFailed) -> None:
        self._status(str(event.error), error=True)
        self.notify(str(event.error), severity="error", markup=False, timeout=30)

    @on(LoadProgress)
    def _show_progress(self, event: LoadProgress) -> None:
        if self._progress_shown or not self.query_one("#status", Static).has_class("-shown"):
            self._status(event.step)
            self._progress_shown = True

    def _status(self, text: str, *, error: bool = False) -> None:
        """Say ``text`` in the status line (hide it for ""), replacing what it said."""
        status = self.query_one("#status", Static)
        status.update(Content(text))
        status.set_class(bool(text), "-shown")
        status.set_class(error, "-error")
        self._progress_shown = False

    # Panels ----------------------------------------------------------------------------

    def action_toggle_panel(self, panel_id: str) -> None:
        """Show a side panel and focus it; focus it if shown elsewhere; else hide it."""
        panel = self.query_one(f"#{panel_id}", SidePanel)
        focused = self.focused
        if panel.display and not (focused is not None and focused in panel.walk_children()):
            self._focus_panel(panel)
            return
        panel.display = not panel.display
        self._arrange_panels()
        self._save_panels()
        if panel.display:
            self._focus_panel(panel)
            self._passage_changed()
        else:
            self.article.focus()

    def _focus_panel(self, panel: SidePanel) -> None:
        if isinstance(panel, GlossaryPanel):
            self.query_one("#gl-filter").focus()
        elif isinstance(panel, BookmarksPanel):
            self.query_one("#bm-list").focus()
        else:
            panel.focus()

    def action_resize_panel(self, delta: int) -> None:
        """Widen or narrow the open panel that has the focus (or the last one shown)."""
        panels = [p for p in self.query(".panel").results(SidePanel) if p.display]
        if not panels:
            return
        focused = self.focused
        panel = next(
            (p for p in panels if focused is not None and focused in p.walk_children()), panels[-1]
        )
        width = panel.outer_size.width + delta
        width = max(MIN_PANEL_WIDTH, min(MAX_PANEL_WIDTH, width))
        panel.styles.width = width
        self.settings.panel_widths[panel.id or ""] = width
        self._arrange_panels()
        self._save_panels()

    def _save_panels(self) -> None:
        self.settings.open_panels = [
            p.id or "" for p in self.query(".panel").results(SidePanel) if p.display
        ]
        self.settings.save(self.data_dir)

    def action_focus_article(self) -> None:
        """Back to the text from a panel (or the search bar); in the text, stop marking
        the matches of the last search."""
        field = self.query_one("#search", Input)
        if self.article.has_focus and not field.has_class("-shown"):
            self.article.matches_in = None
            self.article.refresh()
        field.remove_class("-shown")
        self.article.focus()

    def action_toggle_keys(self) -> None:
        """Show every key of the focused part (and the app's) beside the text, or hide it."""
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    # Search ----------------------------------------------------------------------------

    def action_search(self) -> None:
        """Open the search bar, the last query in it."""
        field = self.query_one("#search", Input)
        field.add_class("-shown")
        field.focus()
        field.select_all()

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_focus_article()
        document = self.article.document
        if document is None or not event.value.strip():
            return
        place = self.article.reading_place() or (0, 0)
        self._show_match(self.searching.search(document, event.value, place), remember=True)

    def action_search_next(self, step: int) -> None:
        """Go to the next (``step`` 1) or previous (-1) match of the last search."""
        document = self.article.document
        if self.searching.results is None or document is None:
            self.notify("Search first: /", timeout=2)
            return
        first = self.searching.current is None
        place = self.article.reading_place() or (0, 0)
        self._show_match(self.searching.step(document, step, place), remember=first)

    def _show_match(self, match: SearchHit | None, *, remember: bool = False) -> None:
        """Show ``match`` and mark the others; with ``remember``, Backspace comes back to
        where the reader was (once per search: not to every match seen on the way)."""
        results = self.searching.results
        self.article.matches_in = results.in_block if results is not None else None
        self._status(self.searching.status())
        if match is None:
            self.article.refresh()
        elif remember:
            self.jump_to_block(match.block, match.start, match.end)
        else:
            self.article.jump_to(match.block, match.start, match.end)

    @on(ArticleView.ReadingMoved, "#article")
    def _reading_moved(self, event: ArticleView.ReadingMoved) -> None:
        self.query_one(ContextPanel).show_passage(
            event.first_block, event.last_block, event.start, event.end
        )
        view = self.article
        cursor = view.cursor_block
        if cursor is None or not event.first_block <= cursor <= event.last_block:
            self._set_cursor(self._first_passage(event.first_block, event.last_block))
        self._save_position(event.first_block)

    def _passage_changed(self) -> None:
        shown = self.article.visible_passage()
        if shown is not None:
            self.query_one(ContextPanel).show_passage(*shown)
            if self.article.cursor_block is None:
                self._set_cursor(self._first_passage(*shown[:2]))

    @on(SidePanel.TermChosen)
    def _term_chosen(self, event: SidePanel.TermChosen) -> None:
        self.open_term(event.term)

    @on(SidePanel.BlockChosen)
    def _block_chosen(self, event: SidePanel.BlockChosen) -> None:
        self.jump_to_block(event.block, event.start, event.end)

    # Jumps -----------------------------------------------------------------------------

    def _here(self) -> JumpPoint:
        view = self.article
        width = view.text_layout.width if view.text_layout else 0
        return JumpPoint(round(view.scroll_y), width, view.reading_anchor())

    def jump_to_block(self, block: int, start: int | None = None, end: int | None = None) -> None:
        """Jump to a block (or passage), remembering where the reader was."""
        self.jumps.push(self._here())
        self.article.jump_to(block, start, end)

    def action_go_back(self) -> None:
        """Return to where the last jump started."""
        point = self.jumps.pop()
        if point is None:
            self.notify("Nowhere to go back to.", timeout=2)
            return
        view = self.article
        view.highlight = None
        layout = view.text_layout
        if layout is not None and layout.width == point.width:
            view.scroll_to_line(point.y)
        elif point.anchor is not None:
            view.go_to_anchor(point.anchor)
        view.refresh()

    # Mentions --------------------------------------------------------------------------

    def _mention_term(self) -> str | None:
        view = self.article
        layout = view.text_layout
        if layout is not None and view.focused_link is not None:
            link = layout.links[view.focused_link]
            if link.kind is SpanKind.TERM_REF:
                return link.target
        panel = self.query_one(GlossaryPanel)
        if panel.display and panel.selected:
            return panel.selected
        if self._current_mention is not None:
            return self._current_mention[0]
        return None

    def action_mention(self, step: int) -> None:
        """Next (``step`` 1) or previous (-1) mention of the focused or selected term."""
        if self.aids is None:
            return
        term = self._mention_term()
        if term is None:
            self.notify("Focus a term (Tab) or select one in the glossary (g) first.", timeout=3)
            return
        block, offset = self._mention_origin(term)
        mention = self.aids.mentions.next_mention(term, block, offset, step)
        if mention is None:
            self._status(f"{term}: not mentioned in this text")
            return
        self._current_mention = (term, mention.block_index, mention.start)
        self.jump_to_block(mention.block_index, mention.start, mention.end)
        number = self.aids.mentions.mention_index(term, mention.block_index, mention.start) + 1
        self._status(f"{term}: {number} of {self.aids.mentions.count(term)}")

    def _mention_origin(self, term: str) -> tuple[int, int]:
        """Where to count the next mention from: the last one visited, else the focused
        link, else the top of the screen."""
        if self._current_mention is not None and self._current_mention[0] == term:
            return self._current_mention[1], self._current_mention[2]
        view = self.article
        layout = view.text_layout
        if layout is not None and view.focused_link is not None:
            link = layout.links[view.focused_link]
            if link.target == term:
                found = (
                    [m for m in self.aids.mentions.mentions(term) if m.block_index == link.block]
                    if self.aids
                    else []
                )
                if found:
                    return found[0].block_index, found[0].start
        shown = view.visible_block_range()
        return (shown[0], -1) if shown else (0, -1)

    # Bookmarks and reading position --------------------------------------------------------

    def _restore_position(self, session: ReadingSession, *, reader_moved: bool) -> None:
        """Go to the bookmark the text was opened for, else to where the reader left it
        (unless they have moved since the text appeared)."""
        if reader_moved and self._pending_bookmark is None:
            return
        view = self.article
        layout = view.text_layout
        if self._pending_bookmark is not None:
            uuid, self._pending_bookmark = self._pending_bookmark, None
            found = [session.passage(i) for i in session.bookmarks if i.bookmark.uuid == uuid]
            target = found[0] if found else None
            if target is not None:

                def jump() -> None:
                    view.jump_to(target.block, target.start, target.end)
                    self._set_cursor(target.block)

                self.call_after_refresh(jump)
            return
        saved = session.saved_position()
        if saved is None or layout is None:
            return
        self._saved_block = saved.block

        def restore() -> None:
            # After the first layout: the view's width (and so its lines) is final.
            current = view.text_layout
            if current is not None:
                view.scroll_to_line(current.offset_line(saved.block, saved.start or 0))
            self._set_cursor(saved.block)

        self.call_after_refresh(restore)

    def on_unmount(self) -> None:
        """Keep the reading position however the app ends (q, Ctrl+C, a test's exit)."""
        place = self.article.reading_place() if self.opened is not None else None
        if place is not None:
            self._save_position(*place)

    def _save_position(self, block: int, offset: int | None = None) -> None:
        """Remember the block read (and, when leaving, the offset in it: a block can be
        a book-long paragraph); scrolling within a block writes nothing."""
        if self.session is None or (block == self._saved_block and offset is None):
            return
        self._saved_block = block
        try:
            self.session.save_position(block, offset or 0)
        except ReaderError as error:
            self._status(str(error), error=True)

    def _first_passage(self, first: int, last: int) -> int | None:
        session = self.session
        if session is None:
            return None
        return next((b for b in range(first, last + 1) if session.can_bookmark(b)), None)

    def _set_cursor(self, block: int | None) -> None:
        view = self.article
        if view.cursor_block != block:
            view.cursor_block = block
            view.refresh()

    def action_cursor(self, step: int) -> None:
        """Move the reading cursor to the next (1) or previous (-1) passage."""
        session = self.session
        view = self.article
        layout = view.text_layout
        if session is None or layout is None:
            return
        count = len(layout.document.blocks)
        if view.cursor_block is None:
            shown = view.visible_block_range() or (0, count - 1)
            self._set_cursor(self._first_passage(*shown))
            return
        block = view.cursor_block + step
        while 0 <= block < count and not session.can_bookmark(block):
            block += step
        if not 0 <= block < count:
            return
        self._set_cursor(block)
        top, bottom = view.visible_lines()
        first_line = layout.offset_line(block, 0)
        last_line = layout.block_top(block) + layout.block_height(block) - 1
        on_screen = first_line <= bottom and last_line >= top
        fits = last_line - first_line <= bottom - top
        # Bring the passage into view, whole if it fits; one longer than the screen that
        # is already on it stays where the reader is in it.
        if not on_screen or (fits and (first_line < top or last_line > bottom)):
            view.scroll_to_line(max(0, first_line - 1))

    @on(ArticleView.PassageClicked, "#article")
    def _passage_clicked(self, event: ArticleView.PassageClicked) -> None:
        if self.session is not None and self.session.can_bookmark(event.block):
            self._set_cursor(event.block)

    def _bookmarks_off(self) -> bool:
        if self.session is None:
            reason = self.store.problem if self.store is not None else "no data folder"
            self.notify(f"Bookmarks are unavailable: {reason}", severity="warning", markup=False)
            return True
        if self.session.store.read_only:
            self.notify(self.session.store.problem, severity="warning", markup=False, timeout=10)
            return True
        return False

    def action_bookmark(self) -> None:
        """Bookmark the selected text, or the passage at the cursor; asks for a note."""
        if self._bookmarks_off():
            return
        session = self.session
        view = self.article
        assert session is not None
        selection = view.selection
        if selection is not None and session.can_bookmark(selection[0]):
            block, start, end = selection
            quote = view.selected_text() or ""
        elif view.cursor_block is not None and session.can_bookmark(view.cursor_block):
            block, start, end = view.cursor_block, -1, -1
            quote = session.document.blocks[block].text
            if len(quote) > LONG_PASSAGE_CHARS:
                # A passage as long as a chapter: the part of it on screen.
                start, end = view.shown_range(block)
                quote = quote[start:end]
        else:
            self.notify("Move the cursor to a passage first (J/K or a click).", timeout=3)
            return

        def save(note: str | None) -> None:
            if note is None:
                return
            try:
                if start >= 0:
                    session.add_range(block, start, end, note)
                else:
                    session.add_block(block, note)
            except (ReaderError, ValueError) as error:
                self.notify(f"Not saved: {error}", severity="error", markup=False)
                return
            view.selection = None
            self._bookmarks_changed()
            self.notify("Bookmarked.", timeout=2)

        self.push_screen(BookmarkDialog(quote), save)

    def _bookmarks_changed(self) -> None:
        session = self.session
        if session is None:
            return
        self.article.marked_blocks = session.marked_blocks()
        self.article.refresh()
        self.query_one(BookmarksPanel).set_bookmarks(session.bookmarks, session.store.all())

    @on(BookmarkAction)
    def _bookmark_action(self, event: BookmarkAction) -> None:
        session = self.session
        if session is None:
            return
        if event.action == "open":
            self._open_bookmark(event)
            return
        if self._bookmarks_off():
            return
        bookmark = event.bookmark
        if event.action == "edit":

            def edited(note: str | None) -> None:
                if note is not None:
                    try:
                        session.update_note(bookmark.id, note)
                    except ReaderError as error:
                        self.notify(str(error), severity="error", markup=False)
                    self._bookmarks_changed()

            quote = bookmark.anchor.quote
            self.push_screen(BookmarkDialog(quote, note=bookmark.note, title="Edit note"), edited)
        elif event.action == "delete":
            try:
                self._deleted = session.delete(bookmark.id)
            except ReaderError as error:
                self.notify(str(error), severity="error", markup=False)
                return
            self._bookmarks_changed()
            self.notify("Bookmark deleted — press u to undo.", timeout=6)

    def action_undo_delete(self) -> None:
        """Bring back the bookmark deleted last."""
        if self.session is None or self._deleted is None:
            return
        try:
            self.session.restore(self._deleted)
        except ReaderError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self._deleted = None
        self._bookmarks_changed()
        self.notify("Bookmark restored.", timeout=2)

    def _open_bookmark(self, event: BookmarkAction) -> None:
        session = self.session
        assert session is not None
        resolved = event.resolved
        if resolved is None:
            here = [r for r in session.bookmarks if r.bookmark.uuid == event.bookmark.uuid]
            resolved = here[0] if here else None
        if resolved is not None:
            passage = session.passage(resolved)
            if passage is None:
                self.notify("This bookmark's passage is no longer in the text.", severity="warning")
                return
            self.jump_to_block(passage.block, passage.start, passage.end)
            self._set_cursor(passage.block)
            self.article.focus()
            return
        self._switch_text(event.bookmark.text.path, event.bookmark.uuid)

    def _switch_text(self, path: str, bookmark_uuid: str | None = None) -> None:
        """Open another text in this window (from the all-texts bookmarks view)."""
        ref = resolve_text(path)
        try:
            source = read_text(ref.path, display_name=ref.name)
        except ReaderError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.text, self._source = ref, source
        self.opened, self.aids, self.session = None, None, None
        self._pending_bookmark = bookmark_uuid
        self._saved_block = None
        self.jumps.clear()
        self._load()

    # Notes and links -------------------------------------------------------------------

    def describe_link(self, link: LinkTarget) -> str | None:
        """Tooltip text for a link: a term's summary, a footnote's number, a URL."""
        if link.kind is SpanKind.TERM_REF and self.opened is not None:
            term = self.opened.glossaries.terms.get(link.target)
            return f"{term.term}: {term.short}" if term else None
        if link.kind is SpanKind.LINK:
            return visible_line(link.target)
        return None

    def note_for(self, link: LinkTarget) -> Document | None:
        """The document of the note a link points to: glossary entry or footnote."""
        if self.opened is None:
            return None
        language = self.opened.document.meta.language
        if link.kind is SpanKind.TERM_REF:
            term = self.opened.glossaries.terms.get(link.target)
            return entry_document(term, self.opened.glossaries, language) if term else None
        if link.kind is SpanKind.NOTE_REF:
            for note in self.opened.document.notes:
                if note.key == link.target and note.kind is NoteKind.FOOTNOTE:
                    return footnote_document(note, language)
        return None

    def open_term(self, key: str) -> None:
        """Open the note of glossary term ``key`` in the popup."""
        document = self.note_for(LinkTarget(-1, -1, SpanKind.TERM_REF, key))
        if document is not None:
            self.push_screen(NoteScreen(document, self.note_for))

    @on(ArticleView.LinkActivated)
    def _follow(self, event: ArticleView.LinkActivated) -> None:
        if event.link.kind is SpanKind.LINK:
            self._offer_url(event.link.target)
            return
        document = self.note_for(event.link)
        if document is not None:
            self.push_screen(NoteScreen(document, self.note_for))

    def _offer_url(self, url: str) -> None:
        if not is_safe_url(url):
            self.notify(
                f"Not followed (only http, https and mailto links open): {visible_line(url)}",
                severity="warning",
                markup=False,
            )
            return

        def answered(open_it: bool | None) -> None:
            if open_it:
                webbrowser.open(url)

        self.push_screen(OpenLinkScreen(url), answered)
