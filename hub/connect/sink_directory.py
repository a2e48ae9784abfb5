"""Feeds a sink's `Directory` (entity -> publisher, area; need -> committed offers) from the canonical topics.

Read from the beginning on start (needs and offers are compacted: the latest record per entity) and
caught up to the end offsets before each batch is routed: a derived event was made from records that
were on these topics before it, so after the catch-up every entity it names is known.
"""

from __future__ import annotations

import asyncio
import json

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.errors import KafkaError

from connectors.sink_base import Directory
from hub.errors import BrokerUnavailable, MisuseError

_TYPES = {"needs": "org.koordinate.need.v1", "offers": "org.koordinate.offer.v1", "status": "org.koordinate.status.v1"}


class KafkaDirectory:
    """A `Directory` kept current from the needs, offers and status topics (no consumer group)."""

    def __init__(self, bootstrap_servers: str, topics: dict[str, str], directory: Directory | None = None) -> None:
        self.directory = directory if directory is not None else Directory()
        self._topics = topics  # suffix -> topic name
        self._consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap_servers, enable_auto_commit=False)
        self._partitions: list[TopicPartition] = []
        self._type_of: dict[str, str] = {}
        self._lock = asyncio.Lock()  # several sinks of one process share the directory

    async def start(self) -> None:
        try:
            await self._consumer.start()
            await self._consumer._client.force_metadata_update()  # a fresh consumer knows no topics yet
        except (KafkaError, OSError) as exc:
            await self._consumer.stop()
            raise BrokerUnavailable(f"the sink's directory cannot reach the broker: {exc}") from exc
        for suffix, topic in self._topics.items():
            parts = self._consumer.partitions_for_topic(topic)
            if not parts:
                raise MisuseError(f"missing topic {topic}: create it with `koordinate topics apply`")
            self._partitions += [TopicPartition(topic, p) for p in sorted(parts)]
            self._type_of[topic] = _TYPES[suffix]
        self._consumer.assign(self._partitions)
        await self._consumer.seek_to_beginning(*self._partitions)
        await self.catch_up()

    async def stop(self) -> None:
        await self._consumer.stop()

    async def catch_up(self) -> int:
        """Read up to the end offsets as of now; the number of records taken in."""
        async with self._lock:
            return await self._catch_up()

    async def _catch_up(self) -> int:
        ends = await self._consumer.end_offsets(self._partitions)
        taken = 0
        behind = {tp for tp, end in ends.items() if await self._consumer.position(tp) < end}
        while behind:
            batch = await self._consumer.getmany(*behind, timeout_ms=500)
            for tp, records in batch.items():
                for record in records:
                    self._take(tp.topic, record.key, record.value)
                    taken += 1
            behind = {tp for tp in behind if await self._consumer.position(tp) < ends[tp]}
        return taken

    def _take(self, topic: str, key: bytes | None, value: bytes | None) -> None:
        if value is None:
            if key is not None and self._type_of[topic] != _TYPES["status"]:
                self.directory.forget(key.decode())
            return
        try:
            self.directory.learn(self._type_of[topic], json.loads(value))
        except (ValueError, KeyError, TypeError, AttributeError):
            pass  # a malformed canonical record was dead-lettered upstream; it names no entity we could route by
