"""A need or an offer that moved to a municipality another partition holds leaves the engine it was in."""

from __future__ import annotations

from hub.engine import Departure, Engine
from schemas import Coverage, Duplicate, EntityState, Gap, GapResolved, Match
from tests.builders import LEIPZIG, at, commit, need, of_type, offer

DRESDEN = "14612000"
IN_DRESDEN = {"ags": DRESDEN, "districts": ["Altstadt"]}
GRUENAU = "Grünau-Mitte"


def _coverage(outcome_derived: list, ags: str = LEIPZIG) -> list[Coverage]:
    return [c for c in of_type(outcome_derived, Coverage) if c.ags == ags and c.district == GRUENAU]


def test_an_offer_that_moved_away_no_longer_counts_where_it_was() -> None:
    engine = Engine()
    the_need = need(quantity=2)
    the_offer = offer(capacity=3)
    engine.handle(the_need, at(0))
    [before] = _coverage(engine.handle(the_offer, at(0)).derived)
    assert before.available_capacity > 0
    moved = offer(capacity=3, revision=2, area=IN_DRESDEN)
    outcome = engine.handle(Departure(moved), at(1))
    [after] = _coverage(outcome.derived)
    assert after.available_capacity == 0 and after.open_demand == before.open_demand and after.is_gap
    assert not of_type(outcome.derived, EntityState)  # the partition it moved to derives its state
    assert the_offer.id not in engine.tables.offers and the_offer.id not in engine.cache.offers
    # the need it was matched with looks again and finds nothing; its next tick raises no error
    assert not of_type(engine.tick(at(30)).derived, Match)


def test_a_duplicate_cluster_lets_go_of_an_offer_that_moved_away() -> None:
    engine = Engine()
    common = {"title": "Nähcafé für Frauen", "organisation": {"name": "Nachbarschaftshilfe Grünau e.V.",
                                                              "kind": "association"}}
    first, second = offer("A-1", **common), offer("A-2", **common)
    engine.handle(first, at(0))
    [opened] = of_type(engine.handle(second, at(0)).derived, Duplicate)
    assert set(opened.offer_ids) == {first.id, second.id}
    outcome = engine.handle(Departure(offer("A-2", revision=2, area=IN_DRESDEN, **common)), at(1))
    [closed] = of_type(outcome.derived, Duplicate)
    assert closed.id == opened.id and closed.score == 0.0 and closed.evidence == []  # dissolved
    assert engine.cache.duplicates.clusters() == [] and not engine.tables.clusters


def test_a_need_that_moved_away_resolves_its_gap_there() -> None:
    engine = Engine()
    the_need = need(urgency="critical")
    engine.handle(the_need, at(0))
    [gap] = of_type(engine.tick(at(3)).derived, Gap)
    outcome = engine.handle(Departure(need(urgency="critical", revision=2, area={"ags": DRESDEN})), at(4))
    [resolved] = of_type(outcome.derived, GapResolved)
    assert (resolved.gap_id, resolved.resolution) == (gap.id, "withdrawn")
    assert not of_type(outcome.derived, EntityState)
    assert the_need.id not in engine.tables.needs and the_need.id not in engine.tables.gaps
    assert not engine.tick(at(48)).derived  # no timer of it is left to fire


def test_a_departure_is_applied_once_and_only_over_an_older_copy_held_elsewhere() -> None:
    engine = Engine()
    engine.handle(offer(), at(0))
    moved = offer(revision=2, area=IN_DRESDEN)
    # both municipalities in one partition: the new revision arrives first, then its departure
    engine.handle(moved, at(1))
    assert engine.handle(Departure(moved), at(1)).disposition == "ignored"
    assert engine.tables.offers[moved.id]["offer"]["area"]["ags"] == DRESDEN
    other = Engine()
    other.handle(offer(revision=3), at(0))
    assert other.handle(Departure(moved), at(1)).disposition == "ignored"  # older than what it holds
    assert Engine().handle(Departure(moved), at(1)).disposition == "ignored"  # never held here


def test_an_entity_that_comes_back_starts_afresh() -> None:
    engine = Engine()
    engine.handle(offer(), at(0))
    engine.handle(Departure(offer(revision=2, area=IN_DRESDEN)), at(1))
    back = engine.handle(offer(revision=3), at(2))
    [state] = of_type(back.derived, EntityState)
    assert state.status == "active" and back.disposition == "applied"


def test_commitments_of_an_offer_that_moved_away_do_not_outlive_it() -> None:
    """A proposed commitment's lapse timer would reach for the offer's record."""
    engine = Engine()
    the_need, the_offer = need(quantity=2), offer()
    engine.handle(the_need, at(0))
    engine.handle(the_offer, at(0))
    engine.handle(commit("S-1", the_need, the_offer, 1, state="proposed", confirm_by=at(5)), at(1))
    assert engine.tables.commitments
    engine.handle(Departure(offer(revision=2, area=IN_DRESDEN)), at(2))
    assert not engine.tables.commitments
    engine.tick(at(10))  # the lapse would have fired here
