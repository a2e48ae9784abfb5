"""The faust worker app, top to bottom: topics, tables, the two agents and the tick timer.

Stage 1 (`route_by_area`) reads the canonical topics, which are keyed by entity id, and forwards each
event to the area stream keyed by its AGS, so one municipality's needs, offers and status share a
partition. Stage 2 (`apply_in_area`) feeds the engine and writes what it derives. The engine's state
lives in faust tables (RocksDB on disk, compacted changelogs); its indexes are rebuilt from them after
each rebalance. Each commit of stage 2 is written ahead to the `area-journal` table (journal.py), so
a kill in the middle of writing many keys never leaves half a commit.
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

import faust
from aiokafka.errors import IllegalStateError

from hub.engine import EngineConfig, EngineTables
from hub.settings import Settings
from hub.stream._faust import (
    ROCKSDB_STORE_URL,
    SERVICE_LOGGERS,
    STREAM_CLASS,
    TABLE_MANAGER,
    RawChangelogSchema,
    agent_sources,
    freeze_gc_after_first_recovery,
    install_worker_consumer,
    last_read_offsets,
    records_in_flight,
)
from hub.stream.area_stage import AreaStage
from hub.stream.loop_watch import watch_event_loop
from hub.stream.readiness import ReadinessWatch
from hub.stream.route_stage import RouteStage
from hub.stream.ticks import TICK_KEY, tick_headers
from hub.topics.spec import AREA_STREAM_SUFFIX, WORKER_APP_SUFFIX, topic, topic_of_event_type
from schemas import Coverage, Duplicate, EntityState, Gap, GapResolved, Match, Need, Offer, Review, StatusUpdate
from schemas._base import EventModel


# Events are applied one by one but acknowledged in batches: up to this many, or what arrived
# within the first time (the latency it adds at low load, on each of the two stages). Events that
# arrived faster than BATCH_BUSY per window (800 a second, more than the worker processes), counted
# from the start of the last batch, are a backlog being read, and the batch may wait up to the second
# time for more: a backlog fills a buffer at only ~3 events per ms, so 10 ms windows alone made
# batches a fifth of the size and the per-batch flushes and commits cost more per event.
BATCH_SIZE = 500
BATCH_WAIT_S = 0.01
BATCH_BACKLOG_WAIT_S = 0.05
BATCH_BUSY = 8


def _topics_of(models: tuple[type[EventModel], ...]) -> tuple[str, ...]:
    """The suffixes of the topics the topic spec gives these event types, each once."""
    return tuple(dict.fromkeys(topic_of_event_type(model.event_type).suffix for model in models))


# what stage 1 reads: the canonical events, and the office's reviews (the engine applies them too)
INPUT_MODELS: tuple[type[EventModel], ...] = (Need, Offer, StatusUpdate, Review)
# what the engine derives; stage 2 writes each to its type's topic (hub/stream/derived.py)
DERIVED_MODELS: tuple[type[EventModel], ...] = (Match, Gap, GapResolved, Duplicate, Coverage, EntityState)
INPUTS = _topics_of(INPUT_MODELS)
DERIVED_TOPICS = _topics_of(DERIVED_MODELS)
DEADLETTER = topic("deadletter").suffix  # carries no contract event, so no event type names it


def group_instance_id(settings: Settings) -> str | None:
    """The name the consumer group knows this worker by across restarts (static membership), unique
    per host and worker name as its local state directory is; None for a member known only while its
    process lives."""
    if not settings.worker.static_membership:
        return None
    host, name = socket.gethostname(), settings.worker.name
    return name if host == name else f"{host}-{name}"  # a StatefulSet names the pod and the worker alike


def worker_faust_app(settings: Settings) -> faust.App:
    """The worker's faust app with nothing in it yet: Kafka, storage and consumer settings."""
    app = faust.App(
        f"{settings.topic_prefix}-{WORKER_APP_SUFFIX}",
        broker=[f"kafka://{server.strip()}" for server in settings.bootstrap_servers.split(",")],
        # faust's RocksDB store without its gc.collect() per table on each rebalance (hub/stream/_faust.py)
        store=ROCKSDB_STORE_URL,
        # faust's changelog recovery without a count over every partition after each record (_faust.py)
        TableManager=TABLE_MANAGER,
        # batches with a window that grows while a backlog is read (hub/stream/_faust.py)
        Stream=STREAM_CLASS,
        datadir=str(settings.home / "worker" / settings.worker.name),
        # faust-streaming's exactly_once has open bugs; effectively-once comes from the engine
        # applying each revision once and from deterministic derived ids.
        processing_guarantee="at_least_once",
        topic_partitions=settings.worker.partitions,
        topic_replication_factor=settings.replication_factor,
        topic_disable_leader=True,
        consumer_auto_offset_reset="earliest",
        producer_acks=-1,
        web_enabled=False,
        table_cleanup_interval=3600.0,
        consumer_metadata_max_age_ms=int(settings.worker.metadata_max_age_s * 1000),
        broker_session_timeout=settings.worker.session_timeout_s,
        consumer_group_instance_id=group_instance_id(settings),
    )
    # faust's own consumer can commit past records it never read around a rebalance (consumer.py),
    # and waits up to 1.5 s for each fetch
    install_worker_consumer(app, settings.worker.fetch_max_wait_ms)
    freeze_gc_after_first_recovery(app)
    return app


