"""Lifecycle: revisions applied once, transitions checked, commitments, re-opening, pending updates, expiry."""

from __future__ import annotations

from hub.engine import Engine
from schemas import Coverage, Gap, GapResolved, Match
from tests.builders import at, commit, need, of_type, offer, status


def test_a_revision_applies_once_and_older_ones_are_ignored() -> None:
    engine = Engine()
    assert engine.handle(need(revision=2), at(0)).disposition == "applied"
    assert engine.handle(need(revision=2, quantity=9), at(0)).disposition == "ignored"
    older = engine.handle(need(revision=1, quantity=7), at(0))
    assert older.disposition == "ignored" and not older.derived
    assert engine.tables.needs[need().id]["need"]["quantity"] == 2
    assert engine.handle(need(revision=3, quantity=5), at(0)).disposition == "applied"
    assert engine.tables.needs[need().id]["need"]["quantity"] == 5


def test_an_illegal_transition_is_rejected_with_its_reason() -> None:
    engine = Engine()
    o = offer()
    engine.handle(o, at(0))
    engine.handle(status(o, "S-1", new_status="ended"), at(1))
    outcome = engine.handle(status(o, "S-2", hours=2, new_status="active"), at(2))
    assert outcome.disposition == "rejected"
    [rejection] = outcome.rejections
    assert (rejection.reason, rejection.field, rejection.entity_id) == ("illegal_transition", "new_status", o.id)
    assert "ended -> active" in rejection.detail
    assert engine.tables.offers[o.id]["status"] == "ended"


def test_a_withdrawn_need_cannot_be_reopened_by_a_new_revision() -> None:
    engine = Engine()
    engine.handle(need(status="withdrawn"), at(0))
    outcome = engine.handle(need(revision=2, status="open"), at(1))
    assert outcome.rejections[0].reason == "illegal_transition"


def test_commitments_update_coverage_and_remaining_capacity() -> None:
    engine = Engine()
    n, o = need(quantity=3), offer(capacity=4)
    engine.handle(o, at(0))
    engine.handle(n, at(0))
    engine.handle(commit("S-1", n, o, 2), at(1))
    assert engine.tables.needs[n.id]["status"] == "partially_covered"
    assert engine.tables.offers[o.id]["committed"] == 2
    engine.handle(commit("S-1", n, o, 3, "confirmed", revision=2), at(2))
    assert engine.tables.needs[n.id]["status"] == "covered"
    assert engine.tables.offers[o.id]["committed"] == 3


def test_a_commitment_larger_than_the_remaining_capacity_is_rejected() -> None:
    engine = Engine()
    n, o = need(quantity=5), offer(capacity=2)
    engine.handle(o, at(0))
    engine.handle(n, at(0))
    outcome = engine.handle(commit("S-1", n, o, 3), at(1))
    assert outcome.rejections[0].reason == "commitment_exceeds_capacity"
    assert engine.tables.needs[n.id]["covered"] == 0 and engine.tables.offers[o.id]["committed"] == 0


def test_unlimited_capacity_takes_any_commitment() -> None:
    engine = Engine()
    n, o = need(quantity=50), offer(capacity=None)
    engine.handle(o, at(0))
    engine.handle(n, at(0))
    assert engine.handle(commit("S-1", n, o, 50), at(1)).disposition == "applied"
    assert engine.tables.needs[n.id]["status"] == "covered"


def test_a_withdrawn_commitment_reopens_the_need_and_restarts_its_gap_clock() -> None:
    engine = Engine()
    n, o = need(quantity=2, urgency="critical"), offer()
    engine.handle(o, at(0))
    engine.handle(n, at(0))
    engine.handle(commit("S-1", n, o, 2, "confirmed"), at(1))
    assert engine.tables.needs[n.id]["status"] == "covered"
    engine.handle(commit("S-1", n, o, 2, "withdrawn", hours=10, revision=2), at(10))
    record = engine.tables.needs[n.id]
    assert record["status"] == "open" and record["covered"] == 0
    assert record["open_since"] == at(10).isoformat()
    assert not of_type(engine.tick(at(11.5)).derived, Gap)  # 1.5 h after re-opening: within the 2 h SLA
    [gap] = of_type(engine.tick(at(12)).derived, Gap)
    assert gap.open_since == at(10)


