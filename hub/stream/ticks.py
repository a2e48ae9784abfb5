"""Tick records: the timer's wall-clock time, sent through the area stream to each assigned partition."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

TICK_KEY = b"__koordinate.tick__"
TICK_HEADER = "koordinate-tick"


def tick_headers(now: datetime) -> list[tuple[str, bytes]]:
    return [(TICK_HEADER, now.isoformat().encode())]


def tick_time(headers: Iterable[tuple[str, bytes]]) -> datetime | None:
    """The time a tick record carries, or None for an ordinary event."""
    for name, value in headers:
        if name == TICK_HEADER:
            return datetime.fromisoformat(value.decode())
    return None
