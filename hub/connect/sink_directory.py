"""Feeds a sink's `Directory` (entity -> publisher, area; need -> committed offers) from the canonical topics.

Read from the beginning on start (needs and offers are compacted: the latest record per entity) and
caught up to the end offsets before each batch is routed: a derived event was made from records that
were on these topics before it, so after the catch-up every entity it names is known.
"""

from __future__ import annotations

import asyncio
import json

from collections.abc import Mapping

from aiokafka import TopicPartition
from aiokafka.structs import ConsumerRecord

from connectors.sink_base import Directory
from hub.kafka.tail import TopicReader

_TYPES = {"needs": "org.koordinate.need.v1", "offers": "org.koordinate.offer.v1", "status": "org.koordinate.status.v1"}


class KafkaDirectory:
    """A `Directory` kept current from the needs, offers and status topics (no consumer group)."""

    def __init__(self, bootstrap_servers: str, topics: dict[str, str], directory: Directory | None = None) -> None:
        self.directory = directory if directory is not None else Directory()
        self._type_of = {topic: _TYPES[suffix] for suffix, topic in topics.items()}
        self._reader = TopicReader(bootstrap_servers, self._type_of, client="sink directory")
        self._lock = asyncio.Lock()  # several sinks of one process share the directory

    async def start(self) -> None:
        await self._reader.start()
        await self.catch_up()

    async def stop(self) -> None:
        await self._reader.stop()

    async def catch_up(self) -> int:
        """Read up to the end offsets as of now; the number of records taken in."""
        async with self._lock:
            return await self._reader.catch_up(self._take_batch)

    def _take_batch(self, batch: Mapping[TopicPartition, list[ConsumerRecord]]) -> None:
        for tp, records in batch.items():
            for record in records:
                self._take(tp.topic, record.key, record.value)

    def _take(self, topic: str, key: bytes | None, value: bytes | None) -> None:
        if value is None:
            if key is not None and self._type_of[topic] != _TYPES["status"]:
                self.directory.forget(key.decode())
            return
        try:
            self.directory.learn(self._type_of[topic], json.loads(value))
        except (ValueError, KeyError, TypeError, AttributeError):
            pass  # a malformed canonical record was dead-lettered upstream; it names no entity we could route by
