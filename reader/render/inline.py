"""A block's text and its spans as a tree, for writers that need nesting (HTML, Markdown).

A :class:`~reader.document.model.Block` keeps its formatting as flat spans over its text,
and spans may cross: a glossary term that starts inside emphasis and ends after it
("*Exército* Vermelho"). A tree of properly nested elements needs each crossing span cut
where the span around it ends; the piece before the cut carries no note number, so a
number is still written once, after the span's last piece.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

from reader.document.model import Span

__all__ = ["Element", "nest"]


@dataclass
class Element:
    """A span (None for the whole text) and what lies inside it, in order."""

    span: Span | None
    start: int
    end: int
    children: list[Element] = field(default_factory=list)

    def pieces(self, text: str) -> Iterator[str | Element]:
        """The text and child elements inside this one, in reading order."""
        position = self.start
        for child in self.children:
            if child.start > position:
                yield text[position : child.start]
            yield child
            position = max(position, child.end)
        if self.end > position:
            yield text[position : self.end]


def nest(text: str, spans: Sequence[Span]) -> Element:
    """The element tree of ``text`` with ``spans`` (clamped to the text, crossing ones
    cut); zero-width spans (footnote references) are leaves where they stand."""
    length = len(text)
    queue: list[tuple[int, int, int, Span]] = []
    for order, span in enumerate(spans):
        start = min(max(span.start, 0), length)
        end = min(max(span.end, start), length)
        queue.append((start, -end, order, replace(span, start=start, end=end)))
    heapq.heapify(queue)
    root = Element(None, 0, length)
    stack = [root]
    count = len(queue)
    while queue:
        start, negative_end, order, span = heapq.heappop(queue)
        end = -negative_end
        while len(stack) > 1 and stack[-1].end <= start:
            stack.pop()
        top = stack[-1]
        if end > top.end:  # crosses the end of the span around it: cut there
            rest = replace(span, start=top.end)
            heapq.heappush(queue, (top.end, -end, count, rest))
            count += 1
            end = top.end
            span = replace(span, end=end, number=None)
        element = Element(span, start, end)
        top.children.append(element)
        if end > start:
            stack.append(element)
    return root
