"""The faust worker against a real broker: matches, gaps, parked status updates, dead letters."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from hub.deadletter import read_dead_letter_headers
from hub.kafka.producer import EventProducer
from hub.kafka.reader import read_topic
from schemas import Gap, GapResolved, Match, Need, Offer, StatusUpdate, entity_id
from tests.schemas.samples import INITIATIVE, SOURCE, need_data, offer_data, status_data
from tests.support import read_models, produce_models, wait_until

pytestmark = pytest.mark.kafka


def _need(**changes) -> Need:
    return Need.model_validate(need_data(**changes))


def _offer(**changes) -> Offer:
    return Offer.model_validate(offer_data(**changes))


def _interpreting_offer() -> Offer:
    return _offer(category="accompaniment_interpreting", title="Begleitung auf Arabisch",
                  description="Ehrenamtliche begleiten zu Terminen.", languages=["ar", "de"],
                  area={"ags": "14713000", "districts": ["Ost"]}, schedule=None)


async def _derived(settings, suffix, kind):
    return [m for m in await read_models(settings, suffix) if isinstance(m, kind)]


async def test_a_need_and_a_fitting_offer_give_a_match(hub_settings, start_worker):
    worker = start_worker()
    need, offer = _need(), _interpreting_offer()
    await produce_models(hub_settings, [need, offer])

    async def match_found():
        return [m for m in await _derived(hub_settings, "matches", Match)
                if m.need_id == need.id and m.offer_id == offer.id]

    matches = await wait_until(match_found, 90, f"a match of need and offer (worker log:\n{worker.log_tail()})")
    assert matches[0].score > 0 and matches[0].reasons


async def test_an_uncovered_critical_need_becomes_a_gap_and_a_commitment_resolves_it(hub_settings, start_worker):
    start_worker()
    past = datetime.now(UTC) - timedelta(hours=3)
    need = _need(urgency="critical", occurred_at=past.isoformat(), needed_from=None, needed_until=None,
                 languages=[], quantity=1)
    await produce_models(hub_settings, [need])

    async def gap_raised():
        return [g for g in await _derived(hub_settings, "gaps", Gap) if g.need_id == need.id]

    gaps = await wait_until(gap_raised, 90, "a gap for the critical need")
    assert set(gaps[0].reasons) & {"no_offer_in_category", "no_offer_in_area"}

    offer = _interpreting_offer()
    commitment = StatusUpdate.model_validate(status_data(
        new_status=None, occurred_at=datetime.now(UTC).isoformat(),
        commitment={"offer_id": offer.id, "need_id": need.id, "slots": 1, "state": "confirmed"},
    ))
    await produce_models(hub_settings, [offer, commitment])

    async def gap_resolved():
        return [g for g in await _derived(hub_settings, "gaps", GapResolved) if g.need_id == need.id]

    resolved = await wait_until(gap_resolved, 90, "the gap to be resolved by the commitment")
    assert resolved[0].gap_id == gaps[0].id


async def test_a_status_update_before_its_need_waits_for_it(hub_settings, start_worker):
    start_worker()
    need = _need(urgency="critical", occurred_at=(datetime.now(UTC) - timedelta(hours=3)).isoformat(),
                 needed_from=None, needed_until=None)
    closing = StatusUpdate.model_validate(status_data(
        commitment=None, new_status="closed", occurred_at=(datetime.now(UTC) - timedelta(hours=2)).isoformat()))
    await produce_models(hub_settings, [closing])  # arrives first: its need is not known yet
    await produce_models(hub_settings, [need])
    marker = _need(source_record_id="marker", id=entity_id(SOURCE, "marker"), urgency="critical",
                   occurred_at=(datetime.now(UTC) - timedelta(hours=3)).isoformat(), needed_from=None,
                   needed_until=None)
    await produce_models(hub_settings, [marker])

    # The marker need (same area, same partition, produced later) gets its gap; by then the closed
    # need must have been handled without one.
    await wait_until(lambda: _gap_for(hub_settings, marker.id), 90, "the marker need's gap")
    assert not await _gap_for(hub_settings, need.id)


async def _gap_for(settings, need_id):
    return [g for g in await _derived(settings, "gaps", Gap) if g.need_id == need_id]


async def test_a_broken_envelope_is_dead_lettered_with_kafka_connect_headers(hub_settings, start_worker):
    start_worker()
    async with EventProducer(hub_settings.bootstrap_servers) as producer:
        await producer.send(hub_settings.topic_name("needs"), b'{"title": "no envelope"}', key=b"k1",
                            headers=[("ce_specversion", b"1.0")])

    async def dead_letters():
        return await read_topic(hub_settings.bootstrap_servers, hub_settings.topic_name("deadletter"))

    records = await wait_until(dead_letters, 90, "the dead letter")
    context = read_dead_letter_headers(records[0].headers)
    assert records[0].value == b'{"title": "no envelope"}'
    assert context["topic"] == hub_settings.topic_name("needs")
    assert context["stage"] == "VALIDATE" and context["exception.class.name"] == "EnvelopeError"
    assert "ce_id" in context["exception.message"] or "ce_type" in context["exception.message"]
