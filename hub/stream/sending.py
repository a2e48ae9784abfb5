"""Sends a batch of records through faust and waits until the broker acknowledged every one."""

from __future__ import annotations

from collections.abc import Sequence

import faust
from aiokafka.structs import RecordMetadata

from hub.deadletter import DeadLetter
from hub.metrics import DEAD_LETTERS

# (topic, key, value, headers, partition or None for the key's partition)
Record = tuple[faust.TopicT, bytes | None, bytes, Sequence[tuple[str, bytes]], int | None]


async def send_acknowledged(records: Sequence[Record]) -> list[RecordMetadata]:
    """Send records; return their metadata once all are acknowledged (acks=all)."""
    pending = [await topic.send(key=key, value=value, headers=list(headers), partition=partition)
               for topic, key, value, headers, partition in records]
    return [await future for future in pending]


def dead_letter_record(topic: faust.TopicT, letter: DeadLetter) -> Record:
    DEAD_LETTERS.labels(letter.stage, letter.exception_class).inc()
    return topic, letter.key, letter.payload, letter.headers(), None


def origin_of(event: faust.EventT) -> dict[str, object]:
    """Where a consumed record came from, for dead-letter context."""
    message = event.message
    return {"origin_topic": message.topic, "origin_partition": message.partition, "origin_offset": message.offset}
