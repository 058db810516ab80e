"""Lay a document out in lines of styled runs at a given width, lazily and per block.

This is the layout of the reading view and of ``reader render`` alike, so the two cannot
disagree about where lines break or which number follows which term. It knows nothing of
colours: a run carries *roles* ("em term", "heading1") that the view maps to styles from
its TCSS, and a link index for focus and clicks.

Read it in the order it is built, each module using only those before it:

- :mod:`~reader.layout.runs`: :class:`Run`, :class:`LinkTarget` and :func:`styled_runs`,
  a block's text cut into runs of constant roles, note numbers set after their spans;
- :mod:`~reader.layout.wrap`: :func:`wrap_runs`, greedy word wrap of runs into lines;
  :mod:`~reader.layout.justify`, the same lines justified (paragraphs only, no rivers);
- :mod:`~reader.layout.tables`, :mod:`~reader.layout.blocks` and
  :mod:`~reader.layout.pieces`: the lines of a table, of any block with its margin
  (:func:`layout_block`), and where a block too long to wrap at once is cut into pieces
  (:func:`piece_ranges`);
- :mod:`~reader.layout.estimate`: the probable height of pieces not wrapped yet;
- :mod:`~reader.layout.document`: :class:`DocumentLayout`, which wraps pieces on demand,
  caches them and maps document lines to blocks, offsets and links.

The tunable sizes live with the code that reads them (``PIECE_CHARS`` in ``pieces``,
``EAGER_LAYOUT_CHARS`` in ``document``): set them there, not here.
"""

from reader.layout.blocks import layout_block
from reader.layout.document import DocumentLayout, ShownPassage
from reader.layout.pieces import PieceRange, piece_ranges
from reader.layout.runs import Line, LinkTarget, Part, Run, styled_runs
from reader.layout.tables import table_widths
from reader.layout.wrap import wrap_runs

__all__ = [
    "DocumentLayout",
    "Line",
    "LinkTarget",
    "Part",
    "PieceRange",
    "Run",
    "ShownPassage",
    "layout_block",
    "piece_ranges",
    "styled_runs",
    "table_widths",
    "wrap_runs",
]
