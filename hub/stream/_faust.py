"""The fence: the one module of the hub that reaches past faust's public API (and mode's, aiokafka's under it).

Why a fence: the worker needs a few things faust offers no public way to do, and each of them reads a
private attribute, overrides an internal method or replaces a hard-coded value. Kept here and nowhere
else, an upgrade of faust-streaming (pinned exactly in pyproject.toml) is checked in one place:
`tests/stream/test_faust_fence.py` builds these pieces without a broker and fails, naming what moved,
when the installed faust no longer has what this module relies on (`RELIES_ON`). Outside this module
the hub uses faust's public names only (a test checks).

What is here, and why each is needed:
- `Consumer`, `Transport`: faust's aiokafka consumer, except that it commits only what it read or
  proved absent (the rules and the lost records that made them necessary: `hub/stream/consumer.py`);
  its fetch wait is the worker's own (faust hard-codes 1.5 s, most of the latency at low load); and a
  commit counts as done only when it went through within its assignment (faust counted refused and
  overtaken ones, and then never committed the partition again).
  It hands a record to faust's conductor without mode's four tasks per record when the conductor
  queues it at once (`Consumer.wait_first`).
- `RocksDBStore`: faust's RocksDB store without a full `gc.collect()` per table on every rebalance
  and on stop; `RawChangelogSchema`: changelog records recovered into it without decoding them first
  (the store writes their bytes).
- `Recovery`, `TableManager`: changelog recovery that asks whether anything is left without counting
  every partition's records after each record it applies.
- `freeze_gc_after_first_recovery`: what is alive once the tables are recovered lives as long as the
  worker; frozen, the collector stops walking it again and again.
- `Stream.take_events`: batches that close after a short window under light load, and fill up while
  a backlog is read (faust's window is one fixed time); a batch counts as processed only when the
  agent asks for the next one (faust acknowledged a batch whose agent raised: records lost).
- `stop_worker`: an agent's unexpected error stops the worker instead of faust restarting the agent
  past the failed batch.
- `acting_for`: the changelog partition of a table write, which faust takes from a context variable.
- `partition_rows`: one partition's rows of a table straight from its RocksDB store.
- `last_read_offsets`, `records_in_flight`, `agent_sources`: what the consumer has read, what the
  agents have not finished yet, which topics the agents read.
"""

from __future__ import annotations

import asyncio
import gc
import os
import sys
import threading
import weakref
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import partial
from time import monotonic
from typing import Any, ClassVar

import faust
import structlog
from aiokafka.errors import IllegalStateError
from faust import stores as faust_stores
from faust import tables as faust_tables
from faust.stores import rocksdb as faust_rocksdb
from faust.tables import recovery as faust_recovery
from faust.streams import _current_event, _tracks_buffer_agen
from faust.transport.drivers import aiokafka as faust_aiokafka
from faust.types import TP, EventT, Message
from faust.types.tuples import ack_lock
from mode.utils.aiter import aiter
from mode.services import WaitResults
from mode.utils.futures import notify

from hub.metrics import OFFSET_REREADS
from hub.stream.consumer import JumpCheck, next_commit

log = structlog.get_logger("koordinate.worker.faust")

# The scheme of the worker's table store (`RocksDBStore` below), registered with faust's store registry.
ROCKSDB_STORE_URL = "koordinate-rocksdb://"

# The standard-library loggers of faust's and mode's services, this module's subclasses of them included
# (mode names a service's logger after its class's module).
SERVICE_LOGGERS = ("faust", "mode", __name__)

