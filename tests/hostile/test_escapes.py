"""Escape sequences, C1 controls, bidi and TAG characters in every place of a text.

The outcome wanted everywhere: the text renders (nothing dropped, exit status 0) and what
reaches the terminal holds none of those characters raw, only their visible stand-ins
(ESC as ␛, C1 as ⟨9B⟩, RLO as ⟨RLO⟩...). Characters a file cannot carry past YAML (a raw
ESC in front matter or a glossary) are refused with ``file:line:col``.
"""

from __future__ import annotations

import webbrowser
from pathlib import Path

import pytest

from reader.document import SpanKind
from reader.pipeline import open_text, resolve_text
from reader.text.sanitize import is_safe_url
from reader.ui.dialogs.link_screen import OpenLinkScreen
from tests.core_helpers import run_cli
from tests.hostile.helpers import (
    assert_clean_output,
    assert_one_line_refusal,
    assert_shown_with_one_line,
    forbidden_in,
    screen_actions,
    screen_text,
    strings_in,
    watched_app,
)
from tests.hostile.make_corpus import ESCAPES, WORD
from tests.ui_helpers import settle, view_text

SIZE = (120, 40)

VISIBLE_HOSTILE = "␛[31m␛[2J␛[H␛]52;c;SE9TVElMRQ==␇"
"""The first escapes of ``HOSTILE`` as the reader shows them."""

RENDERED: dict[str, tuple[str, ...]] = {
    "esc-body": (WORD, VISIBLE_HOSTILE, "⟨9B⟩31m", "⟨RLO⟩gnp.exe", "⟨TAG 41⟩", "␇␈␡␋␌␚", "fim."),
    "esc-heading": (WORD, "␛]0;PWNED-TITLE␇", "Setext", "Mais."),
    "esc-code": (WORD, "inline", "fenced", "indented by a tab", "indented code", "␛c␛P+q544e"),
    "esc-table": (WORD, "␛]0;PWNED-TITLE␇", "⟨9D⟩0;C1-TITLE"),
    "esc-link-text": (WORD, "texto ␛[31m", "fim", "[imagem ␛[31m"),
    "esc-link-url": (WORD, "um", "tres", "quatro", "<https://example.org/␛]0;PWNED-TITLE␇>"),
    "esc-front-matter": ("Zanzibar ␛[31m", "Texto."),
    "esc-footnote": (WORD, "Nota ␛[31m", "segundo paragrafo ␛[31m", "inline ␛[31m"),
    "esc-glossary": (WORD, "Kremlin¹⟨RLO⟩gnp.exe⟨PDF⟩⟨LRI⟩x⟨PDI⟩", "mal ␛[31m"),
    "entities": (WORD, "⟨RLO⟩ ⟨RLO⟩ \ufffd \ufffd \ufffd \ufffd \ufffd ⟨TAG 41⟩ \ufffd", "link"),
    "everything": (WORD, VISIBLE_HOSTILE, "Nota ␛[31m"),
    "file-control-name": ("evil␛]0;NAME-TITLE␇ name", WORD),
}
"""Texts that render, with pieces their rendering must show (proving nothing was dropped)."""


