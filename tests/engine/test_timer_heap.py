"""The engine keeps its armed timers in a heap, pushed as records are touched, instead of listing every
timer of the tables whenever one comes due. It must fire what a full listing fires, at the same event:
gap clocks, expiries, lapsing commitments and parked updates, including timers that firing arms."""

from __future__ import annotations

import random
from datetime import datetime

from bench.timers import ListingEngine  # the engine as it fired timers before the heap
from hub.engine import Engine
from hub.engine.timers import all_timers
from schemas import Coverage, EntityState, Need, Offer, event_id
from schemas._base import EventModel
from tests.builders import at, commit, need, offer, status


def _workload(seed: int) -> list[tuple[EventModel, datetime]]:
    """Needs with and without an end date, offers that expire, commitments proposed with a deadline
    (some confirmed in time, some withdrawn), updates arriving before their entity (some never
    followed by it), needs revised to another urgency: each event with its event time."""
    rng = random.Random(seed)
    events: list[tuple[EventModel, datetime]] = []
    hour = 0.0
    offers: list[Offer] = []
    needs: list[Need] = []

    def later() -> datetime:
        nonlocal hour
        hour += rng.choice((0.1, 0.5, 1.0, 3.0, 12.0))
        return at(hour)

    for n in range(60):
        roll = rng.random()
        if roll < 0.2 or not offers:
            valid_until = at(hour + rng.choice((2, 30, 200))).isoformat() if rng.random() < 0.5 else None
            made = offer(f"A-{n}", capacity=rng.randint(1, 4), valid_until=valid_until)
            offers.append(made)
            events.append((made, later()))
        elif roll < 0.5 or not needs:
            needed_until = at(hour + rng.choice((5, 40, 300))).isoformat() if rng.random() < 0.4 else None
            made = need(f"B-{n}", quantity=rng.randint(1, 3), urgency=rng.choice(["critical", "high", "normal", "low"]),
                        needed_until=needed_until)
            needs.append(made)
            events.append((made, later()))
        elif roll < 0.7:
            n_, o_ = rng.choice(needs), rng.choice(offers)
            deadline = at(hour + rng.choice((1, 6, 48)))
            events.append((commit(f"C-{n}", n_, o_, 1, confirm_by=deadline, hours=hour), later()))
            if rng.random() < 0.5:
                state = rng.choice(["confirmed", "withdrawn"])
                events.append((commit(f"C-{n}", n_, o_, 1, state, revision=2, hours=hour + 0.5), later()))
        elif roll < 0.8:
            revised = rng.choice(needs)
            urgency = rng.choice(["critical", "high", "normal", "low"])
            bumped = Need.model_validate({**revised.model_dump(mode="json"), "revision": revised.revision + 1,
                                          "urgency": urgency})
            needs[needs.index(revised)] = bumped
            events.append((bumped, later()))
        else:
            early = offer(f"A-late-{n}")
            events.append((status(early, f"S-{n}", new_status="paused", hours=hour), later()))
            if rng.random() < 0.5:
                offers.append(early)
                events.append((early, later()))
    for step in range(1, 40):  # time passes with nothing happening: what is still armed comes due
        events.append((need(f"B-end-{step}", urgency="low"), at(hour + 24 * step)))
    return events


def _derived(engine: Engine, events: list[tuple[EventModel, datetime]]) -> list[tuple[int, str, str]]:
    out = []
    for number, (event, now) in enumerate(events):
        outcome = engine.handle(event, now)
        out += sorted((number, type(d).__name__, d.id) for d in outcome.derived if not isinstance(d, Coverage))
        out += sorted((number, "Rejection", r.event_id) for r in outcome.rejections)
    return out


