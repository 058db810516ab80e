"""Search: what a reader types found ignoring case and accents, / and n/N in the app."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input

import reader.index.search as search_module
from reader.document import Document, parse_markdown
from reader.glossary import fold
from reader.index.mentions import MentionKey
from reader.index.search import SearchCursor, SearchResults, hit_from, query_pattern
from reader.pipeline import LoadRequest, open_text, resolve_text
from reader.ui.reading import loading
from reader.ui.widgets.article_view import ArticleView
from tests.ui_helpers import make_app, settle, wait_until


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("stalin", "José Stálin"),
        ("STALIN", "josé stálin"),
        ("exercito vermelho", "o Exército\nVermelho"),
        ("exército", "EXERCITO"),
        ("exercito", "Exe\u0301rcito"),  # accent written as a combining mark
        ("1943", "em 1943,"),
        ("a.b", "a.b"),
        ("stalingrado", "Stalin\u00adgrado"),  # a soft hyphen inside the word
        ("volga", "Vol\u200bga"),  # a zero-width space a web page left there
        ("exercito vermelho", "Exército\u2060 Vermelho"),
        ("vol\u200bga", "Volga"),  # typed (pasted) with one
    ],
)
def test_query_finds_text_ignoring_case_accents_and_spacing(query: str, text: str) -> None:
    pattern = query_pattern(query)
    assert pattern is not None and pattern.search(text)


@pytest.mark.parametrize(("query", "text"), [("a.b", "axb"), ("stalin", "Stali n"), ("ab", "a b")])
def test_query_is_literal(query: str, text: str) -> None:
    pattern = query_pattern(query)
    assert pattern is not None and not pattern.search(text)


def test_blank_query_finds_nothing() -> None:
    assert query_pattern("  \n") is None
    document = parse_markdown("Texto.\n", "t.md")
    assert len(SearchResults(document, " ")) == 0


def test_results_in_reading_order_and_wrapping() -> None:
    document = open_text(resolve_text("stalingrado")).document
    results = SearchResults(document, "stalin")
    assert len(results) > 5
    keys = [(m.block, m.start) for m in results.matches]
    assert keys == sorted(keys)
    for match in results.matches:
        assert fold(document.blocks[match.block].text[match.start : match.end]) == "stalin"
    last = results.matches[-1]
    assert results.next_from(last.block, last.start) == 0  # wraps to the first
    first = results.matches[0]
    assert results.next_from(first.block, first.start, -1) == len(results) - 1
    assert results.next_from(first.block, first.start - 1) == 0


def test_matches_of_a_line_and_a_capped_search(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "volga " * 50
    document = parse_markdown(f"# T\n\n{text}\n", "t.md")
    results = SearchResults(document, "volga")
    assert len(results) == 50
    assert results.in_block(1, 8, 20) == [(6, 11), (12, 17), (18, 23)]  # one reaches in
    assert results.in_block(1, 11, 12) == []
    assert results.in_block(0, 0, 100) == []
    monkeypatch.setattr(search_module, "MAX_MATCHES", 10)
    capped = SearchResults(document, "volga")
    assert len(capped) == 10 and capped.count_label() == "10+"
    assert capped.next_from(1, 1000) == 0


def test_cursor_goes_from_the_screen_then_from_match_to_match() -> None:
    source = "# T\n\nVolga um.\n\nDois Volga.\n\nTrês volga.\n"
    document = parse_markdown(source, "t.md")
    cursor = SearchCursor()
    assert cursor.step(document, 1, (0, 0)) is None and cursor.status() == ""
    first = cursor.search(document, "VOLGA", (2, 0))  # the screen starts at "Dois"
    assert first is not None and first.block == 2 and cursor.status() == "“VOLGA”: 2 of 3"
    assert cursor.step(document, 1, (0, 0)) == cursor.results.matches[2]  # type: ignore[union-attr]
    wrapped = cursor.step(document, 1, (0, 0))
    assert wrapped is not None and wrapped.block == 1 and cursor.status().endswith("1 of 3")
    relinked = parse_markdown(source, "t.md")  # same text, new objects: searched again
    again = cursor.step(relinked, -1, (3, 0))
    assert again is not None and again.block == 2 and cursor.results is not None
    assert cursor.search(document, "nada", (0, 0)) is None
    assert cursor.status() == "“nada”: not found"


async def test_slash_finds_and_n_goes_on() -> None:
    """/ opens the search bar; Enter goes to the first match, highlighted, with "1 of N"
    said; n and N go on and back; Backspace returns to where the search started."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.query_one("#article", ArticleView)
        await pilot.press("slash")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "search"
        await pilot.press(*"volgogrado", "enter")
        await pilot.pause()
        status = str(app.query_one("#status").render())
        assert status == "“volgogrado”: 1 of 3"
        assert app.focused is view
        assert view.highlight is not None
        block, start, end = view.highlight
        document = view.document
        assert document is not None
        assert document.blocks[block].text[start:end] == "Volgogrado"
        first = view.highlight
        await pilot.press("n")
        await pilot.pause()
        assert str(app.query_one("#status").render()) == "“volgogrado”: 2 of 3"
        assert view.highlight != first
        await pilot.press("N")
        await pilot.pause()
        assert view.highlight == first
        await pilot.press("backspace")  # once: back to where the search started
        await pilot.pause()
        assert round(view.scroll_y) == 0
        assert view.matches_in is not None  # every match on screen is marked
        assert len(view.matches_in(block, 0, len(document.blocks[block].text))) >= 1
        await pilot.press("escape")  # in the text: stop marking them
        await pilot.pause()
        assert view.matches_in is None
        await pilot.press("slash", *"[b]nada[/b]", "enter")
        await pilot.pause()
        assert str(app.query_one("#status").render()) == "“[b]nada[/b]”: not found"