def area_stream_name(settings: Settings) -> str:
    return topic(AREA_STREAM_SUFFIX).name(settings.topic_prefix)


def create_worker_app(settings: Settings, engine_config: EngineConfig | None = None) -> faust.App:
    partitions = settings.worker.partitions
    app = worker_faust_app(settings)

    def raw_topic(*names: str, **options) -> faust.TopicT:
        return app.topic(*names, key_serializer="raw", value_serializer="raw", **options)

    def name(suffix: str) -> str:
        return topic(suffix).name(settings.topic_prefix)

    canonical = raw_topic(*map(name, INPUTS))
    by_area = raw_topic(area_stream_name(settings), partitions=partitions, internal=True)
    outputs = {s: raw_topic(name(s)) for s in DERIVED_TOPICS}
    dead_letters = raw_topic(name(DEADLETTER))

    rocksdb_options = {
        "write_buffer_size": settings.worker.table_write_buffer_mb * 2**20,
        "max_write_buffer_number": 2,
        "block_cache_size": settings.worker.table_block_cache_mb * 2**20,
    }

    def table(name: str) -> faust.Table:
        # its own schema instance: the changelog topic fills in the table's serializers
        return app.Table(name, partitions=partitions, default=None, options=rocksdb_options,
                         schema=RawChangelogSchema())

    engine_config = engine_config or EngineConfig()
    route_stage = RouteStage(table("route-entity-areas"), table("route-parked"), by_area, dead_letters, engine_config)
    engine_tables = {name: table(f"engine-{name}") for name in EngineTables.names()}
    journal = table("area-journal")
    area_stage = AreaStage(engine_tables, table("area-output-positions"), journal, engine_config,
                           outputs, dead_letters, settings.bootstrap_servers, flush=lambda: app.producer.flush())

    @app.agent(canonical, name="route-by-area")
    async def route_by_area(stream: faust.StreamT) -> None:
        async for events in stream.take_events(BATCH_SIZE, within=BATCH_WAIT_S,
                                               backlog_within=BATCH_BACKLOG_WAIT_S, busy=BATCH_BUSY):
            await route_stage.process_batch(list(events))

    @app.agent(by_area, name="apply-in-area")
    async def apply_in_area(stream: faust.StreamT) -> None:
        async for events in stream.take_events(BATCH_SIZE, within=BATCH_WAIT_S,
                                               backlog_within=BATCH_BACKLOG_WAIT_S, busy=BATCH_BUSY):
            await area_stage.process_batch(list(events))

    @app.timer(interval=settings.worker.tick_interval_s)
    async def tick_assigned_partitions() -> None:
        # A tick travels through the partition it is for, so timers run in order with its events
        # and write their state to that partition's changelog. While the worker is catching up on a
        # backlog, the clock waits: a gap must not be raised before the commitment behind it is read.
        if _catching_up(app, {*canonical.topics, by_area.get_topic_name()}):
            return
        now = datetime.now(UTC)
        for tp in app.consumer.assignment():
            if tp.topic == by_area.get_topic_name():
                await by_area.send(key=TICK_KEY, value=b"", partition=tp.partition, headers=tick_headers(now))

    @app.on_partitions_assigned.connect
    async def _keep_engines_of_kept_partitions(app: faust.App, assigned: set, **kwargs) -> None:
        area_stage.keep_engines_of({tp.partition for tp in assigned if tp.topic == by_area.get_topic_name()})

    return app


