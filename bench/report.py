"""The tables, as Markdown: medians with min–max, and the issue's ratios and targets.

Start-up and memory are compared with the floor (a minimal Textual app showing one
``Static``); keys with the bare Line-API app's page-down, Textual's own floor for a key.
A target column says what the issue asks and whether the median meets it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from bench.cases import Sample
from bench.stats import Figure, by_round, figure, ratio

START_TARGETS: Mapping[str, float] = {
    "rodape-book": 1.5,
    "rodape-article": 1.3,
    "rodape-html": 1.5,
    "rodape-epub": 1.5,
}
"""First screen, × floor, at most."""
RSS_TARGETS_MB: Mapping[str, float] = {"rodape-book": 100, "rodape-article": 60}
"""Peak RSS once loaded, at most."""
QUIT_TARGET_S = 0.5
"""Quitting, any text, at most."""
KEY_FIRST_TARGET, KEY_SETTLED_TARGET = 1.5, 2.5
"""A key's first output and settled output, × the bare Line-API app's page-down."""
RENDER_TARGET_MBPS = 5.0
LONG_LINE_TARGET_S = 5.0
LINK_TARGET_MBPS = 25.0
MARKDOWNVIEWER_TARGET = 100.0
"""First screen of MarkdownViewer on the book, × Rodapé's, at least."""

FLOOR, LINE_API = "floor", "line-api"
PHASES = ("loading", "loaded", "")


def seconds(value: float) -> str:
    return f"{value:.2f}"


def milliseconds(value: float) -> str:
    return f"{value * 1000:.0f}"


def megabytes(value: float) -> str:
    return f"{value:.0f}"


def times(value: float) -> str:
    return f"{value:.1f}×"


def cell(value: Figure | None, unit: Callable[[float], str]) -> str:
    """``median (min–max)``, or the median alone when every value was the same; "–" for
    nothing, and how many runs gave nothing."""
    if value is None:
        return "–"
    text = unit(value.median)
    low, high = unit(value.low), unit(value.high)
    if value.count > 1 and (low != text or high != text):
        text += f" ({low}–{high})"
    if value.missing:
        text += f", {value.missing} none"
    return text


def verdict(value: Figure | None, limit: float, *, at_least: bool = False) -> str:
    """ "✓" if the median meets the limit, "✗" if not, "" without a figure."""
    if value is None:
        return ""
    met = value.median >= limit if at_least else value.median <= limit
    return "✓" if met else "✗"


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """Rows as a Markdown table, the first column left-aligned, the others right."""
    lines = ["| " + " | ".join(header) + " |"]
    lines.append("|" + "|".join([":---"] + ["---:"] * (len(header) - 1)) + "|")
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


