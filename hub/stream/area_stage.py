"""Stage 2: events of one area go through that partition's engine; derived events and dead letters go out."""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import faust
import structlog

from hub.deadletters.letter import APPLY, VALIDATE, DeadLetter
from hub.engine import Engine, EngineConfig, EngineTables
from hub.engine.outcome import Outcome
from hub.kafka.reader import read_partition_from
from hub.metrics import EVENTS_IN, EVENTS_OUT, JOURNAL_BYTES, PROCESSING_LATENCY
from hub.stream.collector import StateFreezer
from hub.stream.derived import derived_record
from hub.stream.journal import Journal, reapply
from hub.stream.routing import area_event
from hub.stream._faust import stop_worker
from hub.stream.sending import (
    Record, acting_for, dead_letter_record, event_id_in, log_failed_batch, origin_of, send_acknowledged,
)
from hub.stream.staging import DecodedCache, PrefixedMap, StagedMap
from hub.stream.stepping import LoopTurns
from hub.stream.table_scan import partition_scan
from hub.stream.ticks import tick_time
from hub.topics.spec import topic as topic_spec
from schemas import EnvelopeError, from_kafka, to_model

WORKER = "koordinate-worker"
POSITIONS = "__output_positions__"  # the positions table's name inside a journal entry
# Test fault hook, read once when the worker starts (see `FaultHook`); never set in production.
FAULT_HOOK_VARIABLE = "KOORDINATE_TEST_FAULT_HOOK"
log = structlog.get_logger("koordinate.worker.area")


class InjectedFault(RuntimeError):
    """Raised by the test fault hook only."""


@dataclass(frozen=True)
class FaultHook:
    """A test fault hook: makes the worker fail at a chosen event, so tests can prove what a failure does.

    Why a hook: no real input makes the engine raise today (the last one, a revision 0, was fixed), yet
    any future engine bug would; the tests of what the worker then does need a failure on demand. It
    stays out of the pure engine: it raises where the stage calls the engine. Set from
    `KOORDINATE_TEST_FAULT_HOOK`, comma-separated `KIND:EVENT_ID` entries:

    - `apply:ID`: applying the event with this CloudEvents id raises, as an engine bug would (a poison
      record, dead-lettered);
    - `commit:ID`: a batch holding this event raises after it was applied and before anything was
      sent, as a failing broker would (no poison record: the worker stops and a restart re-reads it).
    """

    apply: frozenset[str] = frozenset()
    commit: frozenset[str] = frozenset()

    @classmethod
    def from_environment(cls) -> FaultHook:
        entries = [e.strip() for e in os.environ.get(FAULT_HOOK_VARIABLE, "").split(",") if e.strip()]
        kinds: dict[str, set[str]] = {"apply": set(), "commit": set()}
        for entry in entries:
            kind, _, event_id = entry.partition(":")
            if kind not in kinds or not event_id:
                raise ValueError(f"{FAULT_HOOK_VARIABLE}: {entry!r} is not apply:EVENT_ID or commit:EVENT_ID")
            kinds[kind].add(event_id)
        if entries:
            log.warning("test fault hook armed", variable=FAULT_HOOK_VARIABLE, **{k: sorted(v) for k, v in kinds.items()})
        return cls(frozenset(kinds["apply"]), frozenset(kinds["commit"]))

    def before_apply(self, event_id: str) -> None:
        if event_id in self.apply:
            raise InjectedFault(f"test fault hook: applying {event_id} fails")

    def before_send(self, event_ids: set[str]) -> None:
        if hit := event_ids & self.commit:
            raise InjectedFault(f"test fault hook: the batch holding {sorted(hit)[0]} fails before sending")


