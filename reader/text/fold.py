"""Case and accent folding with a map back to the original offsets.

Matching ignores case and accents ("Stalin" finds "Stálin"), and the invisible characters
a word may carry ("Sta\u00adlin" with a soft hyphen, a zero-width space or joiner, a word
joiner, a stray byte order mark), so the matcher runs over a folded copy of the text.
Folding a character usually yields one character, in which case offsets are the same in
both strings and no map is built at all; only texts with characters such as "ß" (→ "ss"),
stray combining marks or invisible characters (→ "") pay for a map.

Folding a character means dropping it if it is invisible (:data:`INVISIBLE`), else
case-folding it, decomposing it (NFD) and dropping the combining marks. All of these
commute with concatenation: ``str.casefold`` folds character by character,
NFD decomposes character by character and then only reorders runs of combining marks,
which are all dropped. So a whole text is folded with three C-speed passes
(``casefold``, ``normalize``, a regex that drops the marks) rather than character by
character, and the result is exactly the concatenation of :func:`fold_char` of each
character. Each of those passes runs over at most :data:`PIECE` characters at a time
(they commute with concatenation, so pieces cut anywhere fold to the same): a C call
holds the GIL until it returns, and one over a 10 MB line kept the reader's UI thread
waiting for most of a second. The characters met so far are remembered (how each folds,
which marks their decompositions contain), so each text pays only for the characters it
is the first to use.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import Final

INVISIBLE: Final = (
    "\u00ad\u034f\u061c\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f"
    "\ufe00-\ufe0f\ufeff\ufff0-\ufff8\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0000-\U000e0fff"
)
"""The characters that are never seen, as the inside of a regex class: Unicode's
Default_Ignorable_Code_Point (soft hyphen, zero-width space, non-joiner and joiner, word
joiner, bidi marks, variation selectors, byte order mark, tags…) less the Hangul fillers,
which stand for a letter. Matching and comparing names ignore them."""
_INVISIBLE: Final = re.compile(f"[{INVISIBLE}]")

PIECE: Final = 1 << 16
"""The most characters one C-level pass over a text (casefold, normalize, translate, a
regex substitution) is given at once: a few milliseconds of work."""


def in_pieces(text: str, change: Callable[[str], str]) -> str:
    """``change(text)`` for a ``change`` that works character by character, applied
    :data:`PIECE` characters at a time, so that other threads run in between."""
    if len(text) <= PIECE:
        return change(text)
    return "".join([change(text[start : start + PIECE]) for start in range(0, len(text), PIECE)])


def _characters(text: str) -> set[str]:
    """The distinct characters of ``text``, a piece at a time."""
    chars: set[str] = set()
    for start in range(0, len(text), PIECE):
        chars.update(text[start : start + PIECE])
    return chars


def is_invisible(char: str) -> bool:
    """Whether ``char`` (one character) is one of :data:`INVISIBLE`."""
    return _INVISIBLE.match(char) is not None


def strip_invisible(text: str) -> str:
    """``text`` without its invisible characters ("Sta\u00adlin" → "Stalin")."""
    return text if text.isascii() else _INVISIBLE.sub("", text)


def strip_invisible_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """:func:`strip_invisible`, and the original offset of each character kept plus one
    final entry for the end; None (and ``text`` itself) when there is nothing to drop."""
    if text.isascii() or _INVISIBLE.search(text) is None:
        return text, None
    offsets: list[int] = []
    kept_from = 0
    for hidden in _INVISIBLE.finditer(text):  # the runs kept, a range at a time
        offsets.extend(range(kept_from, hidden.start()))
        kept_from = hidden.end()
    offsets.extend(range(kept_from, len(text) + 1))
    return in_pieces(text, lambda piece: _INVISIBLE.sub("", piece)), offsets


@lru_cache(maxsize=8192)
def fold_char(char: str) -> str:
    """Fold one character: nothing if invisible, else case-folded, decomposed, combining
    marks dropped."""
    if is_invisible(char):
        return ""
    decomposed = unicodedata.normalize("NFD", char.casefold())
    return "".join(part for part in decomposed if not unicodedata.combining(part))


def fold(text: str) -> str:
    """The folded form of ``text``, for comparing names ("Trótski" → "trotski")."""
    return fold_with_offsets(text)[0]


class _Seen:
    """What is known of the characters folded so far, shared by every thread."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.chars: set[str] = set()
        """Every character whose folding has been looked at."""
        self.uneven: set[str] = set()
        """Those that do not fold to exactly one character ("ß", combining marks)."""
        self.marks: set[str] = set()
        """Combining marks in the decompositions of the characters seen."""
        self.strip: re.Pattern[str] | None = None
        """Drops every mark in :attr:`marks`; None while there are none."""

    def learn(self, chars: set[str]) -> tuple[re.Pattern[str] | None, bool]:
        """Take note of ``chars``; return a stripper of (at least) every mark their
        decompositions contain, and whether each of them folds to exactly one character."""
        with self.lock:
            new = chars - self.chars
            if new:
                marks = len(self.marks)
                for char in new:
                    if len(fold_char(char)) != 1:
                        self.uneven.add(char)
                    decomposed = unicodedata.normalize("NFD", char.casefold())
                    self.marks.update(part for part in decomposed if unicodedata.combining(part))
                self.chars |= new
                if len(self.marks) != marks:
                    escaped = "".join(re.escape(mark) for mark in sorted(self.marks))
                    self.strip = re.compile(f"[{escaped}]")
            return self.strip, self.uneven.isdisjoint(chars)


_SEEN = _Seen()


def fold_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """Fold ``text``; also return, when lengths differ, the original offset of each folded
    character plus one final entry for the end. None means offsets are unchanged."""
    if text.isascii():
        return text.lower(), None
    chars = _characters(text)
    strip, even = _SEEN.learn(chars)
    if even:  # every character folds to one character: offsets are unchanged

        def fold_piece(piece: str) -> str:
            folded = unicodedata.normalize("NFD", piece.casefold())
            return folded if strip is None else strip.sub("", folded)

        return in_pieces(text, fold_piece), None
    table = {ord(char): fold_char(char) for char in chars}
    uneven = "".join(sorted(char for char in chars if len(table[ord(char)]) != 1))
    offsets: list[int] = []
    kept_from = 0
    # Between two uneven characters each character is one folded character: a range.
    for hit in re.finditer(f"[{re.escape(uneven)}]", text):
        index = hit.start()
        offsets.extend(range(kept_from, index))
        offsets.extend([index] * len(table[ord(hit.group())]))
        kept_from = index + 1
    offsets.extend(range(kept_from, len(text) + 1))
    return in_pieces(text, lambda piece: piece.translate(table)), offsets
