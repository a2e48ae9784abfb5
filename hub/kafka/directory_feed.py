"""Keeps an `EntityDirectory` current: the canonical topics read from the beginning, then tailed.

`start` reads every record up to the end offsets of that moment, so a process answers from what was
published before it started (needs and offers are compacted: the latest record per entity; status keeps
every event); a background task then follows the topics. `caught_up` waits until the directory holds
everything written before the call: a webhook sink calls it before routing a batch, since a derived
event was made from records that were on these topics before it.
"""

from __future__ import annotations

import asyncio
from typing import Literal

from aiokafka.errors import KafkaError

from hub.kafka.directory import KIND_OF_MODEL, EntityDirectory, RecordKind
from hub.kafka.tail import Batch, TopicReader
from hub.logs import get_logger
from hub.topics.spec import topic_of_event_type

log = get_logger(__name__)

TAIL_FETCH_MS = 1000
RETRY_S = 1.0  # after a failed fetch, and between looks while none of the topics exists yet


def canonical_topics(topic_prefix: str) -> dict[str, RecordKind]:
    """topic name -> the kind of record on it, for the topics the topic spec gives the directory's models."""
    return {topic_of_event_type(model.event_type).name(topic_prefix): kind for model, kind in KIND_OF_MODEL.items()}


class DirectoryFeed:
    """One reader over the needs, offers and status topics (no consumer group), feeding one directory.

    `missing="fail"`: `start` raises PermanentError while a topic does not exist (the gateway writes to
    them, so it is not ready before they are); `"wait"`: it starts without them and reads them once they
    exist (a sink that only routes can begin before the hub's topics are created)."""

    def __init__(self, directory: EntityDirectory, bootstrap_servers: str, topic_prefix: str, *,
                 missing: Literal["wait", "fail"] = "wait", client: str = "entity directory",
                 max_partition_fetch_bytes: int = 1024 * 1024) -> None:
        self.directory = directory
        self._kind_of = canonical_topics(topic_prefix)
        self._client = client
        self._reader = TopicReader(bootstrap_servers, self._kind_of, missing=missing, client=client,
                                   max_partition_fetch_bytes=max_partition_fetch_bytes)
        self._task: asyncio.Task[None] | None = None
        # replaced after every fetch of the tail: whoever holds the old one learns that positions moved
        self._progress = asyncio.Event()
        self.loaded = asyncio.Event()

    @property
    def topics(self) -> dict[str, RecordKind]:
        return dict(self._kind_of)

    async def start(self) -> None:
        """Read every record up to the end offsets of now, then follow the topics in the background.

        BrokerUnavailable if Kafka does not answer; PermanentError if a topic is missing and `missing="fail"`."""
        try:
            await self._reader.start()
            await self._reader.catch_up(self._apply)
        except BaseException:
            await self._reader.stop()
            raise
        self.loaded.set()
        log.info("directory.loaded", client=self._client, entities=len(self.directory))
        self._task = asyncio.create_task(self._tail(), name=f"{self._client} tail")

    async def caught_up(self) -> None:
        """Return once every record on the topics at the time of the call is in the directory."""
        if self._task is None:
            raise RuntimeError("the directory feed is not started")
        ends = await self._reader.end_offsets()
        while True:
            progressed = self._progress  # taken before the check, so a fetch in between wakes us
            if not await self._reader.behind(ends):
                return
            waiting = asyncio.ensure_future(progressed.wait())
            await asyncio.wait({waiting, self._task}, return_when=asyncio.FIRST_COMPLETED)
            waiting.cancel()
            if self._task.done():  # a tail that stopped would leave us waiting for ever: its error instead
                self._task.result()
                raise RuntimeError("the directory feed stopped")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except (asyncio.CancelledError, Exception):  # noqa: BLE001 - stopping; its error no longer matters
                pass
            self._task = None
        await self._reader.stop()

    def _apply(self, batch: Batch) -> None:
        for tp, records in batch.items():
            kind = self._kind_of[tp.topic]
            for record in records:
                self.directory.take_record(kind, record.key, record.value, record.headers)

    async def _tail(self) -> None:
        while True:
            try:
                batch = await self._reader.fetch(timeout_ms=TAIL_FETCH_MS)
            except KafkaError as exc:  # the consumer reconnects by itself; keep following
                log.warning("directory.tail_interrupted", client=self._client, error=str(exc))
                await asyncio.sleep(RETRY_S)
                continue
            # no await between the fetch and here: whoever sees the reader's new positions sees their records applied
            self._apply(batch)
            self._progress.set()
            self._progress = asyncio.Event()
            if not self._reader.partitions:  # fetch returns at once while there is nothing to read yet
                await asyncio.sleep(RETRY_S)
