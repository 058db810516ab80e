"""One run of one contender in a fresh pseudo-terminal, as a list of samples.

Every figure is taken from outside the app: the process is started, the terminal's
bytes are read, the word of the text is awaited on the rebuilt screen, keys are written
as a terminal writes them, and the process's exit is seen through a pidfd.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from bench.contenders import Contender, Script, Timed
from bench.terminal import KeyTiming, Terminal

STARTUP_TIMEOUT_S = 900.0
"""How long an app may take to show its text (MarkdownViewer on a book: minutes)."""

IDLE_TIMEOUT_S = 600.0
"""How long a text may take to finish loading once shown."""

KEY_TIMEOUT_S = 10.0
"""How long a key may take to draw anything (and then to settle)."""

QUIT_TIMEOUT_S = 30.0
"""How long an app may take to exit after ``q`` before it is killed."""

DRAW_NOTHING = frozenset({"ctrl+u"})
"""Preparing keys that may draw nothing (clearing a field that is already empty)."""


@dataclass(frozen=True)
class Sample:
    """One figure of one run: seconds (or MB for memory); None where nothing came."""

    round: int
    contender: str
    what: str
    value: float | None
    phase: str = ""
    """For keys: "loading" or "loaded" (see :func:`phase`)."""


@dataclass
class Outcome:
    """What one run gave: its samples, and anything a reader of the table should know."""

    samples: list[Sample]
    notes: list[str]


def child_environment(pycache: Path) -> dict[str, str]:
    """The environment every app runs in: a terminal's, and a bytecode cache of our own
    (so no run pays for compiling, and no source tree is written to)."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("NO_COLOR", "TEXTUAL", "COLUMNS", "LINES", "PYTHONDONTWRITEBYTECODE")
    }
    environment.update(
        TERM="xterm-256color", TEXTUAL_ANIMATIONS="none", PYTHONPYCACHEPREFIX=str(pycache)
    )
    return environment


def run_contender(
    contender: Contender,
    number: int,
    environment: Mapping[str, str],
    startup_timeout: float = STARTUP_TIMEOUT_S,
) -> Outcome:
    """Start ``contender``, do what its script says, quit it; every figure as a sample."""
    outcome = Outcome([], [])
    data_dir = Path(tempfile.mkdtemp(prefix="rodape-bench-data-")) if contender.data_dir else None
    env = dict(environment)
    if data_dir is not None:
        env["READER_DATA_DIR"] = str(data_dir)
    terminal = Terminal(contender.command, env)
    try:
        _drive(terminal, contender, number, outcome, startup_timeout)
    finally:
        terminal.kill()
        if data_dir is not None:
            shutil.rmtree(data_dir, ignore_errors=True)
    return outcome


def _drive(
    terminal: Terminal,
    contender: Contender,
    number: int,
    outcome: Outcome,
    startup_timeout: float,
) -> None:
    def sample(what: str, value: float | None, phase: str = "") -> None:
        outcome.samples.append(Sample(number, contender.name, what, value, phase))

    shown = terminal.show_until(contender.word, startup_timeout)
    sample("first screen", shown)
    if shown is None:
        tail = terminal.catch_up().strip().splitlines()[-3:]
        outcome.notes.append(
            f"{contender.name}, round {number}: {contender.word!r} never shown "
            f"(screen ends: {' | '.join(line.strip() for line in tail)[:200]})"
        )
        return
    sample("RSS at first screen", terminal.peak_rss_mb())
    if contender.script is Script.READING:
        _keys(terminal, contender, number, outcome, loading=True)
    idle = terminal.idle(IDLE_TIMEOUT_S)
    sample("idle", idle)
    sample("RSS once idle", terminal.peak_rss_mb())
    if contender.script is not Script.START:
        _keys(terminal, contender, number, outcome, loading=False)
    sample("peak RSS", terminal.peak_rss_mb())
    quit_time = terminal.quit(timeout=QUIT_TIMEOUT_S)
    sample("quit", quit_time)
    if quit_time is None:
        outcome.notes.append(
            f"{contender.name}, round {number}: still running {QUIT_TIMEOUT_S:.0f} s after q "
            "(killed)"
        )


LOADING_SAYS = "Loading "
"""Rodapé's status line while it loads (until it has indexed the text)."""


def phase(loading: bool, timing: KeyTiming) -> str:
    """ "loading" for a key of the pass made right after the first screen, if the app
    was still busy when it was sent (using the CPU, or saying it is loading); else
    "loaded". Busy in the pass after it went idle is the key's own work, not loading."""
    if loading and (timing.busy or LOADING_SAYS in timing.before):
        return "loading"
    return "loaded"


def _keys(
    terminal: Terminal, contender: Contender, number: int, outcome: Outcome, *, loading: bool
) -> None:
    """Each of the contender's timed keys once, with what prepares it."""
    for timed in contender.keys:
        _press(terminal, timed, contender, number, outcome, loading)


def _press(
    terminal: Terminal,
    timed: Timed,
    contender: Contender,
    number: int,
    outcome: Outcome,
    loading: bool,
) -> None:
    for key in timed.prepare:
        terminal.type(key, draws=key not in DRAW_NOTHING)
    timing = terminal.press(timed.key, KEY_TIMEOUT_S, after_blink=timed.to_field)
    when = phase(loading, timing)
    for what, value in (("first", timing.first), ("settled", timing.settled)):
        outcome.samples.append(
            Sample(number, contender.name, f"{timed.label}: {what}", value, when)
        )
    if timing.first is None:
        outcome.notes.append(
            f"{contender.name}, round {number}: {timed.label} ({when}) changed nothing on "
            f"screen within {KEY_TIMEOUT_S:.0f} s"
        )
