"""``reader render --format html``: one self-contained page, read back by an HTML parser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.document import NoteKind
from reader.pipeline import open_text, resolve_text
from reader.render import to_html
from tests.core_helpers import FIXTURES, run_cli
from tests.page_check import check_page

EVERY_BLOCK = FIXTURES / "render" / "every-block.md"


def test_the_bundled_article_links_every_term_to_its_note_and_its_entry() -> None:
    opened = open_text(resolve_text("stalingrado"))
    page = check_page(to_html(opened))
    notes = opened.document.notes
    html_tag = page.elements("html")[0]
    assert html_tag["lang"] == "pt"
    asides = page.elements("aside", role="doc-footnote")
    assert [aside["id"] for aside in asides] == [f"note-{note.number}" for note in notes]
    noterefs = page.elements("a", role="doc-noteref")
    assert {ref["href"] for ref in noterefs} == {f"#note-{note.number}" for note in notes}
    wehrmacht = [ref for ref in noterefs if ref.get("class") == "term" and "title" in ref]
    assert any("forças armadas" in ref["title"] for ref in wehrmacht)
    terms = [note for note in notes if note.kind is NoteKind.TERM]
    glossrefs = page.elements("a", role="doc-glossref")
    assert len(glossrefs) >= len(terms)
    assert len(page.elements("section", role="doc-glossary")) == 1
    assert len(page.elements("dt")) == len(terms)
    back = page.elements("a", role="doc-backlink")
    assert len(back) == len(notes)  # every note is referenced, and links back


def test_the_front_matter_is_the_header_and_the_page_styles_both_schemes() -> None:
    html = to_html(open_text(resolve_text(str(EVERY_BLOCK))))
    page = check_page(html)
    header = html[html.index("<header>") : html.index("</header>")]
    assert "<h1>Teste: no</h1>" in header
    assert 'class="author">Ana<' in header
    assert '<time datetime="1943-02-02">' in header
    assert 'href="https://example.org/x"' in header
    assert "prefers-color-scheme: dark" in html
    assert page.elements("meta", **{"http-equiv": "Content-Security-Policy"})


def test_containers_nest_as_elements() -> None:
    html = to_html(open_text(resolve_text(str(EVERY_BLOCK))))
    check_page(html)
    assert re.search(r"<li>\s*<p id=\"p-3\">item dois.*?</p>\s*<ul>\s*<li>", html, re.DOTALL)
    assert '<ol start="3">' in html
    assert re.search(r"<blockquote>\s*<p[^>]*>citação.*?<blockquote>", html, re.DOTALL)
    assert re.search(r"<dl>\s*<dt[^>]*>Termo</dt>\s*<dd>", html)
    assert '<th style="text-align: center">a</th>' in html
    assert '<td style="text-align: center">x | y</td>' in html


def test_raw_html_and_unsafe_links_come_out_as_text(tmp_path: Path) -> None:
    text = tmp_path / "raw.md"
    text.write_text(
        "<script>alert(1)</script>\n\n"
        'Inline <img src=x onerror="alert(2)"> and <a href="javascript:alert(3)">a</a>.\n\n'
        "[js](javascript:alert(4)) [data](data:text/html,x) ![i](http://example.org/i.png)\n",
        encoding="utf-8",
    )
    html = to_html(open_text(resolve_text(str(text))))
    page = check_page(html)
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=" in html  # as text: check_page saw no handler
    assert "javascript:" not in "".join(a.get("href", "") for a in page.elements("a"))
    assert page.elements("a", href="http://example.org/i.png", **{"class": "image"})


def test_render_writes_the_page_to_a_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "out.html"
    result = run_cli(capsys, "render", "stalingrado", "--format", "html", "-o", str(target))
    assert (result.code, result.out, result.err) == (0, "", "")
    check_page(target.read_text(encoding="utf-8"))


def test_render_to_a_folder_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    result = run_cli(capsys, "render", "stalingrado", "--format", "html", "-o", str(tmp_path))
    assert result.code == 2
    assert result.err.count("\n") == 1 and "is a folder" in result.err


def test_a_note_reference_in_a_link_text_follows_the_link_instead_of_nesting(
    tmp_path: Path,
) -> None:
    """HTML has no links inside links: `[Beevor^[note] e Glantz](url)` became `<a><a>` and a browser
    closed the outer link at the inner one. The reference now comes right after the
    link, and still links to its note (which still links back to it)."""
    text = tmp_path / "nested.md"
    text.write_text(
        "Leia [*Stalingrad*, de Beevor^[Londres, 1998.] e Glantz]"
        "(https://example.org/beevor) e mais.\n",
        encoding="utf-8",
    )
    html = to_html(open_text(resolve_text(str(text))))
    page = check_page(html)
    body = html[html.index("<body") :]
    assert not re.search(r"<a [^>]*>(?:(?!</a>).)*<a ", body, re.DOTALL), body
    link = re.search(r'<a href="https://example.org/beevor"[^>]*>(.*?)</a>(<a [^>]*>)', body)
    assert link is not None, body
    assert link.group(1) == "<em>Stalingrad</em>, de Beevor e Glantz"
    assert 'role="doc-noteref"' in link.group(2) and 'href="#note-1"' in link.group(2)
    assert page.elements("a", role="doc-backlink")
