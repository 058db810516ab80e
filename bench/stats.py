"""Medians, ranges and ratios of samples: the arithmetic of the tables, nothing else.

A figure is given as its median over the rounds and its min–max. Where a run gives
several values of one figure (three page-downs), the run's median is the round's value.
Ratios are taken pairwise within a round (a contender's value in round 3 over the
floor's in round 3), then summarised like any figure: the machine's load drifts from
round to round, and both halves of a pair see the same drift.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from bench.cases import Sample


def median(values: Sequence[float]) -> float | None:
    """The median, or None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


@dataclass(frozen=True)
class Figure:
    """A median with its range, over ``count`` values; ``missing`` runs gave none."""

    median: float
    low: float
    high: float
    count: int
    missing: int = 0


def figure(values: Iterable[float | None]) -> Figure | None:
    """The figure of ``values`` (None values are counted as missing); None if all are."""
    listed = list(values)
    present = [value for value in listed if value is not None]
    middle = median(present)
    if middle is None:
        return None
    return Figure(middle, min(present), max(present), len(present), len(listed) - len(present))


Key = tuple[str, str, str]
"""(contender, what, phase): one figure of the tables."""


def by_round(samples: Iterable[Sample]) -> dict[Key, dict[int, float | None]]:
    """Each figure's value per round: the round's median where a run gave several values,
    None where a run gave only None."""
    grouped: dict[Key, dict[int, list[float | None]]] = defaultdict(lambda: defaultdict(list))
    for sample in samples:
        grouped[(sample.contender, sample.what, sample.phase)][sample.round].append(sample.value)
    result: dict[Key, dict[int, float | None]] = {}
    for key, rounds in grouped.items():
        result[key] = {
            number: median([value for value in values if value is not None])
            for number, values in rounds.items()
        }
    return result


def ratio(
    numerators: Mapping[int, float | None], denominators: Mapping[int, float | None]
) -> Figure | None:
    """Round-by-round ratios of two figures, summarised; None without a complete pair."""
    pairs = []
    for number, numerator in numerators.items():
        denominator = denominators.get(number)
        if numerator is not None and denominator:
            pairs.append(numerator / denominator)
    return figure(pairs)
