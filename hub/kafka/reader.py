"""Reads a topic from its beginning up to its end offsets at the time of the call (no consumer group)."""

from __future__ import annotations

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.structs import ConsumerRecord

from hub.kafka.tail import TopicReader


async def read_topic(bootstrap_servers: str, topic: str, *, poll_timeout_ms: int = 1000) -> list[ConsumerRecord]:
    """Every record now on `topic`, in partition order then offset order (PermanentError if it does not exist)."""
    reader = TopicReader(bootstrap_servers, [topic], missing="fail", client="topic read")
    records: list[ConsumerRecord] = []
    try:
        await reader.start()
        await reader.catch_up(lambda batch: records.extend(r for part in batch.values() for r in part),
                              timeout_ms=poll_timeout_ms)
    finally:
        await reader.stop()
    return sorted(records, key=lambda r: (r.partition, r.offset))


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
    reader = TopicReader(bootstrap_servers, topics, client="end offsets")
    try:
        await reader.start()
        return await reader.end_offsets()
    finally:
        await reader.stop()
