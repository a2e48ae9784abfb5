"""Long engine work run in steps leaves the worker's event loop turns between them."""

from __future__ import annotations

import asyncio
import itertools

from hub.engine.steps import Steps
from hub.stream.stepping import LoopTurns


def _steps(n: int, seen_by_loop: list[int], done: list[int]) -> Steps[str]:
    for step in range(n):
        done.append(step)
        yield
    return f"{n} steps, the loop ran {len(seen_by_loop)} times meanwhile"


async def _run_beside_other_work(n: int, every: float) -> tuple[str, list[int]]:
    done: list[int] = []
    seen_by_loop: list[int] = []  # how many steps were done each time the other task ran
    finished = asyncio.Event()

    async def other_work() -> None:  # a heartbeat, a fetch, a readiness probe
        while not finished.is_set():
            seen_by_loop.append(len(done))
            await asyncio.sleep(0)

    ticks = itertools.count()  # a clock that advances one unit per reading: deterministic turns
    other = asyncio.create_task(other_work())
    await asyncio.sleep(0)
    result = await LoopTurns(every_s=every, clock=lambda: float(next(ticks))).run(_steps(n, seen_by_loop, done))
    finished.set()
    await other
    return result, seen_by_loop


def test_the_event_loop_gets_turns_while_the_steps_run_and_the_result_comes_back() -> None:
    result, seen_by_loop = asyncio.run(_run_beside_other_work(1_000, every=10.0))
    assert result.startswith("1000 steps")
    during = [steps for steps in seen_by_loop if 0 < steps < 1_000]
    assert len(during) >= 90  # about one turn per ten clock readings
    assert max(b - a for a, b in zip(during, during[1:])) <= 10


def test_steps_faster_than_the_turn_interval_run_without_waiting() -> None:
    result, seen_by_loop = asyncio.run(_run_beside_other_work(50, every=1e9))
    assert result.startswith("50 steps")
    assert not [steps for steps in seen_by_loop if 0 < steps < 50]


def test_turns_are_counted_across_runs_so_a_batch_of_short_events_gives_the_loop_its_turns() -> None:
    # A batch of events, each applied in a run of few or no steps, is one long stretch of work: the
    # loop must get its turns during it, not only when a single run is long.
    def no_steps(number: int) -> Steps[int]:
        return number
        yield  # a generator that finishes at once, as applying an event with nothing due does

    async def batch() -> tuple[list[int], list[int]]:
        applied: list[int] = []
        seen_by_loop: list[int] = []
        finished = asyncio.Event()

        async def other_work() -> None:
            while not finished.is_set():
                seen_by_loop.append(len(applied))
                await asyncio.sleep(0)

        ticks = itertools.count()
        turns = LoopTurns(every_s=5.0, clock=lambda: float(next(ticks)))
        other = asyncio.create_task(other_work())
        await asyncio.sleep(0)
        for number in range(100):
            applied.append(await turns.run(no_steps(number)))
        finished.set()
        await other
        return applied, seen_by_loop

    applied, seen_by_loop = asyncio.run(batch())
    assert applied == list(range(100))
    assert len([n for n in seen_by_loop if 0 < n < 100]) >= 15  # a turn about every five clock readings


def test_a_turn_runs_its_hook_first() -> None:
    # the restore freezes what it built so far at each turn (the collector then skips it)
    ticks = itertools.count()
    hooked: list[int] = []
    done: list[int] = []
    turns = LoopTurns(every_s=10.0, clock=lambda: float(next(ticks)), on_turn=lambda: hooked.append(len(done)))
    asyncio.run(turns.run(_steps(100, [], done)))
    assert len(hooked) >= 9 and hooked == sorted(hooked) and 0 < hooked[0] < 100
