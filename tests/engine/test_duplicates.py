"""Duplicates through the engine: clusters as Duplicate events, reviews respected, state surviving a restart."""

from __future__ import annotations


from hub.engine import Engine, EngineTables
from schemas import Coverage, Duplicate, Offer
from tests.builders import at, of_type, offer, review
from tests.stream.workload import mixed_workload

CAFE = {
    "title": "Sprachcafé Grünau",
    "description": "Offenes Sprachcafé jeden Dienstag 18-20 Uhr im Stadtteilladen.",
    "category": "language_education",
    "area": {"ags": "14713000", "districts": ["Grünau-Mitte"]},
    "location": {"street": "Stuttgarter Allee 19", "postcode": "04209", "city": "Leipzig"},
    "contact": {"email": "kontakt@sprachcafe-gruenau.example.org", "url": "https://sprachcafe-gruenau.example.org"},
}


def cafe(record: str, **changes: object):
    return offer(record, **{**CAFE, "organisation": {"name": "Sprachcafé Grünau e.V.", "kind": "association"}, **changes})


def test_the_same_offer_entered_twice_becomes_one_duplicate_cluster() -> None:
    engine = Engine()
    first, second = cafe("A-1"), cafe("A-2", title="Sprachcafe in Grünau", category="leisure_sport")
    assert not of_type(engine.handle(first, at(0)).derived, Duplicate)
    [duplicate] = of_type(engine.handle(second, at(1)).derived, Duplicate)
    assert duplicate.kind == "same_offer" and duplicate.status == "suspected"
    assert duplicate.offer_ids == sorted([first.id, second.id])
    assert duplicate.evidence and duplicate.evidence[0].tier
    assert not engine.handle(second, at(2)).derived  # redelivery


def test_a_rejecting_review_is_respected_and_survives_a_restart() -> None:
    tables = EngineTables.in_memory()
    engine = Engine(tables)
    first, second = cafe("A-1"), cafe("A-2")
    engine.handle(first, at(0))
    [duplicate] = of_type(engine.handle(second, at(1)).derived, Duplicate)
    [rejected] = of_type(engine.handle(review(duplicate.id, duplicate.offer_ids, "reject"), at(2)).derived, Duplicate)
    assert rejected.status == "rejected" and rejected.id == duplicate.id
    restarted = Engine(tables)  # the faust worker after recovery: same maps, fresh caches
    edited = cafe("A-2", revision=2, description="Sprachcafé, dienstags 18 Uhr, Stuttgarter Allee 19.")
    assert not of_type(restarted.handle(edited, at(3)).derived, Duplicate)


def test_cluster_ids_are_stable_across_a_restart() -> None:
    tables = EngineTables.in_memory()
    engine = Engine(tables)
    engine.handle(cafe("A-1"), at(0))
    [duplicate] = of_type(engine.handle(cafe("A-2"), at(1)).derived, Duplicate)
    restarted = Engine(tables)
    [grown] = of_type(restarted.handle(cafe("A-3", title="Sprachcafé Grünau (Stadtteilladen)"), at(2)).derived, Duplicate)
    assert grown.id == duplicate.id and len(grown.offer_ids) == 3


def test_an_ended_offer_dissolves_its_cluster() -> None:
    engine = Engine()
    engine.handle(cafe("A-1"), at(0))
    engine.handle(cafe("A-2"), at(1))
    [dissolved] = of_type(engine.handle(cafe("A-2", revision=2, status="ended"), at(2)).derived, Duplicate)
    assert dissolved.score == 0.0 and not dissolved.evidence


def test_an_engine_restarted_from_its_maps_at_any_point_derives_what_an_uninterrupted_one_does() -> None:
    """Many look-alike offers fill the blocking buckets past their caps, so which pairs exist depends
    on the order offers arrived: a restart must restore them, not re-derive them (it used to, and
    dissolved and re-opened clusters nobody had changed)."""
    offers = [event for event in mixed_workload(seed=4242, offers_per_area=60, needs_per_area=10)
              if isinstance(event, Offer)]

    def derived_ids(restart_before: int | None) -> set[tuple[str, str]]:
        engine, ids = Engine(), set()
        for number, event in enumerate(offers):
            if number == restart_before:  # the worker after a crash: maps as stored (JSON), fresh caches
                engine = Engine(engine.tables.as_stored())
            ids |= {(type(d).__name__, d.id) for d in engine.handle(event, event.occurred_at).derived
                    if not isinstance(d, Coverage)}
        return ids

    uninterrupted = derived_ids(None)
    assert sum(kind == "Duplicate" for kind, _ in uninterrupted) > 15  # the workload exercises the dedupe index
    for restart_before in range(10, len(offers), 20):
        assert derived_ids(restart_before) == uninterrupted, f"restart before offer {restart_before}"
