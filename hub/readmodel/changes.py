"""Changes the read model applied, fanned out to live subscribers (the SSE stream)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Change:
    """A small notice for dashboards: what changed, and where."""

    type: str
    id: str
    ags: str | None = None
    district: str | None = None
    category: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        return asdict(self)


class ChangeFeed:
    """Broadcasts changes to subscribers; a subscriber that falls behind loses the oldest, never blocks the writer."""

    def __init__(self, queue_size: int = 1000) -> None:
        self._queues: set[asyncio.Queue[Change]] = set()
        self._queue_size = queue_size

    @property
    def subscribers(self) -> int:
        return len(self._queues)

    def publish(self, changes: Iterable[Change]) -> None:
        for change in changes:
            for queue in self._queues:
                if queue.full():
                    queue.get_nowait()
                queue.put_nowait(change)

    @asynccontextmanager
    async def subscribe(self) -> AsyncIterator[asyncio.Queue[Change]]:
        queue: asyncio.Queue[Change] = asyncio.Queue(self._queue_size)
        self._queues.add(queue)
        try:
            yield queue
        finally:
            self._queues.discard(queue)
