"""Reads a topic from its beginning up to its end offsets at the time of the call (no consumer group)."""

from __future__ import annotations

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.structs import ConsumerRecord

from hub.errors import PermanentError


async def read_topic(bootstrap_servers: str, topic: str, *, poll_timeout_ms: int = 1000) -> list[ConsumerRecord]:
    """Every record now on `topic`, in partition order then offset order."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap_servers, enable_auto_commit=False)
    await consumer.start()
    try:
        partition_ids = consumer.partitions_for_topic(topic)
        if not partition_ids:
            await consumer._client.force_metadata_update()  # a topic created a moment ago
            partition_ids = consumer.partitions_for_topic(topic)
        if not partition_ids:
            raise PermanentError(f"topic {topic} does not exist")
        partitions = [TopicPartition(topic, p) for p in sorted(partition_ids)]
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        ends = await consumer.end_offsets(partitions)
        records: list[ConsumerRecord] = []
        remaining = {tp for tp, end in ends.items() if end > 0}
        while remaining:
            batch = await consumer.getmany(*remaining, timeout_ms=poll_timeout_ms)
            for tp, part in batch.items():
                records.extend(r for r in part if r.offset < ends[tp])
            remaining = {tp for tp in remaining if await consumer.position(tp) < ends[tp]}
        return sorted(records, key=lambda r: (r.partition, r.offset))
    finally:
        await consumer.stop()


async def read_partition_from(bootstrap_servers: str, topic: str, partition: int, start: int,
                              *, poll_timeout_ms: int = 1000) -> list[ConsumerRecord]:
    """The records of one partition from offset `start` up to its end offset at the time of the call."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap_servers, enable_auto_commit=False)
    await consumer.start()
    try:
        tp = TopicPartition(topic, partition)
        consumer.assign([tp])
        end = (await consumer.end_offsets([tp]))[tp]
        if start >= end:
            return []
        consumer.seek(tp, start)
        records: list[ConsumerRecord] = []
        while await consumer.position(tp) < end:
            batch = await consumer.getmany(tp, timeout_ms=poll_timeout_ms)
            records.extend(r for r in batch.get(tp, []) if r.offset < end)
        return records
    finally:
        await consumer.stop()


async def end_offsets(bootstrap_servers: str, topics: list[str]) -> dict[TopicPartition, int]:
    """The end offset of every partition of `topics` (missing topics are left out)."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap_servers, enable_auto_commit=False)
    await consumer.start()
    try:
        await consumer._client.force_metadata_update()  # a fresh consumer knows no topics yet
        partitions = [TopicPartition(t, p) for t in topics for p in sorted(consumer.partitions_for_topic(t) or ())]
        return await consumer.end_offsets(partitions) if partitions else {}
    finally:
        await consumer.stop()