async def test_a_search_of_invisible_characters_alone_says_so() -> None:
    """Zero-width spaces and soft hyphens are ignored by the search: a query of nothing
    else said "“​­”: not found", quoting what cannot be seen. It is said plainly."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await pilot.pause()
        search_bar = app.query_one("#search", Input)
        search_bar.post_message(events.Paste("\u200b\u00ad"))  # pasted, as they come
        await wait_until(pilot, lambda: search_bar.value == "\u200b\u00ad", "the paste")
        await pilot.press("enter")
        await pilot.pause()
        status = str(app.query_one("#status").render())
        assert status == "Nothing to search for: only invisible characters"
        assert app.query_one("#article", ArticleView).highlight is None


async def test_escape_closes_the_search_bar() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"stal", "escape")
        await pilot.pause()
        assert not app.query_one("#search").display
        assert app.focused is app.query_one("#article")
        await pilot.press("n")  # nothing searched yet: nowhere to go
        await pilot.pause()
        assert app.reading.article.highlight is None and round(app.reading.article.scroll_y) == 0


TABLE_TEXT = """Volga before the table.

| Rio | Cidade |
|---|---|
| Volga | Volgogrado |
| Don | Volga-Don |

Volga after the table.
"""


def test_table_cells_are_searched_each_on_its_own_in_reading_order() -> None:
    document = parse_markdown(TABLE_TEXT, "t.md")
    results = SearchResults(document, "volga")
    table = next(i for i, block in enumerate(document.blocks) if block.rows)
    where = [(hit.block, hit.cell, hit.start) for hit in results.matches]
    assert where == [
        (table - 1, None, 0),
        (table, (1, 0), 0),
        (table, (2, 1), 0),
        (table + 1, None, 0),
    ]
    assert results.matches[2].text_in(document) == "Volga-Don"
    # A cell's match is no match of the table's own (empty) text, and never marks a line.
    assert results.in_block(table, 0, 100) == []
    # From the top of the table, the next match is its first cell's.
    assert results.next_from(table, -1) == 1
    assert results.next_from(table + 1, -1) == 3
    assert results.next_from(table + 1, 0, -1) == 2
    # A match never runs from one cell into the next.
    assert len(SearchResults(document, "volga volgogrado")) == 0


def _long_document() -> Document:
    """A text longer than what is counted with the first match: "volga" in every
    seventh paragraph and in a table's cells."""
    paragraphs = [
        f"Parágrafo {n} " + ("do Vôlga " if n % 7 == 3 else "de palavras ") * 40
        for n in range(2_000)
    ]
    table = "| a | b |\n|---|---|\n| volga | não |\n| sim | VOLGA e volga |\n"
    return parse_markdown("\n\n".join([*paragraphs[:1000], table, *paragraphs[1000:]]), "t.md")


def test_a_long_texts_matches_are_counted_in_steps_and_the_nearest_found_first() -> None:
    document = _long_document()
    whole = SearchResults(document, "volga")
    stepped = SearchResults(document, "volga", counted=False)
    steps = 0
    while not stepped.count(50_000):
        steps += 1
        assert 0 < len(stepped) < len(whole)  # usable meanwhile: the blocks searched so far
    assert steps > 5 and stepped.matches == whole.matches
    assert any(hit.cell is not None for hit in whole.matches)
    pattern = query_pattern("volga")
    assert pattern is not None
    # The match found alone from any place is the one the counted list gives.
    places = [hit.key for hit in whole.matches[::37]] + [MentionKey.at(0, -1, None)]
    places += [MentionKey.at(len(document.blocks) - 1, 10**9, None)]
    for key in places:
        for step in (1, -1):
            found = whole.next_after(key, step)
            assert found is not None
            assert hit_from(document, pattern, key, step) == whole.matches[found]
    assert hit_from(document, query_pattern("zanzibar"), places[0]) is None  # type: ignore[arg-type]


