"""Turns consumed Kafka records into ``Incoming`` items: a CloudEvent and its model, or a dead letter's reason."""

from __future__ import annotations

import json

from aiokafka.structs import ConsumerRecord

from schemas import EnvelopeError, from_kafka, to_model

from hub.deadletters.letter import read_dead_letter_headers
from hub.readmodel.store import Incoming
from hub.topics.spec import DEADLETTER_SUFFIX

_REASON_HEADERS = ("reason", "dlq_reason", "x-reason", "koordinate_reason", "ce_reason")


def deadletter_reason(record: ConsumerRecord) -> str:
    """The reason of a dead letter, kept to few distinct values so counts stay meaningful.

    Kafka Connect's convention (``hub.deadletters.letter``): ``<stage>/<exception class>``, e.g. ``VALIDATE/SchemaError``
    (the free-text message names values and would make every count 1). Otherwise a reason header or a
    ``reason`` field of a JSON value; else "unknown".
    """
    context = read_dead_letter_headers(record.headers or ())
    if "stage" in context or "exception.class.name" in context:
        return f"{context.get('stage', '?')}/{context.get('exception.class.name', '?')}"[:200]
    for name, value in record.headers or ():
        if name.lower() in _REASON_HEADERS and value:
            return value.decode("utf-8", "replace")[:200]
    try:
        body = json.loads(record.value) if record.value else None
    except (ValueError, UnicodeDecodeError):
        body = None
    if isinstance(body, dict) and isinstance(body.get("reason"), str):
        return body["reason"][:200]
    return "unknown"


def decode(topic_suffix: str, record: ConsumerRecord) -> Incoming | None:
    """The item for a record; None for a tombstone or a record that is not a valid event (skipped, counted)."""
    base = {"topic": topic_suffix, "partition": record.partition, "offset": record.offset,
            "timestamp_ms": record.timestamp}
    if topic_suffix == DEADLETTER_SUFFIX:
        return Incoming(**base, deadletter_reason=deadletter_reason(record))
    if record.value is None:
        return None
    try:
        event = from_kafka(record.value, record.headers)
        return Incoming(**base, event=event, model=to_model(event))
    except EnvelopeError:
        return None
