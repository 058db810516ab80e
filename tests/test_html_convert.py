"""The HTML converter: structure, metadata, footnotes, links, images, tables and code of
web pages (and EPUB-like XHTML), straight into the document model."""

from __future__ import annotations

import pytest

from reader.document import BlockKind, ContainerKind, Document, SpanKind
from reader.document.html import (
    HtmlConverter,
    NoteIndex,
    convert_tree,
    link_target,
    parse_html,
    parse_markup,
)
from reader.document.html.convert import Converted
from reader.layout import DocumentLayout
from reader.linking import link_document
from tests.core_helpers import FIXTURES, glossary_set
from tests.test_document import summarize

HTML_FIXTURES = FIXTURES / "html"
PAGES = ["news", "blog", "wiki", "pandoc", "portal"]


def page(body: str, head: str = "", *, lang: str = "") -> Document:
    """A web page with ``head`` and ``body``, parsed as a saved page is."""
    attribute = f' lang="{lang}"' if lang else ""
    return parse_html(
        f"<!doctype html><html{attribute}><head>{head}</head><body>{body}</body></html>", "t.html"
    )


def convert(markup: str, *, xml: bool = False, base: str = "") -> Converted:
    """``markup`` converted whole (no article extraction), as an EPUB chapter is."""
    return convert_tree(parse_markup(markup, "t.xhtml", xml=xml).root, "t.xhtml", base=base)


def texts(converted: Converted | Document) -> list[str]:
    return [block.text for block in converted.blocks]


def meta_line(doc: Document) -> str:
    m = doc.meta
    return (
        f"meta title={m.title!r} author={m.author!r} date={m.date!r} "
        f"language={m.language!r} source={m.source!r}\n"
    )


@pytest.mark.parametrize("name", PAGES)
def test_saved_pages_convert_to_the_expected_document(name: str) -> None:
    """Each realistic saved page (a news article, a blog post, a Wikipedia article,
    pandoc's ``--standalone`` output, an old portal of ``<div>``s) becomes the blocks,
    spans, notes, outline and metadata in its ``.expected`` summary."""
    source = (HTML_FIXTURES / f"{name}.html").read_text(encoding="utf-8")
    doc = parse_html(source, f"{name}.html")
    expected = (HTML_FIXTURES / f"{name}.expected").read_text(encoding="utf-8")
    assert meta_line(doc) + summarize(doc) == expected


# --- structure ------------------------------------------------------------------------------


def test_headings_paragraphs_emphasis_and_white_space() -> None:
    """Headings keep their level; runs of white space are one space, none at a block's
    edges; ``<br>`` is a line break; emphasis, strong, code and strike are spans."""
    doc = convert(
        "<h2>  Título\n  dois </h2><p>Um  <em>dois</em>\n<strong>três</strong> <code>x  y</code>"
        "<br> <s>riscado</s>&nbsp;fim </p>"
    )
    heading, paragraph = doc.blocks
    assert (heading.kind, heading.level, heading.text) == (BlockKind.HEADING, 2, "Título dois")
    assert paragraph.text == "Um dois três x y\nriscado\u00a0fim"
    kinds = [(span.kind, paragraph.text[span.start : span.end]) for span in paragraph.spans]
    assert kinds == [
        (SpanKind.EMPHASIS, "dois"),
        (SpanKind.STRONG, "três"),
        (SpanKind.CODE, "x y"),
        (SpanKind.STRIKE, "riscado"),
    ]


def test_two_line_breaks_end_a_paragraph() -> None:
    """Pages write paragraphs as text between ``<br><br>``; a last ``<br>`` shows nothing."""
    assert texts(convert("<div>um<br><br>dois<br>três<br></div>")) == ["um", "dois\ntrês"]


def test_text_beside_blocks_makes_paragraphs_of_its_own() -> None:
    """Text straight in a ``<div>``, before and after a block inside it, is a paragraph."""
    assert texts(convert("<div>antes<p>dentro</p>depois <span>e mais</span></div>")) == [
        "antes",
        "dentro",
        "depois e mais",
    ]