def worker_topic_names(app: faust.App) -> set[str]:
    """Every topic the worker's consumer reads: its agents' sources and its tables' changelogs."""
    return agent_sources(app) | {table.changelog_topic.get_topic_name() for table in app.tables.values()}


def readiness_watch(app: faust.App, settings: Settings,
                    on_timeout: Callable[[BaseException], Awaitable[None]]) -> ReadinessWatch:
    """The worker's readiness watch (hub/stream/readiness.py) over the app's topics and assignment."""
    return ReadinessWatch(
        settings.bootstrap_servers, worker_topic_names(app),
        assigned=lambda: bool(app.consumer.assignment()),
        rebalancing=lambda: bool(app.rebalancing),
        recovering=lambda: bool(app.in_recovery),
        subscribe_timeout_s=settings.worker.subscribe_timeout_s,
        on_timeout=on_timeout,
        lag=lambda: _input_lag(app),
        request_timeout_s=settings.request_timeout_s,
    )


async def _input_lag(app: faust.App) -> dict[tuple[str, int], int]:
    """Records behind the end of each assigned partition the agents read (changelogs are only written)."""
    sources = agent_sources(app)
    consumer = app.consumer
    lag = {}
    for tp in consumer.assignment():
        if tp.topic in sources:
            try:
                position, highwater = await consumer.position(tp), consumer.highwater(tp)
            except (AssertionError, IllegalStateError):  # revoked meanwhile (aiokafka asserts): not ours now
                continue
            if position is not None and highwater is not None:  # None: nothing fetched there yet
                lag[(tp.topic, tp.partition)] = max(0, highwater - position)
    return lag


class WorkerProcess(faust.Worker):
    """faust's worker, with the readiness watch and the event-loop watch running from the start.

    Not as an app task: faust starts those only after table recovery, which waits for the partitions
    the watch is there to notice missing. A watch that gives up crashes the worker: exit code 1.
    """

    def __init__(self, app: faust.App, settings: Settings, **kwargs: Any) -> None:
        # The hub's logging stays as `hub.logs.configure_logging` set it up: faust's worker would replace
        # the root logger's handler with a plain-text one of its own (faust's and aiokafka's lines in
        # another format than the hub's JSON), and for a terminal spinner it turns at every line it
        # would set the root logger to DEBUG, so that every debug line of faust and mode (about 3.7 per
        # event, one per changelog record in a recovery) was built, 9 us each (bench/README, "The log
        # spinner").
        super().__init__(app, override_logging=False, quiet=True, redirect_stdouts=False, **kwargs)
        self.spinner = None
        # faust logs every service start and stop at INFO, and each table partition it opens; the hub's
        # own lines come through structlog
        level = logging.DEBUG if settings.log_level == "debug" else logging.WARNING
        for name in SERVICE_LOGGERS:
            logging.getLogger(name).setLevel(level)
        self.readiness = readiness_watch(app, settings, on_timeout=self.crash)

    async def on_start(self) -> None:
        self.add_future(self.readiness.run())
        self.add_future(watch_event_loop())
        await super().on_start()


def _catching_up(app: faust.App, inputs: set[str]) -> bool:
    """Whether the worker is reading a backlog: an assigned partition of the input topics has records
    not fetched yet, or a batch's worth is fetched and waiting in faust's buffers (thousands wait
    there while a backlog is read, and a tick sent then would run the clock past them; the few in
    flight under steady load are no backlog, and their own event times move the clock anyway).

    (Table changelogs are assigned too, but the worker only writes them, so they are left out.)
    """
    if records_in_flight(app) >= BATCH_SIZE:
        return True
    consumer = app.consumer
    read = last_read_offsets(app)
    for tp in consumer.assignment():
        if tp.topic not in inputs:
            continue
        highwater = consumer.highwater(tp)
        if highwater and highwater - 1 > (read.get(tp) if read.get(tp) is not None else -1):
            return True
    return False
