"""Entity state: the engine derives a need's and an offer's state whenever it changes, timers included."""

from __future__ import annotations

import typer
from typer.testing import CliRunner

from hub.cli.replay_cmd import replay
from hub.engine import Engine
from schemas import EntityState, derived_id, event_id, from_http_structured, to_http_structured, to_model
from tests.builders import at, commit, need, of_type, offer, status


def _states(outcome, entity_id: str) -> list[EntityState]:
    return [s for s in of_type(outcome.derived, EntityState) if s.entity_id == entity_id]


def test_a_new_need_and_offer_get_their_first_state_with_slots() -> None:
    engine = Engine()
    o = offer(capacity=3)
    [offer_state] = _states(engine.handle(o, at(0)), o.id)
    n = need(quantity=2, needed_until=at(48).isoformat())
    [need_state] = _states(engine.handle(n, at(0)), n.id)
    assert (need_state.status, need_state.committed, need_state.remaining, need_state.revision) == ("open", 0, 2, 1)
    assert need_state.expires_at == at(48) and not need_state.expired and need_state.ags == n.area.ags
    assert need_state.id == derived_id("state", n.id, 1, 1) and need_state.entity_revision == 1
    assert (offer_state.entity_kind, offer_state.status, offer_state.remaining) == ("offer", "active", 3)


def test_a_record_at_revision_0_gets_its_state() -> None:
    # the contract lets a source start its revisions at 0 (a version counter); the example connectors do
    engine = Engine()
    o = offer(revision=0)
    [state] = _states(engine.handle(o, at(0)), o.id)
    assert (state.entity_revision, state.revision) == (0, 1)


def test_a_redelivered_event_derives_no_new_state() -> None:
    engine = Engine()
    n = need()
    engine.handle(n, at(0))
    assert not _states(engine.handle(n, at(0)), n.id)


def test_a_commitment_changes_both_states_and_its_lapse_gives_the_slots_back() -> None:
    engine = Engine()
    n, o = need(quantity=2), offer(capacity=3)
    engine.handle(o, at(0))
    engine.handle(n, at(0))
    outcome = engine.handle(commit("S-1", n, o, 2, confirm_by=at(24)), at(1))
    [covered] = _states(outcome, n.id)
    assert (covered.status, covered.committed, covered.remaining) == ("covered", 2, 0)
    assert _states(outcome, o.id)[0].remaining == 1

    lapsed = engine.tick(at(25))
    [reopened] = _states(lapsed, n.id)
    assert (reopened.status, reopened.committed, reopened.remaining, reopened.changed_at) == ("open", 0, 2, at(24))
    assert [(c.offer_id, c.slots, c.confirm_by) for c in reopened.lapsed_commitments] == [(o.id, 2, at(24))]
    [offer_after] = _states(lapsed, o.id)
    assert offer_after.remaining == 3 and offer_after.lapsed_commitments[0].need_id == n.id

    # made again, it counts and is no longer listed as lapsed
    [again] = _states(engine.handle(commit("S-1", n, o, 1, revision=2, hours=26), at(26)), n.id)
    assert (again.status, again.committed, again.lapsed_commitments) == ("partially_covered", 1, [])


def test_expiry_by_timer_derives_an_expired_state() -> None:
    engine = Engine()
    n = need(needed_until=at(48).isoformat())
    o = offer(valid_until=at(30).isoformat())
    engine.handle(n, at(0))
    engine.handle(o, at(0))
    outcome = engine.tick(at(50))
    [offer_state] = _states(outcome, o.id)
    assert (offer_state.status, offer_state.expired, offer_state.changed_at) == ("ended", True, at(30))
    [need_state] = _states(outcome, n.id)
    assert (need_state.status, need_state.expired, need_state.changed_at) == ("expired", True, at(48))


def test_a_need_arriving_after_its_needed_until_is_expired_at_once() -> None:
    engine = Engine()
    n = need(needed_until=at(1).isoformat(), occurred_at=at(0).isoformat())
    states = _states(engine.handle(n, at(5)), n.id)
    assert states[-1].status == "expired" and states[-1].expired


def test_a_refused_transition_shows_in_the_state_and_the_status_stays() -> None:
    engine = Engine()
    o = offer()
    engine.handle(o, at(0))
    engine.handle(status(o, "S-1", new_status="ended"), at(1))
    update = status(o, "S-2", hours=2, new_status="active")
    outcome = engine.handle(update, at(2))
    assert outcome.disposition == "rejected"
    [state] = _states(outcome, o.id)
    assert state.status == "ended"
    assert state.last_rejected is not None
    assert (state.last_rejected.event_id, state.last_rejected.reason, state.last_rejected.asked_status) == (
        event_id(update.id, update.revision), "illegal_transition", "active")

    n = need(status="withdrawn")
    engine.handle(n, at(0))
    [need_state] = _states(engine.handle(need(revision=2, status="open"), at(3)), n.id)
    assert need_state.status == "withdrawn" and need_state.last_rejected.asked_status == "open"
    assert need_state.entity_revision == 1  # the refused revision did not apply


def test_koordinate_replay_derives_an_expired_state_for_a_need_past_its_needed_until(tmp_path) -> None:
    n = need(needed_until=at(24).isoformat())
    events = tmp_path / "events.jsonl"
    events.write_text(to_http_structured(n).body.decode() + "\n", encoding="utf-8")
    out = tmp_path / "derived.jsonl"
    app = typer.Typer()
    app.command()(replay)
    result = CliRunner().invoke(app, [str(events), "--out", str(out), "--now", at(30).isoformat()])
    assert result.exit_code == 0, result.output
    derived = [to_model(from_http_structured(line)) for line in out.read_text(encoding="utf-8").splitlines()]
    states = [d for d in derived if isinstance(d, EntityState) and d.entity_id == n.id]
    assert [(s.status, s.expired, s.revision) for s in states] == [("open", False, 1), ("expired", True, 2)]
    assert states[-1].changed_at == at(24) and states[-1].expires_at == at(24)
