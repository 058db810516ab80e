"""Which format a text is in (one place: reader/pipeline/formats.py), and web pages through
the whole pipeline: ``reader render page.html``, the staged load, lazy imports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from reader.pipeline import (
    LoadRequest,
    Shown,
    TextFormat,
    TextRef,
    load_stages,
    open_text,
    resolve_text,
    sniff,
    text_format,
)
from reader.pipeline.stages import TWO_STEP_LOAD_CHARS
from reader.text.stdin import stdin_ref
from tests.core_helpers import FIXTURES, REPO, run_cli

PAGE = (FIXTURES / "html" / "news.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("start", "found"),
    [
        ("<!DOCTYPE html><html><body>x", TextFormat.HTML),
        ("\ufeff  \n<!doctype HTML>\n<p>x", TextFormat.HTML),
        ("<html lang='pt'><p>x", TextFormat.HTML),
        ("<!-- saved from url=(0042)https://example.org/ -->\n<html>", TextFormat.HTML),
        (
            '<?xml version="1.0"?>\n<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml">',
            TextFormat.XHTML,
        ),
        ('<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">', TextFormat.XHTML),
        ('<?xml version="1.0"?><rss version="2.0">', TextFormat.MARKDOWN),
        ("# Título\n\n<html> no meio", TextFormat.MARKDOWN),
        ("<div>HTML em Markdown</div>", TextFormat.MARKDOWN),
        ("<!doctype foo><html>", TextFormat.MARKDOWN),
        ("<htmlish>", TextFormat.MARKDOWN),
        ("", TextFormat.MARKDOWN),
    ],
)
def test_sniffing_a_text_without_a_suffix(start: str, found: TextFormat) -> None:
    """A page starts like one (after white space, a BOM, comments): ``<!doctype html``,
    ``<html``, or ``<?xml`` with an XHTML root; anything else is Markdown."""
    assert sniff(start) is found


def test_sniffing_an_unclosed_comment_is_one_pass() -> None:
    """A start made to make a naive regex backtrack (thousands of unclosed comments) is
    read in one pass: Markdown, at once."""
    assert sniff("<!--" * 100_000) is TextFormat.MARKDOWN
    assert sniff("<?" * 100_000) is TextFormat.MARKDOWN


@pytest.mark.parametrize(
    ("name", "found"),
    [
        ("page.html", TextFormat.HTML),
        ("PAGE.HTM", TextFormat.HTML),
        ("chapter.xhtml", TextFormat.XHTML),
        ("notes.md", TextFormat.MARKDOWN),
        ("notes.txt", TextFormat.PLAIN),
        ("saved-page", TextFormat.HTML),
    ],
)
def test_format_by_suffix_then_by_sniffing(name: str, found: TextFormat) -> None:
    assert text_format(TextRef(Path(name), name), PAGE) is found


def test_a_markdown_file_that_starts_like_html_stays_markdown(tmp_path: Path) -> None:
    """The suffix decides: ``.md`` is Markdown (its raw HTML shown as written)."""
    path = tmp_path / "page.md"
    path.write_text("<!doctype html>\n<html><body><p>Olá</p></body></html>\n", encoding="utf-8")
    opened = open_text(resolve_text(str(path)))
    assert opened.document.blocks[1].kind.value == "html"
    assert stdin_ref().from_stdin  # and standard input is always sniffed
    assert text_format(stdin_ref(), "# x") is TextFormat.MARKDOWN


def test_render_a_saved_page(capsys: pytest.CaptureFixture[str]) -> None:
    """``reader render page.html``: the article, its notes numbered, no boilerplate."""
    result = run_cli(capsys, "render", FIXTURES / "html" / "pandoc.html", "--width", "60")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[:2] == ["Notas de leitura: o Volga", "━━━━━━━━━━━━━━━━━━━━━━━━━"]
    assert "comprimento_km = 3530" in [line.strip() for line in lines]
    notes = lines[lines.index("Notas") :]
    assert any("Cerca de 3530 km." in line for line in notes)
    assert "↩" not in result.out


def test_a_long_page_is_not_shown_from_its_head() -> None:
    """A long Markdown text shows its opening first; a long page does not (its article is
    found in the whole page): one unlinked Shown, then the linked one."""
    filler = "<p>" + "palavra " * 200 + "</p>\n"
    body = filler * (TWO_STEP_LOAD_CHARS // len(filler) + 2)
    source = f"<!doctype html><html><body><article>{body}</article></body></html>"
    ref = TextRef(Path("long.html"), "long.html")
    shown = [stage for stage in load_stages(LoadRequest(ref, source)) if isinstance(stage, Shown)]
    assert [stage.linked for stage in shown] == [False, True]
    markdown = TextRef(Path("long.md"), "long.md")
    text = ("palavra " * 200 + "\n\n") * (TWO_STEP_LOAD_CHARS // 1600 + 2)
    stages = [s for s in load_stages(LoadRequest(markdown, text)) if isinstance(s, Shown)]
    assert [stage.linked for stage in stages] == [False, False, True]


def test_lxml_is_imported_only_for_a_web_page() -> None:
    """Start-up does not pay for lxml: rendering Markdown and importing the app load
    neither lxml nor readability; rendering a page does."""
    code = (
        "import sys; from reader.cli.main import main; import reader.ui.app; "
        "heavy = ('lxml', 'readability'); "
        "assert main(['render', 'stalingrado']) == 0; "
        "assert not [m for m in sys.modules if m.startswith(heavy)], 'loaded'; "
        f"assert main(['render', {str(FIXTURES / 'html' / 'blog.html')!r}]) == 0; "
        "assert 'lxml' in sys.modules and 'readability' in sys.modules"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
