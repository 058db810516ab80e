"""The reading screen: the text, its side panels, the status line and the search bar.

The screen composes the widgets, holds what they show (the text opened, its tables, its
bookmarks) and routes keys and messages to the part that does the job: loading
(:mod:`.loading`), places and jumps (:mod:`.places`), search and mentions
(:mod:`.finding`), bookmarks (:mod:`.bookmarking`), notes and links (:mod:`.notes`), the
measure, justification and zen mode (:mod:`.looks`), the panels' dock
(:mod:`reader.ui.panels.dock`). Widgets only render and report.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import events, on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Header, Input

from reader.document import SpanKind
from reader.index.aids import ReadingAids
from reader.layout import DocumentLayout, ShownPassage
from reader.linking import OpenedText
from reader.pipeline import Indexed, LoadRequest, Progress, Shown
from reader.pipeline.problems import notifications
from reader.text.i18n import _
from reader.text.sanitize import visible_line
from reader.ui.commands import GlossaryChoiceCommands, HeadingCommands, TermCommands
from reader.ui.keymap import Scope, bindings
from reader.ui.messages import LoadFailed, LoadStage
from reader.ui.panels.base import SidePanel
from reader.ui.panels.bookmarks import BookmarkAction, BookmarksPanel
from reader.ui.panels.context import ContextPanel
from reader.ui.panels.dock import PanelDock
from reader.ui.panels.glossary import GlossaryPanel
from reader.ui.panels.search_results import SearchResultsPanel
from reader.ui.panels.tables import PanelTables
from reader.ui.reading.bookmarking import Bookmarking
from reader.ui.reading.finding import Finding
from reader.ui.reading.glossary_choosing import GlossaryChoosing
from reader.ui.reading.loading import Loader
from reader.ui.reading.looks import Looks
from reader.ui.reading.notes import Notes
from reader.ui.reading.places import Places
from reader.ui.reading.reloading import Reloading
from reader.ui.reading.selecting import Selecting
from reader.ui.settings import AppSettings
from reader.ui.widgets.article_messages import (
    LinkActivated,
    LinkFocused,
    PassageClicked,
    ReadingMoved,
    TextSelected,
)
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.key_bar import KeyBar
from reader.ui.widgets.keys_panel import KeysPanel
from reader.ui.widgets.search_bar import SearchBar
from reader.ui.widgets.status_line import StatusLine
from reader.userdata.session import ReadingSession
from reader.userdata.ui_state import UiState


class ReadingScreen(Screen[None]):
    """Read one text; Tab through its links; Enter opens a note; panels look things up."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(Scope.READING)
    """Keys of the reading screen; reading keys live on the article view."""
    COMMANDS = {TermCommands, HeadingCommands, GlossaryChoiceCommands}

    passage: reactive[ShownPassage | None] = reactive(None, repaint=False)
    """What the text shows now (the context panel follows it)."""

    def __init__(
        self,
        request: LoadRequest,
        state: UiState,
        save_state: Callable[[], None],
        settings: AppSettings | None = None,
        *,
        at_bookmark: str | None = None,
    ) -> None:
        """``at_bookmark``: the uuid of the bookmark to open the text at, if any."""
        super().__init__()
        self.request = request
        """The text being read, as it was asked for."""
        self.settings = settings or AppSettings()
        """The settings in force (measure, justification, reading speed)."""
        self.opened: OpenedText | None = None
        """The text as loaded and linked, once it is."""
        self.aids: ReadingAids | None = None
        """Per-text tables for panels and mention keys, once computed."""
        self.session: ReadingSession | None = None
        """This text's bookmarks and position, once loaded."""
        self._article: ArticleView | None = None
        self.loader = Loader(self, lambda document: self.article.new_layout(document))
        self.places = Places(self)
        self.places.forget(at_bookmark)
        self.finding = Finding(self)
        self.bookmarking = Bookmarking(self)
        self.notes = Notes(self)
        self.looks = Looks(self)
        self.selecting = Selecting(self)
        self.reloading = Reloading(self)
        self.glossary_choosing = GlossaryChoosing(self)
        self.dock = PanelDock(
            self, lambda: self.query(".panel").results(SidePanel), state, save_state
        )

    def compose(self) -> ComposeResult:
        yield Header(icon="¶")
        with Horizontal(id="body"):
            yield ContextPanel(id="context-panel", classes="panel").data_bind(ReadingScreen.passage)
            yield GlossaryPanel(id="glossary-panel", classes="panel")
            yield BookmarksPanel(id="bookmarks-panel", classes="panel")
            yield SearchResultsPanel(id="results-panel", classes="panel")
            yield KeysPanel(id="keys-panel", classes="panel")
            yield ArticleView(id="article")
        yield StatusLine(id="status")
        yield SearchBar(id="search")
        yield KeyBar(id="keys")

    @property
    def article(self) -> ArticleView:
        """The main reading view (kept: it is still asked where the reader is while the
        screen is being taken down)."""
        if self._article is None:
            self._article = self.query_one("#article", ArticleView)
        return self._article

    @property
    def status(self) -> StatusLine:
        """The line under the text."""
        return self.query_one(StatusLine)

    def on_mount(self) -> None:
        self.sub_title = visible_line(self.request.ref.name)
        self.dock.restore()
        self.looks.apply()
        self.query_one(ContextPanel).words_per_minute = self.settings.current.reading_speed
        self.article.describe_link = self.notes.describe_link
        self.article.follow_reading = self.bookmarking.follow
        self.article.focus()
        self.reloading.start()
        self.loader.start(self.request)
        self.request = self.request.kept()  # the load has the text; it lets go of it

    def on_resize(self, event: events.Resize) -> None:
        self.dock.arrange(event.size.width)

    def open_text(self, request: LoadRequest, bookmark_uuid: str | None = None) -> None:
        """Read another text in this screen (from the all-texts bookmarks view)."""
        self.request = request
        self.opened, self.aids, self.session = None, None, None
        self.status.say("")  # nothing said of the text before is true of this one
        self.places.forget(bookmark_uuid)
        self.finding.forget()
        self.bookmarking.forget()
        self.article.matches_in = None
        self.loader.start(request)
        self.request = request.kept()  # the load has the text; it lets go of it

    # What the load brings ----------------------------------------------------------------

    @on(LoadStage)
    def _stage(self, event: LoadStage) -> None:
        if not self.loader.is_current(event.load_id):
            return  # a load superseded by another text
        stage = event.stage
        if isinstance(stage, Progress):
            self.status.progress(stage.step)
        elif isinstance(stage, Shown):
            if self.reloading.accept(stage):
                self._show(stage, event.tables, event.layout)
        elif isinstance(stage, Indexed) and event.tables is not None:
            self._index(stage, self.places.reader_moved(), event.tables)

    @on(LoadFailed)
    def _failed(self, event: LoadFailed) -> None:
        if not self.loader.is_current(event.load_id):
            return
        self.status.say(str(event.error), error=True)
        self.notify(str(event.error), severity="error", markup=False, timeout=30)

    def _show(
        self, stage: Shown, tables: PanelTables | None, layout: DocumentLayout | None
    ) -> None:
        moved = self.places.reader_moved()
        self.opened = stage.opened
        self.aids = None
        self.sub_title = stage.opened.document.meta.title
        self.article.show(stage.opened.document, layout=layout)
        self.reloading.place_view()
        self.finding.text_replaced()  # a search made on the text shown before
        if stage.linked:
            for message in notifications(stage.opened.problems):  # one per file
                self.notify(message, severity="warning", markup=False, timeout=8)
            if not stage.opened.document.has_text:
                self.status.say(
                    _("{text} has no text").format(text=visible_line(self.request.ref.name))
                )
        if stage.aids is not None and tables is not None:
            self._index(Indexed(stage.opened, stage.aids, stage.session), moved, tables)

    def _index(self, stage: Indexed, moved: bool, tables: PanelTables) -> None:
        if stage.opened is not self.opened:
            return  # a later stage of this load replaced the text meanwhile
        self.aids = stage.aids
        if stage.session is not None:
            self.session = stage.session
            self.bookmarking.changed()
            self.places.restore(stage.session, reader_moved=moved)
        document = stage.opened.document
        self.query_one(ContextPanel).set_text(
            document,
            stage.aids.progress,
            stage.aids.mentions,
            stage.opened.glossaries,
            stage.aids.context,
            tables,
        )
        self.query_one(GlossaryPanel).set_text(
            stage.opened.glossaries, stage.aids.mentions, document.meta.language, tables.terms
        )
        self._passage_changed()
        self.status.clear_progress()

    # Following the reading --------------------------------------------------------------

    @on(ReadingMoved, "#article")
    def _reading_moved(self, event: ReadingMoved) -> None:
        self.passage = event.passage  # the reading cursor followed it already
        # Written once the frame is out: a SQLite commit must not delay the text moving.
        self.call_after_refresh(self.places.save, event.passage.first_block)

    def _passage_changed(self) -> None:
        shown = self.article.visible_passage()
        if shown is not None:
            self.passage = shown
            self.bookmarking.follow(shown, only_if_unset=True)

    @on(PassageClicked, "#article")
    def _passage_clicked(self, event: PassageClicked) -> None:
        self.bookmarking.click(event.block)

    @on(TextSelected, "#article")
    def _text_selected(self, event: TextSelected) -> None:
        self.selecting.copied_by_mouse()

    @on(LinkActivated)
    def _follow(self, event: LinkActivated) -> None:
        self.notes.follow(event.link)

    @on(LinkFocused, "#article")
    def _link_focused(self, event: LinkFocused) -> None:
        if event.link.kind is SpanKind.TERM_REF:
            self.finding.chosen_term = event.link.target

    @on(SidePanel.TermSelected)
    def _term_selected(self, event: SidePanel.TermSelected) -> None:
        self.finding.chosen_term = event.term

    @on(SidePanel.TermChosen)
    def _term_chosen(self, event: SidePanel.TermChosen) -> None:
        self.notes.open_term(event.term)

    @on(SidePanel.BlockChosen)
    def _block_chosen(self, event: SidePanel.BlockChosen) -> None:
        self.places.jump_to_block(event.block, event.start, event.end)

    @on(SearchResultsPanel.HitChosen)
    def _hit_chosen(self, event: SearchResultsPanel.HitChosen) -> None:
        self.finding.go_to(event.index)
        self.article.focus()

    @on(BookmarkAction)
    def _bookmark_action(self, event: BookmarkAction) -> None:
        self.bookmarking.act(event)

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_focus_article()
        self.finding.search(event.value)

    def on_unmount(self) -> None:
        """Keep the reading position however the app ends (q, Ctrl+C, a test's exit)."""
        self.places.save_on_leaving()

    # Keys -------------------------------------------------------------------------------

    def action_toggle_keys(self) -> None:
        """Show every key of the reader beside the text, grouped by purpose, or hide it."""
        panel = self.query_one(KeysPanel)
        if panel.display:
            self.dock.hide(panel)
        else:
            self.action_toggle_panel("keys-panel")

    def warn(self, message: str) -> None:
        """One line the reader should see, as a warning (a setting not saved, and why)."""
        self.notify(message, severity="warning", markup=False, timeout=15)

    def action_cycle_measure(self) -> None:
        """Set the text at the next measure: 60, 72, 88 columns, the full width."""
        self.looks.cycle_measure()

    def action_toggle_justify(self) -> None:
        """Justify the text, or set it ragged right."""
        self.looks.toggle_justify()

    def action_toggle_zen(self) -> None:
        """Zen mode: only the text (no header, footer, margin marks or panels), or back."""
        self.looks.toggle_zen()

    def action_toggle_panel(self, panel_id: str) -> None:
        """Show a side panel and focus it; focus it if shown elsewhere; else hide it
        (in zen mode, leave it first: the panel is what the reader asked for)."""
        if self.looks.zen:
            self.looks.toggle_zen()
        panel = self.query_one(f"#{panel_id}", SidePanel)
        had_focus = panel.has_focus_within
        if self.dock.toggle(panel):
            self._passage_changed()
        elif had_focus or self.focused is None:
            self.article.focus()

    def action_resize_panel(self, delta: int) -> None:
        """Widen or narrow the open panel that has the focus (or the last one shown)."""
        self.dock.resize(delta)

    def action_focus_article(self) -> None:
        """Back to the text from a panel (or the search bar); in the text, end the
        selection, else stop marking the matches of the last search."""
        bar = self.query_one(SearchBar)
        if self.article.has_focus and not bar.shown and self.selecting.cancel():
            return  # one thing at a time: the selection first
        if self.article.has_focus and not bar.shown:
            self.article.matches_in = None
        bar.close()
        self.article.focus()

    def action_search(self) -> None:
        """Open the search bar, the last query in it."""
        self.query_one(SearchBar).open()

    def action_search_next(self, step: int) -> None:
        """Go to the next (``step`` 1) or previous (-1) match of the last search."""
        self.finding.search_next(step)

    def action_mention(self, step: int) -> None:
        """Next (``step`` 1) or previous (-1) mention of the focused or selected term."""
        self.finding.mention(step, self.query_one(GlossaryPanel))

    def action_go_back(self) -> None:
        """Return to where the last jump started."""
        self.places.go_back()

    def action_go_forward(self) -> None:
        """Go forward again to where the last Backspace came back from."""
        self.places.go_forward()

    # The selection keys are the text's (bound on the article view) but act here at once:
    # m or y pressed right after them in one burst must see the selection they made.

    def action_select(self) -> None:
        """Start a selection at the reading cursor, or end the one there is."""
        if self.article.has_focus:
            self.selecting.toggle()

    def action_extend_selection(self, motion: str, step: int) -> None:
        """Extend the selection by a word, a line, or to the passage's end (``step`` 1)
        or start (-1)."""
        if self.article.has_focus:
            self.selecting.extend(motion, step)

    def action_extend_selected(self, motion: str, step: int) -> None:
        """Extend the selection there is (``l``); with none, the key is the screen's
        (the library)."""
        if not (self.article.has_focus and self.selecting.active()):
            raise SkipAction()
        self.selecting.extend(motion, step)

    def action_library(self) -> None:
        """The library: every text the reader knows; the one chosen is read here."""
        from reader.ui.library import show_library

        show_library(self)

    def action_copy_selection(self) -> None:
        """Copy the selection, else the passage at the cursor."""
        if self.article.has_focus:
            self.selecting.copy()

    def action_edit(self) -> None:
        """Edit the text in $VISUAL or $EDITOR; it is reloaded on return."""
        self.reloading.edit()

    def action_cursor(self, step: int) -> None:
        """Move the reading cursor to the next (1) or previous (-1) passage."""
        self.bookmarking.move_cursor(step)

    def action_bookmark(self) -> None:
        """Bookmark the selected text, or the passage at the cursor; asks for a note."""
        self.bookmarking.add()

    def action_undo_delete(self) -> None:
        """Bring back the bookmark deleted last."""
        self.bookmarking.undo_delete()
