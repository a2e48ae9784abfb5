"""Sends a batch of records through faust and waits until the broker acknowledged every one."""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import faust
from aiokafka.structs import RecordMetadata
from faust.streams import _current_event

from hub.deadletters.letter import DeadLetter
from hub.metrics import DEAD_LETTERS

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
    pending = [await producer.send(topic.get_topic_name(), key, value, partition, None, list(headers))
               for topic, key, value, headers, partition in records]
    return list(await asyncio.gather(*pending))


def dead_letter_record(topic: faust.TopicT, letter: DeadLetter) -> Record:
    DEAD_LETTERS.labels(letter.stage, letter.exception_class).inc()
    return topic, letter.key, letter.payload, letter.headers(), None


@contextmanager
def acting_for(event: faust.EventT) -> Iterator[None]:
    """Table writes made inside go to the changelog partition of `event`.

    faust picks a table's changelog partition from the stream's current event; when a batch holds
    events of several partitions, each partition's buffered writes are committed in the context of
    one of its own events. (faust has no public setter, so its context variable is set directly.)
    """
    token = _current_event.set(weakref.ref(event))
    try:
        yield
    finally:
        _current_event.reset(token)


def origin_of(event: faust.EventT) -> dict[str, object]:
    """Where a consumed record came from, for dead-letter context."""
    message = event.message
    return {"origin_topic": message.topic, "origin_partition": message.partition, "origin_offset": message.offset}
