"""The document model: Markdown and plain text parsed into blocks, spans, notes and metadata."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader.document import (
    Block,
    BlockKind,
    ContainerKind,
    Document,
    Metadata,
    SpanKind,
    load_document,
    parse_document,
    parse_markdown,
    parse_plain_text,
)
from reader.document.parse.depth import MAX_DEPTH
from reader.text.errors import Severity
from tests.core_helpers import FIXTURES, REPO

DOCUMENT_FIXTURES = FIXTURES / "document"


# --- fixture-driven block summaries -------------------------------------------------------


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _block_summary(block: Block, indent: str = "") -> list[str]:
    """One header line per block, then one indented line per span or table row."""
    kind = f"{block.kind.value}{block.level or ''}"
    parts = [block.id, kind, f"L{block.lines[0]}-{block.lines[1]}"]
    if block.containers:
        path = "/".join(
            container.kind.value + (f"({container.marker})" if container.marker else "")
            for container in block.containers
        )
        parts.append(f"in:{path}")
    if block.tight:
        parts.append("tight")
    if block.info:
        parts.append(f"info={_quoted(block.info)}")
    lines = [indent + " ".join(parts) + (f" | {_quoted(block.text)}" if block.text else "")]
    for span in block.spans:
        target = f" -> {span.target}" if span.target else ""
        piece = _quoted(block.text[span.start : span.end])
        lines.append(f"{indent}    {span.kind.value} {span.start}-{span.end} {piece}{target}")
    for number, row in enumerate(block.rows):
        header = " header" if number < block.header_rows else ""
        cells = " | ".join(f"{cell.align}:{_quoted(cell.text)}" for cell in row)
        lines.append(f"{indent}    row{header}: {cells}")
        for cell in row:
            for span in cell.spans:
                piece = _quoted(cell.text[span.start : span.end])
                target = f" -> {span.target}" if span.target else ""
                lines.append(f"{indent}      {span.kind.value} {piece}{target}")
    return lines


def summarize(doc: Document) -> str:
    """A readable, stable summary of everything the parser produced for ``doc``."""
    lines: list[str] = [f"title {_quoted(doc.meta.title)}"]
    for block in doc.blocks:
        lines.extend(_block_summary(block))
    for note in doc.notes:
        lines.append(f"note {note.key} {note.kind.value} label={_quoted(note.label)}")
        for block in note.blocks:
            lines.extend(_block_summary(block, "  "))
    for entry in doc.outline:
        lines.append(f"outline h{entry.level} {entry.block_id} {_quoted(entry.title)}")
    for problem in doc.warnings:
        lines.append(f"warning line {problem.line}: {problem.message}")
    return "\n".join(lines) + "\n"


def _fixture_names() -> list[str]:
    return sorted(path.stem for path in DOCUMENT_FIXTURES.glob("*.md"))


def test_document_fixtures_exist() -> None:
    """Every fixture has its expected summary, so none is silently skipped."""
    names = _fixture_names()
    assert len(names) >= 8
    for name in names:
        assert (DOCUMENT_FIXTURES / f"{name}.expected").is_file(), name


@pytest.mark.parametrize("name", _fixture_names())
def test_document_fixture(name: str) -> None:
    """Each ``fixtures/document/NAME.md`` parses to the block summary in ``NAME.expected``:
    kinds, ids, 1-based source lines, containers and markers, spans, rows and notes."""
    source = (DOCUMENT_FIXTURES / f"{name}.md").read_text(encoding="utf-8")
    expected = (DOCUMENT_FIXTURES / f"{name}.expected").read_text(encoding="utf-8")
    actual = summarize(parse_markdown(source, f"{name}.md"))
    assert actual == expected, f"summary of {name}.md differs; got:\n{actual}"


# --- ids and lines ------------------------------------------------------------------------

_MIXED = """# Title

First paragraph.

- item one
- item two

```
code
```

