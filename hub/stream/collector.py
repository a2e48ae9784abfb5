"""Python's cyclic garbage collector in the worker: the engines' state is frozen as it grows, and every
pass is timed.

Why: a full pass walks every object not frozen. The worker freezes what it restored (area_stage.py),
but what the engines build afterwards grew unfrozen, so each full pass took longer as the worker ran:
40,000 events through the engines in process made 7 full passes, up to 0.40 s each, 1.5 s in all, and
each stops every record in flight. Frozen every 2,000 events after a collection of the young
generations (about 6 ms), the same run made none, its longest pass 6 ms (bench/README, "The collector").

What is frozen is never collected: cyclic garbage that reached the oldest generation while still
alive and died later stays until the next unfreeze (the same run found as much garbage at its end with
the freezing as without). When engines are dropped (a rebalance), everything is unfrozen, and the next
freeze is preceded by one full pass, so their memory is returned rather than frozen again.
"""

from __future__ import annotations

import gc
import time
from collections import deque

from hub.metrics import GC_PAUSE

FREEZE_EVERY_EVENTS = 2_000
# collector passes timed and not yet reported (generation, seconds); bounded should no one report them
_PASSES: deque[tuple[int, float]] = deque(maxlen=10_000)


class StateFreezer:
    """Freezes what the process holds every `every_events` applied events."""

    def __init__(self, every_events: int = FREEZE_EVERY_EVENTS) -> None:
        self._every_events = every_events
        self._since = 0
        self._full_pass_due = False

    def applied(self, events: int) -> None:
        """`events` more were applied and committed; freeze when enough were since the last time."""
        self._since += events
        if self._since < self._every_events:
            return
        if self._full_pass_due:  # garbage of dropped engines is collected, not frozen again
            gc.collect()
            self._full_pass_due = False
        else:
            gc.collect(1)  # the young generations' cyclic garbage first: what is frozen is never collected
        gc.freeze()
        self._since = 0

    def unfreeze(self) -> None:
        """Engines were dropped: what they held may be collected, cycles included."""
        gc.unfreeze()
        self._full_pass_due = True


def time_collector_passes() -> None:
    """Time each pass of the collector, by generation; `report_collector_passes` hands the times to
    `koordinate_worker_gc_pause_seconds`.

    The callback only appends to a queue: a pass starts wherever an allocation sets it off, also inside
    the metrics library's own lock (its HTTP thread copying the metric's children), and observing the
    metric there would take that lock again and hang the thread.
    """
    started = 0.0

    def timed(phase: str, info: dict[str, int]) -> None:
        nonlocal started
        if phase == "start":
            started = time.perf_counter()
        else:
            _PASSES.append((info["generation"], time.perf_counter() - started))

    gc.callbacks.append(timed)


def report_collector_passes() -> None:
    """Observe the passes timed since the last call in the metric (the loop watch calls it)."""
    while _PASSES:
        generation, seconds = _PASSES.popleft()
        GC_PAUSE.labels(str(generation)).observe(seconds)