# What this module relies on, for the canary test: the classes it subclasses with the internal
# methods it overrides or copies (a change of their code needs a fresh look at ours), the private
# attributes it reads, and the hard-coded value it replaces. The source digests are of faust 0.15.3.
RELIES_ON: Mapping[str, Any] = {
    "version": "0.15.3",
    "overridden": {
        # faust's consumer: its offset bookkeeping, which `Consumer` below replaces in part
        "faust.transport.drivers.aiokafka:Consumer.ack": "5fcf41cf4515",
        "faust.transport.drivers.aiokafka:Consumer._new_offset": "1d2c7ea89a7a",
        "faust.transport.drivers.aiokafka:Consumer._add_gap": "4df2573ded7c",
        "faust.transport.drivers.aiokafka:Consumer.getmany": "4b168d84882a",
        "faust.transport.drivers.aiokafka:Consumer.perform_seek": "0e8c130ff4b0",
        "faust.transport.drivers.aiokafka:Consumer.seek": "b86a9fe05f95",
        "faust.transport.drivers.aiokafka:Consumer.on_partitions_revoked": "d04b7ae72c6f",
        # hands each record on with `wait_first(callback(message), suspend_flow.wait())`, which
        # `Consumer.wait_first` runs without tasks when the callback does not wait; and mode's wait_first
        "faust.transport.consumer:Consumer._drain_messages": "44a2500309e8",
        "mode.services:Service.wait_first": "feade6a31f8a",
        # records offsets as committed whether or not the commit happened (`Consumer._commit_offsets`)
        "faust.transport.drivers.aiokafka:Consumer._commit_offsets": "1a6979904118",
        "faust.transport.drivers.aiokafka:Consumer._commit": "a20eec84e4b2",
        # builds aiokafka's consumer with fetch_max_wait_ms=1500, which `_ConsumerThread` replaces
        "faust.transport.drivers.aiokafka:AIOKafkaConsumerThread._create_worker_consumer": "c2701bfc3e6f",
        "faust.transport.drivers.aiokafka:Consumer._new_consumer_thread": "0870ec53dea7",
        # copied by `RocksDBStore.revoke_partitions`, without its gc.collect()
        "faust.stores.rocksdb:Store.revoke_partitions": "3f85447a24fc",
        "faust.stores.rocksdb:Store._open_for_partition": "1dc4e0113d67",
        # copied by `RocksDBStore.stop`, without its gc.collect()
        "faust.stores.rocksdb:Store.stop": "2e98db0eb7c7",
        # writes recovered changelog records as their raw bytes, so `RawChangelogSchema` need not decode
        "faust.stores.rocksdb:Store.apply_changelog_batch": "ea3344d369fc",
        # read by `partition_rows`
        "faust.stores.rocksdb:Store._db_for_partition": "cb7e67d5f9ef",
        "faust.stores.rocksdb:Store._visible_items": "545dc16a2b25",
        # copied by `Stream.take_events`, with a window that grows under a backlog
        "faust.streams:Stream.take_events": "607d48aead11",
        # replaced by `Recovery.need_recovery` (same answer, no counter), and what it was built on
        "faust.tables.recovery:Recovery.need_recovery": "fd1dc345b5d5",
        "faust.tables.recovery:Recovery.active_remaining": "0dcc38568ad5",
        # what `Recovery.take` does for one record of a partition being restored
        "faust.tables.recovery:Recovery._slurp_changelogs": "7825c7e50f76",
        # builds the Recovery; `TableManager.recovery` builds ours
        "faust.tables.manager:TableManager.recovery": "f0bf5de78b4c",
        # where a table write takes its changelog partition from (`acting_for`)
        "faust.streams:current_event": "3b821f1a78d8",
    },
    # private attributes of a faust consumer read or written here
    "consumer_attributes": ("_read_offset", "_committed_offset", "_acked", "_acked_index", "_gap",
                            "_unacked_messages", "_waiting_for_ack", "_thread"),
    # private attributes and methods of a RocksDB store used here
    "store_attributes": ("_dbs", "_db_for_partition", "_visible_items", "_decode_key", "_decode_value"),
    # the consumer's fetch wait, hard-coded by faust, set on aiokafka's consumer before it starts
    "aiokafka_consumer_attribute": "_fetch_max_wait_ms",
}


# --- the consumer -------------------------------------------------------------------------------


# records handed on between two turns of the event loop, as faust's `_drain_messages` hands them on
_YIELD_EVERY = 100