def test_lists_nest_count_and_are_tight_without_paragraphs() -> None:
    """``<ol start>`` and ``<li value>`` number the items, bullets change with depth,
    items without ``<p>`` are tight, and ``<p>`` items are not."""
    doc = convert(
        "<p>Antes.</p><ol start='3'><li>três</li><li>quatro<ul><li>a</li><li>b</li></ul></li>"
        "<li value='9'>nove</li></ol><ul><li><p>solto</p></li><li><p>outro</p></li></ul>"
    )
    shape = [
        ("/".join(f"{c.kind.value}{c.marker}" for c in b.containers), b.text, b.tight)
        for b in doc.blocks
    ]
    assert shape == [
        ("", "Antes.", False),
        ("ordered3.", "três", False),
        ("ordered4.", "quatro", True),
        ("ordered/bullet•", "a", True),
        ("ordered/bullet•", "b", True),
        ("ordered9.", "nove", True),
        ("bullet•", "solto", False),
        ("bullet•", "outro", False),
    ]


def test_quotes_definitions_rules_and_inline_quotes() -> None:
    doc = convert(
        "<blockquote><p>Citado.</p></blockquote><dl><dt>Termo</dt><dd>Definição.</dd></dl>"
        "<hr><p>Ele disse <q>olá</q>.</p>"
    )
    quote, term, definition, rule, said = doc.blocks
    assert quote.containers[0].kind is ContainerKind.QUOTE
    assert (term.kind, term.text) == (BlockKind.TERM, "Termo")
    assert definition.containers[0].kind is ContainerKind.DEFINITION
    assert rule.kind is BlockKind.RULE
    assert said.text == "Ele disse “olá”."


def test_code_blocks_keep_their_text_and_language() -> None:
    """``<pre>`` is code as written (its first line break dropped, ``<br>`` a line
    break), its language from ``language-*`` or pandoc's ``sourceCode`` classes."""
    doc = convert(
        '<pre><code class="language-python">\ndef f():\n    return  1\n</code></pre>'
        '<pre class="sourceCode sh">ls<br>pwd</pre>'
    )
    first, second = doc.blocks
    assert (first.kind, first.info, first.text) == (
        BlockKind.CODE,
        "python",
        "def f():\n    return  1",
    )
    assert (second.info, second.text) == ("sh", "ls\npwd")


def test_links_resolve_against_the_page_and_images_show_their_alt_text() -> None:
    """Relative links are made absolute against the page's address; an image is its
    alt text in brackets ("[image]" without one), a decorative one (``alt=""``) nothing."""
    doc = page(
        '<p><a href="/wiki/Volga">Volga</a>, <a href="#notas">notas</a>,'
        ' <img src="a.png" alt="Um mapa"> <img src="b.png"> <img src="c.png" alt=""></p>',
        '<link rel="canonical" href="https://example.org/artigos/rio.html">',
    )
    (block,) = doc.blocks
    assert block.text == "Volga, notas, [Um mapa] [image]"
    links = [(s.kind, block.text[s.start : s.end], s.target) for s in block.spans]
    assert links == [
        (SpanKind.LINK, "Volga", "https://example.org/wiki/Volga"),
        (SpanKind.LINK, "notas", "#notas"),
        (SpanKind.IMAGE, "[Um mapa]", "https://example.org/artigos/a.png"),
        (SpanKind.IMAGE, "[image]", "https://example.org/artigos/b.png"),
    ]


def test_tables_headers_alignment_spans_and_captions() -> None:
    """A data table is one table block: ``<thead>`` (or leading ``<th>`` rows) the
    header, alignment from ``style`` or ``align``, a spanning cell followed by empty
    cells, the caption a paragraph before it."""
    doc = convert(
        "<table><caption>Rios</caption><thead><tr><th>Rio</th><th align='right'>km</th></tr>"
        "</thead><tbody><tr><td><em>Volga</em></td><td style='text-align: right'>3530</td></tr>"
        "<tr><td colspan='2'>fim</td></tr></tbody></table>"
    )
    caption, table = doc.blocks
    assert caption.text == "Rios"
    assert table.kind is BlockKind.TABLE and table.header_rows == 1
    assert [[(cell.text, cell.align) for cell in row] for row in table.rows] == [
        [("Rio", "left"), ("km", "right")],
        [("Volga", "left"), ("3530", "right")],
        [("fim", "left"), ("", "left")],
    ]
    assert table.rows[1][0].spans[0].kind is SpanKind.EMPHASIS


