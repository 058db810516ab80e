"""The one sanitiser for every string that travels from a file to the screen.

A text file can carry bytes that a terminal obeys instead of showing: ESC starts escape
sequences (colours, cursor moves, window titles, even clipboard writes), C1 controls do the
same in 8-bit form, and bidi overrides make text display in a different order than it is
stored ("Trojan Source"). Unicode TAG characters are invisible and can smuggle hidden text.
Rather than deleting such characters (which would hide that the file is odd) we replace each
with a visible stand-in, so the reader sees exactly what is there and the terminal obeys
nothing.

All work is done by one ``str.translate`` table built at import, behind a regex fast path, so
multi-megabyte texts cost a single C-level scan when they are clean.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from reader.text.fold import PIECE, in_pieces

__all__ = ["is_safe_url", "visible", "visible_line"]

_BIDI_NAMES: Final[dict[int, str]] = {
    0x202A: "LRE",
    0x202B: "RLE",
    0x202C: "PDF",
    0x202D: "LRO",
    0x202E: "RLO",
    0x2066: "LRI",
    0x2067: "RLI",
    0x2068: "FSI",
    0x2069: "PDI",
}
"""Embedding, override and isolate controls: they reorder what follows them on screen."""

_REPLACEMENT_CHARACTER: Final = "\ufffd"


def _c0_table() -> dict[int, str]:
    """C0 controls as Control Pictures (ESC → ␛), keeping TAB and LF, which are layout."""
    table = {code: chr(0x2400 + code) for code in range(0x20) if code not in (0x09, 0x0A)}
    table[0x00] = _REPLACEMENT_CHARACTER  # what a NUL in a text file almost always means
    table[0x7F] = "\u2421"  # ␡
    return table


def _build_table() -> dict[int, str]:
    """Everything ``visible`` replaces, built once so translation is a single C call."""
    table = _c0_table()
    table.update({code: f"⟨{code:02X}⟩" for code in range(0x80, 0xA0)})
    table.update({code: f"⟨{name}⟩" for code, name in _BIDI_NAMES.items()})
    table.update({code: f"⟨TAG {code - 0xE0000:02X}⟩" for code in range(0xE0000, 0xE0080)})
    # Lone surrogates cannot be encoded for output; one would crash the screen writer.
    table.update({code: _REPLACEMENT_CHARACTER for code in range(0xD800, 0xE000)})
    table[0x2028] = "\n"  # LINE SEPARATOR: a line break the terminal would not honour
    table[0x2029] = "\n"  # PARAGRAPH SEPARATOR
    return table


_TABLE: Final[dict[int, str]] = _build_table()
_LINE_TABLE: Final[dict[int, str]] = {
    **_TABLE,
    0x09: " ",
    0x0A: " ",
    0x2028: " ",
    0x2029: " ",
}

_NEEDS_TRANSLATION: Final = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u2028-\u202e\u2066-\u2069\U000e0000-\U000e007f]"
)
_NEEDS_LINE_TRANSLATION: Final = re.compile(
    "[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028-\u202e\u2066-\u2069\U000e0000-\U000e007f]"
)


def _any_in_pieces(pattern: re.Pattern[str], text: str) -> bool:
    """Whether ``pattern`` matches somewhere in ``text``, searched a piece at a time (one
    search over a 10 MB line is one C call, holding the GIL all along)."""
    return any(
        pattern.search(text, start, start + PIECE) for start in range(0, max(1, len(text)), PIECE)
    )


def visible(text: str) -> str:
    """Return ``text`` with everything a terminal would obey made visible instead.

    Clean text (the usual case) is returned as the very same object, without copying.
    """
    if not _any_in_pieces(_NEEDS_TRANSLATION, text):
        return text
    # A piece at a time: one translate of a 10 MB line held the GIL for a third of a
    # second, while a text loads in a thread beside the UI.
    return in_pieces(text, lambda piece: piece.translate(_TABLE))


def visible_line(text: str) -> str:
    """Like :func:`visible`, for one-line places (titles, file names, messages).

    Line breaks and tabs become spaces so a hostile name cannot fake extra lines.
    """
    if _NEEDS_LINE_TRANSLATION.search(text) is None:
        return text
    return text.translate(_LINE_TABLE)


TITLE_CHARS: Final = 200
"""Most characters of a heading or title shown where one line is all there is (the
header, a breadcrumb, the outline, the palette, a bookmark's section)."""


def title_line(text: str, limit: int = TITLE_CHARS) -> str:
    """``text`` made visible (:func:`visible_line`) on one line (runs of spaces and line
    breaks as one space) and at most ``limit`` characters, cut at a space if there is one
    in its second half, with "…": for every one-line place (titles, breadcrumbs, quotes
    and notes in lists, tooltips).

    Reads only the start of ``text``: a heading or a quote can be a megabyte long, and
    every one-line place it is shown in would otherwise lay all of it out.
    """
    head = text[: 2 * limit + 2]
    flat = " ".join(head.split())
    if len(flat) <= limit:
        more = len(head) < len(text) and text[len(head) :].strip()
        return visible_line(flat + "…" if more else flat)
    cut = flat.rfind(" ", limit // 2, limit)
    return visible_line(flat[: cut if cut > 0 else limit - 1] + "…")


_SAFE_URL: Final = re.compile(r"(?:(?:https?)://.|mailto:.)", re.IGNORECASE | re.DOTALL)
_UNSAFE_URL_CATEGORIES: Final = frozenset({"Cc", "Cf", "Cs", "Zs", "Zl", "Zp"})


def is_safe_url(url: str) -> bool:
    """Say whether a link may be offered for opening: http, https or mailto, and nothing hidden.

    Other schemes (``javascript:``, ``file:``, ``data:``...) can run code or read local files;
    controls, whitespace and bidi/format characters can make a URL look like another one.
    """
    if _SAFE_URL.match(url) is None:
        return False
    return not any(
        char.isspace() or unicodedata.category(char) in _UNSAFE_URL_CATEGORIES for char in url
    )