class Consumer(faust_aiokafka.Consumer):
    """faust's aiokafka consumer; every offset jump is confirmed by a re-read before it counts as absent
    (the rules: `hub/stream/consumer.py`)."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self._expected: dict[TP, int | None] = {}
        # Per stream partition, the lowest offset held back during a rebalance since the partition was
        # last sought: read again from there once the rebalance is over (`getmany`).
        self._held_from: dict[TP, int] = {}
        # Where a stream partition with nothing committed was sought to: its commit starts there, so a
        # record at its start that was not processed holds the commit back instead of being passed over.
        self._read_from: dict[TP, int] = {}
        self._jumps = JumpCheck()
        # What the group has really committed, per assigned partition, as far as this consumer knows:
        # read when the partitions are sought to their committed offsets, moved by commits that went
        # through within the same assignment (`_commit_offsets`).
        self._known_committed: dict[TP, int | None] = {}
        # Counts the times the committed offsets were dropped or read again (revocation, seek): a commit
        # that spans one of them raced a rebalance.
        self._assignment_epoch = 0
        self._held_logged: set[tuple[TP, int, int]] = set()  # each held-back state is logged once

    def _new_consumer_thread(self) -> faust_aiokafka.AIOKafkaConsumerThread:
        return _ConsumerThread(self, loop=self.loop, beacon=self.beacon)

    async def seek(self, partition: TP, offset: int) -> None:
        await super().seek(partition, offset)
        self._expected[partition] = offset
        self._held_from.pop(partition, None)  # what was held back before is fetched again from here

    async def perform_seek(self) -> None:
        self._assignment_epoch += 1
        await super().perform_seek()
        self._known_committed = {tp: self._committed_offset[tp] for tp in self.assignment()}
        # Each stream partition is sought to its committed offset or, with nothing committed, to its
        # start: aiokafka seeks only to committed offsets above 0 (`seek_to_committed`), and a
        # partition with nothing committed would keep a fetch position past records faust fetched and
        # dropped when it stopped the flow. What was held back until here is fetched again from there.
        streams = [tp for tp in self.assignment() if self.app.topics.acks_enabled_for(tp.topic)]
        unsought = [tp for tp in streams if not self._read_offset.get(tp)]
        first = await self.earliest_offsets(*unsought) if unsought else {}
        for tp in streams:
            if tp in first:
                self._read_from[tp] = first[tp]
            await self.seek(tp, self._read_offset.get(tp) or first[tp])

    async def on_partitions_revoked(self, revoked: set[TP]) -> None:
        self._assignment_epoch += 1
        for tp in revoked:
            self._expected.pop(tp, None)
            self._held_from.pop(tp, None)
            self._read_from.pop(tp, None)
            self._known_committed.pop(tp, None)
        self._jumps.forget(revoked)
        await super().on_partitions_revoked(revoked)

    def ack(self, message: Message) -> bool:
        if message.generation_id == self.app.consumer_generation_id and self.app.flow_control.is_active():
            return super().ack(message)
        release_unprocessed(self, message)  # skipped around a rebalance: read again after it
        return False

    async def _add_gap(self, tp: TP, offset_from: int, offset_to: int) -> None:
        """faust's guess at a gap; absences are recorded in `getmany` once confirmed, so nothing here."""

    def _new_offset(self, tp: TP) -> int | None:
        acked, processed, absent = self._acked[tp], self._acked_index[tp], self._gap[tp]
        committed = self._committed_offset[tp]
        # What lies below the committed position is done with. Dropped only once it is committed, not
        # when a commit is attempted: a commit can fail, and the next one must still move over it.
        if committed is not None:
            acked[:] = [offset for offset in acked if offset >= committed]
            processed.intersection_update(acked)
            absent.chop(0, committed)
        start = committed if committed is not None else self._read_from.get(tp)
        position = next_commit(start, processed, absent)
        if position is None and processed and start is not None and min(processed) > start:
            # processed records above a hole: normal for a moment after a rebalance (records skipped then
            # are read again); for longer, the commit of this partition is held back, and this says why
            held = (tp, start, min(processed))
            if held not in self._held_logged:
                if len(self._held_logged) > 10_000:
                    self._held_logged.clear()
                self._held_logged.add(held)
                log.info("commit held back", topic=tp.topic, partition=tp.partition, committed=committed, start=start,
                         lowest_processed=min(processed), highest_processed=max(processed),
                         expected=self._expected.get(tp), known_committed=self._known_committed.get(tp))
        return position

    async def _commit_offsets(self, offsets: Mapping[TP, int], start_new_transaction: bool = True) -> bool:
        """faust's commit, after which the consumer's committed offsets are what the group really has.

        Why: faust records `offsets` as committed when the commit returns, whether it went through or
        not (a commit refused because the group "already rebalanced" returns False). Worse, a rebalance
        can complete while the commit waits (for the producer's flush, for the broker): the partitions
        are revoked, assigned again and sought to the group's committed offset, and then faust writes
        the stale, never-committed position over it. From then on the consumer believes a position the
        group does not have: it re-reads and processes the records from the group's offset, but counts
        them below its committed position, so no commit of that partition is ever attempted again and
        the group's offset stays where it was for good (the commit stall after a takeover,
        docs/reliability.md). Here a commit counts only if it went through within the assignment it was
        computed in; otherwise the offsets go back to what is known to be committed.
        """
        epoch = self._assignment_epoch
        did_commit = await super()._commit_offsets(offsets, start_new_transaction=start_new_transaction)
        overtaken = epoch != self._assignment_epoch
        assignment = self.assignment()
        for tp, offset in offsets.items():
            if did_commit and not overtaken and tp in assignment:
                self._known_committed[tp] = offset
                continue
            # back to the offset the partition was sought to or last committed at: safe either way, the
            # consumer reads on from there and commits again what it processes
            known = self._known_committed.get(tp)
            if known is None:
                self._committed_offset.pop(tp, None)
            else:
                self._committed_offset[tp] = known
        if overtaken or not did_commit:
            log.info("commit not counted", committed=did_commit, overtaken_by_rebalance=overtaken,
                     offsets={f"{tp.topic}[{tp.partition}]": offset for tp, offset in offsets.items()})
        return did_commit

    async def getmany(self, timeout: float) -> AsyncIterator[tuple[TP, Message]]:
        """faust's records, each offset jump confirmed by a re-read, and no stream record handed on while
        the group rebalances.

        Why the hold: during a rebalance faust resumes the stream partitions, seeks them to their
        committed offsets and only then resumes its flow control, which empties the agents' queues
        (`on_recovery_completed`, mode's `FlowControlEvent.resume`). A record handed on in between is
        dropped from its queue unprocessed, yet faust counts it as read: a replacement worker's first
        record of a partition with nothing committed was lost that way, its commit moved past it, and
        a record read before the seek made faust drop the earlier ones the seek brought back (a
        partition committed at 12: 14 processed, 12 and 13 left unread). Held-back records are fetched
        again from the lowest of them once the rebalance is over.
        """
        rereading: set[TP] = set()
        if self._held_from and not self.app.rebalancing:
            for tp in list(self._held_from):
                await self._read_held_again(tp)
        recovery = self.app.tables.recovery
        ours = recovery if isinstance(recovery, Recovery) else None  # asked once, not per record
        read_offset = self._read_offset
        taken = 0
        async for tp, message in super().getmany(timeout):
            if ours is not None and ours.takes(tp):
                ours.take(message)
                read_offset[tp] = message.offset  # as `_drain_messages` records a record handed on
                taken += 1
                if taken % _YIELD_EVERY == 0:  # a fetch may bring thousands; `_drain_messages` yields as often
                    await asyncio.sleep(0)
                continue
            if tp in rereading:
                continue  # the rest of this partition's batch comes again after the seek
            if self.app.topics.acks_enabled_for(message.topic):
                if self.app.rebalancing:
                    self._held_from[tp] = min(self._held_from.get(tp, message.offset), message.offset)
                    continue
                if tp in self._held_from:
                    rereading.add(tp)
                    await self._read_held_again(tp)
                    continue
                expected = self._expected.get(tp)
                if expected is not None and message.offset > expected:
                    if not self._jumps.confirmed(tp, expected, message.offset):
                        rereading.add(tp)
                        await self._reread(tp, expected, message.offset)
                        continue
                    self._gap[tp].addi(expected, message.offset)
                self._expected[tp] = max(expected or 0, message.offset + 1)
            yield tp, message

    async def wait_first(self, *coros: Any, timeout: Any = None) -> WaitResults:
        """mode's `wait_first`, except for how faust's `_drain_messages` hands each record on:
        `wait_first(callback(message), suspend_flow.wait())` makes four tasks and cancels three of them
        per record (33 us; 13 s of a 90 s cold start at 100,000 entities, every changelog record goes
        through it). The callback (faust's conductor) nearly always queues the record without waiting:
        it is run until it waits or ends, and only a callback that waits is raced against a suspension
        of the flow (a rebalance), the stop and a crash, from where it waits, as faust races it."""
        if not (len(coros) == 2 and timeout is None and asyncio.iscoroutine(coros[0])
                and asyncio.iscoroutine(coros[1]) and not self.suspend_flow.is_set()
                and not self._stopped.is_set() and not self._crashed.is_set()):
            return await super().wait_first(*coros, timeout=timeout)
        delivery, suspension = coros
        try:
            waits_on = delivery.send(None)
        except StopIteration as done:
            suspension.close()  # never started: nothing to cancel
            return WaitResults([delivery], [done.value], False)
        except BaseException:
            suspension.close()
            raise
        return await super().wait_first(_GoingOn(delivery, waits_on), suspension)

    async def _read_held_again(self, tp: TP) -> None:
        await self._read_again_from(tp, self._held_from.pop(tp))

    async def _reread(self, tp: TP, expected: int, offset: int) -> None:
        OFFSET_REREADS.labels(tp.topic).inc()
        log.info("offset jump re-read", topic=tp.topic, partition=tp.partition, expected=expected, offset=offset)
        await self._read_again_from(tp, expected)

    async def _read_again_from(self, tp: TP, offset: int) -> None:
        try:
            await self.seek(tp, offset)
        except IllegalStateError:  # revoked meanwhile: its next owner reads it from the committed offset
            self._expected.pop(tp, None)


