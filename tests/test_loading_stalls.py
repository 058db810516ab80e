"""Nothing a load brings is computed on the UI thread in one long stretch (issue 12).

The findings: a text of 100,000 headings froze the reader for minutes (its outline, an
option list measured whole on every layout of the panel), a 50,000-footnote text for
seconds at a time (the collector's full passes over a million objects, the layout of the
whole text built on the UI thread). Each test bounds the work, counted, never timed.
"""

from __future__ import annotations

import gc
import re
from pathlib import Path
from typing import Any

import pytest

import reader.pipeline.stages as stages_module
import reader.ui.reading.background as background_module
from reader.pipeline.stages import HEAD_CHARS, HEAD_REACH, TWO_STEP_LOAD_CHARS, text_head
from tests.ui_helpers import make_app, settle, wait_until

SIZE = (120, 40)


def test_the_opening_of_one_huge_line_is_short() -> None:
    """A 10 MB paragraph on one line: the opening shown first is cut near
    :data:`HEAD_CHARS`, not at the only line break, at the end."""
    line = "palavra " * (10 * 1024 * 1024 // 8) + "\n"
    head = text_head(line)
    assert head is not None and HEAD_CHARS <= len(head) <= HEAD_CHARS + HEAD_REACH
    no_space = "x" * (2 * HEAD_CHARS + HEAD_REACH)
    assert text_head(no_space) == no_space[:HEAD_CHARS]


class _CountingPattern:
    """A compiled pattern that counts the characters its ``findall`` looks at."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.scanned = 0

    def findall(self, text: str, pos: int, endpos: int) -> list[Any]:
        self.scanned += endpos - pos
        return self.pattern.findall(text, pos, endpos)


def test_the_opening_counts_code_fences_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fence left open at the top makes every blank line near the cut a candidate that
    fails: each was checked by counting fences from the start again (a regex over
    300,000 characters per blank line, holding the GIL). Now each stretch is read once."""
    counting = _CountingPattern(stages_module._FENCE)
    monkeypatch.setattr(stages_module, "_FENCE", counting)
    source = "```\n" + "linha de código\n\n" * ((HEAD_CHARS + HEAD_REACH) // 17 + 100)
    text_head(source)
    assert counting.scanned <= HEAD_CHARS + HEAD_REACH


def _long_text(path: Path, headings: int = 0) -> Path:
    """A text over :data:`TWO_STEP_LOAD_CHARS` (shown in steps), with ``headings``."""
    paragraph = "O Exército Vermelho cercou o 6.º Exército em Stalingrado no inverno. " * 10
    count = TWO_STEP_LOAD_CHARS // len(paragraph) + 10
    parts = [
        (f"## Secção {n}\n\n" if n < headings else "") + f"{paragraph}p{n}\n\n"
        for n in range(count)
    ]
    parts += [f"## Secção {n}\n\nTexto.\n\n" for n in range(count, headings)]
    path.write_text("---\ntitle: Livro\nlanguage: pt\n---\n\n" + "".join(parts), encoding="utf-8")
    return path


async def test_a_load_leaves_the_text_out_of_full_collections(tmp_path: Path) -> None:
    """The objects a load made are frozen when it ends: the collector's full passes
    (seconds each over a million objects, holding the GIL) never walk them again."""
    app = make_app(_long_text(tmp_path / "livro.md", headings=500))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: background_module.loads_running() == 0, "the load's end")
        document = app.reading.opened.document  # type: ignore[union-attr]
        blocks = {id(block) for block in document.blocks}
        tracked = [item for item in gc.get_objects() if id(item) in blocks]
        assert tracked == []
