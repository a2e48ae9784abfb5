"""A dead letter and its header codec: the one type every writer of the dead-letter topic uses.

Nothing that fails is dropped: it is written to the dead-letter topic with the original payload and
why it failed. The headers follow Kafka Connect's DLQ convention where Connect has a name, so
operators' DLQ tooling reads them; what Connect has no name for goes under `__koordinate.`:

    __connect.errors.topic                 the topic the record came from or was meant for ("" before
                                           a source record was normalised)
    __connect.errors.partition / .offset   where it sits: a Kafka partition and offset (numbers), or a
                                           source connector's partition and offset (JSON)
    __connect.errors.connector.name        the connector or hub process that gave up on it
    __connect.errors.stage                 READ, NORMALISE, VALIDATE, ROUTE, APPLY, DELIVER, PRODUCE
    __connect.errors.class.name            the class that gave up (a connector class, or the process)
    __connect.errors.exception.class.name  the error's class
    __connect.errors.exception.message     the error, for people
    __koordinate.field.path                the field that failed, where one did
    __koordinate.reason                    a short code to group by (`duplicate_record_key`, ...)
    __koordinate.source.position           a source connector's position as JSON {"partition", "offset"}

The record's own CloudEvents headers follow unchanged, so a replay after a fix re-sends it as it was.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

CONNECT = "__connect.errors."
OURS = "__koordinate."
FIELD_PATH_HEADER = OURS + "field.path"
REASON_HEADER = OURS + "reason"
POSITION_HEADER = OURS + "source.position"

# the stages at which a record can fail
READ, NORMALISE, VALIDATE, ROUTE, APPLY, DELIVER, PRODUCE = (
    "READ", "NORMALISE", "VALIDATE", "ROUTE", "APPLY", "DELIVER", "PRODUCE")

Where = int | Mapping[str, Any] | None  # a Kafka partition/offset, or a source connector's


def _text(value: int | str | Mapping[str, Any]) -> str:
    return value if isinstance(value, str) else json.dumps(value, sort_keys=True, separators=(",", ":"),
                                                           ensure_ascii=False)


@dataclass(frozen=True)
class DeadLetter:
    """One record that could not be read, normalised, applied or delivered, and why."""

    payload: bytes
    stage: str
    reason: str
    exception_class: str
    connector: str
    key: bytes | None = None
    field_path: str | None = None
    reason_code: str | None = None
    connector_class: str | None = None  # default: `connector`
    origin_topic: str | None = None
    origin_partition: Where = None
    origin_offset: Where = None
    source_position: Mapping[str, Any] | None = None
    original_headers: Sequence[tuple[str, bytes]] = field(default_factory=tuple)

    def headers(self) -> list[tuple[str, bytes]]:
        context: dict[str, Any] = {
            "topic": self.origin_topic,
            "partition": self.origin_partition,
            "offset": self.origin_offset,
            "connector.name": self.connector,
            "stage": self.stage,
            "class.name": self.connector_class or self.connector,
            "exception.class.name": self.exception_class,
            "exception.message": self.reason,
        }
        headers = [(CONNECT + name, _text(value).encode()) for name, value in context.items() if value is not None]
        if self.field_path:
            headers.append((FIELD_PATH_HEADER, self.field_path.encode()))
        if self.reason_code:
            headers.append((REASON_HEADER, self.reason_code.encode()))
        if self.source_position is not None:
            headers.append((POSITION_HEADER, _text(self.source_position).encode()))
        headers.extend((name, value) for name, value in self.original_headers if not is_dead_letter_header(name))
        return headers


def is_dead_letter_header(name: str) -> bool:
    """Whether a header is part of the dead-letter context (not one of the record's own)."""
    return name.startswith(CONNECT) or name.startswith(OURS)


def read_dead_letter_headers(headers: Sequence[tuple[str, bytes | None]]) -> dict[str, str]:
    """The error context of a dead-letter record as a plain dict (name without its prefix -> text)."""
    context = {}
    for name, value in headers:
        for prefix in (CONNECT, OURS):
            if name.startswith(prefix):
                context[name[len(prefix):]] = (value or b"").decode("utf-8", "replace")
    return context
