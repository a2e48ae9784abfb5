"""Parallel offers in the engine: several groups at the same time and place, more capacity than demand."""

from __future__ import annotations

from hub.engine import Engine
from hub.engine.config import EngineConfig
from schemas import Duplicate
from tests.builders import at, need, offer

TUESDAY_EVENING = {"rules": [{"rrule": "FREQ=WEEKLY;BYDAY=TU", "dtstart": "2026-10-06T18:00:00",
                              "duration_minutes": 120}]}


def _cafe(record: str, organisation: str, **changes):
    fields = {"title": f"Sprachcafé {organisation}", "category": "language_education", "capacity": 10,
              "organisation": {"name": organisation, "kind": "initiative"}, "schedule": TUESDAY_EVENING}
    return offer(record, **{**fields, **changes})


def _parallel(outcomes) -> list[Duplicate]:
    return [d for o in outcomes for d in o.derived if isinstance(d, Duplicate) and d.kind == "parallel_offers"]


def test_three_groups_at_the_same_time_with_little_demand_are_parallel_offers():
    engine = Engine()
    outcomes = [engine.handle(need("B-1", category="language_education", quantity=5), at(0))]
    cafes = [_cafe("A-1", "Willkommen Grünau"), _cafe("A-2", "Nachbarschaftshilfe West"),
             _cafe("A-3", "Kirchgemeinde Grünau")]
    outcomes += [engine.handle(cafe, at(1)) for cafe in cafes]

    latest = _parallel(outcomes)[-1]
    assert latest.offer_ids == sorted(cafe.id for cafe in cafes)
    assert (latest.open_demand, latest.combined_capacity) == (5, 30)
    assert latest.overlap and all(w.start.hour == 18 and w.start.weekday() == 1 for w in latest.overlap)
    assert 0 < latest.score <= 1


def test_the_cluster_dissolves_when_demand_catches_up_and_nothing_repeats():
    engine = Engine()
    for cafe in (_cafe("A-1", "Willkommen Grünau"), _cafe("A-2", "Nachbarschaftshilfe West")):
        engine.handle(cafe, at(0))
    raised = _parallel([engine.handle(need("B-1", category="language_education", quantity=5), at(1))])
    assert raised == [] or raised[-1].combined_capacity == 20

    grown = engine.handle(need("B-1", category="language_education", quantity=25, revision=2), at(2))
    dissolved = _parallel([grown])
    assert dissolved and dissolved[-1].score == 0.0 and dissolved[-1].open_demand == 25
    again = engine.handle(need("B-1", category="language_education", quantity=25, revision=2), at(3))
    assert _parallel([again]) == []  # the same revision again derives nothing


def test_one_group_twice_or_different_times_are_not_parallel():
    engine = Engine()
    outcomes = [
        engine.handle(_cafe("A-1", "Willkommen Grünau"), at(0)),
        engine.handle(_cafe("A-2", "Willkommen Grünau"), at(0)),  # the same group: a duplicate, not parallel
        engine.handle(_cafe("A-3", "Helferkreis Ost", schedule={"rules": [
            {"rrule": "FREQ=WEEKLY;BYDAY=FR", "dtstart": "2026-10-09T10:00:00", "duration_minutes": 60}]}), at(0)),
        engine.handle(_cafe("A-4", "Helferkreis Süd", area={"ags": "14612000", "districts": []}), at(0)),
    ]
    assert _parallel(outcomes) == []


def test_demand_that_comes_into_the_horizon_with_time_dissolves_parallel_offers_at_the_next_sweep():
    # a need for a date beyond the coverage horizon asks nothing yet, so the three cafés are more than is
    # asked for; no event arrives after that, only the clock moves: the sweep finds the demand, and the
    # parallel offers dissolve
    engine = Engine()
    horizon_h = EngineConfig().coverage_horizon_days * 24
    later = at(horizon_h + 48).isoformat()
    engine.handle(need("B-1", category="language_education", quantity=40, needed_from=later), at(0))
    cafes = [_cafe("A-1", "Willkommen Grünau"), _cafe("A-2", "Nachbarschaftshilfe West"),
             _cafe("A-3", "Kirchgemeinde Grünau")]
    raised = _parallel([engine.handle(cafe, at(1)) for cafe in cafes])
    assert raised and raised[-1].offer_ids == sorted(cafe.id for cafe in cafes) and raised[-1].open_demand == 0

    swept = _parallel([engine.tick(at(96))])
    assert swept and swept[-1].score == 0.0 and swept[-1].open_demand == 40