def test_an_unconfirmed_commitment_lapses_at_its_deadline() -> None:
    engine = Engine()
    n, o = need(quantity=2), offer()
    engine.handle(o, at(0))
    engine.handle(n, at(0))
    engine.handle(commit("S-1", n, o, 2, confirm_by=at(24)), at(1))
    assert engine.tables.needs[n.id]["status"] == "covered"
    engine.tick(at(23))
    assert engine.tables.needs[n.id]["status"] == "covered"
    outcome = engine.tick(at(30))
    assert engine.tables.needs[n.id]["status"] == "open"
    assert engine.tables.needs[n.id]["open_since"] == at(24).isoformat()
    assert engine.tables.offers[o.id]["committed"] == 0
    assert of_type(outcome.derived, Match)  # the need is open again and gets its suggestion back


def test_a_status_update_before_its_entity_waits_and_applies_when_it_arrives() -> None:
    engine = Engine()
    o = offer()
    early = engine.handle(status(o, "S-1", new_status="paused"), at(0))
    assert early.disposition == "pending" and not early.rejections
    assert engine.handle(status(o, "S-1", new_status="paused"), at(0)).disposition == "ignored"
    engine.handle(o, at(1))
    assert engine.tables.offers[o.id]["status"] == "paused"
    assert not engine.tables.pending


def test_a_commitment_waits_for_the_offer_it_names() -> None:
    engine = Engine()
    n, o = need(quantity=2), offer()
    engine.handle(n, at(0))
    assert engine.handle(commit("S-1", n, o, 2), at(1)).disposition == "pending"
    engine.handle(o, at(2))
    assert engine.tables.needs[n.id]["status"] == "covered"


def test_a_pending_update_whose_entity_never_comes_is_rejected_after_the_timeout() -> None:
    engine = Engine()
    o = offer()
    engine.handle(status(o, "S-1", new_status="paused"), at(0))
    assert not engine.tick(at(24 * 6)).rejections
    [rejection] = engine.tick(at(24 * 8)).rejections
    assert rejection.reason == "entity_unknown" and rejection.entity_id == o.id
    assert not engine.tables.pending


def test_needs_and_offers_expire_by_their_dates() -> None:
    engine = Engine()
    n = need(needed_until=at(48).isoformat(), urgency="critical")
    o = offer(valid_until=at(24).isoformat(), area={"ags": "14713000", "districts": ["Connewitz"]})
    engine.handle(o, at(0))
    engine.handle(n, at(0))
    [gap] = of_type(engine.tick(at(3)).derived, Gap)
    engine.tick(at(30))
    assert engine.tables.offers[o.id]["status"] == "ended"
    outcome = engine.tick(at(50))
    assert engine.tables.needs[n.id]["status"] == "expired"
    [resolved] = of_type(outcome.derived, GapResolved)
    assert (resolved.gap_id, resolved.resolution, resolved.resolved_at) == (gap.id, "expired", at(48))


def test_a_capacity_change_adjusts_the_remaining_capacity() -> None:
    engine = Engine()
    o = offer(capacity=3)
    engine.handle(o, at(0))
    engine.handle(status(o, "S-1", capacity_change=-2), at(1))
    assert engine.tables.offers[o.id]["capacity_delta"] == -2
    outcome = engine.handle(status(o, "S-2", capacity_change=-2), at(2))
    assert outcome.rejections[0].reason == "capacity_below_commitments"


def test_coverage_is_emitted_only_when_figures_change() -> None:
    engine = Engine()
    engine.handle(offer(), at(0))
    first = of_type(engine.handle(need(), at(0)).derived, Coverage)
    assert [(c.open_demand, c.available_capacity) for c in first] == [(2, 3)]
    assert not of_type(engine.tick(at(5)).derived, Coverage)
