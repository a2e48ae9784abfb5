"""The worker's garbage collector: the engines' state frozen as it grows, and every pass timed."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from hub.metrics import GC_PAUSE
from hub.stream.collector import StateFreezer, time_collector_passes


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


def test_each_pass_is_timed_by_generation() -> None:
    def count(generation: int) -> float:
        return next((sample.value for metric in GC_PAUSE.collect() for sample in metric.samples
                     if sample.name.endswith("_count") and sample.labels == {"generation": str(generation)}), 0.0)

    callbacks = list(gc.callbacks)
    try:
        time_collector_passes()
        full, young = count(2), count(0)
        gc.collect()
        gc.collect(0)
        assert (count(2), count(0)) == (full + 1, young + 1)
    finally:
        gc.callbacks[:] = callbacks
