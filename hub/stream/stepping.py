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


class LoopTurns:
    """Runs steps and gives the event loop a turn whenever `every_s` passed since the last one, across
    all the runs it is given: a batch of 500 events, each a few steps or none, is one long stretch of
    work too, and the turns are counted over the whole of it."""

    def __init__(self, every_s: float = TURN_EVERY_S, clock: Callable[[], float] = time.perf_counter,
                 on_turn: Callable[[], None] | None = None) -> None:
        self._every_s = every_s
        self._clock = clock
        self._on_turn = on_turn  # run before each turn
        self._next_turn = clock() + every_s

    async def run(self, steps: Steps[T]) -> T:
        """Run every step and return the result."""
        while True:
            try:
                next(steps)
            except StopIteration as done:
                if self._clock() >= self._next_turn:  # a run without steps still counts towards the next turn
                    await self._turn()
                return done.value  # type: ignore[no-any-return]
            if self._clock() >= self._next_turn:  # checked here, not in a coroutine awaited at every step
                await self._turn()

    async def _turn(self) -> None:
        if self._on_turn is not None:
            self._on_turn()
        await asyncio.sleep(0)
        self._next_turn = self._clock() + self._every_s