@dataclass
class Report:
    """Every sample of a bench run, made into its tables."""

    samples: Sequence[Sample]

    def __post_init__(self) -> None:
        self.rounds = by_round(self.samples)

    def values(self, contender: str, what: str, phase: str = "") -> Mapping[int, float | None]:
        return self.rounds.get((contender, what, phase), {})

    def figure(self, contender: str, what: str, phase: str = "") -> Figure | None:
        return figure(self.values(contender, what, phase).values())

    def contenders(self) -> list[str]:
        return list(dict.fromkeys(sample.contender for sample in self.samples))

    # Start-up, memory, quitting ----------------------------------------------------------

    def start_table(self) -> list[str]:
        header = (
            "contender",
            "first screen (s)",
            "× floor",
            "target",
            "RSS at first screen (MB)",
            "peak RSS (MB)",
            "target",
            "loaded, idle (s)",
            "quit (s)",
            "target",
        )
        rows = []
        for name in self.contenders():
            first = self.figure(name, "first screen")
            if first is None and not self.values(name, "first screen"):
                continue  # render and stages rows
            versus = ratio(self.values(name, "first screen"), self.values(FLOOR, "first screen"))
            quit_time = self.figure(name, "quit")
            peak = self.figure(name, "peak RSS")
            start_limit = START_TARGETS.get(name)
            rss_limit = RSS_TARGETS_MB.get(name)
            is_reader = name.startswith("rodape")
            rows.append(
                (
                    name,
                    cell(first, seconds),
                    cell(versus, times),
                    f"≤ {start_limit}× {verdict(versus, start_limit)}" if start_limit else "",
                    cell(self.figure(name, "RSS at first screen"), megabytes),
                    cell(peak, megabytes),
                    f"≤ {rss_limit:.0f} {verdict(peak, rss_limit)}" if rss_limit else "",
                    cell(self.figure(name, "idle"), seconds),
                    cell(quit_time, seconds),
                    f"≤ {QUIT_TARGET_S} {verdict(quit_time, QUIT_TARGET_S)}" if is_reader else "",
                )
            )
        return markdown_table(header, rows) if rows else []

    # Keys --------------------------------------------------------------------------------

    def key_rows(self) -> list[tuple[str, str, str]]:
        """(contender, key label, phase) of every key timed: by contender and key in the
        order first seen, "loading" before "loaded"."""
        keys: dict[tuple[str, str, str], None] = {}
        contenders: dict[str, None] = {}
        labels: dict[str, None] = {}
        for sample in self.samples:
            if sample.what.endswith(": first"):
                label = sample.what.removesuffix(": first")
                keys[(sample.contender, label, sample.phase)] = None
                contenders.setdefault(sample.contender)
                labels.setdefault(label)
        order = {name: index for index, name in enumerate(contenders)}
        label_order = {label: index for index, label in enumerate(labels)}
        return sorted(
            keys,
            key=lambda row: (order[row[0]], label_order[row[1]], PHASES.index(row[2])),
        )

    def key_table(self) -> list[str]:
        header = (
            "contender",
            "key",
            "while",
            "first output (ms)",
            "× bare page-down",
            "target",
            "settled (ms)",
            "× bare page-down",
            "target",
        )
        base_first = self.values(LINE_API, "page-down: first", "loaded")
        base_settled = self.values(LINE_API, "page-down: settled", "loaded")
        rows = []
        for name, label, phase in self.key_rows():
            first_values = self.values(name, f"{label}: first", phase)
            settled_values = self.values(name, f"{label}: settled", phase)
            first_ratio = ratio(first_values, base_first)
            settled_ratio = ratio(settled_values, base_settled)
            judged = name == "rodape-book"
            rows.append(
                (
                    name,
                    label,
                    phase,
                    cell(figure(first_values.values()), milliseconds),
                    cell(first_ratio, times),
                    f"≤ {KEY_FIRST_TARGET}× {verdict(first_ratio, KEY_FIRST_TARGET)}"
                    if judged
                    else "",
                    cell(figure(settled_values.values()), milliseconds),
                    cell(settled_ratio, times),
                    f"≤ {KEY_SETTLED_TARGET}× {verdict(settled_ratio, KEY_SETTLED_TARGET)}"
                    if judged
                    else "",
                )
            )
        return markdown_table(header, rows) if rows else []

    # Commands ----------------------------------------------------------------------------

    def render_table(self, sizes_mb: Mapping[str, float]) -> list[str]:
        header = ("reader render", "size (MB)", "time (s)", "MB/s", "target")
        rows = []
        for name, size in sizes_mb.items():
            taken = self.figure(name, "render")
            if taken is None and not self.values(name, "render"):
                continue
            speed = figure(size / value for value in self.values(name, "render").values() if value)
            if name == "render-line":
                target = f"≤ {LONG_LINE_TARGET_S:.0f} s {verdict(taken, LONG_LINE_TARGET_S)}"
            else:
                target = f"≥ {RENDER_TARGET_MBPS:.0f} MB/s "
                target += verdict(speed, RENDER_TARGET_MBPS, at_least=True)
            rows.append((name, f"{size:.1f}", cell(taken, seconds), cell(speed, seconds), target))
        return markdown_table(header, rows) if rows else []

    def stages_table(self) -> list[str]:
        sizes = self.figure("stages", "bytes")
        if sizes is None:
            return []
        megabytes_ = sizes.median / 1e6
        rows = []
        for step in ("glossary load", "matcher build", "parse", "link"):
            taken = self.figure("stages", step)
            speed = figure(
                megabytes_ / value for value in self.values("stages", step).values() if value
            )
            target = ""
            if step == "link":
                target = f"≥ {LINK_TARGET_MBPS:.0f} MB/s "
                target += verdict(speed, LINK_TARGET_MBPS, at_least=True)
            in_text = step in ("parse", "link")
            rows.append(
                (step, cell(taken, seconds), cell(speed, seconds) if in_text else "", target)
            )
        return markdown_table(("pipeline step, no UI", "time (s)", "MB/s", "target"), rows)

    def markdownviewer_line(self) -> list[str]:
        versus = ratio(
            self.values("markdownviewer", "first screen"),
            self.values("rodape-book", "first screen"),
        )
        if versus is None:
            return []
        mark = verdict(versus, MARKDOWNVIEWER_TARGET, at_least=True)
        return [
            f"MarkdownViewer's first screen of the book, × Rodapé's: {cell(versus, times)} "
            f"(target ≥ {MARKDOWNVIEWER_TARGET:.0f}× {mark})"
        ]


def describe_keys() -> str:
    """What the key columns mean, for under the table."""
    return (
        "first output = key sent → the first write that changes the text on screen (a "
        "cursor drawn again is not an answer); settled = key sent → the last write before "
        "100 ms of quiet after that. *while*: loading = sent in the pass right after the "
        "first screen while the app was still busy (using the CPU, or its status line "
        "saying it is loading); loaded = after it had gone idle. Ratios are round by round "
        "over the bare Line-API app's page-down in the same round (first over first, "
        "settled over settled)."
    )
