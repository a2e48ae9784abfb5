"""Long pure computations as generators of steps, so that a driver with an event loop can run them.

Why: rebuilding a partition's indexes from 100,000 restored records takes seconds of CPU. A plain
function holds a worker's event loop for all of it: no tick runs (due gaps wait), no readiness probe
is answered and faust's keepalive check of its consumer thread fails. A generator of steps (`yield` after each record) costs nothing when run to the end at once
(`run_steps`, the offline driver and the tests) and lets the worker yield to its loop every few
hundred steps (`hub/stream/area_stage.py`).
"""

from __future__ import annotations

from collections.abc import Generator
from typing import TypeVar

T = TypeVar("T")

Steps = Generator[None, None, T]


def run_steps(steps: Steps[T]) -> T:
    """Run every step at once and return the result."""
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return done.value  # type: ignore[no-any-return]