def test_a_layout_table_is_walked_as_blocks() -> None:
    """A table that lays out a page (a heading, a list, another table inside) is its
    blocks, not a table of one huge cell."""
    doc = convert(
        "<table><tr><td><h2>Capítulo</h2><p>Texto do capítulo.</p></td>"
        "<td><ul><li>menu</li></ul></td></tr></table>"
    )
    assert [(b.kind, b.text) for b in doc.blocks] == [
        (BlockKind.HEADING, "Capítulo"),
        (BlockKind.PARAGRAPH, "Texto do capítulo."),
        (BlockKind.PARAGRAPH, "menu"),
    ]


def test_scripts_styles_forms_and_hidden_text_are_not_text() -> None:
    doc = convert(
        "<p>visível<script>alert(1)</script><style>p{}</style><span hidden>oculto</span>"
        "<span aria-hidden='true'>também</span><span style='display: none'>nada</span>"
        "<button>Clique</button> fim</p><noscript>Ative o JavaScript</noscript>"
    )
    assert texts(doc) == ["visível fim"]


def test_anchors_map_ids_to_blocks() -> None:
    """Every id is an anchor: "file#id" → the block that element begins (or is in), for
    internal links (an EPUB's chapters link to each other this way)."""
    doc = convert(
        "<h1 id='c1'>Um</h1><p>a <span id='meio'>b</span></p><div id='fim'></div>",
        base="ch1.xhtml",
    )
    assert doc.anchors == {"ch1.xhtml#c1": "h-1", "ch1.xhtml#meio": "p-1", "ch1.xhtml#fim": "p-1"}


def test_link_targets_within_a_book() -> None:
    assert link_target("OEBPS/ch1.xhtml", "#n1") == "OEBPS/ch1.xhtml#n1"
    assert link_target("OEBPS/ch1.xhtml", "notes.xhtml#n%201") == "OEBPS/notes.xhtml#n 1"
    assert link_target("OEBPS/text/ch1.xhtml", "../notes.xhtml#n1") == "OEBPS/notes.xhtml#n1"
    assert link_target("ch1.xhtml", "https://example.org/#x") is None
    assert link_target("ch1.xhtml", "ch2.xhtml") is None


# --- metadata -------------------------------------------------------------------------------


def test_title_from_the_title_element_without_the_site_name() -> None:
    doc = page("<p>Texto.</p>", "<title>O Volga | Rios do Mundo</title>"
               "<meta property='og:site_name' content='Rios do Mundo'>")  # fmt: skip
    assert doc.meta.title == "O Volga"
    assert doc.meta.source == "Rios do Mundo"


def test_title_from_open_graph_before_the_title_element() -> None:
    doc = page(
        "<p>Texto.</p>", "<title>Início – Site</title><meta property='og:title' content='O Don'>"
    )
    assert doc.meta.title == "O Don"


def test_title_from_json_ld_and_the_heading_that_matches_a_part() -> None:
    ld = '{"@type": "BlogPosting", "headline": "Do JSON-LD"}'
    doc = page("<p>Texto.</p>", f'<script type="application/ld+json">{ld}</script>')
    assert doc.meta.title == "Do JSON-LD"
    doc = page(
        "<h1>Volga</h1><p>Texto.</p>", "<title>Volga – Wikipédia, a enciclopédia livre</title>"
    )
    assert doc.meta.title == "Volga"


def test_title_falls_back_to_the_first_heading_then_the_file_name() -> None:
    assert page("<h2>Secção</h2><p>Texto.</p>").meta.title == "Secção"
    assert page("<p>Texto.</p>").meta.title == "t"


def test_author_date_and_language_from_meta() -> None:
    doc = page(
        "<p>Texto.</p>",
        "<meta name='author' content='Ana'><meta name='author' content='Rui'>"
        "<meta name='dcterms.date' content='2024-05-01'>",
        lang="pt-BR",
    )
    assert (doc.meta.author, doc.meta.date, doc.meta.language) == (
        "Ana, Rui",
        "2024-05-01",
        "pt-BR",
    )


