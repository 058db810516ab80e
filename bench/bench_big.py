#!/usr/bin/env python3
"""Time ``reader render`` and ``reader check`` on the big hostile inputs, and the load of a
text up to its mention index (as the reader loads it, through ``reader.pipeline``).

The inputs are the big files of ``tests/hostile/make_corpus.py`` (a 10 MB line, with and
without terms; 100,000 list items; 50,000 footnotes; a 1 MB table; 1 MB headings; a
5,000-term glossary) and a few shapes it does not make: 100,000 headings, a table of
30,000 cells, and paragraphs dense with terms beside code spans or links. Each command
runs in a fresh process; the report gives its wall and CPU (user) seconds. It asserts
nothing: the tests bound the work instead (``tests/hostile/test_big_passes.py``).

Usage::

    .venv/bin/python bench/bench_big.py                       # every input
    .venv/bin/python bench/bench_big.py --only big-footnotes --only headings
    PYTHONPATH=/other/checkout .venv/bin/python bench/bench_big.py   # another tree

The children inherit the environment, so ``PYTHONPATH`` measures another checkout with
the same inputs.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.hostile.make_corpus import BIG, WORD, build  # a test helper, not the package

_LOAD = """
import sys, time
from reader.pipeline import resolve_text
from reader.pipeline.stages import LoadRequest, load_stages
start = time.perf_counter()
for stage in load_stages(LoadRequest(resolve_text(sys.argv[1]))):
    pass
print(f"{time.perf_counter() - start:.2f}")
"""
"""A child that loads a text as the reader does (parsed, linked, its mentions indexed;
no bookmark store) and prints how long that took."""


def _extra(root: Path) -> dict[str, Path]:
    """The shapes ``make_corpus`` does not make."""
    terms = "---\nlanguage: pt\n---\n\n"
    texts: dict[str, Callable[[], str]] = {
        "headings": lambda: "".join(f"## {WORD} {n}\n\nTexto {n}.\n\n" for n in range(100_000)),
        "cells": lambda: (
            f"{WORD}\n\n| a | b | c | d | e |\n|---|---|---|---|---|\n"
            + "".join(f"| {n} | lorem {n} | ipsum | dolor sit | amet {n} |\n" for n in range(6_000))
        ),
        "terms-code": lambda: f"{terms}{WORD} " + "Volga `c` " * 100_000 + "\n",
        "terms-links": lambda: f"{terms}{WORD} " + "Volga [a](b) " * 80_000 + "\n",
    }
    made = {}
    for name, text in texts.items():
        made[name] = root / f"{name}.md"
        made[name].write_text(text(), encoding="utf-8")
    return made


def _timed(argv: list[str], timeout: float) -> tuple[str, str]:
    """ "wall / user" CPU seconds of one child run (">timeout" past ``timeout``), and its
    last line of output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
    start = time.perf_counter()
    try:
        done = subprocess.run(argv, capture_output=True, text=True, check=False, timeout=timeout)
    except subprocess.TimeoutExpired:
        return f">{timeout:.0f} s", ">timeout"
    wall = time.perf_counter() - start
    user = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime - before
    lines = done.stdout.strip().splitlines()
    last = lines[-1] if lines and done.returncode == 0 else f"exit {done.returncode}"
    return f"{wall:8.2f} / {user:6.2f}", last


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else "")
    parser.add_argument("--only", action="append", default=[], help="inputs named so")
    parser.add_argument("--out", type=Path, default=None, help="keep the inputs here")
    parser.add_argument("--timeout", type=float, default=300, help="seconds per run (300)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-big-") as temporary:
        root = args.out or Path(temporary)
        print("writing the inputs…", file=sys.stderr)
        inputs = {**build(root, BIG), **_extra(root)}
        inputs = {name: path for name, path in inputs.items() if path.suffix == ".md"}
        if args.only:
            inputs = {name: path for name, path in inputs.items() if name in args.only}
        os.environ["XDG_DATA_HOME"] = str(root / "data")  # nothing of the user's is read
        print(f"{'input':16} {'render wall/user':>18} {'check wall/user':>18} {'load→indexed':>13}")
        for name, path in inputs.items():
            cells = []
            for command in ("render", "check"):
                argv = [sys.executable, "-m", "reader", command, str(path)]
                cells.append(_timed(argv, args.timeout)[0])
            indexed = _timed([sys.executable, "-c", _LOAD, str(path)], args.timeout)[1]
            print(f"{name:16} {cells[0]:>18} {cells[1]:>18} {indexed:>13}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
