"""The contenders: how each is started, the word that says its text is on screen, and
what is done with it once it is (its :class:`Script`).

Rodapé is the installed ``reader`` entry point, found beside the running interpreter:
with ``PYTHONPATH=/other/checkout`` the same entry point imports that checkout's
``reader``. The peers are the scripts in :mod:`bench.apps`, run by path so that they
import nothing of this checkout.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from bench.inputs import ARTICLE, ARTICLE_WORD, HOSTILE_WORD, Inputs

APPS = Path(__file__).resolve().parent / "apps"


class Script(Enum):
    """What a run does between the first screen and ``q``."""

    START = "start"
    """Nothing: the first screen, memory, going idle and quitting."""
    SCROLL = "scroll"
    """Once idle, the scrolling keys (PageDown ×3, PageUp, End, Home)."""
    READING = "reading"
    """Every reading key (see :data:`READING_KEYS`), once while the text is loading and
    once after it has gone idle."""


@dataclass(frozen=True)
class Timed:
    """A timed key, after the untimed keys that prepare it (typed and drawn first)."""

    label: str
    key: str
    prepare: tuple[str, ...] = ()
    to_field: bool = False
    """Whether the key goes to a text field (its cursor blinks: see ``Terminal.press``)."""


ARTICLE_KEYS: tuple[Timed, ...] = (
    Timed("page-down", "pagedown"),
    Timed("page-up", "pageup"),
    Timed("End", "end"),
    Timed("Home", "home"),
)
"""The scrolling keys on a text that one page-down takes to its end."""

SCROLL_KEYS: tuple[Timed, ...] = (
    Timed("page-down", "pagedown"),
    Timed("page-down", "pagedown"),
    Timed("page-down", "pagedown"),
    Timed("page-up", "pageup"),
    Timed("End", "end"),
    Timed("Home", "home"),
)


def reading_keys(inputs: Inputs) -> tuple[Timed, ...]:
    """Every reading key the issue times: the scrolling keys, a heading jump (typed in
    the command palette, Enter timed), the first and the next search hit (the marker
    starts every chapter), and the next mention of the first link on screen."""
    return (
        *SCROLL_KEYS,
        Timed("heading jump", "enter", ("ctrl+p", inputs.jump_heading), to_field=True),
        Timed("search: first hit", "enter", ("/", "ctrl+u", inputs.marker), to_field=True),
        Timed("next search hit", "n"),
        Timed("next mention", "]", ("tab",)),
    )


@dataclass(frozen=True)
class Contender:
    """One app on one text."""

    name: str
    command: tuple[str, ...]
    word: str
    """Visible once the text is on screen."""
    script: Script
    keys: tuple[Timed, ...] = ()
    data_dir: bool = False
    """Whether it keeps a data folder (a fresh one for each run)."""


def reader_command() -> tuple[str, ...]:
    """The installed entry point beside this interpreter, else ``python -m reader``."""
    found = shutil.which("reader", path=str(Path(sys.executable).parent))
    return (found,) if found else (sys.executable, "-m", "reader")


def app_command(script: str, *arguments: str) -> tuple[str, ...]:
    return (sys.executable, str(APPS / script), *arguments)


NAMES = (
    "floor",
    "line-api",
    "rodape-book",
    "rodape-article",
    "rodape-footnotes",
    "rodape-html",
    "rodape-epub",
    "markdownviewer",
)
"""Every contender, in the order each round runs them."""


def contenders(inputs: Inputs, names: Sequence[str] = NAMES) -> list[Contender]:
    """The contenders named (in :data:`NAMES` order); those whose input was not written
    (the hostile files) are left out."""
    book = str(inputs.book.book)
    reader = reader_command()
    every = [
        Contender("floor", app_command("floor.py", inputs.marker), inputs.marker, Script.START),
        Contender(
            "line-api", app_command("line_api.py", book), inputs.marker, Script.SCROLL, SCROLL_KEYS
        ),
        Contender(
            "rodape-book",
            (*reader, book),
            inputs.marker,
            Script.READING,
            reading_keys(inputs),
            data_dir=True,
        ),
        Contender(
            "rodape-article",
            (*reader, ARTICLE),
            ARTICLE_WORD,
            Script.SCROLL,
            ARTICLE_KEYS,
            data_dir=True,
        ),
        Contender(
            "markdownviewer",
            app_command("markdown_viewer.py", book),
            inputs.marker,
            Script.SCROLL,
            SCROLL_KEYS,
        ),
    ]
    if inputs.footnotes is not None:
        every.append(
            Contender(
                "rodape-footnotes",
                (*reader, str(inputs.footnotes)),
                HOSTILE_WORD,
                Script.START,
                data_dir=True,
            )
        )
    for name, path in (("rodape-html", inputs.html), ("rodape-epub", inputs.epub)):
        if path is not None:
            every.append(
                Contender(name, (*reader, str(path)), inputs.marker, Script.START, data_dir=True)
            )
    chosen = [contender for contender in every if contender.name in names]
    return sorted(chosen, key=lambda contender: NAMES.index(contender.name))


def warm_up_contenders(inputs: Inputs, chosen: Sequence[Contender]) -> list[Contender]:
    """The same apps on the small warm-up book, to fill the bytecode cache unmeasured."""
    small = str(inputs.warm_up.book)
    kinds = {contender.name for contender in chosen}
    reader = reader_command()
    warm = []
    if "floor" in kinds:
        warm.append(
            Contender("floor", app_command("floor.py", inputs.marker), inputs.marker, Script.START)
        )
    if "line-api" in kinds:
        warm.append(
            Contender("line-api", app_command("line_api.py", small), inputs.marker, Script.START)
        )
    if any(kind.startswith("rodape") for kind in kinds):
        warm.append(
            Contender("rodape", (*reader, small), inputs.marker, Script.START, data_dir=True)
        )
    if "markdownviewer" in kinds:
        warm.append(
            Contender(
                "markdownviewer",
                app_command("markdown_viewer.py", small),
                inputs.marker,
                Script.START,
            )
        )
    return warm
