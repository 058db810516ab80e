"""A linked text as one self-contained HTML file: no script, no request, everything escaped.

What the reader shows becomes what a browser shows: the front matter as the page's
header, the article, its notes section and a glossary. A glossary term in the article is
a link to its note (``role="doc-noteref"``, its one-line summary as the tooltip); each
note is an ``<aside role="doc-footnote">`` that links back to the first reference; a
glossary note links on (``role="doc-glossref"``) to its entry in the glossary section,
which carries the whole entry (aliases, definition, see also, sources).

Nothing from the text is ever markup: every string is escaped, and made visible first
(:func:`reader.text.sanitize.visible`) so control characters show as the symbols the
terminal shows. Web links keep only ``http``, ``https`` and ``mailto`` targets; images are
their alt text linking to the image (no image is fetched); a Content-Security-Policy
forbids scripts and every request, should a browser ever find something to run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from html import escape

from reader.document.model import TITLE_BLOCK_ID, Block, BlockKind, Document, Note, NoteKind
from reader.document.parse import parse_markdown
from reader.glossary import GlossarySet
from reader.linking import NOTES_BLOCK_ID, OpenedText, entry_document
from reader.render.html_inline import InlineWriter, text_html
from reader.render.names import language_tag, slug, unique_names
from reader.render.structure import Level, LevelKind, levels, shared
from reader.render.style import CSS
from reader.text.sanitize import is_safe_url, visible_line
from reader.text.strings import translate

__all__ = ["to_html"]

_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
"""No script, no fetch, no frame, no font or image from anywhere: the page is the file."""


def to_html(opened: OpenedText) -> str:
    """The whole page for ``opened`` (its document as linked, with its glossaries)."""
    return _Page(opened.document, opened.glossaries).write()


def attribute(text: str) -> str:
    """``text`` made visible on one line and escaped for a quoted attribute."""
    return escape(visible_line(text), quote=True)


class _Page:
    def __init__(self, document: Document, glossaries: GlossarySet) -> None:
        self.document = document
        self.glossaries = glossaries
        meta = document.meta
        self.language = language_tag(meta.language)
        self.notes = {note.key: note for note in document.notes if note.number is not None}
        terms = [note for note in document.notes if note.kind is NoteKind.TERM]
        self.entries = unique_names(
            (note.label, f"gloss-{slug(note.label, 'term')}")
            for note in terms
            if note.label in glossaries.terms
        )
        """Glossary section ids by term."""
        self.inline = InlineWriter(self.notes, self.entries, glossaries)

    def write(self) -> str:
        meta = self.document.meta
        body = [self._header(), "<main>", "<article>"]
        body += self._blocks(self._article_blocks(), ids=True)
        body += ["</article>", *self._notes_section(), *self._glossary_section(), "</main>"]
        head = [
            "<!DOCTYPE html>",
            f'<html lang="{attribute(self.language)}">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="color-scheme" content="light dark">',
            '<meta name="generator" content="Rodapé">',
            f"<title>{text_html(visible_line(meta.title))}</title>",
        ]
        if meta.author:
            head.append(f'<meta name="author" content="{attribute(meta.author)}">')
        head += [f"<style>{CSS}</style>", "</head>", "<body>"]
        return "\n".join([*head, *body, "</body>", "</html>"]) + "\n"

    # The parts of the page ------------------------------------------------------------

    def _article_blocks(self) -> list[Block]:
        """The text's own blocks: not the title (the header has it) nor the notes section
        (written apart, from the notes themselves)."""
        blocks = list(self.document.blocks)
        end = self.document.block_index(NOTES_BLOCK_ID)
        if end is not None:
            blocks = blocks[:end]
        first = blocks[0] if blocks else None
        if first is not None and first.kind is BlockKind.HEADING and first.level == 1:
            title = first.id == TITLE_BLOCK_ID or first.text == self.document.meta.title
            return blocks[1:] if title else blocks
        return blocks

    def _header(self) -> str:
        meta = self.document.meta
        parts = ["<header>", f"<h1>{text_html(visible_line(meta.title))}</h1>"]
        if meta.author:
            parts.append(f'<p class="author">{text_html(visible_line(meta.author))}</p>')
        if meta.date:
            date = visible_line(meta.date)
            when = f' datetime="{attribute(date)}"' if _DATE.fullmatch(date) else ""
            parts.append(f'<p class="date"><time{when}>{text_html(date)}</time></p>')
        if meta.source:
            source = text_html(visible_line(meta.source))
            if is_safe_url(meta.source):
                href = attribute(meta.source)
                source = f'<a href="{href}" rel="noopener noreferrer">{source}</a>'
            parts.append(f'<p class="source">{source}</p>')
        if meta.context:
            context = parse_markdown(meta.context, f"{self.document.path}:context", body_only=True)
            summary = text_html(translate("Context", self.language))
            parts += [f"<details><summary>{summary}</summary>"]
            with self.inline.terms("plain"):
                parts += self._blocks(context.blocks)
            parts.append("</details>")
        parts.append("</header>")
        return "\n".join(parts)

    def _notes_section(self) -> list[str]:
        notes = [note for note in self.document.notes if note.number is not None]
        if not notes:
            return []
        title = text_html(translate("Notes", self.language))
        lines = [
            '<section class="notes" id="notes" aria-labelledby="notes-title">',
            f'<h2 id="notes-title">{title}</h2>',
        ]
        for note in notes:
            lines += self._note(note)
        return [*lines, "</section>"]

    def _note(self, note: Note) -> list[str]:
        number = note.number
        mark = str(number)
        if self.inline.has_reference(note.key):
            mark = f'<a href="#ref-{number}" role="doc-backlink">{number}</a>'
        lines = [
            f'<aside class="note" id="note-{number}" role="doc-footnote">',
            f'<span class="note-number">{mark}</span>',
            '<div class="note-body">',
        ]
        if note.kind is NoteKind.FOOTNOTE:
            lines += self._blocks(note.blocks)
        else:
            term = self.glossaries.terms.get(note.label)
            name = text_html(visible_line(note.label))
            entry = self.entries.get(note.label)
            if entry is not None:
                name = f'<a href="#{entry}" role="doc-glossref">{name}</a>'
            short = f" — {text_html(visible_line(term.short))}" if term is not None else ""
            lines.append(f"<p>{name}{short}</p>")
        return [*lines, "</div>", "</aside>"]

    def _glossary_section(self) -> list[str]:
        if not self.entries:
            return []
        title = text_html(translate("Glossary", self.language))
        lines = [
            '<section class="glossary" id="glossary" role="doc-glossary"'
            ' aria-labelledby="glossary-title">',
            f'<h2 id="glossary-title">{title}</h2>',
            "<dl>",
        ]
        by_term = {note.label: note for note in self.document.notes if note.kind is NoteKind.TERM}
        with self.inline.terms("glossary"):
            for term_name, entry in self.entries.items():
                term = self.glossaries.terms[term_name]
                lines.append(
                    f'<dt id="{entry}"><dfn>{text_html(visible_line(term.term))}</dfn></dt>'
                )
                lines.append("<dd>")
                document = entry_document(term, self.glossaries, self.language)
                lines += self._blocks(document.blocks[1:])  # its heading is the dt
                number = by_term[term_name].number
                lines.append(f'<p class="back"><a href="#note-{number}">↑ {number}</a></p>')
                lines.append("</dd>")
        return [*lines, "</dl>", "</section>"]

    # Blocks ------------------------------------------------------------------------------

    def _blocks(self, blocks: Iterable[Block], *, ids: bool = False) -> list[str]:
        """``blocks`` nested in their lists, quotes and definition lists again."""
        lines: list[str] = []
        open_levels: Sequence[Level] = ()
        for block in blocks:
            block_levels = levels(block)
            keep = shared(open_levels, block_levels)
            lines += [f"</{level.kind}>" for level in reversed(open_levels[keep:])]
            lines += [
                _open(level, block_levels[index + 1 :])
                for index, level in enumerate(block_levels[keep:], keep)
            ]
            lines.append(self._block(block, ids))
            open_levels = block_levels
        lines += [f"</{level.kind}>" for level in reversed(open_levels)]
        return lines

    def _block(self, block: Block, ids: bool) -> str:
        id_attribute = f' id="{attribute(block.id)}"' if ids else ""
        kind = block.kind
        if kind is BlockKind.HEADING:
            tag = f"h{min(max(block.level, 1), 6)}"
            inner = self.inline.write(block.text.replace("\n", " "), block.spans)
            return f"<{tag}{id_attribute}>{inner}</{tag}>"
        if kind is BlockKind.CODE or kind is BlockKind.HTML:
            language = slug(block.info, "") if kind is BlockKind.CODE else "html"
            code_class = f' class="language-{language}"' if language else ""
            return f"<pre{id_attribute}><code{code_class}>{text_html(block.text)}</code></pre>"
        if kind is BlockKind.RULE:
            return f"<hr{id_attribute}>"
        if kind is BlockKind.TABLE:
            return self._table(block, id_attribute)
        tag = "dt" if kind is BlockKind.TERM else "p"
        return f"<{tag}{id_attribute}>{self.inline.write(block.text, block.spans)}</{tag}>"

    def _table(self, block: Block, id_attribute: str) -> str:
        rows: list[str] = []
        for number, row in enumerate(block.rows):
            cell_tag = "th" if number < block.header_rows else "td"
            cells = "".join(
                f'<{cell_tag} style="text-align: {_ALIGN.get(cell.align, "left")}">'
                f"{self.inline.write(cell.text, cell.spans)}</{cell_tag}>"
                for cell in row
            )
            rows.append(f"<tr>{cells}</tr>")
        head, body = rows[: block.header_rows], rows[block.header_rows :]
        parts = [f"<table{id_attribute}>"]
        if head:
            parts += ["<thead>", *head, "</thead>"]
        parts += ["<tbody>", *body, "</tbody>", "</table>"]
        return "\n".join(parts)


_ALIGN = {"left": "left", "right": "right", "center": "center"}


def _open(level: Level, inner: Sequence[Level]) -> str:
    """The opening tag of ``level``; an ordered list starts at its first item's number."""
    if level.kind is LevelKind.NUMBERS and inner and inner[0].marker:
        number = inner[0].marker.rstrip(".)")
        if number.isdigit() and int(number) != 1:
            return f'<ol start="{int(number)}">'
    return f"<{level.kind}>"