class _GoingOn:
    """A coroutine run up to its first wait, as an awaitable that goes on from there (what `yield from`
    does for a coroutine not started yet): the task awaiting it waits on what the coroutine waits on,
    and a cancellation reaches the coroutine."""

    def __init__(self, coroutine: Any, waits_on: Any) -> None:
        self._coroutine = coroutine
        self._waits_on = waits_on

    def __await__(self) -> Any:
        coroutine, waits_on = self._coroutine, self._waits_on
        while True:
            try:
                sent = yield waits_on
            except GeneratorExit:
                coroutine.close()
                raise
            except BaseException as error:  # noqa: BLE001 - handed to the coroutine, as `yield from` does
                step = partial(coroutine.throw, error)
            else:
                step = partial(coroutine.send, sent)
            try:
                waits_on = step()
            except StopIteration as done:
                return done.value


def release_unprocessed(consumer: Any, message: Message) -> None:
    """Done with a record that was not processed: nobody waits for it any more (a rebalance or a stop
    would wait for its acknowledgement), but its offset does not count as processed, so no commit
    moves past it and the next reader of the partition reads it again."""
    with ack_lock:
        if not message.acked:
            message.acked = True  # a later acknowledgement of it is then a no-op
            consumer._unacked_messages.discard(message)
            notify(consumer._waiting_for_ack)


