"""Stage 2: events of one area go through that partition's engine; derived events and dead letters go out."""

from __future__ import annotations

import time
from collections.abc import MutableMapping
from datetime import UTC, datetime
from typing import Any

import faust
import structlog

from hub.deadletter import DeadLetter
from hub.engine import Engine, EngineConfig, EngineTables
from hub.engine.outcome import Outcome
from hub.metrics import EVENTS_IN, EVENTS_OUT, PROCESSING_LATENCY
from hub.stream.derived import derived_record
from hub.stream.sending import Record, dead_letter_record, origin_of, send_acknowledged
from hub.stream.staging import PrefixedMap, StagedMap
from hub.stream.ticks import tick_time
from schemas import EnvelopeError, from_kafka, to_model

WORKER = "koordinate-worker"
log = structlog.get_logger("koordinate.worker.area")


class PartitionEngine:
    """The engine of one area partition over its slice of the tables, with buffered writes."""

    def __init__(self, tables: dict[str, MutableMapping[str, Any]], partition: int, config: EngineConfig) -> None:
        self.staged = {name: StagedMap(PrefixedMap(table, f"{partition}/")) for name, table in tables.items()}
        self.engine = Engine(EngineTables(**self.staged), config)  # rebuilds its indexes from the slice

    def commit(self) -> None:
        for staged in self.staged.values():
            staged.commit()

    def discard(self) -> None:
        for staged in self.staged.values():
            staged.discard()


class AreaStage:
    def __init__(self, tables: dict[str, MutableMapping[str, Any]], config: EngineConfig,
                 outputs: dict[str, faust.TopicT], dead_letters: faust.TopicT) -> None:
        self._tables = tables
        self._config = config
        self._outputs = outputs
        self._dead_letters = dead_letters
        self._engines: dict[int, PartitionEngine] = {}
        self.processed = 0
        self.derived = 0

    def forget_engines(self) -> None:
        """After a rebalance: each partition's engine is rebuilt from the recovered tables on first use."""
        self._engines.clear()

    def _engine(self, partition: int) -> PartitionEngine:
        if partition not in self._engines:
            self._engines[partition] = PartitionEngine(self._tables, partition, self._config)
        return self._engines[partition]

    async def process(self, event: faust.EventT) -> None:
        headers = list(event.message.headers or [])
        partition = self._engine(event.message.partition)
        now = tick_time(headers)
        happened: datetime | None = None
        try:
            if now is not None:
                outcome = partition.engine.tick(now)
            else:
                parsed = self._parse(event, headers)
                if parsed is None:
                    await self._dead_letter(event, headers, "APPLY", "EnvelopeError", "unreadable after routing")
                    return
                model, happened = parsed
                outcome = partition.engine.handle(model, happened)
        except Exception:
            partition.discard()  # nothing half-applied stays in the buffers
            raise
        await send_acknowledged(self._records(outcome, event, headers))
        partition.commit()
        self.processed += 1
        self.derived += len(outcome.derived)
        if outcome.derived and happened is not None:
            PROCESSING_LATENCY.observe(max(0.0, time.time() - happened.timestamp()))

    def _parse(self, event: faust.EventT, headers: list[tuple[str, bytes]]):
        try:
            cloud_event = from_kafka(event.value, headers)
            model = to_model(cloud_event)
        except EnvelopeError:  # stage 1 checked it; only a change of contract lands here
            return None
        EVENTS_IN.labels(event.message.topic, cloud_event.type).inc()
        log.debug("applying", event_id=cloud_event.id, source=cloud_event.source)
        return model, cloud_event.time or datetime.now(UTC)

    def _records(self, outcome: Outcome, event: faust.EventT, headers: list[tuple[str, bytes]]) -> list[Record]:
        records: list[Record] = []
        for model in outcome.derived:
            suffix, record = derived_record(model)
            records.append((self._outputs[suffix], record.key, record.value, record.headers))
            EVENTS_OUT.labels(suffix, model.event_type).inc()
        for rejection in outcome.rejections:
            letter = DeadLetter(
                payload=event.value or b"", stage="APPLY", reason=f"{rejection.reason}: {rejection.detail}",
                exception_class="Rejection", connector=WORKER, key=event.key, field_path=rejection.field,
                original_headers=headers, **origin_of(event),
            )
            records.append(dead_letter_record(self._dead_letters, letter))
        return records

    async def _dead_letter(self, event: faust.EventT, headers: list[tuple[str, bytes]], stage: str,
                           exception_class: str, reason: str) -> None:
        letter = DeadLetter(payload=event.value or b"", stage=stage, reason=reason, exception_class=exception_class,
                            connector=WORKER, key=event.key, original_headers=headers, **origin_of(event))
        await send_acknowledged([dead_letter_record(self._dead_letters, letter)])
