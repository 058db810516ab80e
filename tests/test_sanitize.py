"""The sanitiser: every character a terminal would obey must come out visible and inert."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.document import parse_markdown
from reader.index.progress import ReadingProgress
from reader.text.sanitize import TITLE_CHARS, is_safe_url, title_line, visible, visible_line
from reader.userdata.flat import flat_text

BIDI = {
    "\u202a": "⟨LRE⟩",
    "\u202b": "⟨RLE⟩",
    "\u202c": "⟨PDF⟩",
    "\u202d": "⟨LRO⟩",
    "\u202e": "⟨RLO⟩",
    "\u2066": "⟨LRI⟩",
    "\u2067": "⟨RLI⟩",
    "\u2068": "⟨FSI⟩",
    "\u2069": "⟨PDI⟩",
}


SPECIALS = [
    *(chr(code) for code in range(0x20)),
    *(chr(code) for code in range(0x7F, 0xA0)),
    *BIDI,
    "\u2028",
    "\u2029",
    "\U000e0000",
    "\U000e0041",
    "\U000e007f",
    "\ud800",
    "\udfff",
]
"""Characters the sanitiser must act on, mixed into generated text so every run meets them."""

ANY_TEXT = st.text(
    alphabet=st.one_of(st.characters(exclude_categories=()), st.sampled_from(SPECIALS))
)


def _forbidden(char: str) -> bool:
    """A character that must never reach the terminal from a file."""
    code = ord(char)
    return (
        (code < 0x20 and char not in "\t\n")
        or 0x7F <= code <= 0x9F
        or char in BIDI
        or 0xE0000 <= code <= 0xE007F
        or 0xD800 <= code <= 0xDFFF
        or char in "\u2028\u2029"
    )


def test_escape_becomes_control_picture() -> None:
    assert visible("\x1b[31mred") == "␛[31mred"


@pytest.mark.parametrize("code", [c for c in range(1, 0x20) if c not in (0x09, 0x0A)])
def test_every_c0_control_becomes_its_control_picture(code: int) -> None:
    assert visible(f"a{chr(code)}b") == f"a{chr(0x2400 + code)}b"


def test_carriage_return_is_shown() -> None:
    assert visible("over\rwrite") == "over␍write"


def test_nul_becomes_replacement_character() -> None:
    assert visible("a\x00b") == "a\ufffdb"


def test_delete_is_shown() -> None:
    assert visible("a\x7fb") == "a␡b"


def test_tab_and_newline_are_kept() -> None:
    assert visible("a\tb\nc") == "a\tb\nc"


@pytest.mark.parametrize("code", range(0x80, 0xA0))
def test_every_c1_control_becomes_a_hex_token(code: int) -> None:
    assert visible(chr(code)) == f"⟨{code:02X}⟩"


def test_csi_token_is_uppercase_hex() -> None:
    assert visible("\x9b31m") == "⟨9B⟩31m"


@pytest.mark.parametrize(("char", "token"), sorted(BIDI.items()))
def test_bidi_controls_become_named_tokens(char: str, token: str) -> None:
    assert visible(f"abc{char}def") == f"abc{token}def"


def test_tag_characters_become_tokens() -> None:
    assert visible("flag\U000e0041\U000e007f") == "flag⟨TAG 41⟩⟨TAG 7F⟩"


def test_tag_range_ends_are_covered() -> None:
    assert visible("\U000e0000") == "⟨TAG 00⟩"


def test_line_and_paragraph_separators_become_newlines() -> None:
    assert visible("a\u2028b\u2029c") == "a\nb\nc"


def test_lone_surrogate_becomes_replacement_character() -> None:
    assert visible("a\ud800b") == "a\ufffdb"


@pytest.mark.parametrize(
    "text",
    [
        "Olá, ação, naïve, Ñandú",
        "e\u0301 combining acute",
        "👨\u200d👩\u200d👧 family (ZWJ)",
        "\u200e\u200f marks and \u00a0 nbsp",
        "日本語のテキスト",
        "\U000e0100 variation selector 17",
    ],
)
def test_ordinary_unicode_is_untouched(text: str) -> None:
    assert visible(text) == text


def test_clean_text_is_returned_as_the_same_object() -> None:
    text = "Stalingrado, 1942–1943 — “citação” 😀\n\tindentado" * 1000
    assert visible(text) is text
    title = "A Batalha de Stalingrado"
    assert visible_line(title) is title


def test_dirty_text_is_translated_in_full() -> None:
    text = "clean " * 100_000 + "\x1b"
    result = visible(text)
    assert result.endswith("␛")
    assert len(result) == len(text)


def test_visible_line_flattens_newlines_and_tabs() -> None:
    assert visible_line("a\nb\tc\u2028d\u2029e") == "a b c d e"


def test_visible_line_still_sanitises() -> None:
    assert visible_line("name\x1b]0;pwned\x07\u202e") == "name␛]0;pwned␇⟨RLO⟩"


def test_visible_line_shows_carriage_return() -> None:
    assert visible_line("a\r\nb") == "a␍ b"


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com",
        "https://example.com/path?q=1#frag",
        "HTTPS://x",
        "Http://x",
        "mailto:someone@example.com",
        "MAILTO:someone@example.com",
        "https://pt.wikipedia.org/wiki/Batalha_de_Stalingrado",
        "https://例え.jp/パス",
    ],
)
def test_safe_urls(url: str) -> None:
    assert is_safe_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "file:///etc/passwd",
        "data:text/html,<script>",
        "ftp://example.com",
        "vbscript:x",
        "",
        "http:",
        "https://",
        "mailto:",
        "//example.com",
        "example.com",
        " https://example.com",
        "https://example.com/\x1b]8;;evil\x07",
        "http://exa mple.com",
        "http://example.com\n",
        "http://example.com\t",
        "https://example.com/\u202egnp.exe",
        "https://example.com/\u2066x",
        "https://example.com/\x85",
        "https://example.com/\x7f",
        "https://example.com/\u00a0",
        "https://example.com/\u2028",
        "https://example.com/\U000e0041",
        "https://exa\u200bmple.com",
    ],
)
def test_unsafe_urls(url: str) -> None:
    assert not is_safe_url(url)


@given(ANY_TEXT)
def test_visible_never_leaks_a_forbidden_character(text: str) -> None:
    assert not any(_forbidden(char) for char in visible(text))


@given(ANY_TEXT)
def test_visible_line_never_leaks_a_forbidden_character_or_a_break(text: str) -> None:
    result = visible_line(text)
    assert not any(_forbidden(char) or char in "\t\n" for char in result)


@given(st.text(alphabet=st.characters(exclude_categories=("Cc", "Cf", "Cs", "Zl", "Zp"))))
def test_visible_leaves_printable_text_alone(text: str) -> None:
    assert visible(text) is text


@given(ANY_TEXT)
def test_visible_is_idempotent(text: str) -> None:
    once = visible(text)
    assert visible(once) == once


def test_title_line_is_one_short_line() -> None:
    assert title_line("Uma\nbatalha") == "Uma batalha"
    long = " ".join(["palavra"] * 1000)
    cut = title_line(long)
    assert cut.endswith("palavra…") and len(cut) <= TITLE_CHARS + 1
    assert title_line("x" * 1000) == "x" * (TITLE_CHARS - 1) + "…"
    assert title_line("a  b\n\n  c" + " " * 5000) == "a b c"


def test_giant_heading_is_cut_wherever_it_is_shown_on_one_line() -> None:
    """Outline, title, breadcrumb and bookmark section: each a line, not a megabyte."""
    heading = " ".join(["palavra"] * 200_000)
    document = parse_markdown(f"# {heading}\n\nTexto.\n\n## {heading}\n\nMais.\n", "t.md")
    progress = ReadingProgress(document)
    assert len(document.meta.title) <= TITLE_CHARS + 1
    assert all(len(entry.title) <= TITLE_CHARS + 1 for entry in document.outline)
    assert all(len(title) <= TITLE_CHARS + 1 for title in progress.breadcrumb(3))
    assert all(len(section or "") <= TITLE_CHARS + 1 for section in flat_text(document).sections)
    assert document.blocks[0].text == heading  # the heading itself is shown whole
