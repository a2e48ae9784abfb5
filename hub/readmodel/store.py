"""The read store port: what the materialiser writes through and the API reads through."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from schemas import CloudEvent, EventModel

from hub.readmodel.changes import Change

T = TypeVar("T")
Position = tuple[str, int]
"""(topic, partition)"""


@dataclass(frozen=True)
class Incoming:
    """One consumed record, decoded: an event with its model, or a dead letter's reason."""

    topic: str  # suffix: needs, offers, status, matches, gaps, duplicates, coverage, reviews, deadletter
    partition: int
    offset: int
    timestamp_ms: int
    event: CloudEvent | None = None
    model: EventModel | None = None
    deadletter_reason: str | None = None


class Db(Protocol):
    """The part of a DB-API connection the SQL modules use; placeholders are written as ``?``."""

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any: ...


class ReadStore(Protocol):
    """A SQL read store; one writer (the materialiser), many readers (the API)."""

    async def open(self) -> None: ...

    async def close(self) -> None: ...

    async def reset(self) -> None:
        """Drop every table and start empty (rebuild from the topics)."""

    async def positions(self) -> dict[Position, int]:
        """Next offset to read per (topic, partition), as stored with the rows."""

    async def apply(self, batch: Sequence[Incoming], positions: Mapping[Position, int]) -> list[Change]:
        """Apply a batch and store the positions after it in the same transaction."""

    async def read(self, query: Callable[[Db], T]) -> T:
        """Run a read-only query function (see ``hub.readmodel.queries``) on a reader connection."""

    async def writable(self) -> bool: ...