def test_author_date_language_and_site_from_json_ld() -> None:
    ld = (
        '{"@context": "https://schema.org", "@graph": [{"@type": "WebSite", "name": "X"},'
        ' {"@type": ["NewsArticle"], "headline": "H", "datePublished": "2025-12-08T07:30:00Z",'
        ' "inLanguage": "es", "author": [{"@type": "Person", "name": "Marta"}, "Rui"],'
        ' "publisher": {"name": "Diário"}, "url": "https://d.example/a"}]}'
    )
    doc = page("<p>Texto.</p>", f'<script type="application/ld+json">{ld}</script>')
    meta = doc.meta
    assert (meta.author, meta.date, meta.language) == ("Marta, Rui", "2025-12-08", "es")
    assert meta.source == "Diário — https://d.example/a"


def test_date_and_language_from_open_graph() -> None:
    doc = page(
        "<p>Texto.</p>",
        "<meta property='article:published_time' content='2023-02-31T10:00'>"
        "<meta property='og:locale' content='pt_PT'><meta name='date' content='2023-03'>",
    )
    assert doc.meta.date == "2023-03"  # 31 February is no date: the next source counts
    assert doc.meta.language == "pt-PT"


def test_nothing_invented_and_bad_values_ignored() -> None:
    doc = page("<p>Texto.</p>", '<script type="application/ld+json">{broken</script>', lang="??")
    meta = doc.meta
    assert (meta.author, meta.date, meta.source, meta.language) == (None, None, None, "und")


# --- footnotes ------------------------------------------------------------------------------


def note_texts(converted: Converted | Document) -> dict[str, list[str]]:
    return {note.label: [block.text for block in note.blocks] for note in converted.notes}


def refs(converted: Converted | Document) -> list[str]:
    return [
        span.target for b in converted.blocks for span in b.spans if span.kind is SpanKind.NOTE_REF
    ]


def test_dpub_aria_noterefs_and_aside_footnotes() -> None:
    doc = convert(
        '<p>Texto<a href="#n1" role="doc-noteref" id="r1">1</a>.</p>'
        '<aside id="n1" role="doc-footnote"><p><a href="#r1" role="doc-backlink">1.</a>'
        " A nota.</p></aside>"
    )
    assert texts(doc) == ["Texto."]
    assert refs(doc) == ["fn:#n1"]
    assert note_texts(doc) == {"1": ["A nota."]}


def test_epub_noterefs_and_footnotes_in_xhtml() -> None:
    """EPUB 3's ``epub:type`` (XHTML read as XML): noteref, footnote, and the number that
    links back inside the note left out."""
    doc = convert(
        '<?xml version="1.0" encoding="utf-8"?>'
        '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">'
        '<body><p>Uma frase<a epub:type="noteref" href="#fn2" id="ref2">2</a> e outra<a/>.</p>'
        '<aside epub:type="footnote" id="fn2"><p><a href="#ref2">2</a> Nota dois.</p></aside>'
        '<aside epub:type="endnote" id="fn9"><p>Nunca citada.</p></aside></body></html>',
        xml=True,
        base="ch1.xhtml",
    )
    assert texts(doc) == ["Uma frase e outra."]
    assert refs(doc) == ["fn:ch1.xhtml#fn2"]
    assert note_texts(doc) == {"2": ["Nota dois."], "fn9": ["Nunca citada."]}


def test_plain_sup_links_to_a_notes_list() -> None:
    """``<sup><a href="#fn1">1</a></sup>`` to the items of a list of notes."""
    doc = convert(
        '<p>Frase<sup id="s1"><a href="#fn1">[1]</a></sup>.</p>'
        '<div class="footnotes"><ol><li id="fn1">Primeira. <a href="#s1">↩</a></li></ol></div>'
    )
    assert texts(doc) == ["Frase."]
    assert note_texts(doc) == {"1": ["Primeira."]}


def test_markdown_it_section_footnotes() -> None:
    """markdown-it's own HTML: ``<sup class="footnote-ref">`` and ``<section
    class="footnotes">`` with ``footnote-backref`` links."""
    doc = convert(
        '<p>Um<sup class="footnote-ref"><a href="#fn1" id="fnref1">[1]</a></sup> dois</p>'
        '<hr class="footnotes-sep"><section class="footnotes"><ol class="footnotes-list">'
        '<li id="fn1" class="footnote-item"><p>Nota <a href="#fnref1" class="footnote-backref">'
        "↩︎</a></p></li></ol></section>"
    )
    assert [b.kind for b in doc.blocks] == [BlockKind.PARAGRAPH, BlockKind.RULE]
    assert note_texts(doc) == {"1": ["Nota"]}