class PartitionEngine:
    """The engine of one area partition over its slice of the tables, with buffered writes.

    `positions` holds, per derived topic, the end of what this partition had emitted when its state
    was last committed; `already_emitted` are the event ids found on the topics past that point
    after a crash: the engine derives them again, and they are not sent a second time.
    """

    def __init__(self, slices: dict[str, MutableMapping[str, Any]], partition: int,
                 already_emitted: set[str], journal: Journal) -> None:
        self.partition = partition
        self.staged = {name: StagedMap(DecodedCache(view)) for name, view in slices.items() if name != POSITIONS}
        self.positions = StagedMap(slices[POSITIONS])
        self.already_emitted = already_emitted
        self.journal = journal
        # the journal entry the engine's state ends with: a partition written by another worker
        # meanwhile (it was away for a while) has a newer one
        self.journal_head = journal.head()
        self.engine: Engine  # built over `staged` by `restore`

    @classmethod
    async def restore(cls, slices: dict[str, MutableMapping[str, Any]], partition: int, config: EngineConfig,
                      already_emitted: set[str], journal: Journal) -> PartitionEngine:
        """The partition's engine with its indexes rebuilt from the slice, in steps that leave the event
        loop free between them (hub/engine/steps.py).

        What the steps built is frozen at each turn and at the end: it lives until the next rebalance,
        and the collector's full passes, set off by the many objects a restore makes, then walk only what
        was built since, not the whole growing index (a pass held the loop 1-2 s at 100,000 entities)."""
        partition_engine = cls(slices, partition, already_emitted, journal)
        partition_engine.engine = await LoopTurns(on_turn=gc.freeze).run(
            Engine.restoring(EngineTables(**partition_engine.staged), config))
        gc.freeze()
        return partition_engine

    def _all_staged(self) -> dict[str, StagedMap]:
        return {**self.staged, POSITIONS: self.positions}

    def write_journal(self) -> bool:
        """Record the buffered writes as one journal entry (see journal.py); False when there are none."""
        if not any(staged.pending for staged in self._all_staged().values()):
            return False
        JOURNAL_BYTES.observe(
            self.journal.write({name: staged.changes() for name, staged in self._all_staged().items()}))
        self.journal_head = self.journal.head()
        return True

    def still_current(self) -> bool:
        """Whether the engine still holds exactly what its partition's tables hold: nothing of its own
        left uncommitted, and no commit since its last one (by another worker, while the partition
        was away)."""
        return not any(staged.pending for staged in self._all_staged().values()) \
            and self.journal.head() == self.journal_head

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
                 flush: Callable[[], Awaitable[None]], fault_hook: FaultHook | None = None) -> None:
        self._tables = tables
        self._positions = positions
        self._journal = journal
        self._config = config
        self._outputs = outputs
        self._dead_letters = dead_letters
        self._bootstrap_servers = bootstrap_servers
        self._flush = flush
        self._engines: dict[int, PartitionEngine] = {}
        # partitions whose engine outlived a rebalance: checked against the tables at first use
        self._to_check: set[int] = set()
        self._faults = fault_hook if fault_hook is not None else FaultHook.from_environment()
        self._freezer = StateFreezer()  # what the engines build is frozen as it grows (collector.py)

    def forget_engines(self) -> None:
        """Each partition's engine is rebuilt from the tables on first use."""
        self._engines.clear()
        self._to_check.clear()
        self._freezer.unfreeze()  # what the engines held may now be collected, cycles included

    def keep_engines_of(self, assigned: set[int]) -> None:
        """After a rebalance: the engines of area partitions still assigned are kept (rebuilding one
        takes seconds to minutes by its state, and every worker of the group would rebuild all of them
        on every rebalance), to be checked against the partition's journal at first use; the others go."""
        gone = set(self._engines) - assigned
        for partition in gone:
            del self._engines[partition]
        self._to_check = set(self._engines)
        if gone:
            self._freezer.unfreeze()

    async def _engine(self, event: faust.EventT) -> PartitionEngine:
        partition = event.message.partition
        if partition in self._to_check:
            self._to_check.discard(partition)
            # read only now: the partition's tables are recovered before its first record is processed
            kept = self._engines.get(partition)
            if kept is not None and kept.still_current():
                log.info("partition engine kept across the rebalance", partition=partition)
            elif kept is not None:
                del self._engines[partition]
                log.info("partition engine rebuilt: its tables changed while it was away", partition=partition)
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
            self._engines[partition] = await PartitionEngine.restore(slices, partition, self._config, already, journal)
            log.info("partition engine ready", partition=partition, re_derived_to_skip=len(already))
        return self._engines[partition]

    async def _emitted_since_commit(self, partition: int, positions: MutableMapping[str, Any]) -> set[str]:
        ids: set[str] = set()
        for suffix, topic in self._outputs.items():
            name = topic.get_topic_name()
            records = await read_partition_from(
                self._bootstrap_servers, name, _output_partition(suffix, partition), int(positions.get(name, 0))
            )
            ids.update(event_id_in(r.headers) for r in records)
        ids.discard("")
        return ids

    async def process_batch(self, events: list[faust.EventT]) -> None:
        """Apply a batch and commit it in the order of the class docstring.

        One broker round trip per batch instead of per event is most of the worker's throughput.
        An event the engine cannot apply is dead-lettered and the rest applied (`_apply_isolating`).
        Any other error (the broker refusing a send, a table write failing) leaves the batch not
        applied: nothing of it is committed, and the worker stops so that its restart reads the
        batch again, in order (`hub/stream/_faust.py`, `Stream.take_events`, keeps its offsets from
        being committed; carrying on past it would apply later records first).
        """
        try:
            await self._process(events)
        except Exception as exc:
            log_failed_batch(log, "batch not applied; the worker stops so that a restart reads it again", events, exc)
            self.forget_engines()  # with their buffers: none of this batch is kept
            await stop_worker(self._dead_letters.app, exc)
            raise

    async def _process(self, events: list[faust.EventT]) -> None:
        records, owners, last_event_of = await self._apply_isolating(events)
        self._faults.before_send({event_id_of(event) for event in events})
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
        self._freezer.applied(len(events))

    async def _apply_isolating(self, events: list[faust.EventT]) -> tuple[
            list[Record], list[PartitionEngine | None], dict[int, tuple[PartitionEngine, faust.EventT]]]:
        """Apply every event to its partition's engine, writes buffered; the records to send, with the
        partition whose output position each one moves.

        An event whose application raises is a poison record: a bug of the engine's, or an input it
        cannot handle. It must neither stop the worker (every later record of its partition would wait
        behind it for good) nor be skipped silently. The batch's buffers are discarded and the engines
        of its partitions rebuilt from their committed state (an engine that raised half-way may hold
        half an event in its indexes), then the batch is applied again without it; it goes to the dead
        letters with the exception. Each pass sets one more poison record aside, so this ends.
        """
        poisoned: dict[int, Exception] = {}
        turns = LoopTurns()  # the loop gets its turns during the batch, not only between batches
        while True:
            records: list[Record] = []
            owners: list[PartitionEngine | None] = []  # which partition's position each record moves
            last_event_of: dict[int, tuple[PartitionEngine, faust.EventT]] = {}
            applying: int | None = None
            try:
                for index, event in enumerate(events):
                    partition = await self._engine(event)
                    last_event_of[partition.partition] = (partition, event)
                    if index in poisoned:
                        records.append(self._poison_letter(event, poisoned[index]))
                        owners.append(None)
                        continue
                    applying = index
                    for record, tracked in await self._apply(event, partition, turns):
                        records.append(record)
                        owners.append(partition if tracked else None)
                    applying = None
                return records, owners, last_event_of
            except Exception as exc:
                for partition, _ in last_event_of.values():
                    partition.discard()  # nothing half-applied stays in the buffers
                    self._engines.pop(partition.partition, None)  # nor in an engine's indexes
                if applying is None:  # not an event's own failure (rebuilding an engine, reading Kafka)
                    raise
                poisoned[applying] = exc
                message = events[applying].message
                log.error("poison record dead-lettered", event_id=event_id_of(events[applying]) or None,
                          topic=message.topic, partition=message.partition, offset=message.offset,
                          error=f"{type(exc).__name__}: {exc}", exc_info=exc)

    def _poison_letter(self, event: faust.EventT, exc: Exception) -> Record:
        headers = list(event.message.headers or [])
        reason = f"{type(exc).__name__} while applying: {exc}"[:2000]
        return dead_letter_record(self._dead_letters,
                                  self._letter(event, headers, APPLY, type(exc).__name__, reason, None))

    async def _apply(self, event: faust.EventT, partition: PartitionEngine,
                     turns: LoopTurns) -> list[tuple[Record, bool]]:
        """The records one event leads to, each with whether it is a tracked derived record. The engine
        runs in steps: the first tick after a restore sweeps every area and category (seconds at
        100,000 entities) and the event loop gets its turns meanwhile."""
        headers = list(event.message.headers or [])
        now = tick_time(headers)
        if now is not None:
            outcome = await turns.run(partition.engine.ticking(now))
            happened = None
        else:
            parsed = self._parse(event, headers)
            if isinstance(parsed, EnvelopeError):
                # the edge or stage 1 checked it: only a contract changed since, or a stamp that a
                # producer outside the hub set (schemas.VALIDATED_HEADER), lands here
                problems = parsed.problems
                letter = self._letter(event, headers, VALIDATE, "EnvelopeError", f"unreadable after routing: {parsed}",
                                      problems[0].path if problems else None)
                return [(dead_letter_record(self._dead_letters, letter), False)]
            model, happened = parsed
            model = area_event(model, headers)  # a departure: it moved away and leaves this partition
            self._faults.before_apply(event_id_of(event))
            # Event time: timers due before the event fire first, each at its own due time;
            # wall-clock ticks only arrive while the worker is caught up (see app.py).
            outcome = await turns.run(partition.engine.handling(model, happened))
        if outcome.derived and happened is not None:
            PROCESSING_LATENCY.observe(max(0.0, time.time() - happened.timestamp()))
        return self._records(outcome, event, headers, partition)

    def _parse(self, event: faust.EventT, headers: list[tuple[str, bytes]]) -> tuple[Any, datetime] | EnvelopeError:
        try:
            cloud_event = from_kafka(event.value, headers)
            # the privacy guard ran where the record was made (stamped) or in stage 1
            model = to_model(cloud_event, privacy_checked=True)
        except EnvelopeError as exc:
            return exc
        EVENTS_IN.labels(event.message.topic, cloud_event.type).inc()
        log.debug("applying", event_id=cloud_event.id, source=cloud_event.source)
        return model, cloud_event.time or datetime.now(UTC)

    def _records(self, outcome: Outcome, event: faust.EventT, headers: list[tuple[str, bytes]],
                 partition: PartitionEngine) -> list[tuple[Record, bool]]:
        records: list[tuple[Record, bool]] = []
        for model in outcome.derived:
            suffix, record = derived_record(model)
            event_id = event_id_in(record.headers)
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


def event_id_of(event: faust.EventT) -> str:
    """The CloudEvents id of a record of the area stream ("" for a tick)."""
    return event_id_in(event.message.headers)
