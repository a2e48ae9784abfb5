"""Matching: category, area, distance, schedule, language, capacity, professional work; ranking and reasons."""

from __future__ import annotations

from datetime import timedelta

from hub.engine import Engine, OfferState, find_candidate_offers
from schemas import Match, Need, Offer
from tests.builders import at, need, of_type, offer

HORIZON = timedelta(days=28)
GRUENAU = {"lat": 51.3190, "lon": 12.2850}
LINDENAU = {"lat": 51.3390, "lon": 12.3330}   # about 4 km from Grünau
CONNEWITZ = {"lat": 51.3090, "lon": 12.3800}  # about 7 km from Grünau


def search(n: Need, *offers: Offer, remaining: int | None = 3, status: str = "active"):
    states = [OfferState(o, status, remaining) for o in offers]
    return find_candidate_offers(n, n.quantity, states, at(0), 5.0, HORIZON)


def ids(result) -> list[str]:
    return [c.offer_id for c in result.candidates]


def test_only_offers_of_the_same_category() -> None:
    result = search(need(), offer(category="clothing"))
    assert not result.candidates and result.reasons == ["no_offer_in_category"]


def test_same_district_or_whole_municipality_serves_the_need() -> None:
    same = offer("A-1")
    whole = offer("A-2", area={"ags": "14713000", "districts": []})
    other = offer("A-3", area={"ags": "14713000", "districts": ["Connewitz"]})
    result = search(need(), same, whole, other)
    assert ids(result) == [same.id, whole.id]
    assert "same_district" in result.candidates[0].reasons
    assert "whole_municipality" in result.candidates[1].reasons
    assert result.reasons == ["no_offer_in_area"]


def test_district_names_compare_without_case() -> None:
    assert ids(search(need(area={"ags": "14713000", "district": "grünau-mitte"}), offer()))


def test_an_offer_elsewhere_within_the_distance_matches() -> None:
    n = need(location=GRUENAU)
    near = offer("A-1", area={"ags": "14713000", "districts": ["Lindenau"]}, location=LINDENAU)
    far = offer("A-2", area={"ags": "14713000", "districts": ["Connewitz"]}, location=CONNEWITZ)
    result = search(n, near, far)
    assert ids(result) == [near.id]
    assert any(r.startswith("within_") and r.endswith("_km") for r in result.candidates[0].reasons)


def test_schedule_must_overlap_the_needs_window() -> None:
    window = {"needed_from": at(24).isoformat(), "needed_until": at(26).isoformat()}
    tuesday = {"rules": [{"rrule": "FREQ=WEEKLY;BYDAY=TU", "dtstart": "2026-11-03T09:30:00+01:00", "duration_minutes": 120}]}
    friday = {"rules": [{"rrule": "FREQ=WEEKLY;BYDAY=FR", "dtstart": "2026-11-06T18:00:00+01:00", "duration_minutes": 60}]}
    fits, misses = offer("A-1", schedule=tuesday), offer("A-2", schedule=friday)
    result = search(need(**window), fits, misses)  # at(24) is Tuesday 3 Nov 09:00
    assert ids(result) == [fits.id]
    assert "schedule_overlap" in result.candidates[0].reasons
    assert result.reasons == ["schedule_mismatch"]
    assert ids(search(need(), misses))  # a need without a window matches any schedule


def test_a_shared_language_is_needed_when_the_need_lists_languages() -> None:
    arabic, ukrainian = offer("A-1", languages=["de", "ar"]), offer("A-2", languages=["uk"])
    result = search(need(languages=["ar"]), arabic, ukrainian)
    assert ids(result) == [arabic.id]
    assert "language:ar" in result.candidates[0].reasons
    assert result.reasons == ["language_mismatch"]


def test_no_remaining_capacity_no_match() -> None:
    result = search(need(), offer(), remaining=0)
    assert not result.candidates and result.reasons == ["capacity_exhausted"]
    assert not search(need(), offer(), status="full").candidates
    assert search(need(), offer(), remaining=None).candidates  # unlimited


def test_paused_offers_are_not_candidates() -> None:
    assert search(need(), offer(), status="paused").reasons == ["no_offer_in_category"]


def test_professional_work_is_never_matched_to_volunteers() -> None:
    counselling = need(category="legal_asylum_counselling")
    volunteers = offer("A-1", category="legal_asylum_counselling")
    association = offer("A-2", category="legal_asylum_counselling",
                        organisation={"name": "Flüchtlingsrat Leipzig e.V.", "kind": "association"})
    result = search(counselling, volunteers, association)
    assert ids(result) == [association.id]
    assert "needs_professional" in result.reasons
    requires = need(requires=["professional"])
    assert not search(requires, offer()).candidates
    assert search(requires, offer(organisation={"name": "Sozialamt Leipzig", "kind": "municipal"})).candidates


def test_ranking_is_by_score_then_offer_id_and_limited() -> None:
    best = offer("A-1", languages=["ar"])
    whole = offer("A-2", area={"ags": "14713000", "districts": []}, languages=["ar"])
    result = find_candidate_offers(need(languages=["ar"]), 2, [OfferState(o, "active", 3) for o in (whole, best)],
                                   at(0), 5.0, HORIZON, limit=1)
    assert ids(result) == [best.id]
    assert 0 < result.candidates[0].score <= 1


def test_matches_are_emitted_with_rank_and_only_when_changed() -> None:
    engine = Engine()
    n = need()
    engine.handle(offer("A-1"), at(0))
    [first] = of_type(engine.handle(n, at(0)).derived, Match)
    assert first.rank == 1 and first.need_id == n.id
    second_offer = offer("A-2", area={"ags": "14713000", "districts": []})
    outcome = of_type(engine.handle(second_offer, at(1)).derived, Match)
    assert [(m.offer_id, m.rank) for m in outcome] == [(second_offer.id, 2)]  # A-1 unchanged: not re-sent
    better = offer("A-2", revision=2, area={"ags": "14713000", "districts": ["Grünau-Mitte"]}, capacity=9)
    ranks = {(m.offer_id, m.rank) for m in of_type(engine.handle(better, at(2)).derived, Match)}
    assert (better.id, 1) in ranks
