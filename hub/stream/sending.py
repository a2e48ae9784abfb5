"""Sends a batch of records through faust and waits until the broker acknowledged every one."""

from __future__ import annotations

from collections.abc import Sequence

import faust

from hub.deadletter import DeadLetter
from hub.metrics import DEAD_LETTERS

Record = tuple[faust.TopicT, bytes | None, bytes, Sequence[tuple[str, bytes]]]


async def send_acknowledged(records: Sequence[Record]) -> None:
    """Send (topic, key, value, headers) records; return once all are acknowledged (acks=all)."""
    pending = [await topic.send(key=key, value=value, headers=list(headers)) for topic, key, value, headers in records]
    for future in pending:
        await future


def dead_letter_record(topic: faust.TopicT, letter: DeadLetter) -> Record:
    DEAD_LETTERS.labels(letter.stage, letter.exception_class).inc()
    return topic, letter.key, letter.payload, letter.headers()


def origin_of(event: faust.EventT) -> dict[str, object]:
    """Where a consumed record came from, for dead-letter context."""
    message = event.message
    return {"origin_topic": message.topic, "origin_partition": message.partition, "origin_offset": message.offset}
