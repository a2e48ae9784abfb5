"""Per-key asyncio locks that disappear when nobody holds or waits for them."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager


class KeyedLocks:
    def __init__(self) -> None:
        self._locks: dict[str, tuple[asyncio.Lock, int]] = {}  # key -> (lock, holders + waiters)

    def __len__(self) -> int:
        return len(self._locks)

    @asynccontextmanager
    async def holding(self, keys: Sequence[str]) -> AsyncIterator[None]:
        """Hold the locks of all keys; pass them sorted so two requests never wait on each other in a cycle."""
        registered: list[str] = []
        acquired: list[str] = []
        try:
            for key in keys:
                lock, users = self._locks.get(key, (asyncio.Lock(), 0))
                self._locks[key] = (lock, users + 1)
                registered.append(key)
                await lock.acquire()
                acquired.append(key)
            yield
        finally:
            for key in reversed(acquired):
                self._locks[key][0].release()
            for key in registered:
                lock, users = self._locks[key]
                if users == 1:
                    del self._locks[key]
                else:
                    self._locks[key] = (lock, users - 1)
