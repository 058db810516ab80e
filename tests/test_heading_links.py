"""Links to a heading by its anchor (``[see](#the-battle)``) become jumps to it."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.document import SpanKind, parse_markdown
from reader.document.heading_links import heading_slug
from reader.pipeline import open_text, resolve_text
from reader.render import to_html
from reader.ui.widgets.article_view import ArticleView
from tests.ui_helpers import make_app, settle, view_text, wait_until

TEXT = """# Título

Veja [depois](#depois), [a ofensiva](#a-ofensiva-alemã-1942),
[codificado](#a-ofensiva-alem%C3%A3-1942),
[o segundo](#depois-1), [um bloco](#p-2) e [nada](#nada).[^1]

## Depois

x

## A ofensiva alemã (1942)

y

## Depois

z

| coluna |
|---|
| [na tabela](#depois) |

[^1]: Na nota, [depois](#depois).
"""


@pytest.mark.parametrize(
    ("heading", "slug"),
    [
        ("A ofensiva alemã (1942)", "a-ofensiva-alemã-1942"),
        ("Hello, World!", "hello-world"),
        ("  Já  dois espaços ", "já--dois-espaços"),
        ("snake_case e hífen-s", "snake_case-e-hífen-s"),
    ],
)
def test_a_heading_slug_is_the_one_renderers_give(heading: str, slug: str) -> None:
    assert heading_slug(heading) == slug


def _targets(spans: tuple[object, ...]) -> list[str]:
    return [span.target for span in spans if span.kind is SpanKind.LINK]  # type: ignore[attr-defined]


def test_links_to_a_heading_anchor_lead_to_its_block_and_others_are_left() -> None:
    document = parse_markdown(TEXT, "t.md")
    headings = [(block.id, block.text) for block in document.blocks if block.kind.value == "h"]
    assert headings[1:] == [
        ("h-2", "Depois"),
        ("h-3", "A ofensiva alemã (1942)"),
        ("h-4", "Depois"),
    ]
    assert _targets(document.blocks[1].spans) == [
        "#h-2",
        "#h-3",
        "#h-3",
        "#h-4",  # the second "Depois" is "depois-1", as renderers number it
        "#p-2",  # already a block: left alone
        "#nada",  # no such heading: left as written
    ]
    (table,) = [block for block in document.blocks if block.rows]
    assert _targets(table.rows[-1][0].spans) == ["#h-2"]
    (note,) = document.notes
    assert _targets(note.blocks[0].spans) == ["#h-2"]


def test_the_html_export_links_them_within_the_page(tmp_path: Path) -> None:
    path = tmp_path / "t.md"
    path.write_text(TEXT, encoding="utf-8")
    html = to_html(open_text(resolve_text(str(path))))
    assert '<a href="#h-3">a ofensiva</a>' in html
    assert '<h2 id="h-3">' in html


async def test_enter_on_a_heading_link_jumps_there_and_an_unknown_place_says_so(
    tmp_path: Path,
) -> None:
    filler = "\n\n".join(f"Parágrafo {n}." for n in range(60))
    path = tmp_path / "t.md"
    path.write_text(
        f"# Título\n\nVeja [o fim](#o-fim) ou [nada](#nada).\n\n{filler}\n\n## O fim\n\nAqui.\n",
        encoding="utf-8",
    )
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.query_one("#article", ArticleView)
        await pilot.press("tab", "enter")
        await wait_until(pilot, lambda: "Aqui." in view_text(view), "the jump to the heading")
        await pilot.press("backspace")
        await wait_until(pilot, lambda: "Veja o fim" in view_text(view), "back")
        await pilot.press("tab", "enter")
        await wait_until(
            pilot,
            lambda: any("no place called #nada" in n.message for n in app._notifications),
            "the warning",
        )


async def test_the_reading_cursor_goes_to_the_place_jumped_to_near_the_end(
    tmp_path: Path,
) -> None:
    """A jump to a heading near the end (it cannot come to the top) left the cursor on
    the passage at the top of the screen, so `m` bookmarked the wrong one."""
    filler = "\n\n".join(f"Parágrafo {n}." for n in range(60))
    path = tmp_path / "t.md"
    path.write_text(
        f"# Título\n\nVeja [o fim](#o-fim).\n\n{filler}\n\n## O fim\n\nAqui.\n", "utf-8"
    )
    app = make_app(path, data_dir=tmp_path / "data")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.query_one("#article", ArticleView)
        document = view.document
        assert document is not None
        heading = next(i for i, b in enumerate(document.blocks) if b.text == "O fim")
        await pilot.press("tab", "enter")
        await wait_until(pilot, lambda: "Aqui." in view_text(view), "the jump")
        await wait_until(pilot, lambda: view.cursor_block in (heading, heading + 1), "the cursor")
        top = view.reading_place()
        assert top is not None and top[0] < heading  # the heading is not at the top
