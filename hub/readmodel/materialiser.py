"""The read model's consumer: reads the hub's topics and applies them to the read store.

No consumer group: it assigns every partition itself and seeks to the offsets stored in the read
store, which are written in the same transaction as the rows; after a restart it resumes exactly
there, and a rebuild drops the tables and reads from the beginning.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping

from aiokafka import TopicPartition

from hub.kafka.tail import TopicReader
from hub.logs import get_logger
from hub.readmodel.changes import ChangeFeed
from hub.readmodel.decode import decode
from hub.readmodel.metrics import ReadModelMetrics
from hub.readmodel.store import Incoming, ReadStore
from hub.topics.spec import event_topics, topic

DEADLETTER = topic("deadletter").suffix  # carries no contract event, so no event type names it
READ_TOPICS = (*(spec.suffix for spec in event_topics()), DEADLETTER)
"""Topic suffixes the read model materialises: every topic of contract events (the topic spec), the dead letters."""

log = get_logger(__name__)


class Materialiser:
    """Runs the consume -> apply loop as one task; ``ready`` once caught up with the end offsets seen at start."""

    def __init__(self, store: ReadStore, bootstrap_servers: str, topics: Mapping[str, str], feed: ChangeFeed,
                 metrics: ReadModelMetrics | None = None, *, batch_size: int = 1000, poll_ms: int = 200) -> None:
        self._store = store
        self._bootstrap = bootstrap_servers
        self._suffix_of = {name: suffix for suffix, name in topics.items() if suffix in READ_TOPICS}
        self._feed = feed
        self._metrics = metrics
        self._batch_size = batch_size
        self._poll_ms = poll_ms
        self._reader: TopicReader | None = None
        self._task: asyncio.Task[None] | None = None
        self._targets: dict[TopicPartition, int] = {}
        self._caught_up = asyncio.Event()
        self.records_seen = 0  # consumed and stored by this process (a restart that re-applied nothing keeps it at 0)
        self.error: BaseException | None = None

    @property
    def ready(self) -> bool:
        return self._caught_up.is_set() and self.error is None

    async def wait_ready(self, timeout_s: float) -> None:
        await asyncio.wait_for(self._caught_up.wait(), timeout_s)

    async def start(self, *, rebuild: bool = False) -> None:
        if rebuild:
            await self._store.reset()
            log.info("readmodel.rebuild", detail="tables dropped; reading every topic from the beginning")
        stored = await self._store.positions()
        # offset 0 on a partition whose start was deleted falls back to its earliest record
        reader = TopicReader(self._bootstrap, self._suffix_of, client="read model",
                             start_at=lambda tp: stored.get((tp.topic, tp.partition), 0),
                             max_poll_records=self._batch_size)
        await reader.start()
        self._reader = reader
        self._targets = await reader.end_offsets()
        await self._check_caught_up()
        self._task = asyncio.create_task(self._run(), name="readmodel-materialiser")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except (asyncio.CancelledError, Exception):  # noqa: BLE001 - already recorded in self.error
                pass
            self._task = None
        if self._reader is not None:
            await self._reader.stop()
            self._reader = None

    async def _run(self) -> None:
        assert self._reader is not None
        try:
            while True:
                fetched = await self._reader.fetch(timeout_ms=self._poll_ms, max_records=self._batch_size)
                if fetched:
                    await self._apply(fetched)
                if not self._caught_up.is_set():
                    await self._check_caught_up()
                await self._report_lag()
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # noqa: BLE001 - a failing store must show in /readyz, not vanish in a task
            self.error = exc
            log.exception("readmodel.stopped", error=str(exc))
            raise

    async def _apply(self, fetched: Mapping[TopicPartition, list]) -> None:  # type: ignore[type-arg]
        items: list[Incoming] = []
        positions: dict[tuple[str, int], int] = {}
        for tp, records in fetched.items():
            suffix = self._suffix_of[tp.topic]
            for record in records:
                item = decode(suffix, record)
                if item is not None:
                    items.append(item)
                elif self._metrics is not None and record.value is not None:
                    self._metrics.invalid.labels(suffix).inc()
            positions[(tp.topic, tp.partition)] = records[-1].offset + 1
        started = time.perf_counter()
        changes = await self._store.apply(items, positions)
        # counted once stored: a caller that waits for a count and then stops must find those rows
        self.records_seen += sum(len(records) for records in fetched.values())
        self._feed.publish(changes)
        if self._metrics is not None:
            done = time.time()
            self._metrics.batch_seconds.observe(time.perf_counter() - started)
            for item in items:
                self._metrics.events.labels(item.topic, item.event.type if item.event else "deadletter").inc()
                self._metrics.latency.observe(max(0.0, done - item.timestamp_ms / 1000))
            for change in changes:
                self._metrics.changes.labels(change.type).inc()

    async def _check_caught_up(self) -> None:
        assert self._reader is not None
        if await self._reader.behind(self._targets):
            return
        self._caught_up.set()
        log.info("readmodel.caught_up", partitions=len(self._targets))

    async def _report_lag(self) -> None:
        if self._metrics is None or self._reader is None:
            return
        for tp, behind in (await self._reader.lag()).items():
            self._metrics.lag.labels(tp.topic, str(tp.partition)).set(behind)
