"""The first document line of each piece, kept up to date as pieces are wrapped.

Each wrap of a piece not laid out yet replaces its estimated height by the exact one;
the tops of every piece below move. Rebuilding them all at each change made drawing a
screen of a 100,000-block text cost a pass over its blocks per new line. A Fenwick
(binary indexed) tree of the heights answers "top of piece i" and "which piece holds
line y" in O(log n), and takes a new height in O(log n).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate


class LineTops:
    """The heights of a sequence of pieces, and the line each starts on."""

    def __init__(self, heights: Sequence[int]) -> None:
        self._heights = list(heights)
        sums = [0, *accumulate(self._heights)]
        # Node i holds the heights of the pieces after i - lowbit(i), up to i.
        self._tree = [0, *(sums[i] - sums[i & (i - 1)] for i in range(1, len(sums)))]
        self.total = sums[-1]
        """Lines of all the pieces."""
        self._high_bit = 1 << (len(self._heights).bit_length() - 1) if self._heights else 0

    def __len__(self) -> int:
        return len(self._heights)

    def height(self, piece: int) -> int:
        """Lines of piece ``piece``."""
        return self._heights[piece]

    def set_height(self, piece: int, height: int) -> None:
        """Piece ``piece`` is now ``height`` lines high (the pieces below move)."""
        change = height - self._heights[piece]
        if not change:
            return
        self._heights[piece] = height
        self.total += change
        index = piece + 1
        while index < len(self._tree):
            self._tree[index] += change
            index += index & -index

    def top(self, piece: int) -> int:
        """First line of piece ``piece`` (``len(self)``: the line after the last)."""
        total = 0
        index = piece
        while index > 0:
            total += self._tree[index]
            index -= index & -index
        return total

    def piece_at(self, y: int) -> int:
        """The last piece starting at or before line ``y`` (0 before the first, the last
        one past the end): where line ``y`` is, pieces of no lines passed over."""
        if not self._heights:
            return 0
        position, left = 0, y
        step = self._high_bit
        while step:
            following = position + step
            if following <= len(self._heights) and self._tree[following] <= left:
                position = following
                left -= self._tree[following]
            step >>= 1
        return min(len(self._heights) - 1, max(0, position))
