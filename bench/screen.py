"""What a terminal would show, rebuilt from the bytes an app wrote: a VT screen model.

The benchmark decides "the text is on screen" the way a person would: a known word of the
text is visible. Searching the byte stream for the word is not enough (a style change in
the middle of a word splits its bytes; a word drawn and then overwritten was never seen
for long), so the bytes go through ``pyte``, a VT100/xterm emulator, and the visible
rows are read back.

Textual writes a few sequences ``pyte`` does not know: the kitty keyboard protocol's
``CSI > flags u`` / ``CSI < u`` / ``CSI = flags u`` (``pyte`` prints the ``u`` of the
last two as text) and mode queries ``CSI ? 2026 $ p``. They are cut from the stream
first (a sequence split between two reads is held back until complete).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pyte

_UNKNOWN_TO_PYTE = re.compile(rb"\x1b\[[<>=][0-9;]*u|\x1b\[\?[0-9;]*\$[py]")
"""Kitty keyboard protocol push/pop, and DECRQM / DECRPM mode queries and replies."""


class Screen:
    """A terminal screen of ``columns`` × ``rows`` fed with an app's output, chunk by chunk.

    A sequence split between two chunks is kept whole: ``pyte``'s byte stream decodes
    UTF-8 incrementally and keeps a partial escape sequence for the next chunk; the few
    sequences cut out here are cut only once complete (an incomplete tail is held back).
    """

    def __init__(self, columns: int, rows: int) -> None:
        self._screen = pyte.Screen(columns, rows)
        self._stream = pyte.ByteStream(self._screen)
        self._held = b""

    def feed(self, data: bytes) -> None:
        """Take the next bytes the app wrote."""
        data = self._held + data
        cut = data.rfind(b"\x1b")
        if cut != -1 and len(data) - cut < 16 and not _complete(data[cut:]):
            data, self._held = data[:cut], data[cut:]
        else:
            self._held = b""
        self._stream.feed(_UNKNOWN_TO_PYTE.sub(b"", data))

    @property
    def lines(self) -> list[str]:
        """The visible rows, as text (trailing blanks kept: every row is ``columns`` long)."""
        return list(self._screen.display)

    def shows(self, word: str) -> bool:
        """Whether ``word`` is visible on one row."""
        return any(word in line for line in self._screen.display)

    def text(self) -> str:
        """The whole screen as text, rows joined by newlines, trailing blanks dropped."""
        return "\n".join(line.rstrip() for line in self._screen.display)


def _complete(tail: bytes) -> bool:
    """Whether an escape sequence at the end of a chunk is complete (its final byte seen).

    Only CSI sequences are checked: the others Textual writes are short or end in BEL,
    and ``pyte`` holds any incomplete one itself.
    """
    if len(tail) < 2:
        return False
    if tail[1:2] != b"[":
        return True
    return any(0x40 <= byte <= 0x7E for byte in tail[2:])


def first_showing(chunks: Iterable[bytes], word: str, columns: int, rows: int) -> int | None:
    """The index of the chunk after which ``word`` is first visible, or None if never.

    For recorded streams: the live driver does the same as the chunks arrive.
    """
    screen = Screen(columns, rows)
    for index, chunk in enumerate(chunks):
        screen.feed(chunk)
        if screen.shows(word):
            return index
    return None
