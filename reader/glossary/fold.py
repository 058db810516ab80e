"""Case and accent folding with a map back to the original offsets.

Matching ignores case and accents ("Stalin" finds "Stálin"), so the matcher runs over a
folded copy of the text. Folding a character usually yields one character, in which case
offsets are the same in both strings and no map is built at all; only texts with
characters such as "ß" (→ "ss") or stray combining marks (→ "") pay for a map.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=8192)
def fold_char(char: str) -> str:
    """Fold one character: case-folded, decomposed, combining marks dropped."""
    decomposed = unicodedata.normalize("NFD", char.casefold())
    return "".join(part for part in decomposed if not unicodedata.combining(part))


def fold(text: str) -> str:
    """The folded form of ``text``, for comparing names ("Trótski" → "trotski")."""
    return fold_with_offsets(text)[0]


def fold_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """Fold ``text``; also return, when lengths differ, the original offset of each folded
    character plus one final entry for the end. None means offsets are unchanged."""
    if text.isascii():
        return text.lower(), None
    table: dict[int, str] = {}
    same_length = True
    for char in set(text):
        folded = fold_char(char)
        if folded != char:
            table[ord(char)] = folded
            same_length = same_length and len(folded) == 1
    folded_text = text.translate(table)
    if same_length:
        return folded_text, None
    offsets: list[int] = []
    for index, char in enumerate(text):
        offsets.extend([index] * len(table.get(ord(char), char)))
    offsets.append(len(text))
    return folded_text, offsets
