"""The cooperative gate: loading threads wait while the UI is busy, go on when it is idle
or after the bound; other threads never wait."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from reader.text import turns


@pytest.fixture(autouse=True)
def _idle_ui() -> Iterator[None]:
    turns.ui_idle()
    yield
    turns.ui_idle()


def _loader(passed: threading.Event, started: threading.Event) -> threading.Thread:
    def run() -> None:
        with turns.loading_thread():
            started.set()
            turns.give_way()
            passed.set()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def test_a_loading_thread_waits_while_busy_and_goes_on_when_idle() -> None:
    turns.ui_busy()
    started, passed = threading.Event(), threading.Event()
    thread = _loader(passed, started)
    assert started.wait(10)
    assert not passed.wait(0.05)  # still waiting: the UI is busy (no timing asserted)
    turns.ui_idle()
    assert passed.wait(10)
    thread.join(10)


def test_a_wait_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(turns, "MAX_WAIT", 0.0)
    turns.ui_busy()
    started, passed = threading.Event(), threading.Event()
    thread = _loader(passed, started)
    assert passed.wait(10)  # the UI never said it is idle: the load went on anyway
    thread.join(10)


def test_after_a_wait_ran_out_the_thread_gets_a_free_turn(monkeypatch: pytest.MonkeyPatch) -> None:
    waits: list[float | None] = []

    class Idle(threading.Event):
        def wait(self, timeout: float | None = None) -> bool:
            waits.append(timeout)
            return False  # the UI stays busy

    monkeypatch.setattr(turns, "_idle", Idle())
    monkeypatch.setattr(turns, "_busy", True)
    with turns.loading_thread():
        turns.give_way()
        turns.give_way()  # within its free turn: no second wait
    assert waits == [turns.MAX_WAIT]


def test_other_threads_never_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    class Idle(threading.Event):
        def wait(self, timeout: float | None = None) -> bool:
            raise AssertionError("the UI thread must not wait for itself")

    monkeypatch.setattr(turns, "_idle", Idle())
    monkeypatch.setattr(turns, "_busy", True)
    turns.give_way()


def test_busy_and_idle_are_reported() -> None:
    assert not turns.is_ui_busy()
    turns.ui_busy()
    assert turns.is_ui_busy()
    turns.ui_idle()
    assert not turns.is_ui_busy()


def test_a_load_does_not_advance_while_the_ui_is_busy() -> None:
    """A loading thread (as :class:`LoadingInBackground` makes one) stops at its first
    checkpoint while the UI is busy, and takes its next stage once the UI is idle."""
    from reader.ui.reading.background import LoadingInBackground

    stages: list[int] = []
    started = threading.Event()

    def run() -> None:
        with LoadingInBackground():
            started.set()
            for stage in range(3):
                turns.give_way()
                stages.append(stage)

    turns.ui_busy()
    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    assert started.wait(10)
    thread.join(0.05)
    assert stages == []  # busy: not one stage taken
    turns.ui_idle()
    thread.join(10)
    assert stages == [0, 1, 2]


def test_giving_way_stops_a_loading_thread_between_items_while_busy() -> None:
    """The passes over a text's blocks go through :func:`turns.giving_way`: a loading
    thread takes no item while the UI is busy, and every item, in order, once idle."""
    taken: list[int] = []
    started = threading.Event()

    def run() -> None:
        with turns.loading_thread():
            started.set()
            taken.extend(turns.giving_way(range(1_000), every=100))

    turns.ui_busy()
    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    assert started.wait(10)
    thread.join(0.05)
    assert taken == []
    turns.ui_idle()
    thread.join(10)
    assert taken == list(range(1_000))


def test_on_other_threads_giving_way_is_the_items_alone() -> None:
    turns.ui_busy()  # the UI thread itself never waits for itself
    assert list(turns.giving_way("abc", every=1)) == ["a", "b", "c"]
