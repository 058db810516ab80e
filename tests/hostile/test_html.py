"""Hostile web pages: escapes and markup in every place a page can put text, deep nesting,
entity expansion, external entities and DTDs, broken JSON-LD, note references that loop.

What is wanted: every string that comes out of the converter is sanitised (nothing a
terminal obeys, no Textual markup interpreted); nothing is fetched or read but the page;
nothing hangs, recurses without bound or crashes; what cannot be read is one line.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import etree

from reader.document.html import convert_tree, parse_html, parse_markup
from reader.document.html.parsing import MAX_DEPTH
from reader.layout import DocumentLayout
from reader.linking import link_document
from tests.core_helpers import run_cli
from tests.hostile.helpers import (
    assert_clean_output,
    assert_one_line_refusal,
    forbidden_in,
    screen_text,
    strings_in,
    watched_app,
)
from tests.hostile.make_corpus import ENTITIES, HOSTILE, MARKUP, WORD
from tests.ui_helpers import settle

BAD = f"{HOSTILE} {ENTITIES} {MARKUP}"
"""Escapes, character references for controls, and Textual markup, in one string."""


def attribute(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;")


def hostile_page() -> str:
    """A page with :data:`BAD` in its title, metadata, JSON-LD, headings, text, links,
    images, code, tables, quotes and notes."""
    ld = json.dumps(
        {"@type": "Article", "headline": BAD, "author": {"name": BAD}, "inLanguage": BAD}
    )
    return f"""<!doctype html><html lang="{attribute(BAD)}"><head>