Last paragraph.
"""


def test_block_ids_are_stable_across_parses_and_edits() -> None:
    """Ids are kind plus ordinal: the same text gives the same ids, and rewording a block
    (not adding or removing any) keeps every id, so bookmarks survive edits."""
    first = parse_markdown(_MIXED, "a.md")
    again = parse_markdown(_MIXED, "a.md")
    assert [b.id for b in first.blocks] == [b.id for b in again.blocks]
    assert [b.id for b in first.blocks] == ["h-1", "p-1", "p-2", "p-3", "code-1", "p-4"]
    edited = parse_markdown(_MIXED.replace("First paragraph.", "A much longer first one."), "a.md")
    assert [b.id for b in edited.blocks] == [b.id for b in first.blocks]


def test_source_lines_are_one_based_and_count_front_matter() -> None:
    """``Block.lines`` are 1-based inclusive lines of the file, front matter included."""
    source = "---\ntitle: T\n---\n\nOne\ntwo\n\n## Head\n\n```\na\nb\n```\n"
    doc = parse_markdown(source, "l.md")
    assert [(b.id, b.lines) for b in doc.blocks] == [
        ("p-1", (5, 6)),
        ("h-1", (8, 8)),
        ("code-1", (10, 13)),
    ]


# --- front matter -------------------------------------------------------------------------


def test_front_matter_fields_are_read() -> None:
    """Every documented field is read as text; ``glossary`` as a list of names."""
    source = (
        "---\n"
        "title: Um título\n"
        "author: Alguém\n"
        "date: 1943-02-02\n"
        "language: pt-BR\n"
        "source: https://example.org\n"
        "context: |\n"
        "  Line one.\n"
        "\n"
        "  Line *two*.\n"
        "glossary: [segunda-guerra, outro]\n"
        "---\n"
        "Body.\n"
    )
    meta = parse_markdown(source, "f.md").meta
    assert meta.title == "Um título"
    assert meta.author == "Alguém"
    assert meta.date == "1943-02-02"
    assert meta.language == "pt-BR"
    assert meta.source == "https://example.org"
    assert meta.context == "Line one.\n\nLine *two*."
    assert meta.glossaries == ("segunda-guerra", "outro")


def test_front_matter_glossary_may_be_one_name() -> None:
    """``glossary: name`` is the same as a one-item list; no field means "not said"."""
    doc = parse_markdown("---\nglossary: segunda-guerra\n---\nBody.\n", "g.md")
    assert doc.meta.glossaries == ("segunda-guerra",)
    bare = parse_markdown("Body.\n", "g.md").meta
    assert bare.glossaries is None
    assert bare.language == "und"
    assert (bare.author, bare.date, bare.source, bare.context) == (None, None, None, None)


def test_front_matter_scalars_stay_text() -> None:
    """YAML-looking values keep their spelling: a year stays "1943", not an int."""
    meta = parse_markdown("---\ntitle: 1943\ndate: 1943\nauthor: no\n---\n", "s.md").meta
    assert (meta.title, meta.date, meta.author) == ("1943", "1943", "no")


@pytest.mark.parametrize(
    ("source", "path", "title"),
    [
        ("---\ntitle: From front matter\n---\n# Heading\n", "a.md", "From front matter"),
        ("Intro.\n\n## First *heading*\n\n# Second\n", "a.md", "First heading"),
        ("---\nauthor: x\n---\nNo heading here.\n", "dir/my-text.md", "my-text"),
        ("---\ntitle: ''\n---\n# Heading\n", "a.md", "Heading"),
    ],
)
def test_title_falls_back_to_first_heading_then_file_name(
    source: str, path: str, title: str
) -> None:
    """Title: front matter, else the first heading (any level, as plain text), else the
    file name without its extension."""
    assert parse_markdown(source, path).meta.title == title


@pytest.mark.parametrize(
    ("source", "line", "fragment"),
    [
        ("---\n- a\n- b\n---\nBody.\n", 1, "must be a mapping"),
        ("---\nlanguage: pt\ntitle: [a, b]\n---\nBody.\n", 3, "'title' must be text"),
        ("---\ntitle: T\n\ndate: 2001-02-30\n---\n", 4, "no such date"),
        ("---\ndate: 02/03/2001\n---\n", 2, "'date' must be YYYY-MM-DD"),
        ("---\ntitle: T\nlanguage: pt_BR\n---\n", 3, "BCP 47"),
        ("---\nglossary: {a: b}\n---\n", 2, "'glossary' must be a list"),
    ],
    ids=["not-mapping", "title-list", "bad-date", "date-format", "language", "glossary"],
)
def test_bad_front_matter_is_an_error_and_the_body_is_shown(
    source: str, line: int, fragment: str
) -> None:
    """Bad front matter is one error naming the file and the line of the original file
    (the opening ``---`` counted), never a YAML exception; the text after the closing
    line is still the document, with no metadata at all (issue 12: it used to raise,
    which hid the whole article)."""
    doc = parse_markdown(source, "bad.md")
    (problem,) = doc.warnings[:1]
    assert problem.severity is Severity.ERROR
    assert (problem.path, problem.line) == ("bad.md", line)
    assert fragment in str(problem)
    assert str(problem).startswith(f"bad.md:{line}")
    assert doc.meta == Metadata(title="bad")
    body = source.split("---\n", 2)[2]
    assert [block.text for block in doc.blocks] == ([body.strip()] if body.strip() else [])


def test_yaml_syntax_error_line_includes_front_matter_offset() -> None:
    """A YAML error on the third line of the front matter is reported at file line 4 (the
    opening ``---`` is line 1), with its column."""
    source = "---\ntitle: ok\nauthor: ok\nsource: a: b\nlanguage: pt\n---\nBody.\n"
    doc = parse_markdown(source, "y.md")
    assert [str(problem) for problem in doc.warnings] == [
        "y.md:4:10: mapping values are not allowed here"
    ]
    assert [block.text for block in doc.blocks] == ["Body."]
    assert doc.meta.title == "y"


def test_body_only_ignores_front_matter() -> None:
    """Glossary definitions are parsed as fragments: a leading ``---`` block is not
    validated as front matter (and so cannot fail)."""
    doc = parse_markdown("---\n- not a mapping\n---\nText.\n", "frag", body_only=True)
    assert doc.blocks[-1].text == "Text."


# --- plain text ---------------------------------------------------------------------------


def test_plain_text_is_paragraphs_separated_by_blank_lines(tmp_path: Path) -> None:
    """A ``.txt`` file: blank lines (even with spaces) separate paragraphs, lines join with
    a space, nothing is Markdown, and the title is the file name."""
    path = tmp_path / "notas soltas.txt"
    path.write_text("# not a heading\n*not emphasis*\n\n\n  Second  \n \t\nThird.\n")
    doc = load_document(path)
    assert doc.meta.title == "notas soltas"
    assert [(b.id, b.kind, b.text, b.lines) for b in doc.blocks] == [
        ("p-1", BlockKind.PARAGRAPH, "# not a heading *not emphasis*", (1, 2)),
        ("p-2", BlockKind.PARAGRAPH, "Second", (5, 5)),
        ("p-3", BlockKind.PARAGRAPH, "Third.", (7, 7)),
    ]
    assert all(not b.spans for b in doc.blocks)


def test_parse_document_dispatches_on_suffix() -> None:
    """``.txt`` (any case) is plain text; every other suffix is Markdown."""
    source = "# Heading\n\ntext\n"
    assert parse_document(source, "a.TXT").blocks[0].kind is BlockKind.PARAGRAPH
    assert parse_document(source, "a.md").blocks[0].kind is BlockKind.HEADING
    assert parse_document(source, "a.markdown").blocks[0].kind is BlockKind.HEADING


# --- hostile input ------------------------------------------------------------------------


def test_control_characters_are_shown_as_symbols() -> None:
    """ESC in a paragraph, a code span and a code block arrives as the visible ␛."""
    source = "Red \x1b[31malert\x1b[0m and `\x1b]0;title\x07`.\n\n```\n\x1b[2J\n```\n"
    doc = parse_markdown(source, "esc.md")
    assert "\x1b" not in doc.blocks[0].text
    assert doc.blocks[0].text.startswith("Red ␛[31malert␛[0m and ␛]0;title␇.")
    assert doc.blocks[1].text == "␛[2J"
    plain = parse_plain_text("tab\there \x1b[1m\n", "p.txt")
    assert plain.blocks[0].text == "tab\there ␛[1m"


def test_bidi_override_entity_becomes_visible() -> None:
    """An entity that decodes to RIGHT-TO-LEFT OVERRIDE is shown as ⟨RLO⟩, not obeyed."""
    doc = parse_markdown("abc &#8238;fed&#x202c; &#x1b; end\n", "bidi.md")
    text = doc.blocks[0].text
    assert "\u202e" not in text
    assert "⟨RLO⟩fed⟨PDF⟩" in text


def test_control_characters_in_front_matter_are_made_visible() -> None:
    """Metadata from front matter is sanitised too: a title cannot carry escapes."""
    doc = parse_markdown('---\ntitle: "a\\e[2Jb"\n---\n', "t.md")
    assert doc.meta.title == "a␛[2Jb"


@pytest.mark.parametrize("depth", [45, 60])
def test_deep_nesting_keeps_the_text_and_warns(depth: int) -> None:
    """markdown-it drops what lies beyond its nesting limit; the parser must still show
    every item, as an item at the deepest level shown (never as plain text, whose words
    are cut at the measure), what follows the list as itself, and warn once with the
    line."""
    source = "".join("  " * level + f"- level {level}\n" for level in range(depth))
    source += "\nAfter the list.\n"
    doc = parse_markdown(source, "deep.md")
    assert [block.text for block in doc.blocks] == [
        *(f"level {level}" for level in range(depth)),
        "After the list.",
    ]
    assert {block.kind for block in doc.blocks} == {BlockKind.PARAGRAPH}
    depths = [len(block.containers) for block in doc.blocks]
    assert depths == [*range(1, MAX_DEPTH + 1), *[MAX_DEPTH] * (depth - MAX_DEPTH), 0]
    assert all(block.containers[-1].marker for block in doc.blocks[:-1])
    (warning,) = doc.warnings
    assert warning.severity is Severity.WARNING
    assert "nested deeper" in warning.message
    assert warning.line == MAX_DEPTH + 1


def test_deep_quote_keeps_its_text_and_what_follows() -> None:
    """A 60-deep blockquote loses nothing: its text is shown (still Markdown, at the
    deepest level shown), and the paragraph after it is parsed once."""
    doc = parse_markdown("> " * 60 + "deep *quote*\n\nAfter.\n", "q.md")
    texts = [block.text for block in doc.blocks]
    assert texts == ["deep quote", "After."]
    assert [span.kind for span in doc.blocks[0].spans] == [SpanKind.EMPHASIS]
    assert len(doc.blocks[0].containers) == MAX_DEPTH
    assert doc.warnings and doc.warnings[0].line == 1


def test_nesting_thousands_deep_is_flattened_without_recursing() -> None:
    """50,000 quote or list markers: every word kept, at the deepest level shown, one
    warning (markdown-it would recurse once per level without the flattening rule)."""
    for marker in ("> ", "- ", "1. "):
        doc = parse_markdown(marker * 50_000 + "fundo\n\nfim\n", "d.md")
        assert [block.text for block in doc.blocks] == ["fundo", "fim"]
        assert len(doc.blocks[0].containers) == MAX_DEPTH
        assert [w.line for w in doc.warnings] == [1]


def test_too_deep_is_one_warning_however_many_places() -> None:
    deep = "- " * (MAX_DEPTH + 1) + "x\n\npara\n\n"
    doc = parse_markdown(deep * 3, "d.md")
    (warning,) = doc.warnings
    assert (warning.line, warning.message) == (
        1,
        f"nested deeper than {MAX_DEPTH} levels; shown at level {MAX_DEPTH} (and 2 more places)",
    )


def test_a_footnote_defined_again_warns_with_both_lines() -> None:
    """The plugin keeps the last definition: the warning is at it and names the line of
    the one dropped; a third definition names the second."""
    source = "a[^n] b[^m]\n\n[^n]: one\n\n[^m]: m\n\n[^n]: two\n\n[^n]: three\n"
    doc = parse_markdown(source, "f.md")
    assert [(w.line, w.message) for w in doc.warnings] == [
        (7, "footnote [^n] is defined again; its definition at line 3 is dropped"),
        (9, "footnote [^n] is defined again; its definition at line 7 is dropped"),
    ]
    assert {w.severity for w in doc.warnings} == {Severity.WARNING}
    assert [note.blocks[0].text for note in doc.notes] == ["three", "m"]


def test_many_footnotes_defined_again_are_summed_up() -> None:
    source = "".join(f"[^{n}]: a\n\n[^{n}]: b\n\n" for n in range(20))
    warnings = parse_markdown(source, "f.md").warnings
    assert len(warnings) == 6
    assert warnings[-1].message == "15 more footnotes are defined again, the first of them here"
    assert warnings[-1].line == 23


@pytest.mark.parametrize("path", ["n.md", "n.txt"])
def test_nul_bytes_are_shown_as_replacement_and_warned_at_their_line(path: str) -> None:
    doc = parse_document("um\n\ndois\x00 e\x00\n", path)
    assert doc.blocks[-1].text == "dois\ufffd e\ufffd"
    assert [(w.line, w.message) for w in doc.warnings] == [
        (3, "NUL byte shown as U+FFFD (and 1 more after it)")
    ]


@pytest.mark.parametrize(
    ("source", "path"),
    [("", "e.md"), (" \n\t\n\n", "e.md"), ("---\ntitle: T\n---\n\n", "e.md"), ("\n", "e.txt")],
)
def test_a_text_with_nothing_to_read_says_so(source: str, path: str) -> None:
    doc = parse_document(source, path)
    assert not doc.has_text
    assert [str(w) for w in doc.warnings] == [f"{path}: warning: has no text"]


@pytest.mark.parametrize("source", ["[^a]: only a note\n", "*[A]: a\n\nA.\n", "# T\n"])
def test_a_note_or_a_heading_is_text(source: str) -> None:
    doc = parse_markdown(source, "t.md")
    assert doc.has_text and doc.warnings == ()


def test_front_matter_below_blank_lines_is_a_warning_at_its_opening() -> None:
    doc = parse_markdown("\n\n---\ntitle: Tarde\n---\n\nCorpo.\n", "t.md")
    assert [str(w) for w in doc.warnings] == [
        "t.md:3: warning: front matter must start at line 1; the block opened at line 3 "
        "is read as text"
    ]


@pytest.mark.parametrize("source", ["\n---\n\nNote: a rule, then prose.\n", "\n\n---\n"])
def test_a_rule_below_blank_lines_is_not_front_matter(source: str) -> None:
    assert parse_markdown(source, "t.md").warnings == ()


def test_nested_list_markers_cycle_and_count() -> None:
    """Bullets alternate •, ◦, ▪ by depth; ordered items count from their start number; one
    container per item (the list itself is no extra level of nesting)."""
    source = "- a\n  - b\n    - c\n      - d\n\n7. x\n8. y\n"
    doc = parse_markdown(source, "l.md")
    markers = [[c.marker for c in block.containers] for block in doc.blocks]
    assert markers == [["•"], ["", "◦"], ["", "", "▪"], ["", "", "", "•"], ["7."], ["8."]]
    kinds = {c.kind for block in doc.blocks for c in block.containers}
    assert kinds == {ContainerKind.BULLET, ContainerKind.ORDERED}


# --- layering -----------------------------------------------------------------------------


def test_core_modules_do_not_import_textual() -> None:
    """The document, glossary, linking, layout, search and CLI modules stay usable without
    the UI: loading them must not import Textual (``reader render`` stays fast and
    terminal-free)."""
    code = (
        "import reader.document, reader.glossary, reader.linking, reader.cli, sys, "
        "reader.layout, reader.index.mentions, reader.index.progress, reader.index.search, "
        "reader.index.aids, reader.pipeline, reader.userdata, reader.userdata.session; "
        "assert not any(m == 'textual' or m.startswith('textual.') for m in sys.modules), "
        "sorted(m for m in sys.modules if m.startswith('textual'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr


def test_a_field_that_looks_like_a_known_one_is_said_to_be_unknown() -> None:
    """``titel:``/``autor:`` opened a text titled by its file name without a word; fields
    of other tools (``tags:``, ``layout:``) stay quiet: front matter is shared."""
    source = (
        "---\ntitel: Meu texto\nautor: Ana\ntags: [a, b]\nlayout: post\nglosary: [x]\n"
        "title: O título\n---\n\nTexto.\n"
    )
    document = parse_markdown(source, "notas.md")
    assert document.meta.title == "O título"
    found = [(w.line, w.message, w.severity) for w in document.warnings]
    assert found == [
        (
            2,
            "front matter field 'titel' is not one the reader knows: did you mean 'title'?",
            Severity.WARNING,
        ),
        (
            3,
            "front matter field 'autor' is not one the reader knows: did you mean 'author'?",
            Severity.WARNING,
        ),
        (
            6,
            "front matter field 'glosary' is not one the reader knows: did you mean 'glossary'?",
            Severity.WARNING,
        ),
    ]
