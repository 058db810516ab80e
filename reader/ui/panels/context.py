"""The context panel: where the reader is, the terms on screen, the text's background.

Everything it shows is computed from per-document tables handed to it once
(:class:`~reader.index.progress.ReadingProgress`, :class:`~reader.index.mentions.MentionIndex`); a
scroll only looks those up for the blocks on screen.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.document import Document, Metadata
from reader.glossary import GlossarySet
from reader.index.mentions import MentionIndex
from reader.index.progress import WORDS_PER_MINUTE, ReadingProgress
from reader.layout import ShownPassage
from reader.text.i18n import _, ngettext
from reader.text.sanitize import title_line
from reader.text.strings import format_count
from reader.ui.panels.base import SidePanel, heading
from reader.ui.panels.tables import PanelTables
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.line_list import LineList
from reader.ui.widgets.steady_option_list import SteadyOptionList

SUMMARY_CHARS = 64
"""Summaries longer than this are cut (with …) so a passage's terms fit the panel."""


def about_lines(meta: Metadata, words: int) -> list[str]:
    """Only what the front matter or the text itself says; nothing is guessed."""
    lines = [meta.title]
    for label, value in (
        (_("Author"), meta.author),
        (_("Date"), meta.date),
        (_("Source"), meta.source),
        (_("Language"), None if meta.language == "und" else meta.language),
    ):
        if value:
            lines.append(f"{label}: {value}")
    lines.append(ngettext("{count} word", "{count} words", words).format(count=format_count(words)))
    return lines


class ContextPanel(SidePanel):
    """Where you are, terms in this passage, about this text, outline."""

    FOCUS_ON_OPEN = False

    passage: reactive[ShownPassage | None] = reactive(None, repaint=False)
    """What the text shows now; bound to the reading screen's."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._progress: ReadingProgress | None = None
        self._mentions: MentionIndex | None = None
        self._glossary: GlossarySet | None = None
        self._shown_terms: list[str] = []
        self._title = ""
        self.words_per_minute = WORDS_PER_MINUTE
        """Reading speed for "minutes left" (the ``reading_speed`` setting)."""
        self._outline_blocks: tuple[int, ...] = ()

    def compose_sections(self) -> ComposeResult:
        yield heading(_("Where you are"))
        yield Static(id="ctx-position")
        yield heading(_("Terms in this passage"))
        yield SteadyOptionList(id="ctx-terms")
        yield heading(_("About this text"))
        yield Static(id="ctx-about")
        context = ArticleView(measure=200, id="ctx-context")
        context.tab_leaves = True
        yield context
        yield heading(_("Outline"))
        yield LineList(id="ctx-outline")

    def set_text(
        self,
        document: Document,
        progress: ReadingProgress,
        mentions: MentionIndex,
        glossary: GlossarySet,
        context: Document | None,
        tables: PanelTables,
    ) -> None:
        """Show a newly opened text (its outline made in the loading thread)."""
        self._progress = progress
        self._mentions = mentions
        self._glossary = glossary
        self._shown_terms = []
        self._title = document.meta.title
        self.when_built("text", lambda: self._fill(document, progress, context, tables))

    def _fill(
        self,
        document: Document,
        progress: ReadingProgress,
        context: Document | None,
        tables: PanelTables,
    ) -> None:
        about = about_lines(document.meta, progress.words)
        self.query_one("#ctx-about", Static).update(Content("\n".join(about)))
        context_view = self.query_one("#ctx-context", ArticleView)
        context_view.display = context is not None
        if context is not None:
            context_view.show(context, keep_position=False)
        self._outline_blocks = tables.outline_blocks
        self.query_one("#ctx-outline", LineList).set_entries(tables.outline)
        self._show_passage()

    def watch_passage(self, passage: ShownPassage | None) -> None:
        self._show_passage()

    def _show_passage(self) -> None:
        """Follow the reading: what is on screen, from the first character shown of its
        first block to the last shown of its last."""
        passage = self.passage
        if not self.built:
            return  # hidden since the start: followed from the first time it is shown
        if passage is None or self._progress is None or self._mentions is None:
            return
        if self._glossary is None:
            return
        first_block, last_block, start, end = passage
        speed = self.words_per_minute
        position = self._progress.position(
            first_block, last_block, start, end, words_per_minute=speed
        )
        trail = " › ".join(position.breadcrumb) or self._title
        left = (
            _("about {minutes} min left").format(minutes=format_count(position.minutes_left))
            if position.minutes_left
            else _("at the end")
        )
        where = _("{percent}% · {left} ({speed} words/min)").format(
            percent=position.percent, left=left, speed=format_count(speed)
        )
        self.query_one("#ctx-position", Static).update(Content(f"{trail}\n{where}"))
        terms = self._mentions.terms_in_blocks(first_block, last_block, start, end)
        if terms == self._shown_terms:
            return
        self._shown_terms = terms
        options = self.query_one("#ctx-terms", OptionList)
        options.clear_options()
        for key in terms:
            term = self._glossary.terms.get(key)
            if term is not None:
                summary = title_line(term.short, SUMMARY_CHARS)
                prompt = Content(term.term).stylize("bold") + Content(f" — {summary}")
                options.add_option(Option(prompt, id=key))

    @property
    def terms_shown(self) -> list[str]:
        """Keys of the terms listed under "Terms in this passage"."""
        return list(self._shown_terms)

    @on(OptionList.OptionSelected, "#ctx-terms")
    def _term_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.TermChosen(event.option.id))

    @on(LineList.Chosen, "#ctx-outline")
    def _heading_chosen(self, event: LineList.Chosen) -> None:
        event.stop()
        self.post_message(self.BlockChosen(self._outline_blocks[event.index]))
