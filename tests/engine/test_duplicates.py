"""Duplicates through the engine: clusters as Duplicate events, reviews respected, state surviving a restart."""

from __future__ import annotations

from hub.engine import Engine, EngineTables
from schemas import Duplicate
from tests.engine.builders import at, of_type, offer, review

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
