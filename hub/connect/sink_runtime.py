"""Runs sink connectors: read the hub's topics from the committed position, `add`, `flush`, dead-letter, commit.

One checkpoint at a time: at most `max_in_flight` records are read and handed to the sink; after `flush`
decided every delivery (delivered, dead-lettered, subscription ended), the dead letters are written
(acks=all) and then the next offsets and the sink's state go to `connect-offsets`. A crash re-delivers
at most the records of the checkpoint in flight; receivers dedupe on the CloudEvent id.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Literal, TypeVar

from aiokafka import TopicPartition
from aiokafka.structs import ConsumerRecord

from connectors import ConfigError, ConnectorMisuse, Position, partition_key
from connectors.sink_base import Directory, Outcome, SinkConnector, SinkRecord
from connectors.sinks import load_sink, sink_kind_of
from hub.connect.offsets import Counters, OffsetStore
from hub.connect.sink_metrics import record_outcome
from hub.connect.sink_state import SinkState, TargetCounters, load_sink_states
from hub.deadletters.letter import DELIVER, READ, DeadLetter
from hub.errors import BrokerUnavailable, MisuseError
from hub.kafka.directory import EntityDirectory
from hub.kafka.directory_feed import DirectoryFeed
from hub.kafka.producer import EventProducer
from hub.kafka.tail import LATEST, TopicReader
from hub.logs import get_logger
from hub.metrics import DEAD_LETTERS, serve_metrics
from hub.settings import Settings
from hub.topics.spec import topic
from schemas import EnvelopeError, from_kafka

T = TypeVar("T")

# the topic spec's two topics that carry no contract event, so no event type names them; `topic()`
# fails at import on a suffix the spec does not have
DEADLETTER = topic("deadletter").suffix
CONNECT_OFFSETS = topic("connect-offsets").suffix


def split_sink_configs(paths: Sequence[Path]) -> tuple[list[Path], list[Path]]:
    """(sink configs, the rest): the connect runtime hands the first to `run_sinks`, the rest to the sources."""
    sinks = [p for p in paths if sink_kind_of(p)]
    return sinks, [p for p in paths if p not in sinks]


def load_sinks(paths: Sequence[Path], directory: Directory) -> list[SinkConnector[Any]]:
    """The sinks of these config files; every problem of every file in one `MisuseError`."""
    sinks, problems = [], []
    for path in paths:
        try:
            sinks.append(load_sink(path, directory))
        except ConfigError as exc:
            problems.append(str(exc))
    names = [s.name for s in sinks]
    problems += [f"sink name {n!r} is used by more than one config" for n in sorted({n for n in names if names.count(n) > 1})]
    if problems:
        raise MisuseError("; ".join(problems))
    return sinks


class SinkTask:
    """Runs one sink over its topics; its position and state live in `connect-offsets` under its name."""

    def __init__(self, sink: SinkConnector[Any], settings: Settings, producer: EventProducer, offsets: OffsetStore,
                 directory: DirectoryFeed) -> None:
        self.sink, self.producer, self.offsets, self.directory = sink, producer, offsets, directory
        self.settings = settings
        self.state = SinkState(sink.name, sink.config.kind)
        self.log = get_logger("hub.connect", connector=sink.name)
        self._deadletter_topic = topic(DEADLETTER).name(settings.topic_prefix)
        self._reader = TopicReader(settings.bootstrap_servers,
                                   [topic(suffix).name(settings.topic_prefix) for suffix in sink.config.topics],
                                   start_at=self._start_at, client=f"sink {sink.name}")

    async def start(self, prior: SinkState | None) -> None:
        """Resume from the committed position and state (a fresh one when there is none)."""
        self.state = prior or self.state
        self.sink.restore(self.state.sink_state)
        try:
            await self.sink.open()
        except ConnectorMisuse as exc:
            raise MisuseError(str(exc)) from exc
        await self._reader.start()

    def _start_at(self, tp: TopicPartition) -> int | None | Literal["latest"]:
        """Where a partition starts: the committed position, else per `start_at` (also for topics joined later)."""
        at = self.state.next_offset(tp.topic, tp.partition)
        if at is not None:
            return at
        return LATEST if self.sink.config.start_at == "latest" else None

    async def close(self) -> None:
        await self._reader.stop()
        await self.sink.close()

    async def run(self, stop: asyncio.Event, once: bool = False) -> None:
        """Deliver until `stop` is set; with `once`, until the end offsets of the start are reached."""
        ends = await self._reader.end_offsets() if once else None
        while not stop.is_set():
            if ends is not None and not await self._reader.behind(ends):
                return
            batch = await self._reader.fetch(timeout_ms=500, max_records=self.sink.config.max_in_flight)
            records = sorted((r for part in batch.values() for r in part), key=lambda r: (r.topic, r.partition, r.offset))
            if records and not await self._checkpoint(records, stop):
                return

    async def _checkpoint(self, records: list[ConsumerRecord], stop: asyncio.Event) -> bool:
        """Hand the records over, deliver, dead-letter, commit; False when stopped before the commit."""
        await self.directory.caught_up()  # every entity these records name is known (it was written before them)
        letters = []
        for record in records:
            try:
                event = from_kafka(record.value, record.headers)
            except EnvelopeError as exc:
                letters.append(self._unreadable(record, exc))
                continue
            self.sink.add(SinkRecord(record.topic, record.partition, record.offset,
                                     record.key.decode() if record.key else None, event, record.value or b"",
                                     tuple((n, v or b"") for n, v in record.headers or ())))
        flushing = asyncio.ensure_future(self.sink.flush())
        stopping = asyncio.ensure_future(stop.wait())
        await asyncio.wait({flushing, stopping}, return_when=asyncio.FIRST_COMPLETED)
        stopping.cancel()
        if not flushing.done():  # stopped mid-delivery: nothing committed, the restart delivers these again
            flushing.cancel()
            return False
        outcomes = flushing.result()
        letters += [self._dead_letter(o) for o in outcomes if o.result == "dead_lettered"]
        if letters:
            await self._acknowledged(stop, lambda: self.producer.send_many(
                [(self._deadletter_topic, d.key, d.payload, d.headers()) for d in letters]))
            for letter in letters:
                DEAD_LETTERS.labels(letter.stage, letter.exception_class).inc()
        state = self._advanced(records, outcomes, letters)
        await self._acknowledged(stop, lambda: self.offsets.commit(state))
        self.state = state
        for outcome in outcomes:
            record_outcome(self.sink.name, outcome)
            if outcome.result == "ended":
                self.log.warning("subscription ended (410 Gone)", subscription=outcome.target, **outcome.detail)
        return True

    def _advanced(self, records: list[ConsumerRecord], outcomes: list[Outcome], letters: list[DeadLetter]) -> SinkState:
        offsets = dict(self.state.position.offsets)
        for record in records:  # sorted: the last record of a partition wins
            offsets[partition_key({"topic": record.topic, "partition": record.partition})] = {"offset": record.offset + 1}
        targets = dict(self.state.targets)
        for outcome in outcomes:
            targets[outcome.target] = targets.get(outcome.target, TargetCounters()).counting(outcome)
        delivered = sum(1 for o in outcomes if o.result == "delivered")
        counters = self.state.counters + Counters(read=len(records), produced=delivered,
                                                  dead_lettered=len(letters), events=len(outcomes))
        last_error = self.state.last_error
        if letters:
            last = letters[-1]
            last_error = {"stage": last.stage, "class": last.exception_class, "message": last.reason[:500],
                          "at": datetime.now(timezone.utc).isoformat()}
        lag = 0
        for tp, highwater in self._reader.highwaters().items():
            position = offsets.get(partition_key({"topic": tp.topic, "partition": tp.partition}))
            lag += max(0, highwater - (position["offset"] if position else 0))
        return self.state.but(position=Position(offsets), counters=counters, targets=targets,
                              sink_state=self.sink.state(), lag=lag, last_error=last_error)

    def _dead_letter(self, outcome: Outcome) -> DeadLetter:
        status = outcome.detail.get("status")
        refused = status is not None and 400 <= status < 500 and status != 429
        record = outcome.record
        return DeadLetter(
            payload=record.value, stage=DELIVER, reason=outcome.reason[:2000],
            exception_class="WebhookRefused" if refused else "WebhookUnavailable", connector=self.sink.name,
            key=record.key.encode() if record.key else None, origin_topic=record.topic,
            origin_partition=record.partition, origin_offset=record.offset,
            source_position={"subscription": outcome.target, "url": outcome.detail.get("url"), "status": status,
                             "attempts": len(outcome.attempts), "event_id": record.event.id},
            original_headers=record.headers,
        )

    def _unreadable(self, record: ConsumerRecord, error: EnvelopeError) -> DeadLetter:
        return DeadLetter(
            payload=record.value or b"", stage=READ, reason=str(error)[:2000],
            exception_class=f"{type(error).__module__}.{type(error).__qualname__}", connector=self.sink.name,
            key=record.key, origin_topic=record.topic, origin_partition=record.partition, origin_offset=record.offset,
            original_headers=tuple((n, v or b"") for n, v in record.headers or ()),
        )

    async def _acknowledged(self, stop: asyncio.Event, send: Callable[[], Awaitable[T]]) -> T:
        # the deliveries are made: keep trying to record them, or they would be made again after a restart
        failures = 0
        while True:
            try:
                return await send()
            except BrokerUnavailable as exc:
                failures += 1
                if stop.is_set() and failures > 3:
                    raise
                self.log.warning("broker unavailable while committing, will retry", error=str(exc))
                await asyncio.sleep(min(30.0, 2.0 ** failures))


async def run_sinks(settings: Settings, config_paths: Sequence[Path], *, stop: asyncio.Event,
                    once: bool = False) -> dict[str, SinkState]:
    """Run every sink until `stop` is set (or, with `once`, until it has delivered what was there at the start)."""
    if not config_paths:
        return {}
    # one directory for every sink of the process; missing="wait": a sink may start before the hub's topics exist
    directory = DirectoryFeed(EntityDirectory(), settings.bootstrap_servers, settings.topic_prefix,
                              client="sink directory")
    sinks = load_sinks(config_paths, directory.directory)
    for port in sorted({s.config.metrics_port for s in sinks if s.config.metrics_port}):
        serve_metrics(port)
    offsets_topic = topic(CONNECT_OFFSETS).name(settings.topic_prefix)
    async with EventProducer(settings.bootstrap_servers, client_id="koordinate-connect-sinks",
                             request_timeout_s=settings.request_timeout_s) as producer:
        offsets = OffsetStore(settings.bootstrap_servers, offsets_topic, producer)
        prior = await load_sink_states(offsets)
        await directory.start()
        tasks = [SinkTask(s, settings, producer, offsets, directory) for s in sinks]
        try:
            for task in tasks:
                await task.start(prior.get(task.sink.name))
            await asyncio.gather(*(task.run(stop, once=once) for task in tasks))
        finally:
            for task in tasks:
                await task.close()
            await directory.stop()
    return {task.sink.name: task.state for task in tasks}


async def sink_states(settings: Settings) -> dict[str, SinkState]:
    """The latest committed state of every sink that ever ran against these topics."""
    return await load_sink_states(OffsetStore(settings.bootstrap_servers,
                                              topic(CONNECT_OFFSETS).name(settings.topic_prefix)))
