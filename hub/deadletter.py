"""Dead-letter records: the original payload plus why it failed, in Kafka Connect's header convention.

Operators' existing DLQ tooling reads `__connect.errors.*` headers; ours adds the field path and the
source position under `__koordinate.*`. Nothing that fails is dropped: it is written here.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

PREFIX = "__connect.errors."


@dataclass(frozen=True)
class DeadLetter:
    """One record that could not be read, normalised or applied."""

    payload: bytes
    stage: str  # READ, NORMALISE, VALIDATE, ROUTE, APPLY, PRODUCE
    reason: str
    exception_class: str
    connector: str  # the connector or hub process that gave up on it
    key: bytes | None = None
    field_path: str | None = None
    origin_topic: str | None = None
    origin_partition: int | None = None
    origin_offset: int | None = None
    source_position: Mapping[str, Any] | None = None
    original_headers: Sequence[tuple[str, bytes]] = field(default_factory=tuple)

    def headers(self) -> list[tuple[str, bytes]]:
        context = {
            "topic": self.origin_topic,
            "partition": self.origin_partition,
            "offset": self.origin_offset,
            "connector.name": self.connector,
            "stage": self.stage,
            "class.name": self.connector,
            "exception.class.name": self.exception_class,
            "exception.message": self.reason,
        }
        headers = [(PREFIX + name, str(value).encode()) for name, value in context.items() if value is not None]
        if self.field_path:
            headers.append(("__koordinate.field.path", self.field_path.encode()))
        if self.source_position is not None:
            headers.append(("__koordinate.source.position", json.dumps(self.source_position, sort_keys=True).encode()))
        # The original CloudEvents headers stay, so a replay after a fix can re-send the record as it was.
        headers.extend((name, value) for name, value in self.original_headers if not name.startswith(PREFIX))
        return headers


def read_dead_letter_headers(headers: Sequence[tuple[str, bytes]]) -> dict[str, str]:
    """The error context of a dead-letter record as a plain dict (name without prefix -> text)."""
    context = {}
    for name, value in headers:
        if name.startswith(PREFIX):
            context[name[len(PREFIX):]] = value.decode("utf-8", "replace")
        elif name.startswith("__koordinate."):
            context[name[len("__koordinate."):]] = value.decode("utf-8", "replace")
    return context
