"""Stage 1: canonical events (keyed by entity) are forwarded to the area stream (keyed by AGS)."""

from __future__ import annotations

import faust
import structlog

from hub.deadletters.letter import VALIDATE, DeadLetter
from hub.metrics import EVENTS_IN
from hub.stream.routing import AreaRouter
from hub.stream.sending import Record, acting_for, dead_letter_record, origin_of, send_acknowledged
from hub.stream.staging import StagedMap
from schemas import EnvelopeError, from_kafka, to_model

WORKER = "koordinate-worker"
log = structlog.get_logger("koordinate.worker.route")


class RouteStage:
    def __init__(self, entity_areas: faust.Table, parked: faust.Table, by_area: faust.TopicT,
                 dead_letters: faust.TopicT) -> None:
        self._tables = (entity_areas, parked)
        # One router per source partition: an entity's keys live in its own partition's changelog.
        self._routers: dict[int, tuple[AreaRouter, tuple[StagedMap, StagedMap]]] = {}
        self._by_area = by_area
        self._dead_letters = dead_letters

    def _router(self, partition: int) -> tuple[AreaRouter, tuple[StagedMap, StagedMap]]:
        if partition not in self._routers:
            staged = (StagedMap(self._tables[0]), StagedMap(self._tables[1]))
            self._routers[partition] = (AreaRouter(*staged), staged)
        return self._routers[partition]

    async def process_batch(self, events: list[faust.EventT]) -> None:
        records: list[Record] = []
        last_event_of: dict[int, faust.EventT] = {}
        for event in events:
            last_event_of[event.message.partition] = event
            records.extend(self._route(event))
        # Forward first, then remember: a crash in between re-forwards (the engine ignores the
        # repeated revision) instead of forgetting records that were parked.
        await send_acknowledged(records)
        for partition, event in last_event_of.items():
            with acting_for(event):
                for staged in self._router(partition)[1]:
                    staged.commit()

    def _route(self, event: faust.EventT) -> list[Record]:
        headers = list(event.message.headers or [])
        value = event.value or b""
        try:
            cloud_event = from_kafka(value, headers)
            model = to_model(cloud_event)
        except EnvelopeError as exc:
            log.warning("dead-lettered", reason=str(exc)[:200], topic=event.message.topic, offset=event.message.offset)
            return [dead_letter_record(self._dead_letters, _letter(event, value, headers, exc))]
        EVENTS_IN.labels(event.message.topic, cloud_event.type).inc()
        routed = self._router(event.message.partition)[0].route(model, value, headers)
        log.debug("routed", event_id=cloud_event.id, source=cloud_event.source, forwarded=len(routed))
        return [(self._by_area, r.ags.encode(), r.value, r.headers, None) for r in routed]


def _letter(event: faust.EventT, value: bytes, headers: list[tuple[str, bytes]], exc: EnvelopeError) -> DeadLetter:
    problems = getattr(exc, "problems", None) or []
    return DeadLetter(
        payload=value, stage=VALIDATE, reason=str(exc), exception_class=type(exc).__name__,
        connector=WORKER, key=event.key, field_path=problems[0].path if problems else None,
        original_headers=headers, **origin_of(event),
    )
