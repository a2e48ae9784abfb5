"""An engine restored in steps (as the worker restores it, yielding to its event loop) is the engine a
one-pass rebuild gives: the same derived events afterwards, timers that came due while it was down included."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import TypeVar

from hub.engine import Engine, EngineTables
from hub.engine.engine import NEXT_SWEEP_KEY
from hub.engine.steps import Steps, run_steps
from schemas import Gap, Offer
from schemas._base import EventModel
from tests.stream.workload import mixed_workload

T = TypeVar("T")


def _steps_and_result(steps: Steps[T]) -> tuple[int, T]:
    """How many steps a computation took, and its result."""
    taken = 0
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return taken, done.value
        taken += 1


def _restored_in_steps(tables: EngineTables) -> tuple[Engine, int]:
    taken, engine = _steps_and_result(Engine.restoring(tables))
    return engine, taken


def _derived(events: list[EventModel], restart_before: int | None, in_steps: bool) -> list[tuple[int, str, str]]:
    """What each event derives, by the event's position: a timer must fire at the same event."""
    engine, ids = Engine(), []
    for number, event in enumerate(events):
        if number == restart_before:
            tables = engine.tables.as_stored()
            if in_steps:
                engine, taken = _restored_in_steps(tables)
                # at least one step per need and offer: the worker gets its loop back between them
                assert taken >= len(tables.needs) + len(tables.offers)
            else:
                engine = Engine(tables)
        now: datetime = event.occurred_at  # type: ignore[attr-defined]
        ids += sorted((number, type(d).__name__, d.id) for d in engine.handle(event, now).derived)
    return ids


def test_an_engine_restored_in_steps_derives_what_a_one_pass_rebuild_and_an_uninterrupted_engine_do() -> None:
    events = mixed_workload(seed=77, offers_per_area=12, needs_per_area=40)
    uninterrupted = _derived(events, None, in_steps=False)
    assert sum(kind == Gap.__name__ for _, kind, _ in uninterrupted) > 5  # timers fire across the restarts
    for restart_before in range(15, len(events), 40):
        assert _derived(events, restart_before, in_steps=True) == uninterrupted, f"restart before event {restart_before}"
    assert _derived(events, len(events) // 2, in_steps=False) == uninterrupted


def test_a_restored_engine_sweeps_coverage_when_the_engine_before_it_would_have() -> None:
    """Not at once: a sweep at 100,000 entities is seconds of CPU before a restored partition's first event."""
    events = mixed_workload(seed=5, offers_per_area=4, needs_per_area=6)
    engine = Engine()
    for event in events:
        engine.handle(event, event.occurred_at)  # type: ignore[attr-defined]
    due = datetime.fromisoformat(engine.tables.emitted[NEXT_SWEEP_KEY])
    last = max(event.occurred_at for event in events)  # type: ignore[attr-defined]
    assert due > last
    restored = Engine(engine.tables.as_stored())
    restored.tick(due - timedelta(seconds=1))
    assert restored.tables.emitted[NEXT_SWEEP_KEY] == due.isoformat()  # no sweep yet
    restored.tick(due)
    assert restored.tables.emitted[NEXT_SWEEP_KEY] == (due + restored.config.coverage_sweep).isoformat()


def test_an_offer_event_after_a_restore_files_its_municipality_in_steps_before_it_applies() -> None:
    """A city's thousands of offers are profiled and indexed for duplicates on the first event naming one of
    them: one step each, so a worker yields to its loop meanwhile."""
    events = mixed_workload(seed=5, offers_per_area=6, needs_per_area=2)
    engine = Engine()
    for event in events:
        engine.handle(event, event.occurred_at)  # type: ignore[attr-defined]
    restored = Engine(engine.tables.as_stored())
    last_offer = next(event for event in reversed(events) if isinstance(event, Offer))
    ags = last_offer.area.ags
    in_area = sum(1 for record in restored.tables.offers.values()
                  if record["offer"]["area"]["ags"] == ags and record["status"] != "ended")
    edited = last_offer.model_copy(update={"id": str(uuid.uuid4()), "title": f"{last_offer.title} (2)"})
    taken, _ = _steps_and_result(restored.handling(edited, last_offer.occurred_at + timedelta(minutes=1)))
    assert in_area > 1 and taken >= in_area


def test_run_steps_returns_the_result_of_the_steps() -> None:
    tables = Engine().tables.as_stored()
    assert run_steps(Engine.restoring(tables)).tables is tables


def test_the_first_tick_after_a_restore_sweeps_coverage_one_area_and_category_per_step() -> None:
    # After a restore the first tick sweeps every area and category (seconds at 100,000 entities);
    # in steps, the worker's event loop gets its turns between them. Same outcome as in one pass.
    events = mixed_workload(seed=78, offers_per_area=6, needs_per_area=10)
    engine = Engine()
    for event in events:
        engine.handle(event, event.occurred_at)  # type: ignore[attr-defined]
    # a week on: gaps came due while the worker was down, so the tick derives
    later = max(event.occurred_at for event in events) + timedelta(days=7)  # type: ignore[attr-defined]
    in_steps, in_one_pass = Engine(engine.tables.as_stored()), Engine(engine.tables.as_stored())
    taken, outcome = _steps_and_result(in_steps.ticking(later))
    keys = len(in_steps.cache.coverage_keys)
    assert keys > 10
    assert taken >= keys
    expected = in_one_pass.tick(later)
    assert sum(isinstance(d, Gap) for d in expected.derived) > 5
    assert [d.id for d in outcome.derived] == [d.id for d in expected.derived]  # type: ignore[attr-defined]
    # an event applied in steps runs the sweep it finds due in steps too
    again = Engine(engine.tables.as_stored())
    taken, _ = _steps_and_result(again.handling(events[-1], later))
    assert taken >= keys