<title>{BAD} | Site</title>
<meta name="author" content="{attribute(BAD)}">
<meta property="og:site_name" content="{attribute(BAD)}">
<meta property="og:url" content="https://example.org/{attribute(HOSTILE)}">
<script type="application/ld+json">{ld}</script>
</head><body><article>
<h1>{WORD} {BAD}</h1>
<p>{WORD} {BAD}<a href="#n1" role="doc-noteref">{BAD}</a> e
<a href="https://evil.example/{attribute(HOSTILE)}" title="{attribute(BAD)}">{BAD}</a>
<img alt="{attribute(BAD)}" src="x{attribute(HOSTILE)}.png"> <q>{BAD}</q> <code>{BAD}</code></p>
<pre class="language-{attribute(HOSTILE)}">{BAD}</pre>
<table><caption>{BAD}</caption><tr><th>{BAD}</th></tr><tr><td>{BAD}</td></tr></table>
<ul><li>{BAD}</li></ul><blockquote>{BAD}</blockquote><dl><dt>{BAD}</dt><dd>{BAD}</dd></dl>
<aside id="n1" role="doc-footnote"><p>{BAD}</p></aside>
</article></body></html>"""


@pytest.fixture
def page_file(tmp_path: Path) -> Path:
    path = tmp_path / "hostil.html"
    path.write_text(hostile_page(), encoding="utf-8")
    return path


def test_every_string_out_of_the_converter_is_sanitised() -> None:
    doc = parse_html(hostile_page(), "hostil.html")
    linked = link_document(doc)
    found = [text for text in strings_in(linked) if forbidden_in(text)]
    assert found == []
    assert WORD in doc.blocks[0].text and doc.notes and doc.meta.author
    assert doc.meta.language == "und"  # escapes are no language tag
    assert MARKUP in doc.blocks[1].text  # markup is text, as written


def test_render_of_a_hostile_page_is_clean(
    capsys: pytest.CaptureFixture[str], page_file: Path
) -> None:
    result = run_cli(capsys, "render", page_file)
    assert result.code == 0, result.err
    assert_clean_output(result)
    assert "␛[31m" in result.out and "[@click=app.pwned]CLICKME[/]" in result.out


async def test_the_reader_shows_a_hostile_page_literally(page_file: Path) -> None:
    """In the reader: nothing raw on screen, and markup in the page runs no action."""
    app = watched_app(page_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        shown = screen_text(app)
        assert WORD in shown
        assert forbidden_in(shown) == []
        assert "CLICKME" in shown
        assert app.pwned == 0


# --- nesting --------------------------------------------------------------------------------


def nested(levels: int, before: str = "") -> str:
    return (
        f"<html><body>{before}" + "<div>" * levels + "fundo" + "</div>" * levels + "</body></html>"
    )


def test_nesting_past_the_parser_limit_is_a_warning_and_the_page_up_to_it() -> None:
    """libxml2 stops at 256 levels: the page is shown up to there, with one warning."""
    doc = parse_html(nested(100_000, "<p>Antes do fundo.</p>"), "fundo.html")
    assert [block.text for block in doc.blocks] == ["Antes do fundo."]
    assert [problem.message for problem in doc.warnings] == [
        f"nested deeper than {MAX_DEPTH} levels; the page is shown up to here"
    ]


def test_a_page_of_nothing_but_nesting_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "poço.html"
    path.write_text(nested(1_000_000), encoding="utf-8")  # 11 MB of <div>s
    result = run_cli(capsys, "render", path)
    assert_one_line_refusal(result, "poço.html:1:", f"nested deeper than {MAX_DEPTH} levels")


@pytest.mark.slow
def test_100_mb_of_nested_divs_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "cem.html"
    with path.open("w", encoding="ascii") as out:
        out.write("<html><body>")
        for _ in range(100):
            out.write("<div>" * 200_000)  # 1 MB each
    result = run_cli(capsys, "render", path)
    assert_one_line_refusal(result, "cem.html", "too large")


def test_a_tree_built_deeper_than_any_parser_allows_is_flattened() -> None:
    """A tree made by hand (or by another parser: libxml2's ``huge_tree`` goes to 2048)
    5,000 levels deep: flattened below the limit, no RecursionError, the text kept.
    (lxml builds such a tree in time growing with the square of its depth, so this one
    is no deeper.)"""
    root = etree.Element("html")
    element = etree.SubElement(root, "body")
    for _ in range(5_000):
        element = etree.SubElement(element, "div")
    element.text = "fundo"
    converted = convert_tree(root, "deep")
    assert [block.text for block in converted.blocks] == ["fundo"]
    assert [problem.message for problem in converted.warnings] == [
        f"nested deeper than {MAX_DEPTH} levels; the rest is shown as plain text"
    ]
    depth = max(len(list(node.iterancestors())) for node in root.iter())
    assert depth <= MAX_DEPTH + 1


# --- entities, DTDs, the network ------------------------------------------------------------

LAUGHS = "\n".join(
    [
        '<!ENTITY lol0 "lol">',
        *(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)),
    ]
)


@pytest.mark.parametrize("prolog", ['<?xml version="1.0"?>\n', ""])
def test_a_billion_laughs_is_never_expanded(prolog: str) -> None:
    """Nine levels of ten references each: 10⁹ "lol"s if expanded. Read as XML (with a
    prolog) the reference stays one, shown as written; read as HTML, the DTD is nothing."""
    source = (
        f"{prolog}<!DOCTYPE html [\n{LAUGHS}\n]>\n"
        '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Riso: &lol9;.</p></body></html>'
    )
    doc = parse_html(source, "risos.xhtml")
    texts = [block.text for block in doc.blocks]
    assert sum(len(text) for text in texts) < 100
    assert "lollol" not in " ".join(texts)
    if prolog:
        assert texts == ["Riso: &lol9;."]


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text("SEGREDO-DO-DISCO", encoding="utf-8")
    (tmp_path / "evil.dtd").write_text(
        f'<!ENTITY dtdsecret SYSTEM "{path.as_uri()}">\n<!ENTITY fromdtd "DO-DTD">',
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("prolog", ['<?xml version="1.0"?>\n', ""])
def test_external_entities_and_dtds_are_never_read(secret: Path, prolog: str) -> None:
    """An external DTD, an external entity, a parameter entity (each a local file here;
    the lxml in use has no HTTP client, and loading nothing means asking no server)."""
    dtd = secret.with_name("evil.dtd").as_uri()
    source = (
        f'{prolog}<!DOCTYPE html SYSTEM "{dtd}" [\n'
        f'<!ENTITY xxe SYSTEM "{secret.as_uri()}">\n'
        f'<!ENTITY % param SYSTEM "{dtd}"> %param;\n]>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><body>'
        "<p>a &xxe; b &dtdsecret; c &fromdtd; d</p></body></html>"
    )
    text = " ".join(block.text for block in parse_html(source, "xxe.xhtml").blocks)
    assert "SEGREDO" not in text and "DO-DTD" not in text
    assert text.startswith("a ")


# --- metadata and notes that fight back -----------------------------------------------------


def test_json_ld_nested_past_the_stack_or_huge_is_ignored() -> None:
    deep = "[" * 100_000 + "]" * 100_000
    huge = json.dumps({"@type": "Article", "headline": "x" * 2_000_000})
    head = (
        f'<script type="application/ld+json">{deep}</script>'
        f'<script type="application/ld+json">{huge}</script><title>Título</title>'
    )
    doc = parse_html(f"<html><head>{head}</head><body><p>Texto.</p></body></html>", "ld.html")
    assert doc.meta.title == "Título"


def test_note_references_that_loop_are_converted_once() -> None:
    """A note that refers to itself, two that refer to each other, a reference into the
    note it sits in, and a thousand references to one note: each note once."""
    refs = "".join(f'<sup><a href="#a">{n}</a></sup>' for n in range(1000))
    source = (
        f"<p>Texto{refs}<sup><a href='#b'>b</a></sup></p>"
        '<aside role="doc-footnote" id="a"><p>A<sup><a href="#a">a</a></sup>'
        '<sup><a href="#b">b</a></sup></p></aside>'
        '<aside role="doc-footnote" id="b"><p>B<sup><a href="#a">a</a></sup></p></aside>'
    )
    converted = convert_tree(parse_markup(source, "loop").root, "loop")
    assert [note.key for note in converted.notes] == ["fn:#a", "fn:#b"]
    linked = link_document(parse_html(f"<html><body>{source}</body></html>", "loop.html"))
    assert len(DocumentLayout(linked, 72).plain_lines()) < 50