def test_the_heap_fires_what_listing_every_timer_fires_at_the_same_events() -> None:
    for seed in range(8):
        events = _workload(seed)
        fired = _derived(Engine(), events)
        kinds = {kind for _, kind, _ in fired}
        assert {"Gap", "GapResolved", "Rejection"} <= kinds, f"seed {seed}: the workload must arm every kind"
        assert fired == _derived(ListingEngine(), events), f"seed {seed}"


def test_every_armed_timer_is_in_the_heap_after_every_event() -> None:
    for seed in range(4):
        engine = Engine()
        for event, now in _workload(seed):
            engine.handle(event, now)
            missing = [timer for timer in all_timers(engine.tables, engine.config) if timer not in engine._armed]
            assert not missing, f"seed {seed}: armed in the tables but not in the heap: {missing[:3]}"


def test_a_timer_disarmed_before_it_is_due_does_not_fire() -> None:
    engine = Engine()
    n = need(urgency="critical")
    o = offer(capacity=5)
    engine.handle(o, at(0))
    engine.handle(n, at(0))
    engine.handle(commit("C-1", n, o, 2, "confirmed"), at(0.5))  # covered before its SLA ran out
    assert engine._timers  # the gap clock pushed with the need is still in the heap
    assert not engine.tick(at(30)).derived
    assert not engine._timers and not engine._armed  # popped, found disarmed, dropped



def test_a_parked_update_outlasting_an_earlier_one_is_given_up_in_its_own_turn() -> None:
    engine = Engine()
    never = offer("A-never")
    first = status(never, "S-1", new_status="paused", hours=0)
    second = status(never, "S-2", new_status="paused", hours=72)
    engine.handle(first, at(0))
    engine.handle(second, at(72))  # its clock starts later; the entity's timer stays the first's
    [given_up] = engine.tick(at(24 * 8)).rejections
    assert given_up.event_id == event_id(first.id, first.revision)
    assert not engine.tick(at(24 * 9)).rejections  # the second waits its own time
    [then] = engine.tick(at(24 * 11)).rejections
    assert then.event_id == event_id(second.id, second.revision) and not engine.tables.pending


def test_timers_their_records_no_longer_hold_are_cleared_from_the_heap_before_they_come_due(monkeypatch) -> None:
    monkeypatch.setattr(Engine, "MIN_TIMERS_BEFORE_COMPACTION", 16)
    engine = Engine()
    revised = offer("A-moving", valid_until=at(24 * 365).isoformat())
    engine.handle(revised, at(0))
    for revision in range(2, 200):  # its end moved a day later each time: each revision pushes a new expiry
        revised = offer("A-moving", revision=revision, valid_until=at(24 * (365 + revision)).isoformat())
        engine.handle(revised, at(revision / 100))
    # the entries of the earlier ends are not all waiting for the next year
    assert len(engine._timers) <= 2 * 16
    assert all(timer in engine._timers for timer in all_timers(engine.tables, engine.config))
    assert len(engine._armed) == len(engine._timers)
    # the one that holds still fires
    assert not engine.tick(at(24 * (365 + 198))).derived
    [state] = [d for d in engine.tick(at(24 * (365 + 200))).derived if isinstance(d, EntityState)]
    assert state.entity_id == revised.id and state.expired


def test_the_first_tick_of_an_engine_over_existing_maps_looks_no_record_up_to_compact_what_it_just_listed(
        monkeypatch) -> None:
    # The heap is listed from the records at that tick, so every entry holds; a compaction then read
    # every record again (in a worker, each one decoded from the store and kept in memory).
    monkeypatch.setattr(Engine, "MIN_TIMERS_BEFORE_COMPACTION", 16)
    filled = Engine()
    for n in range(40):
        filled.handle(offer(f"A-{n}", valid_until=at(24 * 365).isoformat()), at(0))
    engine = Engine(filled.tables)
    looked_up: list[str] = []
    monkeypatch.setattr(Engine, "_still_holds", lambda self, timer: looked_up.append(timer.key) or True)
    engine.tick(at(1))
    assert len(engine._timers) == 40 and looked_up == []
