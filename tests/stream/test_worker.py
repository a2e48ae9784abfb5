"""The faust worker against a real broker: matches, gaps, parked status updates, dead letters.

One worker serves the module; each test uses its own entity ids.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from aiokafka.partitioner import murmur2

from hub.deadletters.letter import read_dead_letter_headers
from hub.kafka.producer import EventProducer
from hub.kafka.reader import read_topic
from schemas import VALIDATED_HEADER, Coverage, Gap, GapResolved, Match, Need, Offer, StatusUpdate, model_from_kafka
from schemas.stamp import validation_stamp
from tests.builders import sample_need_data, sample_offer_data, sample_status_data
from tests.support import canonical_record, produce_models, read_models, wait_until

pytestmark = pytest.mark.kafka
TIMEOUT = 180


def _need(record: str, **changes) -> Need:
    return Need.model_validate(sample_need_data(record, **changes))


def _urgent_need(record: str, **changes) -> Need:
    three_hours_ago = (datetime.now(UTC) - timedelta(hours=3)).isoformat()
    return _need(record, urgency="critical", occurred_at=three_hours_ago, needed_from=None, needed_until=None,
                 languages=[], quantity=1, **changes)


def _interpreting_offer(record: str) -> Offer:
    return Offer.model_validate(sample_offer_data(
        record, category="accompaniment_interpreting",
        title="Begleitung auf Arabisch", description="Ehrenamtliche begleiten zu Terminen.", languages=["ar", "de"],
        area={"ags": "14713000", "districts": ["Ost"]}, schedule=None,
    ))


def _status(record: str, **changes) -> StatusUpdate:
    fields = {"occurred_at": datetime.now(UTC).isoformat(), **changes}
    return StatusUpdate.model_validate(sample_status_data(record, **fields))


async def _derived(settings, suffix, kind, need_id):
    return [m for m in await read_models(settings, suffix) if isinstance(m, kind) and m.need_id == need_id]


async def test_a_need_and_a_fitting_offer_give_a_match(shared_hub):
    settings, worker = shared_hub
    need, offer = _need("match-need"), _interpreting_offer("match-offer")
    await produce_models(settings, [need, offer])

    async def match_found():
        return [m for m in await _derived(settings, "matches", Match, need.id) if m.offer_id == offer.id]

    matches = await wait_until(match_found, TIMEOUT, "a match", processes=[worker])
    assert matches[0].score > 0 and "language:ar" in " ".join(matches[0].reasons) or matches[0].reasons


async def test_an_uncovered_critical_need_becomes_a_gap_and_a_commitment_resolves_it(shared_hub):
    settings, worker = shared_hub
    need = _urgent_need("gap-need", category="psychotherapy")  # no offer of this category anywhere
    await produce_models(settings, [need])

    gaps = await wait_until(lambda: _derived(settings, "gaps", Gap, need.id), TIMEOUT,
                            "a gap for the critical need", processes=[worker])
    assert "no_offer_in_category" in gaps[0].reasons and gaps[0].urgency == "critical"

    offer = Offer.model_validate(sample_offer_data(
        "gap-offer", category="psychotherapy",
        organisation={"name": "Psychosoziales Zentrum Ost", "kind": "association"}, schedule=None,
        languages=["de"], area={"ags": "14713000", "districts": []},
    ))
    commitment = _status("gap-commitment", entity_id=need.id, new_status=None,
                         commitment={"offer_id": offer.id, "need_id": need.id, "slots": 1, "state": "confirmed"})
    await produce_models(settings, [offer, commitment])

    resolved = await wait_until(lambda: _derived(settings, "gaps", GapResolved, need.id), TIMEOUT,
                                "the gap to be resolved", processes=[worker])
    assert resolved[0].gap_id == gaps[0].id and resolved[0].resolution == "covered"


async def test_a_status_update_before_its_need_waits_for_it(shared_hub):
    settings, worker = shared_hub
    need = _urgent_need("parked-need", category="clothing")
    closing = _status("parked-close", entity_id=need.id, commitment=None, new_status="closed",
                      occurred_at=(datetime.now(UTC) - timedelta(hours=2, minutes=59)).isoformat())
    await produce_models(settings, [closing])  # arrives first: its need is not known yet
    await produce_models(settings, [need])
    marker = _urgent_need("parked-marker", category="clothing")
    await produce_models(settings, [marker])

    # The marker need (same area, so the same partition, produced later) gets its gap; by then
    # the closed need has been handled, and it must have none.
    await wait_until(lambda: _derived(settings, "gaps", Gap, marker.id), TIMEOUT,
                     "the marker need's gap", processes=[worker])
    assert not await _derived(settings, "gaps", Gap, need.id)


async def test_a_status_update_whose_entity_never_arrives_gives_up_into_the_dead_letter_topic(shared_hub):
    """The parking policy: time moves with the records, so a later record of the same partition (the
    same entity, stamped eight days after the first) lets the first update give up after seven days.
    (The broker refuses records stamped in the future, so the first is stamped in the past.)"""
    settings, worker = shared_hub
    missing = _urgent_need("never-arrives")
    first = _status("waits-forever", entity_id=missing.id, commitment=None, new_status="closed")
    later = _status("waits-later", entity_id=missing.id, commitment=None, new_status="closed")
    stamped_now = int(datetime.now(UTC).timestamp() * 1000)
    async with EventProducer(settings.bootstrap_servers) as producer:
        eight_days_ago = stamped_now - int(timedelta(days=8).total_seconds() * 1000)
        for model, timestamp_ms in ((first, eight_days_ago), (later, stamped_now)):
            topic, value, key, headers = canonical_record(settings, model)
            await producer.send(topic, value, key=key, headers=headers, timestamp_ms=timestamp_ms)

    async def dead_letters():
        records = await read_topic(settings.bootstrap_servers, settings.topic_name("deadletter"))
        return [r for r in records if r.key == missing.id.encode()]

    [letter] = await wait_until(dead_letters, TIMEOUT, "the parked update's dead letter", processes=[worker])
    context = read_dead_letter_headers(letter.headers)
    assert context["reason"] == "entity_unknown" and context["field.path"] == "entity_id"
    assert context["topic"] == settings.topic_name("status") and context["stage"] == "ROUTE"
    assert model_from_kafka(letter.value, letter.headers).id == first.id  # the later one still waits


async def test_a_broken_envelope_is_dead_lettered_with_kafka_connect_headers(shared_hub):
    settings, worker = shared_hub
    async with EventProducer(settings.bootstrap_servers) as producer:
        await producer.send(settings.topic_name("needs"), b'{"title": "no envelope"}', key=b"broken-1",
                            headers=[("ce_specversion", b"1.0")])

    async def dead_letter():
        records = await read_topic(settings.bootstrap_servers, settings.topic_name("deadletter"))
        return [r for r in records if r.key == b"broken-1"]

    records = await wait_until(dead_letter, TIMEOUT, "the dead letter", processes=[worker])
    context = read_dead_letter_headers(records[0].headers)
    assert records[0].value == b'{"title": "no envelope"}'
    assert context["topic"] == settings.topic_name("needs")
    assert context["stage"] == "VALIDATE" and context["exception.class.name"] == "EnvelopeError"
    assert "ce_id" in context["exception.message"] or "ce_source" in context["exception.message"]


async def test_a_validation_stamp_holds_only_for_the_data_it_was_made_for(shared_hub):
    """A record the edge validated is routed without validating it again (schemas/stamp.py). A stamp
    copied onto other data is not honoured: that record is validated in full by the first stage. A stamp
    set by a producer outside the hub on data the contract refuses gets that data as far as the second
    stage, which builds the model and dead-letters it, naming the field."""
    settings, worker = shared_hub
    valid = _need("stamp-valid")
    topic, value, _, headers = canonical_record(settings, valid)
    copied = json.loads(value) | {"category": "not-a-category"}
    copied_value = json.dumps(copied).encode()
    restamped = _need("stamp-forged")
    _, forged_value, _, forged_headers = canonical_record(settings, restamped)
    forged_value = json.dumps(json.loads(forged_value) | {"category": "not-a-category"}).encode()
    forged_headers = [(name, validation_stamp(forged_value) if name == VALIDATED_HEADER else header)
                      for name, header in forged_headers]
    async with EventProducer(settings.bootstrap_servers) as producer:
        await producer.send(topic, copied_value, key=b"stamp-copied", headers=headers)
        await producer.send(topic, forged_value, key=b"stamp-forged", headers=forged_headers)

    async def dead_letters():
        records = await read_topic(settings.bootstrap_servers, settings.topic_name("deadletter"))
        letters = {_id_in(r.value): read_dead_letter_headers(r.headers) for r in records}
        return letters if valid.id in letters and restamped.id in letters else None

    letters = await wait_until(dead_letters, TIMEOUT, "both dead letters", processes=[worker])
    copied_letter, forged_letter = letters[valid.id], letters[restamped.id]
    assert copied_letter["stage"] == "VALIDATE" and copied_letter["topic"] == topic  # the first stage's
    assert copied_letter["field.path"] == "data.category"
    assert forged_letter["stage"] == "VALIDATE" and forged_letter["field.path"] == "data.category"
    assert "unreadable after routing" in forged_letter["exception.message"]


def _id_in(value: bytes) -> str | None:
    try:
        data = json.loads(value)
    except ValueError:
        return None
    return data.get("id") if isinstance(data, dict) else None


async def test_an_offer_that_moved_to_a_municipality_of_another_partition_leaves_the_old_one(shared_hub):
    """A source corrects an offer's municipality; the two municipalities are handled by two area
    partitions. The old partition lets the offer go: its capacity no longer counts there."""
    settings, worker = shared_hub
    home, district, category = "14713000", "Umzugsviertel", "housing"
    partitions = settings.worker.partitions
    away = next(ags for ags in ("14612000", "11000000", "02000000", "09162000", "05315000")
                if _area_partition(ags, partitions) != _area_partition(home, partitions))
    need = _need("moving-need", category=category, area={"ags": home, "district": district}, quantity=1,
                 languages=["de"], target_groups=[])
    offer = Offer.model_validate(sample_offer_data(
        "moving-offer", category=category, title="Wohnungssuche begleitet", area={"ags": home, "districts": [district]},
        capacity=2, languages=["de"], schedule=None))
    await produce_models(settings, [need, offer])

    async def coverage_here():  # in the order it was derived: one area's figures share a partition
        return [c for c in await read_models(settings, "coverage") if isinstance(c, Coverage)
                and (c.ags, c.district, c.category) == (home, district, category)]

    async def counted():
        return [c for c in await coverage_here() if c.available_capacity > 0]

    async def gone_since():
        figures = await coverage_here()
        last_counted = max(i for i, c in enumerate(figures) if c.available_capacity > 0)
        return [c for c in figures[last_counted:] if c.available_capacity == 0]

    await wait_until(counted, TIMEOUT, "the offer's capacity counted", processes=[worker])
    moved = Offer.model_validate(sample_offer_data(
        "moving-offer", revision=4, category=category, title="Wohnungssuche begleitet",
        area={"ags": away, "districts": ["Mitte"]}, capacity=2, languages=["de"], schedule=None,
        occurred_at=datetime.now(UTC).isoformat()))
    await produce_models(settings, [moved])
    [gone, *_] = await wait_until(gone_since, TIMEOUT, "the capacity gone", processes=[worker])
    assert gone.is_gap and gone.open_demand == 1


def _area_partition(ags: str, partitions: int) -> int:
    return (murmur2(ags.encode()) & 0x7FFFFFFF) % partitions  # the area stream's key partitioning
