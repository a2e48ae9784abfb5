"""The router's parking policy: an update waits for its entity and gives up after the engine's time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hub.engine import EngineConfig
from hub.engine.parking import ENTITY_UNKNOWN
from hub.stream.routing import DEPARTURE_HEADER, AreaRouter, RoutingFacts
from schemas import Need, StatusUpdate, entity_id, to_event, to_kafka
from tests.builders import need, offer, review, status

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
CONFIG = EngineConfig(pending_timeout=timedelta(days=7))


def _router(parked: dict | None = None, **kwargs) -> tuple[AreaRouter, dict, dict]:
    areas: dict = {}
    parked = {} if parked is None else parked
    return AreaRouter(areas, parked, CONFIG, **kwargs), areas, parked


def test_an_update_waits_for_its_entity_and_is_released_when_it_arrives() -> None:
    router, _, parked = _router()
    the_need = need("N-1")
    update = status(the_need, "S-1")
    origin = {"topic": "t.status", "partition": 0, "offset": 5}
    assert router.route(RoutingFacts.of_model(update), b"update", [("ce_id", b"1")], T0, origin) == []
    assert router.give_up_waiting(T0 + timedelta(days=6)) == []
    routed = router.route(RoutingFacts.of_model(the_need), b"need", [], T0 + timedelta(days=6, hours=23))
    assert [r.value for r in routed] == [b"need", b"update"]
    assert parked == {}
    assert router.give_up_waiting(T0 + timedelta(days=30)) == []  # released, nothing left to give up


def test_an_update_whose_entity_never_arrives_gives_up_after_the_parking_time() -> None:
    router, _, parked = _router()
    the_need = need("N-2")
    router.route(RoutingFacts.of_model(status(the_need, "S-2")), b"first", [("ce_id", b"2")], T0,
                 {"topic": "t.status", "partition": 1, "offset": 7})
    router.route(RoutingFacts.of_model(status(the_need, "S-3")), b"second", [], T0 + timedelta(days=3))
    [given_up] = router.give_up_waiting(T0 + timedelta(days=7))
    assert given_up.value == b"first" and given_up.headers == [("ce_id", b"2")]
    assert given_up.reason_code == ENTITY_UNKNOWN and "did not arrive within 7 days" in given_up.reason
    assert given_up.origin == {"topic": "t.status", "partition": 1, "offset": 7}
    assert [item["value"] for item in parked[the_need.id]] == [b"second".hex()]  # still within its time
    [later] = router.give_up_waiting(T0 + timedelta(days=10))
    assert later.value == b"second" and the_need.id not in parked


def test_after_a_restart_what_was_parked_before_still_gives_up() -> None:
    the_need = need("N-3")
    before, _, parked = _router()
    before.route(RoutingFacts.of_model(status(the_need, "S-4")), b"old", [], T0)
    parked["legacy"] = [{"value": b"legacy".hex(), "headers": []}]  # parked by a version that kept no time
    restarted, _, _ = _router(parked, parked_rows=lambda: list(parked.items()))
    [given_up] = restarted.give_up_waiting(T0 + timedelta(days=8))
    assert given_up.value == b"old"
    assert "parked_at" in parked["legacy"][0]  # counts from the restart
    [legacy] = restarted.give_up_waiting(T0 + timedelta(days=8) + timedelta(days=7))
    assert legacy.entity == "legacy"


def test_a_stamped_record_is_routed_by_the_facts_its_validated_model_gives() -> None:
    """The worker's first stage reads a record the edge validated from its JSON fields; for every kind of
    canonical event they are the facts the model gives. Other records, and stamped data without the
    facts, are left to full validation (None)."""
    the_need, the_offer = need("N-5"), offer("O-5")
    other_offer = offer("O-6")
    for model in (the_need, the_offer, status(the_need, "S-5"),
                  review(entity_id("test", "cluster-1"), sorted([the_offer.id, other_offer.id]), "confirm")):
        record = to_kafka(model)
        assert RoutingFacts.of_stamped_record(record.value, record.headers) == RoutingFacts.of_model(model)
        unstamped = to_kafka(to_event(model))
        assert RoutingFacts.of_stamped_record(unstamped.value, unstamped.headers) is None
    assert RoutingFacts.of_model(the_need) == RoutingFacts(the_need.id, the_need.area.ags)
    assert RoutingFacts.of_data(Need, {"id": the_need.id, "area": {"districts": []}}) is None  # no AGS
    assert RoutingFacts.of_data(StatusUpdate, {"entity_id": 7}) is None


def test_a_need_whose_municipality_changed_also_departs_from_the_old_one() -> None:
    """The new revision goes to its new municipality, and after it a departure to the old one, so the
    partition there lets the need go (hub/engine/departure.py); a revision in the same municipality
    goes only there."""
    router, areas, _ = _router()
    first = need("N-7")
    assert [r.ags for r in router.route(RoutingFacts.of_model(first), b"rev-1", [], T0)] == [first.area.ags]
    same_place = need("N-7", revision=2)
    assert [r.ags for r in router.route(RoutingFacts.of_model(same_place), b"rev-2", [], T0)] == [first.area.ags]
    moved = need("N-7", revision=3, area={"ags": "14612000"})
    arrival, departure = router.route(RoutingFacts.of_model(moved), b"rev-3", [("ce_id", b"3")], T0)
    assert (arrival.ags, arrival.value, arrival.headers) == ("14612000", b"rev-3", [("ce_id", b"3")])
    assert (departure.ags, departure.value) == (first.area.ags, b"rev-3")
    assert departure.headers == [("ce_id", b"3"), (DEPARTURE_HEADER, first.area.ags.encode())]
    assert areas[moved.id] == "14612000"
