"""How long the worker's event loop was held by one piece of work: a gauge, and a log line when long.

Why: everything the worker does besides its batches (ticks that raise due gaps, the readiness probe,
the consumer thread's keepalive) waits while one callback runs. Rebuilding a partition's indexes in
one pass once held the loop for minutes; the rebuild now runs in steps (hub/stream/stepping.py), and
this watch is how an operator, and the recovery benchmark, sees that the loop stays free.
"""

from __future__ import annotations

import asyncio
import time

import structlog

from hub.metrics import EVENT_LOOP_HELD
from hub.stream.collector import report_collector_passes

log = structlog.get_logger("koordinate.worker")

CHECK_EVERY_S = 0.1
REPORT_ABOVE_S = 0.25  # held longer than this (a tick's budget): a log line with how long


async def watch_event_loop(check_every_s: float = CHECK_EVERY_S, report_above_s: float = REPORT_ABOVE_S) -> None:
    """Forever: sleep `check_every_s` and measure how much later than that the loop woke this task."""
    while True:
        started = time.monotonic()
        await asyncio.sleep(check_every_s)
        held = max(0.0, time.monotonic() - started - check_every_s)
        EVENT_LOOP_HELD.observe(held)
        report_collector_passes()  # the collector's passes hold it too
        if held > report_above_s:
            log.warning("worker.event_loop_held", held_s=round(held, 2))
