"""Stage 1: canonical events (keyed by entity) are forwarded to the area stream (keyed by AGS)."""

from __future__ import annotations

import faust
import structlog

from hub.deadletter import DeadLetter
from hub.metrics import EVENTS_IN
from hub.stream.routing import AreaRouter
from hub.stream.sending import dead_letter_record, origin_of, send_acknowledged
from hub.stream.staging import StagedMap
from schemas import EnvelopeError, from_kafka, to_model

WORKER = "koordinate-worker"
log = structlog.get_logger("koordinate.worker.route")


class RouteStage:
    def __init__(self, entity_areas: faust.Table, parked: faust.Table, by_area: faust.TopicT,
                 dead_letters: faust.TopicT) -> None:
        self._staged = (StagedMap(entity_areas), StagedMap(parked))
        self._router = AreaRouter(*self._staged)
        self._by_area = by_area
        self._dead_letters = dead_letters
        self.forwarded = 0
        self.dead_lettered = 0

    async def process(self, event: faust.EventT) -> None:
        headers = list(event.message.headers or [])
        value = event.value or b""
        try:
            cloud_event = from_kafka(value, headers)
            model = to_model(cloud_event)
        except EnvelopeError as exc:
            await self._dead_letter(event, value, headers, exc)
            return
        EVENTS_IN.labels(event.message.topic, cloud_event.type).inc()
        routed = self._router.route(model, value, headers)
        # Forward first, then remember: a crash in between re-forwards (the engine ignores the
        # repeated revision) instead of forgetting records that were parked.
        await send_acknowledged([(self._by_area, r.ags.encode(), r.value, r.headers, None) for r in routed])
        for staged in self._staged:
            staged.commit()
        self.forwarded += len(routed)
        log.debug("routed", event_id=cloud_event.id, source=cloud_event.source, forwarded=len(routed))

    async def _dead_letter(self, event: faust.EventT, value: bytes, headers: list[tuple[str, bytes]],
                           exc: EnvelopeError) -> None:
        problems = getattr(exc, "problems", None) or []
        letter = DeadLetter(
            payload=value, stage="VALIDATE", reason=str(exc), exception_class=type(exc).__name__,
            connector=WORKER, key=event.key, field_path=problems[0].path if problems else None,
            original_headers=headers, **origin_of(event),
        )
        await send_acknowledged([dead_letter_record(self._dead_letters, letter)])
        self.dead_lettered += 1
        log.warning("dead-lettered", reason=str(exc)[:200], topic=event.message.topic, offset=event.message.offset)