class _ConsumerThread(faust_aiokafka.AIOKafkaConsumerThread):
    """faust's consumer thread, with the transport's fetch wait instead of faust's fixed 1,500 ms.

    Why: the broker holds a fetch until `fetch_max_wait_ms` passes or a fetch's worth of data is there.
    At low load every record then waits up to 1.5 s on each of the worker's two reads (canonical
    topic, area stream); at 100 ms an idle worker sends a few more empty fetches a second.
    """

    def _create_worker_consumer(self, transport: faust_aiokafka.Transport) -> Any:
        consumer = super()._create_worker_consumer(transport)
        # aiokafka hands it to its fetcher when the consumer starts, which has not happened yet
        consumer._fetch_max_wait_ms = getattr(transport, "fetch_max_wait_ms", 1500)
        return consumer


class Transport(faust_aiokafka.Transport):
    """The aiokafka transport with the consumer above."""

    Consumer: ClassVar[type[faust_aiokafka.Consumer]] = Consumer
    fetch_max_wait_ms: int = 1500


def install_worker_consumer(app: faust.App, fetch_max_wait_ms: int) -> None:
    """Make `app` read through `Consumer` (before anything created its consumer)."""
    transport = Transport(app.conf.broker_consumer, app)
    transport.fetch_max_wait_ms = fetch_max_wait_ms
    app.transport = transport


def last_read_offsets(app: faust.App) -> Mapping[TP, int | None]:
    """The offset of the last record the worker's consumer read, per partition (None: none yet).

    faust keeps no public accessor for it.
    """
    return app.consumer._read_offset  # type: ignore[attr-defined]


def records_in_flight(app: faust.App) -> int:
    """How many records the consumer handed to the agents that they have not acknowledged yet
    (faust tracks them for a clean shutdown; there is no public accessor)."""
    return len(app.consumer._unacked_messages)  # type: ignore[attr-defined]


def agent_sources(app: faust.App) -> set[str]:
    """The topics the app's agents read (`channel.topics` is not in faust's typed interface)."""
    return {name for agent in app.agents.values() for name in agent.channel.topics}  # type: ignore[attr-defined]


# --- streams ------------------------------------------------------------------------------------

# The stream class of the worker's app (faust's `Stream` setting takes "module:Class").
STREAM_CLASS = f"{__name__}:Stream"


def reading_backlog(buffered: int, arriving_for_s: float, busy: int, window_s: float) -> bool:
    """Whether `buffered` events that arrived over `arriving_for_s` seconds came at least as fast as
    `busy` events per window of `window_s` (a shorter time counts as one window: events that were
    waiting arrive at once)."""
    if buffered < busy:
        return False
    return window_s <= 0 or buffered * window_s >= busy * max(arriving_for_s, window_s)


