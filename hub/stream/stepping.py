"""Run the engine's long computations in steps (hub/engine/steps.py) without holding the event loop."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import TypeVar

from hub.engine.steps import Steps

T = TypeVar("T")

# Longest stretch of steps between two turns of the event loop: heartbeats, fetches and the
# readiness probe wait at most this long, while the loop's own turn costs microseconds.
TURN_EVERY_S = 0.05


async def run_steps_yielding(steps: Steps[T], every_s: float = TURN_EVERY_S,
                             clock: Callable[[], float] = time.perf_counter) -> T:
    """Run every step, giving the event loop a turn whenever `every_s` passed since the last one."""
    next_turn = clock() + every_s
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return done.value  # type: ignore[no-any-return]
        if clock() >= next_turn:
            await asyncio.sleep(0)
            next_turn = clock() + every_s