def test_the_cursor_goes_on_while_counting_then_says_where_it_is() -> None:
    document = _long_document()
    whole = SearchResults(document, "volga")
    cursor = SearchCursor()
    first = cursor.search(document, "volga", (500, 0))
    assert cursor.counting and cursor.status() == "“volga”: counting matches…"
    assert first == whole.matches[whole.next_from(500, -1)]  # type: ignore[index]
    second = cursor.step(document, 1, (0, 0))  # from the match, not from the place
    assert second == whole.matches[whole.next_from(500, -1) + 1]  # type: ignore[operator]
    assert cursor.results is not None
    cursor.results.count()
    assert not cursor.counting
    assert cursor.index == whole.matches.index(second)
    assert cursor.status() == f"“volga”: {cursor.index + 1:,} of {len(whole):,}"


def test_a_search_made_on_a_books_opening_is_counted_again_on_the_whole() -> None:
    """A search typed while a book loads runs on its opening; when the whole text
    replaces it, the matches are counted again on the whole (it said "1 of 12" for a
    book of thousands), and n goes on from the match the reader is on."""
    source = "\n\n".join(
        f"Parágrafo {n} " + ("do Vôlga " if n % 7 == 3 else "de palavras ") * 5 for n in range(300)
    )
    opening = parse_markdown(source[:2_000], "t.md")
    whole = parse_markdown(source, "t.md")
    cursor = SearchCursor()
    first = cursor.search(opening, "volga", (0, 0))
    assert first is not None and cursor.results is not None
    counted_on_opening = len(cursor.results.matches)
    assert cursor.rebase(whole) and not cursor.rebase(whole)
    assert cursor.results is not None and cursor.counting
    cursor.results.count()
    assert len(cursor.results.matches) == len(SearchResults(whole, "volga")) > counted_on_opening
    assert cursor.index == 0 and cursor.status().endswith(f"1 of {len(cursor.results):,}")
    second = cursor.step(whole, 1, (0, 0))
    assert second == cursor.results.matches[1]


async def test_a_books_first_match_shows_before_its_matches_are_counted(tmp_path: Path) -> None:
    """In a long text Enter goes to the nearest match at once, saying it is counting;
    the count follows between frames, then "k of N", the panel's list and the marks."""
    paragraphs = [
        f"Parágrafo {n} " + ("do Vôlga " if n % 7 == 3 else "de palavras ") * 40
        for n in range(2_000)
    ]
    text = tmp_path / "long.md"
    text.write_text("\n\n".join(paragraphs), encoding="utf-8")
    app = make_app(text)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.query_one("#article", ArticleView)
        status = app.query_one("#status")
        said: list[str] = []
        original = status.say  # type: ignore[attr-defined]

        def recording(message: str, **kw: object) -> None:
            said.append(message)
            original(message, **kw)

        status.say = recording  # type: ignore[attr-defined]
        await pilot.press("slash", *"volga", "enter")
        counted = "“volga”: 1 of 11,440"  # 40 in each of 286 paragraphs
        await wait_until(pilot, lambda: said[-1:] == [counted], f"the count ({said})")
        assert said[0] == "“volga”: counting matches…"
        first = SearchResults(view.document, "volga").matches[0]  # type: ignore[arg-type]
        assert view.highlight == (first.block, first.start, first.end)  # the nearest, first
        assert str(status.render()) == counted
        await pilot.press("n")
        await pilot.pause()
        assert str(status.render()) == "“volga”: 2 of 11,440"


def test_a_query_matches_what_a_case_blind_pattern_would() -> None:
    """The classes written out (faster than ``re.IGNORECASE``) match exactly the
    characters the case-blind pattern matches, over the whole of Unicode."""
    everything = "".join(map(chr, range(0x110000)))
    letters = "abcdefghijklmnopqrstuvwxyz0123456789"
    others = "ßſKİıΣσςДдǅẞ.-·𐐀𝔄"  # odd cases, a Deseret capital, a mathematical letter
    for char in letters + letters.upper() + others + "çÁõ":
        base = fold(char)
        variants = search_module._variants().get(base) if len(base) == 1 else None
        alike = re.escape(variants) if variants is not None else re.escape(char)
        blind = re.compile(f"[{alike}]", re.IGNORECASE)
        written = re.compile(search_module._char_pattern(char).removesuffix(search_module._MARKS))
        assert written.findall(everything) == blind.findall(everything), char


async def test_a_search_typed_before_the_text_is_in_runs_once_it_is(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """ "/volga" and Enter typed as the reader starts, before its text is shown (a slow
    start, a big text), go to the first match once it is; they did nothing."""
    release = threading.Event()
    stages = loading.load_stages  # type: ignore[attr-defined]

    def held_back(request: LoadRequest) -> Iterator[object]:
        release.wait(30)
        yield from stages(request)

    monkeypatch.setattr(loading, "load_stages", held_back)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.query_one("#article", ArticleView)
        await pilot.press("slash", *"volga", "enter")
        await pilot.pause()
        assert view.document is None
        release.set()
        await wait_until(
            pilot, lambda: "1 of" in str(app.query_one("#status").render()), "the first match"
        )
        assert view.highlight is not None