@pytest.mark.parametrize("name", sorted(RENDERED))
def test_render_shows_escapes_as_symbols(
    name: str, corpus: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """``reader render``: exit 0, every piece of the text there, nothing raw."""
    result = run_cli(capsys, "render", corpus[name])
    assert result.code == 0, result.err
    assert_clean_output(result)
    flat = " ".join(result.out.split())
    for piece in RENDERED[name]:
        assert " ".join(piece.split()) in flat, piece


@pytest.mark.parametrize("name", sorted(RENDERED))
def test_check_accepts_and_prints_nothing_raw(
    name: str, corpus: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """``reader check``: no errors (warnings allowed), nothing raw in what it prints."""
    result = run_cli(capsys, "check", corpus[name])
    assert result.code == 0, result.out + result.err
    assert_clean_output(result)


@pytest.mark.parametrize("name", sorted(RENDERED))
def test_loaded_text_holds_no_raw_control(name: str, corpus: dict[str, Path]) -> None:
    """Every string of the loaded text (blocks, cells, spans and their URLs, notes,
    metadata, outline, warnings) and of its glossaries is sanitised already."""
    opened = open_text(resolve_text(str(corpus[name])))
    document = opened.document
    parts = (
        document.meta,
        document.blocks,
        document.notes,
        document.outline,
        document.warnings,
        document.local_terms,
        opened.problems,
        [(g.title, g.language, g.terms, g.warnings) for g in opened.glossaries.glossaries],
    )
    for part in parts:
        for text in strings_in(part):
            assert not forbidden_in(text), (forbidden_in(text), text)


def test_link_destinations_with_escapes_are_percent_encoded(corpus: dict[str, Path]) -> None:
    """An ESC in a link's URL (angle brackets, reference definition) reaches the model
    percent-encoded, never raw; the link is kept, and it is an ordinary https URL."""
    opened = open_text(resolve_text(str(corpus["esc-link-url"])))
    paragraph = next(block for block in opened.document.blocks if WORD in block.text)
    targets = {
        paragraph.text[span.start : span.end]: span.target
        for span in paragraph.spans
        if span.kind is SpanKind.LINK
    }
    assert targets == {
        "um": "https://example.org/%1B%5D52;c;SE9TVElMRQ==%07",
        "tres": "https://example.org/%1B%5D0;T%07",
        "quatro": "https://example.org/%E2%80%AEgnp.exe",
    }
    assert all(is_safe_url(target) for target in targets.values())


def test_raw_escape_in_front_matter_is_refused_with_its_place(
    corpus: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """YAML refuses a raw ESC: one line naming file, line and column (front matter
    offset included) — with the body from ``render``, exit 0; exit 2 from ``render
    --strict`` and from ``check``."""
    path = corpus["esc-front-matter-raw"]
    where = f"{path}:3:15: unacceptable character U+001B"
    assert_shown_with_one_line(run_cli(capsys, "render", path), where)
    assert_one_line_refusal(run_cli(capsys, "render", path, "--strict"), where)
    checked = run_cli(capsys, "check", path)
    assert checked.code == 2
    assert checked.out.splitlines() == [f"{where}: special characters are not allowed"]


def test_raw_escape_in_glossary_is_refused_with_its_place(
    corpus: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = corpus["esc-glossary-raw"]
    where = f"{path}:5:16: unacceptable character U+001B"
    checked = run_cli(capsys, "check", path)
    assert checked.code == 2
    assert checked.out.splitlines() == [f"{where}: special characters are not allowed"]
    refused = run_cli(capsys, "render", corpus["esc-body"], "--glossary", path)
    assert_one_line_refusal(refused, where)


# --- in the app -----------------------------------------------------------------------------


async def test_app_says_why_a_text_with_raw_escape_in_front_matter_fails(
    corpus: dict[str, Path],
) -> None:
    """The app (which parses in its worker) shows the body and the same one line as a
    notification."""
    path = corpus["esc-front-matter-raw"]
    app = watched_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        (message,) = [notification.message for notification in app._notifications]
        assert message.startswith(f"{path}:3:15: unacceptable character U+001B")
        assert "\n" not in message and not forbidden_in(message)
        assert "x" in view_text(app.reading.article).split()
        assert app.is_running


def _assert_screen_clean(app: object, *shown: str) -> str:
    text = screen_text(app)  # type: ignore[arg-type]
    assert not forbidden_in(text), forbidden_in(text)
    assert not screen_actions(app)  # type: ignore[arg-type]
    for piece in shown:
        assert piece in text, piece
    return text


async def test_app_shows_every_place_with_symbols(corpus: dict[str, Path]) -> None:
    """The app on a text with escapes everywhere (title, heading, body, code, table,
    footnote, glossary entry): the first screen, the note popup, the context and glossary
    panels show ␛ and friends, never a raw control, never a clickable action or link."""
    app = watched_app(corpus["everything"])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        _assert_screen_clean(app, WORD, "␛[31m", "Rodapé — Tudo ␛[31m")
        assert not forbidden_in(app.reading.sub_title or "")
        view = app.reading.article
        layout = view.text_layout
        assert layout is not None
        volga = next(link for link in layout.links if link.target == "Volga")
        view.focused_link = volga.index
        await pilot.press("enter")
        await pilot.pause()
        _assert_screen_clean(app, "mal", "␛]52;c;SE9TVElMRQ==␇", "Volga")
        await pilot.press("escape")
        await pilot.pause()
        footnote = next(link for link in layout.links if link.kind is SpanKind.NOTE_REF)
        view.focused_link = footnote.index
        await pilot.press("enter")
        await pilot.pause()
        _assert_screen_clean(app, "Nota", "␛]0;PWNED-TITLE␇")
        await pilot.press("escape", "c")
        await pilot.pause()
        _assert_screen_clean(app, "Tudo ␛[31m")
        await pilot.press("escape", "c", "g")
        await pilot.pause()
        _assert_screen_clean(app, "Kremlin  (1)", "mal", "␛[31m␛[2J")
        for notification in app._notifications:
            assert not forbidden_in(notification.message)
        assert app.is_running and app.pwned == 0


async def test_app_link_with_escape_in_url_asks_with_the_encoded_address(
    corpus: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Following a link whose URL held an ESC asks first and shows the percent-encoded
    address; nothing is opened until the reader confirms, and then that same address."""
    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *args, **kwargs: opened.append(url))
    app = watched_app(corpus["esc-link-url"])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert isinstance(app.screen, OpenLinkScreen)
        url = "https://example.org/%1B%5D52;c;SE9TVElMRQ==%07"
        assert app.screen.url == url
        _assert_screen_clean(app, url)
        assert opened == []
        await pilot.press("enter")
        await pilot.pause()
        assert opened == [url]
    assert ESCAPES["osc52"] not in opened[0]
