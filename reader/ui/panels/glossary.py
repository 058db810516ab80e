"""The glossary panel: every term in force, filtered as you type, with its mentions.

It opens on the term list, so the panel's letter pressed again closes it as the README
says; typing a letter (but ``g``, which closes the panel, and ``q``), a key that is none of the
reader's, or ``/`` goes on in the filter, and
Down in the filter comes back to the list.

Counts and mentions come from the document's :class:`~reader.index.mentions.MentionIndex`,
built once; filtering compares against folded names prepared once per text, so a
5,000-term glossary filters on every keystroke without recomputing anything else.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from reader.document import SpanKind
from reader.glossary import GlossarySet, Term, fold
from reader.index.mentions import MentionIndex
from reader.linking import entry_document
from reader.text.i18n import _
from reader.text.strings import format_count
from reader.ui.keymap import Scope, bindings
from reader.ui.panels.base import SidePanel, heading
from reader.ui.widgets.article_messages import LinkActivated
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.steady_option_list import SteadyOptionList

MENTIONS_LISTED = 1_000
"""Mentions listed under an entry; past these, ] and [ go on in the text itself (a
list of a hundred thousand would take the panel seconds to fill and nobody to read)."""

TERMS_LISTED = 200
"""Terms listed at once; past these the list ends saying how many more the filter lets
through (typing narrows it). Textual's list measures every option it is given, so 5,000
terms made each keystroke in the filter take a second."""

UNMENTIONED = "__unmentioned__"
"""Id of the separator before terms this text never mentions."""

MORE = "__more__"
"""Id of the line that says how many terms are not listed."""


class TermFilter(Input):
    """The filter: Down goes to the list of what it lets through."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(Scope.GLOSSARY_FILTER)

    def action_to_list(self) -> None:
        """On to the term list."""
        if isinstance(self.parent, GlossaryPanel):
            self.parent.focus_list()


_PANEL_LETTERS = frozenset({"g", "q"})
"""Letters that keep their meaning in the term list: the panel's own (closes it) and
quit. Every other letter filters: "sta" typed into a freshly opened glossary lost its
"s" to the search results panel, "bur" both "b" and "u"."""


class TermList(SteadyOptionList):
    """The terms; a letter typed here (but g and q) starts filtering, and so does a key
    that is none of the reader's."""

    def on_key(self, event: events.Key) -> None:
        if not event.is_printable or not event.character:
            return
        # A key queued here before the focus moved to the filter (a terminal sends a
        # typed word in one burst) belongs to the word, whatever letter it is.
        filtering = self.screen.focused is not self
        letter = event.character.isalpha()
        if not filtering and (
            event.character in _PANEL_LETTERS
            or (not letter and event.key in self.app.active_bindings)
        ):
            return  # the reader's own keys keep their meaning here
        event.stop()
        event.prevent_default()
        if isinstance(self.parent, GlossaryPanel):
            self.parent.filter_with(event.character)


class GlossaryPanel(SidePanel):
    """Filter, term list, the selected entry, and its mentions in reading order."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(Scope.GLOSSARY)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._glossary = GlossarySet()
        self._mentions: MentionIndex | None = None
        self._language = "und"
        self._names: Sequence[tuple[Term, str]] = ()
        self._listed: set[str] = set()
        self._keep: str | None = None
        """A term to list whatever its place (the one :meth:`show_term` shows)."""
        self.selected: str | None = None
        """Key of the term whose entry is shown."""

    def compose_sections(self) -> ComposeResult:
        yield TermFilter(
            placeholder=_("Filter terms: type, or /"), id="gl-filter", select_on_focus=False
        )
        yield TermList(id="gl-terms")
        yield ArticleView(measure=200, id="gl-entry")
        yield heading(_("Mentions"))
        yield SteadyOptionList(id="gl-mentions")

    def focus_first(self) -> None:
        """The term list, the first term highlighted: the reader came to find a term."""
        self.focus_list()

    def focus_list(self) -> None:
        """The focus on the term list (the first term highlighted if none is)."""
        terms = self.query_one("#gl-terms", OptionList)
        if terms.highlighted is None and terms.option_count:
            terms.highlighted = 0
        terms.focus()

    def action_filter(self) -> None:
        """The focus in the filter, its text selected to type over."""
        field = self.query_one("#gl-filter", Input)
        field.focus()
        field.select_all()

    def filter_with(self, character: str) -> None:
        """Go on filtering with ``character`` typed after what the filter holds.

        The focus moves at once, not later as ``focus()`` does: the keys typed right
        after this one (a terminal sends a word in one burst) must reach the filter,
        not the list, where "m" or "g" would be the reader's keys."""
        field = self.query_one("#gl-filter", Input)
        self.screen.set_focus(field)
        field.insert_text_at_cursor(character)

    def set_text(
        self,
        glossary: GlossarySet,
        mentions: MentionIndex,
        language: str,
        terms: Sequence[tuple[Term, str]],
    ) -> None:
        """Show the terms in force for a newly opened text (``terms``: each with its
        folded forms, in list order, made in the loading thread)."""
        self._glossary = glossary
        self._mentions = mentions
        self._language = language
        self._names = terms
        self.when_built("terms", self.refilter)

    def refilter(self) -> None:
        """List the terms matching the filter: mentioned ones first, then the rest greyed;
        at most :data:`TERMS_LISTED` of them, and the selected (or shown) term if it
        matches."""
        query = fold(self.query_one("#gl-filter", Input).value.strip())
        mentions = self._mentions
        shown = [term for term, names in self._names if query in names]
        mentioned = [t for t in shown if mentions is not None and mentions.count(t.term)]
        unmentioned = [t for t in shown if mentions is None or not mentions.count(t.term)]
        listed_mentioned = mentioned[:TERMS_LISTED]
        listed_unmentioned = unmentioned[: TERMS_LISTED - len(listed_mentioned)]
        listed = {t.term for t in (*listed_mentioned, *listed_unmentioned)}
        for kept in [t for t in shown if t.term in (self.selected, self._keep)]:
            if kept.term not in listed:
                (listed_mentioned if kept in mentioned else listed_unmentioned).append(kept)
                listed.add(kept.term)
        self._listed = listed
        options_list = [
            Option(
                Content(f"{term.term}  ({mentions.count(term.term) if mentions else 0})"),
                id=term.term,
            )
            for term in listed_mentioned
        ]
        if listed_unmentioned:
            options_list.append(
                Option(
                    Content(_("Not in this text")).stylize("italic"),
                    id=UNMENTIONED,
                    disabled=True,
                )
            )
            options_list += [
                Option(Content(term.term).stylize("dim"), id=term.term)
                for term in listed_unmentioned
            ]
        if len(shown) > len(listed):
            more = f"… and {format_count(len(shown) - len(listed))} more: type to narrow"
            options_list.append(Option(Content(more).stylize("dim"), id=MORE, disabled=True))
        options = self.query_one("#gl-terms", OptionList)
        was = options.highlighted_option.id if options.highlighted_option else None
        options.clear_options()
        options.add_options(options_list)  # at once: one by one, each redoes the list's lines
        if was is not None and was == self._keep and was in listed:
            options.highlighted = options.get_option_index(was)  # the term shown stays so
        elif options.option_count and options.highlighted is None:
            options.highlighted = 0

    @on(Input.Changed, "#gl-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.refilter()

    @on(Input.Submitted, "#gl-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        """Enter in the filter takes the highlighted term: on to its mentions."""
        event.stop()
        if self.selected:
            self._focus_mentions()
        else:
            self.focus_list()

    @on(OptionList.OptionHighlighted, "#gl-terms")
    def _term_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id and event.option.id not in (UNMENTIONED, MORE):
            self.select(event.option.id)

    @on(OptionList.OptionSelected, "#gl-terms")
    def _term_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._focus_mentions()

    def _focus_mentions(self) -> None:
        """On to the mentions, the first one highlighted: Down then goes to the second."""
        mentions = self.query_one("#gl-mentions", OptionList)
        if mentions.highlighted is None and mentions.option_count:
            mentions.highlighted = 0
        mentions.focus()

    def select(self, key: str) -> None:
        """Show the entry and mentions of term ``key``."""
        term = self._glossary.terms.get(key)
        if term is None:
            return
        if key != self.selected and self.has_focus_within:
            self.post_message(self.TermSelected(key))  # the reader's choice, not a refilter
        self.selected = key
        entry = entry_document(term, self._glossary, self._language)
        self.query_one("#gl-entry", ArticleView).show(entry, keep_position=False)
        mentions = self.query_one("#gl-mentions", OptionList)
        mentions.clear_options()
        found = self._mentions.mentions(key) if self._mentions else []
        options = []
        for number, mention in enumerate(found[:MENTIONS_LISTED]):
            context, (start, end) = mention.in_context()
            options.append(Option(Content(context).stylize("reverse", start, end), id=str(number)))
        if len(found) > MENTIONS_LISTED:
            more = _("… and {count} more: ] and [ step through them all").format(
                count=format_count(len(found) - MENTIONS_LISTED)
            )
            options.append(Option(Content(more).stylize("dim"), disabled=True))
        mentions.add_options(options)
        if not found:
            mentions.add_option(
                Option(Content(_("Not mentioned in this text")).stylize("dim"), disabled=True)
            )

    def show_term(self, key: str) -> None:
        """Select term ``key`` in the list (clearing a filter that hides it)."""
        options = self.query_one("#gl-terms", OptionList)
        if key not in self._listed:
            self.query_one("#gl-filter", Input).value = ""
            self._keep = key  # listed whatever its place (see refilter)
            self.refilter()
        options.highlighted = options.get_option_index(key)
        self.select(key)

    @on(OptionList.OptionSelected, "#gl-mentions")
    def _mention_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self._mentions is None or self.selected is None or event.option.id is None:
            return
        mention = self._mentions.mentions(self.selected)[int(event.option.id)]
        self.post_message(self.BlockChosen(mention.block_index, mention.start, mention.end))

    @on(LinkActivated, "#gl-entry")
    def _see_also(self, event: LinkActivated) -> None:
        if event.link.kind is SpanKind.TERM_REF:
            event.stop()
            self.show_term(event.link.target)
