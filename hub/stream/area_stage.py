"""Stage 2: events of one area go through that partition's engine; derived events and dead letters go out."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, MutableMapping
from datetime import UTC, datetime
from typing import Any

import faust
import structlog

from hub.deadletters.letter import APPLY, DeadLetter
from hub.engine import Engine, EngineConfig, EngineTables
from hub.engine.outcome import Outcome
from hub.kafka.reader import read_partition_from
from hub.metrics import EVENTS_IN, EVENTS_OUT, JOURNAL_BYTES, PROCESSING_LATENCY
from hub.stream.derived import derived_record
from hub.stream.journal import Journal, reapply
from hub.stream.sending import Record, acting_for, dead_letter_record, origin_of, send_acknowledged
from hub.stream.staging import DecodedCache, PrefixedMap, StagedMap
from hub.stream.table_scan import partition_scan
from hub.stream.ticks import tick_time
from hub.topics.spec import topic as topic_spec
from schemas import EnvelopeError, from_kafka, to_model

WORKER = "koordinate-worker"
POSITIONS = "__output_positions__"  # the positions table's name inside a journal entry
log = structlog.get_logger("koordinate.worker.area")


class PartitionEngine:
    """The engine of one area partition over its slice of the tables, with buffered writes.

    `positions` holds, per derived topic, the end of what this partition had emitted when its state
    was last committed; `already_emitted` are the event ids found on the topics past that point
    after a crash: the engine derives them again, and they are not sent a second time.
    """

    def __init__(self, slices: dict[str, MutableMapping[str, Any]], partition: int, config: EngineConfig,
                 already_emitted: set[str], journal: Journal) -> None:
        self.partition = partition
        self.staged = {name: StagedMap(DecodedCache(view)) for name, view in slices.items() if name != POSITIONS}
        self.positions = StagedMap(slices[POSITIONS])
        self.already_emitted = already_emitted
        self.journal = journal
        self.engine = Engine(EngineTables(**self.staged), config)  # rebuilds its indexes from the slice

    def _all_staged(self) -> dict[str, StagedMap]:
        return {**self.staged, POSITIONS: self.positions}

    def write_journal(self) -> bool:
        """Record the buffered writes as one journal entry (see journal.py); False when there are none."""
        if not any(staged.pending for staged in self._all_staged().values()):
            return False
        JOURNAL_BYTES.observe(
            self.journal.write({name: staged.changes() for name, staged in self._all_staged().items()}))
        return True

    def commit(self) -> None:
        for staged in self._all_staged().values():
            staged.commit()

    def discard(self) -> None:
        for staged in self._all_staged().values():
            staged.discard()


class AreaStage:
    """Applies batches of the area stream. A batch is committed in this order, so a kill at any point
    leaves either the old state (its input is read again, its derived events are recognised as sent)
    or the whole new one:

    1. apply every event to its partition's engine, writes buffered;
    2. send the derived events and flush the producer (also the previous batch's table changelog);
    3. write each partition's buffered writes as one journal entry, flush again;
    4. write the buffered writes to the tables.
    """

    def __init__(self, tables: dict[str, MutableMapping[str, Any]], positions: MutableMapping[str, Any],
                 journal: MutableMapping[str, Any], config: EngineConfig, outputs: dict[str, faust.TopicT],
                 dead_letters: faust.TopicT, bootstrap_servers: str,
                 flush: Callable[[], Awaitable[None]]) -> None:
        self._tables = tables
        self._positions = positions
        self._journal = journal
        self._config = config
        self._outputs = outputs
        self._dead_letters = dead_letters
        self._bootstrap_servers = bootstrap_servers
        self._flush = flush
        self._engines: dict[int, PartitionEngine] = {}

    def forget_engines(self) -> None:
        """After a rebalance: each partition's engine is rebuilt from the recovered tables on first use."""
        self._engines.clear()

    async def _engine(self, event: faust.EventT) -> PartitionEngine:
        partition = event.message.partition
        if partition not in self._engines:
            # this partition's keys of every table, the output positions included
            slices = {name: PrefixedMap(table, f"{partition}/", scan=partition_scan(table, partition))
                      for name, table in {**self._tables, POSITIONS: self._positions}.items()}
            journal = Journal(self._journal, partition)
            entry = journal.last()
            if entry is not None:  # the last commit may have been cut short by a kill: finish it
                with acting_for(event):
                    written = reapply(entry, slices)
                log.info("last commit re-applied", partition=partition, keys=written)
            already = await self._emitted_since_commit(partition, slices[POSITIONS])
            self._engines[partition] = PartitionEngine(slices, partition, self._config, already, journal)
            log.info("partition engine ready", partition=partition, re_derived_to_skip=len(already))
        return self._engines[partition]

    async def _emitted_since_commit(self, partition: int, positions: MutableMapping[str, Any]) -> set[str]:
        ids: set[str] = set()
        for suffix, topic in self._outputs.items():
            name = topic.get_topic_name()
            records = await read_partition_from(
                self._bootstrap_servers, name, _output_partition(suffix, partition), int(positions.get(name, 0))
            )
            ids.update(_event_id(r.headers) for r in records)
        ids.discard("")
        return ids

    async def process_batch(self, events: list[faust.EventT]) -> None:
        """Apply a batch and commit it in the order of the class docstring.

        One broker round trip per batch instead of per event is most of the worker's throughput.
        """
        records: list[Record] = []
        owners: list[PartitionEngine | None] = []  # which partition's position each record moves
        last_event_of: dict[int, tuple[PartitionEngine, faust.EventT]] = {}
        try:
            for event in events:
                partition = await self._engine(event)
                last_event_of[partition.partition] = (partition, event)
                for record, tracked in self._apply(event, partition):
                    records.append(record)
                    owners.append(partition if tracked else None)
        except Exception:
            for partition, _ in last_event_of.values():
                partition.discard()  # nothing half-applied stays in the buffers
            raise
        for metadata, owner in zip(await send_acknowledged(records), owners):
            if owner is not None:
                owner.positions[metadata.topic] = max(int(owner.positions.get(metadata.topic, 0)), metadata.offset + 1)
        await self._flush()
        journaled = False
        for partition, event in last_event_of.values():
            with acting_for(event):
                journaled |= partition.write_journal()
        if journaled:
            await self._flush()
        for partition, event in last_event_of.values():
            with acting_for(event):
                partition.commit()

    def _apply(self, event: faust.EventT, partition: PartitionEngine) -> list[tuple[Record, bool]]:
        """The records one event leads to, each with whether it is a tracked derived record."""
        headers = list(event.message.headers or [])
        now = tick_time(headers)
        if now is not None:
            outcome = partition.engine.tick(now)
            happened = None
        else:
            parsed = self._parse(event, headers)
            if parsed is None:  # stage 1 checked it; only a change of contract lands here
                letter = self._letter(event, headers, APPLY, "EnvelopeError", "unreadable after routing", None)
                return [(dead_letter_record(self._dead_letters, letter), False)]
            model, happened = parsed
            # Event time: timers due before the event fire first, each at its own due time;
            # wall-clock ticks only arrive while the worker is caught up (see app.py).
            outcome = partition.engine.handle(model, happened)
        if outcome.derived and happened is not None:
            PROCESSING_LATENCY.observe(max(0.0, time.time() - happened.timestamp()))
        return self._records(outcome, event, headers, partition)

    def _parse(self, event: faust.EventT, headers: list[tuple[str, bytes]]):
        try:
            cloud_event = from_kafka(event.value, headers)
            model = to_model(cloud_event, privacy_checked=True)  # stage 1 ran the privacy guard
        except EnvelopeError:  # stage 1 checked it; only a change of contract lands here
            return None
        EVENTS_IN.labels(event.message.topic, cloud_event.type).inc()
        log.debug("applying", event_id=cloud_event.id, source=cloud_event.source)
        return model, cloud_event.time or datetime.now(UTC)

    def _records(self, outcome: Outcome, event: faust.EventT, headers: list[tuple[str, bytes]],
                 partition: PartitionEngine) -> list[tuple[Record, bool]]:
        records: list[tuple[Record, bool]] = []
        for model in outcome.derived:
            suffix, record = derived_record(model)
            event_id = _event_id(record.headers)
            if event_id in partition.already_emitted:  # sent before a crash, state not yet committed
                partition.already_emitted.discard(event_id)
                continue
            # One area partition writes to one partition of each derived topic, so after a crash
            # the worker knows exactly where to look for what it had already sent.
            records.append(((self._outputs[suffix], record.key, record.value, record.headers,
                             _output_partition(suffix, partition.partition)), True))
            EVENTS_OUT.labels(suffix, model.event_type).inc()
        for rejection in outcome.rejections:
            letter = self._letter(event, headers, APPLY, "Rejection", f"{rejection.reason}: {rejection.detail}",
                                  rejection.field)
            records.append((dead_letter_record(self._dead_letters, letter), False))
        return records

    @staticmethod
    def _letter(event: faust.EventT, headers: list[tuple[str, bytes]], stage: str, exception_class: str,
                reason: str, field_path: str | None) -> DeadLetter:
        return DeadLetter(payload=event.value or b"", stage=stage, reason=reason, exception_class=exception_class,
                          connector=WORKER, key=event.key, field_path=field_path, original_headers=headers,
                          **origin_of(event))


def _output_partition(suffix: str, area_partition: int) -> int:
    return area_partition % topic_spec(suffix).partitions


def _event_id(headers) -> str:
    for name, value in headers:
        if name == "ce_id":
            return value.decode()
    return ""
