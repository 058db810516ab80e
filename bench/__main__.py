"""``python -m bench``: Rodapé against its peers in a pseudo-terminal; a table of medians.

Writes the inputs (deterministic), runs every contender once unmeasured, then ``--rounds``
rounds, each running every contender once in turn (so a drift in the machine's load hits
them all alike), then ``reader render`` on the book and the 10 MB line and the pipeline's
steps. Progress goes to stderr; the report, Markdown, to stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import asdict, replace
from datetime import datetime
from functools import partial
from importlib.metadata import version
from pathlib import Path

from bench.cases import Outcome, Sample, child_environment, run_contender
from bench.commands import run_render, run_stages
from bench.contenders import NAMES, Contender, Script, contenders, warm_up_contenders
from bench.inputs import Inputs, write_inputs
from bench.report import Report, describe_keys
from bench.terminal import COLUMNS, ROWS

COMMANDS = ("render-book", "render-line", "stages")
CASES = (*NAMES, *COMMANDS)
QUICK_LEAVES_OUT = ("markdownviewer", "render-line", "rodape-footnotes")


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    add = parser.add_argument
    add(
        "--quick",
        action="store_true",
        help="2 rounds, a 1 MB book, no MarkdownViewer, no "
        "10 MB line, no 50,000 footnotes (for trying it out; the figures are not the issue's)",
    )
    add("--rounds", type=int, help="rounds of every case (default 5; --quick: 2)")
    add("--size-mb", type=float, help="size of the generated book (default 5; --quick: 1)")
    add("--terms", type=int, default=5000, help="glossary terms (default 5000)")
    add("--seed", type=int, default=1, help="seed of the generated book (default 1)")
    add("--only", help=f"comma-separated cases to run, of: {', '.join(CASES)}")
    add("--skip", help="comma-separated cases to leave out")
    add(
        "--start-only",
        action="store_true",
        help="no keys: every contender only starts, goes idle and quits (the start-up table)",
    )
    add("--one-paragraph", action="store_true", help="the whole book as one paragraph")
    add(
        "--timeout",
        type=float,
        default=900.0,
        help="seconds an app may take to show its text (default 900: MarkdownViewer on a "
        "loaded machine takes minutes)",
    )
    add("--out", type=Path, help="write the inputs (and results.json) here, and keep them")
    args = parser.parse_args(argv)
    args.rounds = args.rounds or (2 if args.quick else 5)
    args.size_mb = args.size_mb or (1.0 if args.quick else 5.0)
    chosen = (
        _names(args.only)
        if args.only
        else [case for case in CASES if not (args.quick and case in QUICK_LEAVES_OUT)]
    )
    skipped = set(_names(args.skip)) if args.skip else set()
    args.cases = [case for case in chosen if case not in skipped]
    return args


def _names(text: str) -> list[str]:
    names = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in CASES]
    if unknown:
        raise SystemExit(f"unknown case(s): {', '.join(unknown)}; known: {', '.join(CASES)}")
    return names


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def progress(outcome: Outcome) -> str:
    """One line of what a run gave."""
    parts = []
    for sample in outcome.samples:
        if sample.what.endswith(": settled"):
            continue
        if sample.value is None:
            parts.append(f"{sample.what} –")
        elif "RSS" in sample.what:
            parts.append(f"{sample.what} {sample.value:.0f} MB")
        elif ":" in sample.what:
            parts.append(f"{sample.what.removesuffix(': first')} {sample.value * 1000:.0f} ms")
        else:
            parts.append(f"{sample.what} {sample.value:.2f}")
    return ", ".join(parts[:8]) + (" …" if len(parts) > 8 else "")


def run(args: argparse.Namespace, folder: Path) -> tuple[list[Sample], list[str], Inputs]:
    """Write the inputs, warm up, run the rounds; every sample and note."""
    args.machine = machine_lines()
    hostile = bool({"render-line", "rodape-footnotes"} & set(args.cases))
    log(f"writing inputs into {folder} …")
    inputs = write_inputs(
        folder,
        size_mb=args.size_mb,
        terms=args.terms,
        seed=args.seed,
        one_paragraph=args.one_paragraph,
        hostile=hostile,
        formats=bool({"rodape-html", "rodape-epub"} & set(args.cases)),
    )
    environment = child_environment(folder / "pycache")
    chosen = contenders(inputs, [case for case in args.cases if case in NAMES])
    if args.start_only:
        chosen = [replace(contender, script=Script.START, keys=()) for contender in chosen]
    log("warming up (unmeasured) …")
    for contender in warm_up_contenders(inputs, chosen):
        run_contender(contender, 0, environment)
    if "render-book" in args.cases:
        run_render("warm-up", inputs.warm_up.book, 0, environment)
    samples: list[Sample] = []
    notes: list[str] = []
    for number in range(1, args.rounds + 1):
        for name, case in _round(args, inputs, chosen, number, environment):
            outcome = case()
            log(f"round {number}/{args.rounds} {name}: {progress(outcome)}")
            samples += outcome.samples
            notes += outcome.notes
    return samples, notes, inputs


def _round(
    args: argparse.Namespace,
    inputs: Inputs,
    chosen: Sequence[Contender],
    number: int,
    environment: dict[str, str],
) -> list[tuple[str, Callable[[], Outcome]]]:
    """The cases of one round, in order, each to be run when its turn comes."""
    cases: list[tuple[str, Callable[[], Outcome]]] = [
        (contender.name, partial(run_contender, contender, number, environment, args.timeout))
        for contender in chosen
    ]
    book = inputs.book.book
    if "render-book" in args.cases:
        cases.append(("render-book", partial(run_render, "render-book", book, number, environment)))
    if "render-line" in args.cases and inputs.long_line is not None:
        line = inputs.long_line
        cases.append(("render-line", partial(run_render, "render-line", line, number, environment)))
    if "stages" in args.cases:
        cases.append(("stages", partial(run_stages, book, number, environment)))
    return cases


def machine_lines() -> list[str]:
    """Date, CPU, cores, memory, load, Python and Textual; the code measured."""
    cpu = platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") / 2**30
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    now = datetime.now().astimezone()
    return [
        f"{now:%Y-%m-%d %H:%M %Z} · {cpu} · {os.cpu_count()} cores, {memory:.0f} GiB · "
        f"{platform.system()} {platform.release()} · Python {platform.python_version()} · "
        f"Textual {version('textual')}",
        f"load average at the start (1, 5, 15 min): {load}",
        f"measured: {reader_revision()}",
    ]


def reader_revision() -> str:
    """Where the ``reader`` the children import comes from, its commit, and whether its
    ``reader/`` has uncommitted changes."""
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import reader, pathlib; print(pathlib.Path(reader.__file__).parent)",
        ],
        capture_output=True,
        text=True,
        cwd=tempfile.gettempdir(),
        check=False,
    )
    if probe.returncode != 0:
        return "reader not importable"
    package = Path(probe.stdout.strip())

    def git(*arguments: str) -> str:
        return subprocess.run(
            ["git", *arguments], cwd=package, capture_output=True, text=True, check=True
        ).stdout.strip()

    try:
        head = git("rev-parse", "--short", "HEAD")
        dirty = git("status", "--porcelain", "--", ".")
    except (OSError, subprocess.CalledProcessError):
        return f"{package} (not a git checkout)"
    return f"{package} @ {head}" + (" + uncommitted changes" if dirty else "")


def print_report(
    args: argparse.Namespace, samples: Sequence[Sample], notes: Sequence[str], inputs: Inputs
) -> None:
    report = Report(samples)
    book = inputs.book
    print(f"# Rodapé benchmark, {args.rounds} round(s){' (--quick)' if args.quick else ''}")
    print()
    for line in args.machine:
        print(f"- {line}")
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"- load average at the end: {load}")
    print(
        f"- book: {book.book_bytes / 1e6:.2f} MB{' in one paragraph' if args.one_paragraph else ''}"
        f", {len(book.headings)} headings, glossary of {book.terms:,} terms "
        f"({book.terms_used:,} in the text); pseudo-terminal {COLUMNS}×{ROWS}, "
        "TERM=xterm-256color, TEXTUAL_ANIMATIONS=none"
    )
    print()
    sections: tuple[tuple[str, list[str], list[str]], ...] = (
        ("Start-up, memory, quitting", report.start_table(), report.markdownviewer_line()),
        ("Keys", report.key_table(), [describe_keys()]),
        ("`reader render`", report.render_table(_render_sizes(inputs)), []),
        ("The pipeline without a UI", report.stages_table(), []),
    )
    for title, table, under in sections:
        if not table:
            continue
        print(f"## {title}")
        print()
        print("\n".join(table))
        for line in under:
            print()
            print(line)
        print()
    if notes:
        print("## Notes")
        print()
        for note in dict.fromkeys(notes):
            print(f"- {note}")


def _render_sizes(inputs: Inputs) -> dict[str, float]:
    sizes = {"render-book": inputs.book.book_bytes / 1e6}
    if inputs.long_line is not None:
        sizes["render-line"] = inputs.long_line.stat().st_size / 1e6
    return sizes


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    # The terminal's reader thread stamps each chunk as it is read; while the main thread
    # feeds the screen model, it waits for the GIL at most this long.
    sys.setswitchinterval(0.001)
    # Killed, end the app being measured too (it runs in a session of its own).
    signal.signal(signal.SIGTERM, lambda number, frame: sys.exit(128 + number))
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
        samples, notes, inputs = run(args, args.out.resolve())
        results = {"samples": [asdict(sample) for sample in samples], "notes": notes}
        (args.out / "results.json").write_text(json.dumps(results, indent=1))
        print_report(args, samples, notes, inputs)
        return
    with tempfile.TemporaryDirectory(prefix="rodape-bench-") as folder:
        samples, notes, inputs = run(args, Path(folder))
        print_report(args, samples, notes, inputs)


if __name__ == "__main__":
    main()
