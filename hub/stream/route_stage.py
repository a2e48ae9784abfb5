"""Stage 1: canonical events (keyed by entity) are forwarded to the area stream (keyed by AGS)."""

from __future__ import annotations

from datetime import UTC, datetime

import faust
import structlog

from hub.deadletters.letter import ROUTE, VALIDATE, DeadLetter
from hub.engine import EngineConfig
from hub.metrics import EVENTS_IN
from hub.stream._faust import stop_worker
from hub.stream.routing import AreaRouter, RoutingFacts, header_text
from hub.stream.sending import (
    Record, acting_for, dead_letter_record, event_id_in, log_failed_batch, origin_of, send_acknowledged,
)
from hub.stream.staging import StagedMap
from hub.stream.table_scan import partition_scan
from schemas import EnvelopeError, from_kafka, to_model

WORKER = "koordinate-worker"
log = structlog.get_logger("koordinate.worker.route")


class RouteStage:
    def __init__(self, entity_areas: faust.Table, parked: faust.Table, by_area: faust.TopicT,
                 dead_letters: faust.TopicT, config: EngineConfig | None = None) -> None:
        self._tables = (entity_areas, parked)
        self._config = config or EngineConfig()  # its parking policy: how long a parked update waits
        # One router per source partition: an entity's keys live in its own partition's changelog.
        self._routers: dict[int, tuple[AreaRouter, tuple[StagedMap, StagedMap]]] = {}
        self._by_area = by_area
        self._dead_letters = dead_letters

    def _router(self, partition: int) -> tuple[AreaRouter, tuple[StagedMap, StagedMap]]:
        if partition not in self._routers:
            staged = (StagedMap(self._tables[0]), StagedMap(self._tables[1]))
            router = AreaRouter(*staged, config=self._config, parked_rows=partition_scan(self._tables[1], partition))
            self._routers[partition] = (router, staged)
        return self._routers[partition]

    async def process_batch(self, events: list[faust.EventT]) -> None:
        """Route a batch; as in stage 2 (`AreaStage.process_batch`), an event whose routing raises is
        dead-lettered and the rest routed, and any other error stops the worker with nothing of the
        batch committed, so that a restart reads it again."""
        try:
            await self._process(events)
        except Exception as exc:
            log_failed_batch(log, "batch not routed; the worker stops so that a restart reads it again", events, exc)
            self._routers.clear()  # with their buffers: none of this batch is kept
            await stop_worker(self._dead_letters.app, exc)
            raise

    async def _process(self, events: list[faust.EventT]) -> None:
        records, last_event_of = self._route_isolating(events)
        # Forward first, then remember: a crash in between re-forwards (the engine ignores the
        # repeated revision) instead of forgetting records that were parked.
        await send_acknowledged(records)
        for partition, event in last_event_of.items():
            with acting_for(event):
                for staged in self._router(partition)[1]:
                    staged.commit()

    def _route_isolating(self, events: list[faust.EventT]) -> tuple[list[Record], dict[int, faust.EventT]]:
        """Route every event; an event whose routing raises (a bug: unreadable envelopes are dead-lettered
        in `_route`) is dead-lettered with the exception, and the batch routed again without it from
        the committed tables, so half of its writes never stay (why: `AreaStage._apply_isolating`)."""
        poisoned: dict[int, Exception] = {}
        while True:
            records: list[Record] = []
            last_event_of: dict[int, faust.EventT] = {}
            routing: int | None = None
            try:
                for index, event in enumerate(events):
                    last_event_of[event.message.partition] = event
                    if index in poisoned:
                        records.append(dead_letter_record(self._dead_letters, _poison_letter(event, poisoned[index])))
                    else:
                        routing = index
                        records.extend(self._route(event))
                        routing = None
                for partition, event in last_event_of.items():
                    records.extend(self._give_up_waiting(partition, event))
                return records, last_event_of
            except Exception as exc:
                for partition in last_event_of:
                    # its buffered writes go with it, and its in-memory queue of parked updates is
                    # rebuilt from the committed tables on next use
                    self._routers.pop(partition, None)
                if routing is None:  # not a record's own failure (its dead letter, the parking clock)
                    raise
                poisoned[routing] = exc
                message = events[routing].message
                log.error("poison record dead-lettered", event_id=event_id_in(message.headers) or None,
                          topic=message.topic, partition=message.partition, offset=message.offset,
                          error=f"{type(exc).__name__}: {exc}", exc_info=exc)

    def _route(self, event: faust.EventT) -> list[Record]:
        headers = list(event.message.headers or [])
        value = event.value or b""
        facts = RoutingFacts.of_stamped_record(value, headers)
        if facts is None:  # not made by a hub component that validated it: the contract is checked here
            try:
                cloud_event = from_kafka(value, headers)
                facts = RoutingFacts.of_model(to_model(cloud_event))
            except EnvelopeError as exc:
                log.warning("dead-lettered", reason=str(exc)[:200], topic=event.message.topic,
                            offset=event.message.offset)
                return [dead_letter_record(self._dead_letters, _letter(event, value, headers, exc))]
        EVENTS_IN.labels(event.message.topic, header_text(headers, "ce_type")).inc()
        routed = self._router(event.message.partition)[0].route(facts, value, headers, _arrived_at(event),
                                                               origin_of(event))
        log.debug("routed", event_id=event_id_in(headers), source=header_text(headers, "ce_source"),
                  forwarded=len(routed))
        return [(self._by_area, r.ags.encode(), r.value, r.headers, None) for r in routed]

    def _give_up_waiting(self, partition: int, event: faust.EventT) -> list[Record]:
        """Dead letters for the updates parked in this partition longer than the parking policy allows,
        as of the partition's latest record (time moves with the records, as the engine's timers do)."""
        letters = []
        for given_up in self._router(partition)[0].give_up_waiting(_arrived_at(event)):
            log.warning("parked update gave up waiting for its entity", entity_id=given_up.entity,
                        parked_at=given_up.parked_at.isoformat(), event_id=event_id_in(given_up.headers) or None)
            letters.append(dead_letter_record(self._dead_letters, DeadLetter(
                payload=given_up.value, stage=ROUTE, reason=given_up.reason,
                exception_class="EntityUnknown", connector=WORKER, key=given_up.entity.encode(), field_path="entity_id",
                reason_code=given_up.reason_code, original_headers=given_up.headers, **given_up.origin,
            )))
        return letters


def _arrived_at(event: faust.EventT) -> datetime:
    """When the record reached the broker (its timestamp), else now."""
    timestamp = event.message.timestamp
    return datetime.fromtimestamp(timestamp, UTC) if timestamp else datetime.now(UTC)


def _letter(event: faust.EventT, value: bytes, headers: list[tuple[str, bytes]], exc: EnvelopeError) -> DeadLetter:
    problems = getattr(exc, "problems", None) or []
    return DeadLetter(
        payload=value, stage=VALIDATE, reason=str(exc), exception_class=type(exc).__name__,
        connector=WORKER, key=event.key, field_path=problems[0].path if problems else None,
        original_headers=headers, **origin_of(event),
    )


def _poison_letter(event: faust.EventT, exc: Exception) -> DeadLetter:
    return DeadLetter(
        payload=event.value or b"", stage=ROUTE, reason=f"{type(exc).__name__} while routing: {exc}"[:2000],
        exception_class=type(exc).__name__, connector=WORKER, key=event.key,
        original_headers=list(event.message.headers or []), **origin_of(event),
    )
