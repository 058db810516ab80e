"""The non-interactive figures: ``reader render`` throughput, and the pipeline's steps.

``reader render PATH`` lays the whole text out as plain text (the work the TUI spreads
over scrolling, done at once), so its throughput is the reader's own speed on a text,
terminal aside. Output goes to ``/dev/null``; the time is process start → exit.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path

from bench.cases import Outcome, Sample
from bench.contenders import reader_command

RENDER_TIMEOUT_S = 600.0

STAGES = Path(__file__).resolve().parent / "stages.py"


def run_render(name: str, path: Path, number: int, environment: Mapping[str, str]) -> Outcome:
    """Time ``reader render PATH`` once; the sample is seconds (MB/s is the table's)."""
    started = time.monotonic()
    try:
        finished = subprocess.run(
            [*reader_command(), "render", str(path)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=dict(environment),
            timeout=RENDER_TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return Outcome(
            [Sample(number, name, "render", None)],
            [f"{name}, round {number}: not done in {RENDER_TIMEOUT_S:.0f} s"],
        )
    seconds = time.monotonic() - started
    notes = []
    if finished.returncode != 0:
        tail = finished.stderr.decode(errors="replace").strip().splitlines()[-2:]
        notes.append(f"{name}, round {number}: exit {finished.returncode}: {' | '.join(tail)}")
        seconds_or_none: float | None = None
    else:
        seconds_or_none = seconds
    return Outcome([Sample(number, name, "render", seconds_or_none)], notes)


def run_stages(path: Path, number: int, environment: Mapping[str, str]) -> Outcome:
    """The pipeline's steps on the book, in a fresh interpreter (:mod:`bench.stages`)."""
    finished = subprocess.run(
        [sys.executable, str(STAGES), str(path)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        env=dict(environment),
        timeout=RENDER_TIMEOUT_S,
        check=False,
    )
    if finished.returncode != 0:
        tail = finished.stderr.decode(errors="replace").strip().splitlines()[-2:]
        return Outcome([], [f"stages, round {number}: exit {finished.returncode}: {tail}"])
    result = json.loads(finished.stdout.decode().strip().splitlines()[-1])
    samples = [Sample(number, "stages", what, float(value)) for what, value in result.items()]
    return Outcome(samples, [])
