"""Gap scenarios from the issue: SLA in event time, reasons, resolution, and coverage flipping to a gap."""

from __future__ import annotations

from hub.engine import Engine
from schemas import Coverage, Gap, GapResolved, derived_id
from tests.builders import at, commit, need, of_type, offer, status

CONNEWITZ_ONLY = {"ags": "14713000", "districts": ["Connewitz"]}


def test_a_critical_need_without_offer_in_its_district_becomes_a_gap_after_its_sla_and_not_before() -> None:
    engine = Engine()
    engine.handle(offer(area=CONNEWITZ_ONLY), at(0))
    n = need(urgency="critical")
    assert not of_type(engine.handle(n, at(0)).derived, Gap)
    assert not of_type(engine.tick(at(1.99)).derived, Gap)
    [gap] = of_type(engine.tick(at(2)).derived, Gap)
    assert gap.reasons == ["no_offer_in_area"]
    assert (gap.need_id, gap.urgency, gap.sla_seconds) == (n.id, "critical", 7200)
    assert gap.open_since == at(0) and gap.raised_at == at(2)
    assert gap.id == derived_id("gap", n.id, at(0).isoformat())
    assert not engine.tick(at(3)).derived  # raised once


def test_a_covering_commitment_resolves_the_gap() -> None:
    engine = Engine()
    far = offer(area=CONNEWITZ_ONLY)
    n = need(urgency="critical", quantity=2)
    engine.handle(far, at(0))
    engine.handle(n, at(0))
    [gap] = of_type(engine.tick(at(3)).derived, Gap)
    partial = engine.handle(commit("S-1", n, far, 1), at(4))
    assert not of_type(partial.derived, GapResolved)  # partially covered is still a gap
    [resolved] = of_type(engine.handle(commit("S-1", n, far, 2, revision=2, hours=5), at(5)).derived, GapResolved)
    assert (resolved.gap_id, resolved.need_id, resolved.resolution) == (gap.id, n.id, "covered")


def test_closing_or_withdrawing_resolves_with_that_resolution() -> None:
    engine = Engine()
    n = need(urgency="critical")
    engine.handle(n, at(0))
    [gap] = of_type(engine.tick(at(2)).derived, Gap)
    assert gap.reasons == ["no_offer_in_category"]
    [resolved] = of_type(engine.handle(status(n, "S-1", hours=3, new_status="withdrawn"), at(3)).derived, GapResolved)
    assert resolved.resolution == "withdrawn"


def test_gap_reasons_name_every_filter_that_left_offers_out() -> None:
    engine = Engine()
    engine.handle(offer("A-1", area=CONNEWITZ_ONLY), at(0))
    engine.handle(offer("A-2", languages=["uk"]), at(0))
    engine.handle(need(urgency="high", languages=["ar"]), at(0))
    [gap] = of_type(engine.tick(at(24)).derived, Gap)
    assert gap.reasons == ["no_offer_in_area", "language_mismatch"]


def test_a_professional_need_gap_says_needs_professional() -> None:
    engine = Engine()
    engine.handle(offer(category="psychotherapy"), at(0))
    engine.handle(need(category="psychotherapy", urgency="critical"), at(0))
    [gap] = of_type(engine.tick(at(2)).derived, Gap)
    assert gap.reasons == ["needs_professional"]


def test_coverage_of_a_district_drops_below_the_ratio_when_demand_grows() -> None:
    engine = Engine()
    engine.handle(offer(capacity=4), at(0))
    [first] = of_type(engine.handle(need("B-1", quantity=2), at(0)).derived, Coverage)
    assert (first.open_demand, first.available_capacity, first.ratio, first.is_gap) == (2, 4, 2.0, False)
    [second] = of_type(engine.handle(need("B-2", quantity=6), at(1)).derived, Coverage)
    assert (second.open_demand, second.ratio, second.is_gap) == (8, 0.5, False)
    [third] = of_type(engine.handle(need("B-3", quantity=1), at(2)).derived, Coverage)
    assert (third.open_demand, third.is_gap) == (9, True)
    assert third.district == "Grünau-Mitte" and third.category == "accompaniment_interpreting"
    assert len({first.id, second.id, third.id}) == 3


def test_needs_outside_the_horizon_are_not_demand_yet() -> None:
    engine = Engine()
    later = need(needed_from=at(24 * 40).isoformat(), needed_until=at(24 * 41).isoformat())
    assert not of_type(engine.handle(later, at(0)).derived, Coverage)
    [coverage] = of_type(engine.tick(at(24 * 13)).derived, Coverage)
    assert coverage.open_demand == 2 and coverage.is_gap
