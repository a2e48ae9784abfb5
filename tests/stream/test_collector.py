"""The worker's garbage collector: the engines' state frozen as it grows, and every pass timed."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from hub.metrics import GC_PAUSE
from hub.stream.collector import StateFreezer, report_collector_passes, time_collector_passes


@pytest.fixture
def passes() -> Iterator[list[int]]:
    """The generation of each collector pass while the test runs; the process is left unfrozen."""
    seen: list[int] = []

    def record(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            seen.append(info["generation"])

    gc.callbacks.append(record)
    try:
        yield seen
    finally:
        gc.callbacks.remove(record)
        gc.unfreeze()


class _Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the collector frees it


def test_what_the_engines_built_is_frozen_once_enough_events_were_applied(passes) -> None:
    freezer = StateFreezer(every_events=10)
    frozen = gc.get_freeze_count()
    kept = [_Node() for _ in range(100)]
    passes.clear()  # automatic passes while they were made
    freezer.applied(9)
    assert gc.get_freeze_count() == frozen and passes == []
    freezer.applied(1)
    assert gc.get_freeze_count() >= frozen + len(kept)
    assert passes == [1], "the young generations are collected first, without a full pass"
    freezer.applied(9)
    assert passes == [1], "counted afresh after each freeze"


def test_after_engines_are_dropped_the_next_freeze_is_a_full_pass_that_frees_them(passes) -> None:
    freezer = StateFreezer(every_events=10)
    dropped = [_Node() for _ in range(100)]
    freezer.applied(10)
    del dropped  # a rebalance drops an engine whose objects were frozen
    freezer.unfreeze()
    assert gc.get_freeze_count() == 0
    passes.clear()
    freezer.applied(10)
    assert passes == [2]
    assert not [obj for obj in gc.get_objects() if isinstance(obj, _Node)], "collected, not frozen again"
    freezer.applied(10)
    assert passes == [2, 1]


def _reported(generation: int) -> float:
    return next((sample.value for metric in GC_PAUSE.collect() for sample in metric.samples
                 if sample.name.endswith("_count") and sample.labels == {"generation": str(generation)}), 0.0)


@pytest.fixture
def timed() -> Iterator[None]:
    callbacks = list(gc.callbacks)
    time_collector_passes()
    try:
        yield
    finally:
        gc.callbacks[:] = callbacks
        report_collector_passes()


def test_each_pass_is_timed_by_generation_and_reported(timed) -> None:
    report_collector_passes()
    full, young = _reported(2), _reported(0)
    gc.collect()
    gc.collect(0)
    assert (_reported(2), _reported(0)) == (full, young), "reported by the loop watch, not in the pass"
    report_collector_passes()
    assert (_reported(2), _reported(0)) == (full + 1, young + 1)


def test_a_pass_set_off_inside_the_metrics_lock_does_not_wait_for_that_lock(timed) -> None:
    # the metrics library's HTTP thread copies a metric's children under the metric's lock (a plain
    # Lock); a pass set off there must not observe the metric
    finished = threading.Event()

    def collect_holding_the_lock() -> None:
        with GC_PAUSE._lock:  # the library's own lock: what its collection holds
            gc.collect()
        finished.set()

    thread = threading.Thread(target=collect_holding_the_lock, daemon=True)
    thread.start()
    thread.join(timeout=10)
    assert finished.is_set(), "the collector's callback waited for the metric's lock"
