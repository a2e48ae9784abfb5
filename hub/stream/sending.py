"""Sends a batch of records through faust and waits until the broker acknowledged every one."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

import faust
from aiokafka.structs import RecordMetadata

from hub.deadletters.letter import DeadLetter
from hub.metrics import DEAD_LETTERS
from hub.stream._faust import acting_for

__all__ = ["Record", "acting_for", "dead_letter_record", "origin_of", "send_acknowledged"]

# (topic, key, value, headers, partition or None for the key's partition)
Record = tuple[faust.TopicT, bytes | None, bytes, Sequence[tuple[str, bytes]], int | None]


async def send_acknowledged(records: Sequence[Record]) -> list[RecordMetadata]:
    """Send records; return their metadata once all are acknowledged (acks=all).

    Straight to the app's producer (the one its tables' changelogs use, so one flush covers both):
    `Topic.send` wraps every record in faust's pending-message machinery and sensors, which cost
    more per record than the send itself, for nothing these already-serialised records need.
    """
    if not records:
        return []
    producer = records[0][0].app.producer
    pending = [await producer.send(topic=topic.get_topic_name(), key=key, value=value, partition=partition,
                                   timestamp=None, headers=list(headers))
               for topic, key, value, headers, partition in records]
    return list(await asyncio.gather(*pending))


def dead_letter_record(topic: faust.TopicT, letter: DeadLetter) -> Record:
    DEAD_LETTERS.labels(letter.stage, letter.exception_class).inc()
    return topic, letter.key, letter.payload, letter.headers(), None


def origin_of(event: faust.EventT) -> dict[str, object]:
    """Where a consumed record came from, for dead-letter context."""
    message = event.message
    return {"origin_topic": message.topic, "origin_partition": message.partition, "origin_offset": message.offset}


def event_id_in(headers: Sequence[tuple[str, bytes]] | None) -> str:
    """The CloudEvents id a record's headers carry ("" for a tick or a record without one)."""
    for name, value in headers or ():
        if name == "ce_id":
            return value.decode(errors="replace")
    return ""


def log_failed_batch(logger: Any, message: str, events: list[faust.EventT], exc: BaseException) -> None:
    """Log a batch that failed as a whole: the error and where the batch starts."""
    first = events[0].message if events else None
    logger.error(message, error=f"{type(exc).__name__}: {exc}", events=len(events),
                 topic=first.topic if first else None, partition=first.partition if first else None,
                 offset=first.offset if first else None)