def test_docutils_labels_and_kramdown_references() -> None:
    doc = convert(
        '<p>A<a class="footnote-reference brackets" href="#f1" id="r1">1</a> e B'
        '<sup id="fnref:2"><a href="#fn:2" class="footnote" rel="footnote">2</a></sup>.</p>'
        '<aside class="footnote brackets" id="f1" role="doc-footnote"><span class="label">'
        '<span class="fn-bracket">[</span><a role="doc-backlink" href="#r1">1</a>'
        '<span class="fn-bracket">]</span></span><p>Docutils.</p></aside>'
        '<div class="footnotes" role="doc-endnotes"><ol><li id="fn:2"><p>Kramdown. '
        '<a href="#fnref:2" class="reversefootnote" role="doc-backlink">↩</a></p></li></ol></div>'
    )
    assert texts(doc) == ["A e B."]
    assert note_texts(doc) == {"1": ["Docutils."], "2": ["Kramdown."]}


def test_a_link_to_a_heading_or_an_unknown_id_stays_a_link() -> None:
    doc = convert(
        '<h2 id="s">Secção</h2>'
        '<p>Ver<sup><a href="#s">1</a></sup> e<sup><a href="#x">2</a></sup>.</p>'
    )
    assert doc.notes == ()
    assert texts(doc)[1] == "Ver1 e2."


def test_a_references_list_nothing_refers_to_stays_text() -> None:
    """A bibliography with ``class="references"`` is notes only when the text refers to
    its items: otherwise it is text, like any list."""
    doc = convert('<ol class="references"><li id="b1">Beevor, 1998.</li></ol>')
    assert doc.notes == () and texts(doc) == ["Beevor, 1998."]


def test_notes_across_chapters_share_one_index() -> None:
    """An EPUB's chapters scanned into one index: a reference in one file finds its
    endnote in another, and block ids never repeat across files."""
    chapter = parse_markup('<p>Texto<a href="notes.xhtml#e1" role="doc-noteref">1</a>.</p>', "c")
    notes = parse_markup(
        '<ol role="doc-endnotes"><li id="e1">Nota final.</li></ol><p>Fim.</p>', "n"
    )
    index = NoteIndex()
    index.scan(chapter.root, "text/ch1.xhtml")
    index.scan(notes.root, "text/notes.xhtml")
    converter = HtmlConverter("book", index)
    first = converter.add(chapter.root, "text/ch1.xhtml")
    second = converter.add(notes.root, "text/notes.xhtml")
    result = converter.result()
    assert [b.id for b in result.blocks] == ["p-1", "p-2"]
    assert (first.first, first.end, second.first, second.end) == (0, 1, 1, 2)
    assert refs(result) == ["fn:text/notes.xhtml#e1"]
    assert note_texts(result) == {"1": ["Nota final."]}


def test_footnotes_share_the_glossary_sequence_and_are_listed_in_notes() -> None:
    """Linked with a glossary, a page's footnotes and its terms take numbers in reading
    order from one sequence; the notes section lists both."""
    glossary = glossary_set("title: G\nlanguage: pt\nterms:\n  - term: Volga\n    short: Um rio.\n")
    source = (HTML_FIXTURES / "pandoc.html").read_text(encoding="utf-8")
    linked = link_document(parse_html(source, "pandoc.html"), glossary)
    numbered = [(n.number, n.kind.value, n.label) for n in linked.notes]
    assert numbered == [
        (1, "term", "Volga"),
        (2, "footnote", "1"),
        (3, "footnote", "2"),
        (4, "footnote", "3"),
    ]
    lines = DocumentLayout(linked, 72).plain_lines()
    notes_at = lines.index("Notas")
    assert any("Cerca de 3530 km." in line for line in lines[notes_at:])
    assert any(line.startswith("¹") and "Volga — Um rio." in line for line in lines[notes_at:])