class Stream(faust.Stream):
    """faust's stream, whose `take_events` waits longer for a batch while a backlog is being read.

    Why: faust's window is one fixed time from the end of the last batch. A short one keeps light
    load quick (every record waits for it, on each of the worker's two stages), but while a backlog
    is read the buffer fills only during the window (it is held while a batch is processed), so a
    short window cuts batches to a fraction of `max_` and the per-batch costs (flushes, journal
    entries, table commits) grow per event. Here a window that ends with events arriving faster than
    `busy` per window, more than light load brings, is extended up to `backlog_within` or a full batch.

    The rate counts from when the buffer's events began to arrive (the start of the last batch, as
    records wait while it is processed), not from the window's start: a count alone took the records
    that queued up during a batch of 40-130 ms at 250 events/s for a backlog, and every batch of both
    stages waited the longer window for nothing (bench/README, "Batch windows").
    """

    @_tracks_buffer_agen
    async def take_events(self, max_: int, within: Any, *, backlog_within: float | None = None,
                          busy: int | None = None) -> AsyncGenerator[Sequence[EventT], None]:
        # faust 0.15.3's Stream.take_events, but for the second wait and the acknowledgement (marked below)
        buffer: list[Any] = []
        events: list[EventT] = []
        buffer_add = buffer.append
        event_add = events.append
        buffer_size = buffer.__len__
        buffer_full = asyncio.Event()
        buffer_consumed = asyncio.Event()
        timeout = float(within) if within else None
        extra = max(0.0, (backlog_within or 0.0) - (timeout or 0.0))
        busy_at = busy if busy is not None else max(1, max_ // 20)
        stream_enable_acks: bool = self.enable_acks
        buffer_consuming: asyncio.Future | None = None
        channel_it = aiter(self.channel)
        arriving_since: float | None = None  # when the buffer's events began to arrive (the change)

        async def add_to_buffer(value: Any) -> Any:
            try:
                nonlocal buffer_consuming, arriving_since
                if buffer_consuming is not None:
                    try:
                        await buffer_consuming
                    finally:
                        buffer_consuming = None
                if arriving_since is None:
                    arriving_since = monotonic()
                buffer_add(value)
                event = self.current_event
                if event is None:
                    raise RuntimeError("Take buffer found current_event is None")
                event_add(event)
                if buffer_size() >= max_:
                    buffer_full.set()
                    buffer_consumed.clear()
                    await self.wait(buffer_consumed)  # type: ignore[arg-type]
            except asyncio.CancelledError:  # pragma: no cover
                raise
            except Exception as exc:
                self.log.exception("Error adding to take buffer: %r", exc)
                await self.crash(exc)
            return value

        self.enable_acks = False
        self.add_processor(add_to_buffer)
        self._enable_passive(channel_it)  # type: ignore[arg-type]
        try:
            while not self.should_stop:
                await self.wait_for_stopped(buffer_full, timeout=timeout)  # type: ignore[arg-type]
                # the change: a window that closes on events arriving fast is a backlog; wait for a full batch
                if extra and not buffer_full.is_set() and arriving_since is not None and reading_backlog(
                        buffer_size(), monotonic() - arriving_since, busy_at, timeout or 0.0):
                    await self.wait_for_stopped(buffer_full, timeout=extra)  # type: ignore[arg-type]
                if buffer:
                    buffer_consuming = self.loop.create_future()
                    processed = False
                    # what arrives while this batch is processed waits for the next one
                    arriving_since = monotonic()
                    try:
                        yield list(events)
                        processed = True
                    finally:
                        buffer.clear()
                        # the second change: faust acknowledges the batch here however its consumer
                        # left it, so a batch whose agent raised (or was cancelled, or stopped) was
                        # committed as processed and never read again: records lost. Only a batch
                        # whose agent came back for the next one is processed.
                        if processed:
                            for event in events:
                                await self.ack(event)
                        else:
                            for event in events:
                                release_unprocessed(self.app.consumer, event.message)
                        events.clear()
                        notify(buffer_consuming)
                        buffer_full.clear()
                        buffer_consumed.set()
                else:
                    arriving_since = None  # idle: the next events' arrival starts with the first of them
        finally:
            self.enable_acks = stream_enable_acks
            self._processors.remove(add_to_buffer)


async def stop_worker(app: faust.App, reason: BaseException) -> None:
    """Crash the app, and with it the worker process (exit code 1, the reason in its log).

    For an error after which carrying on would be wrong: faust restarts a crashed agent on the same
    stream, after the records the failed batch held, so those would be applied after later ones, or,
    their offsets held back (`Stream.take_events`), only after some later restart. Stopping makes
    that restart now: its consumer reads the batch again from the committed offsets, in order.

    The crash asks mode to stop the worker; that stop can hang (seen once: the app crashed during the
    first rebalance and the worker carried on as ready), so a watchdog thread ends the process with
    exit code 1 if it is still there after `STOP_GRACE_S`. Nothing is lost by that: the worker is built
    to survive a kill at any point, and nothing of the failed batch was committed.
    """
    watchdog = threading.Timer(STOP_GRACE_S, _exit_now, args=(repr(reason),))
    watchdog.daemon = True
    watchdog.start()
    await app.crash(reason)


STOP_GRACE_S = 15.0


def _exit_now(reason: str) -> None:
    log.error("worker did not stop after its crash; exiting", reason=reason, grace_s=STOP_GRACE_S)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(1)


# --- tables -------------------------------------------------------------------------------------


class RocksDBStore(faust_rocksdb.Store):
    """faust's RocksDB store, without a full garbage collection per table on every rebalance and stop.

    Why: faust runs `gc.collect()` in `revoke_partitions` of every table (about fifteen here) at each
    rebalance, so that a RocksDB handle it dropped lets go of its file lock before the partition is
    opened again. A handle nothing else refers to is freed at once by reference counting; a full
    collection walks the whole heap (the engines' state: seconds at a million entities), fifteen
    times. Here the collection runs only when a store is found still locked on opening.
    """

    async def stop(self) -> None:
        # faust collects here too, once per table (fifteen full passes over the engines' state when a
        # worker shuts down for a rolling restart, while its partitions wait to be handed over)
        self.logger.info("Closing rocksdb on stop")
        self._dbs.clear()

    def revoke_partitions(self, table: Any, tps: set[TP]) -> None:
        for tp in tps:
            if tp.topic in table.changelog_topic.topics:
                if self._dbs.pop(tp.partition, None) is not None:
                    self.logger.info(f"closing db {tp.topic} partition {tp.partition}")

    def _open_for_partition(self, partition: int) -> Any:
        try:
            return super()._open_for_partition(partition)
        except Exception as exc:
            if "lock" not in repr(exc):
                raise
            # a dropped handle still held in a reference cycle keeps the lock until collected
            gc.collect()
            return super()._open_for_partition(partition)


# `ROCKSDB_STORE_URL` names the store above; faust looks stores up by scheme in this registry
faust_stores.STORES.aliases[ROCKSDB_STORE_URL.split(":", 1)[0]] = f"{__name__}:RocksDBStore"


class RawChangelogSchema(faust.Schema):
    """The schema of a table's changelog topic whose records are read as the bytes they are.

    Why: faust decodes the key and value of every changelog record it reads (JSON, and an event built
    around them) before recovery hands it to the store, and the RocksDB store then writes the record's
    key and value bytes as they came (`Store.apply_changelog_batch`), never the decoded ones: at
    100,000 entities, seconds of a recovery spent on values thrown away. Writes are unchanged: the
    schema encodes as faust's default one does.
    """

    def loads_key(self, app: Any, message: Message, *, loads: Any = None, serializer: Any = None) -> Any:
        return message.key

    def loads_value(self, app: Any, message: Message, *, loads: Any = None, serializer: Any = None) -> Any:
        return message.value


def partition_rows(table: faust.Table | Any, partition: int) -> Callable[[], Iterator[tuple[Any, Any]]] | None:
    """A function yielding (key, value) of the table's rows in one partition's store, decoded as faust
    decodes them; None for anything else (the in-memory store, a dict in tests)."""
    store = getattr(table, "data", None)
    if not isinstance(store, faust_rocksdb.Store):
        return None

    def scan() -> Iterator[tuple[Any, Any]]:
        # The rows' bytes are read at once, so no store iterator stays open across the caller's turns
        # of the event loop (a rebalance may close the store meanwhile); they are decoded one by one
        # as the caller asks, so a restore yields to the loop between them (decoding 170,000 records
        # at once held it for 2-6 s at 1M entities).
        rows = list(store._visible_items(store._db_for_partition(partition)))
        for raw_key, raw_value in rows:
            yield store._decode_key(raw_key), store._decode_value(raw_value)

    return scan


@contextmanager
def acting_for(event: faust.EventT) -> Iterator[None]:
    """Table writes made inside go to the changelog partition of `event`.

    faust picks a table's changelog partition from the stream's current event, a context variable
    with no public setter; when a batch holds events of several partitions, each partition's
    buffered writes are committed in the context of one of its own events.
    """
    token = _current_event.set(weakref.ref(event))
    try:
        yield
    finally:
        _current_event.reset(token)


# --- changelog recovery -------------------------------------------------------------------------


class Recovery(faust_recovery.Recovery):
    """faust's changelog recovery, with the records of the partitions it restores taken straight from
    the consumer, and answering "is anything left to recover?" without a count.

    Why the straight path: faust hands every changelog record through its conductor to a queue that
    `_slurp_changelogs` empties: an event built around it, a put, a get under `asyncio.wait_for` (a
    task per record) and two debug lines formatted per record; once the queue is full, every put waits
    and goes the slow way through mode's `wait_first` (four tasks). That was about a third of a
    profiled cold start at 100,000 entities. While a restore runs, `Consumer.getmany` gives the
    records of the partitions being restored to `take`, which does what `_slurp_changelogs` does for
    one of them; everything else (standby partitions, records after the restore) goes faust's way.

    Why no count: faust asks after every changelog record it applies, and answered by building a
    counter of the records left in every active changelog partition (about 18 tables x 6 partitions in
    a worker): about 6 s of CPU in a profiled cold start at 100,000 entities. Here the partition last
    found with records left is asked first, and the first partition with records left ends the search.
    """

    _left_in: TP | None = None

    def takes(self, tp: TP) -> bool:
        """Whether `take` applies this partition's records now: a restore is running, the partition is
        one it restores, and its table wants no callback per record (none of the worker's does)."""
        return (self.in_recovery and tp in self.active_tps
                and self.tp_to_table[tp]._on_changelog_event is None)

    def take(self, message: Message) -> None:
        """A record of a partition being restored, as `_slurp_changelogs` applies one: once, in
        batches of the table's recovery buffer, and the restore ended once no partition has records
        left."""
        tp, offset = message.tp, message.offset
        seen = self.active_offsets.get(tp)
        if seen is not None and offset <= seen:
            return
        self.active_offsets[tp] = offset
        table = self.tp_to_table[tp]
        buffer = self.buffers[table]
        buffer.append(_Recovered(message))
        if len(buffer) >= table.recovery_buffer_size:
            table.apply_changelog_batch(buffer)
            buffer.clear()
            self._last_flush_at = monotonic()
        if not self.need_recovery():
            self.flush_buffers()
            self._set_recovery_ended()
            # wakes the restore waiting for its end, and is cleared at once, as `_slurp_changelogs`
            # clears it at its next record: left set, the next restore would not wait for its own end
            self.signal_recovery_end.set()
            self.signal_recovery_end.clear()

    def need_recovery(self) -> bool:
        highwaters, offsets = self.active_highwaters, self.active_offsets
        last = self._left_in
        if last is not None and last in highwaters and _records_left(highwaters[last], offsets[last]):
            return True
        for tp, highwater in highwaters.items():
            if _records_left(highwater, offsets[tp]):
                self._left_in = tp
                return True
        return False


class _Recovered:
    """A changelog record as recovery buffers it for `Store.apply_changelog_batch`, which reads only
    the message (faust buffers the event its conductor built around it)."""

    __slots__ = ("message",)

    def __init__(self, message: Message) -> None:
        self.message = message


def _records_left(highwater: int | None, offset: int | None) -> bool:
    # as faust's `Recovery.active_remaining` counts a partition: both known, and the offset short of it
    return highwater is not None and offset is not None and highwater - offset > 0


class TableManager(faust_tables.TableManager):
    """faust's table manager with the `Recovery` above."""

    @property
    def recovery(self) -> faust_recovery.Recovery:
        if self._recovery is None:
            self._recovery = Recovery(self.app, self, beacon=self.beacon, loop=self.loop)
        return self._recovery


TABLE_MANAGER = f"{__name__}:TableManager"


# --- the collector ------------------------------------------------------------------------------


def freeze_gc_after_first_recovery(app: faust.App) -> None:
    """Once the first rebalance that assigned partitions is complete, move what is alive into the
    collector's permanent generation.

    Why: what exists then (the app, its tables and topics, imported modules, the contract's
    validators) lives as long as the worker; frozen, the collector's full passes no longer walk it.
    Later objects are collected as before, except the partition engines' indexes, which the area stage
    freezes as it restores them and unfreezes when a rebalance drops them (hub/stream/area_stage.py).
    """
    frozen = False

    async def _freeze(sender: Any = None, **kwargs: Any) -> None:
        nonlocal frozen
        if frozen or not app.assignor.assigned_actives():
            return
        frozen = True
        gc.collect()  # garbage of the start-up is freed first, not kept forever
        gc.freeze()
        log.info("gc frozen after recovery", objects=gc.get_freeze_count())

    app.on_rebalance_complete.connect(_freeze, weak=False)
