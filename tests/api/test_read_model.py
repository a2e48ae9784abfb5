"""The materialiser: resumes from offsets stored with its rows, rebuilds to the same rows, and its speed."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from hub.api.settings import ApiSettings
from hub.settings import Settings
from tests.api.helpers import Produce, make_runtime
from tests.api.samples import gap, need, offer, state, status
from tests.builders import coverage, duplicate
from tests.support import wait_until

pytestmark = pytest.mark.kafka

TABLES = ("needs", "offers", "history", "states", "gaps", "coverage", "duplicates", "positions")


def dump(path: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(path) as db:
        # seq numbers history rows in apply order; the rows themselves must be equal
        columns = {"history": "entity_id, dedupe, event_id, type, time, source, topic, new_status, data"}
        return {t: sorted(db.execute(f"SELECT {columns.get(t, '*')} FROM {t}").fetchall()) for t in TABLES}


async def test_restart_resumes_and_rebuild_gives_the_same_rows(hub_settings: Settings, hub_topics: dict[str, str],
                                                               api_settings: ApiSettings, produce: Produce) -> None:
    db_path = Path(api_settings.database_url.removeprefix("sqlite:///"))  # type: ignore[union-attr]
    needs = [need(f"B-{i}") for i in range(20)]
    offers = [offer(f"A-{i}") for i in range(10)]
    await produce("needs", *needs, need("B-0", revision=2, urgency="critical"))
    await produce("offers", *offers)
    await produce("status", status("S-1", offers[0].id, "offer", source=offers[0].source, new_status="full"))
    await produce("state", state(offers[0], "full"))
    await produce("gaps", gap(needs[1]))
    await produce("coverage", coverage("Ost", "childcare", 5, 1))
    await produce("duplicates", duplicate(offers[1], offers[2]))
    total = 20 + 1 + 10 + 1 + 1 + 1 + 1 + 1

    first = make_runtime(hub_settings, api_settings)
    await first.start()
    try:
        await first.materialiser.wait_ready(30)  # type: ignore[union-attr]
        assert first.materialiser.records_seen == total  # type: ignore[union-attr]
    finally:
        await first.stop()
    before = dump(db_path)
    assert len(before["needs"]) == 20 and len(before["offers"]) == 10

    second = make_runtime(hub_settings, api_settings)
    await second.start()
    try:
        await second.materialiser.wait_ready(30)  # type: ignore[union-attr]
        assert second.materialiser.records_seen == 0  # resumed at the stored offsets: nothing re-read
        await produce("offers", offer("A-new"))
        await wait_until(lambda: _seen(second, 1), describe="the new offer")
    finally:
        await second.stop()
    after_restart = dump(db_path)
    assert len(after_restart["offers"]) == 11

    third = make_runtime(hub_settings, api_settings)
    await third.start(rebuild=True)
    try:
        await third.materialiser.wait_ready(30)  # type: ignore[union-attr]
        assert third.materialiser.records_seen == total + 1
    finally:
        await third.stop()
    assert dump(db_path) == after_restart


async def _seen(runtime: object, count: int) -> bool:
    return runtime.materialiser.records_seen >= count  # type: ignore[attr-defined]


async def test_apply_throughput(hub_settings: Settings, hub_topics: dict[str, str], api_settings: ApiSettings,
                                produce: Produce) -> None:
    """Measures events/s from the start of reading to the last commit (printed; run with -s to see it)."""
    count = 5000
    for start in range(0, count, 1000):
        await produce("needs", *[need(f"B-{i}") for i in range(start, start + 1000)])
    runtime = make_runtime(hub_settings, api_settings)
    started = time.perf_counter()
    await runtime.start()
    try:
        await runtime.materialiser.wait_ready(120)  # type: ignore[union-attr]
        elapsed = time.perf_counter() - started
    finally:
        await runtime.stop()
    rate = count / elapsed
    print(f"\nread model applied {count} need events in {elapsed:.2f} s: {rate:.0f} events/s (SQLite, WAL)")
    assert rate > 200
