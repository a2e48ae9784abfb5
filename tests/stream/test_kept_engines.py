"""A partition engine outlives a rebalance that leaves its partition with the worker, and only if its
tables did not change meanwhile.

Rebuilding an engine takes seconds to minutes by its partition's state; before, every rebalance (a
worker joining, leaving or restarting) made every worker of the group rebuild all of its engines.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import UTC, datetime

import pytest

from hub.engine import EngineConfig, EngineTables
from hub.stream.area_stage import POSITIONS, AreaStage, PartitionEngine
from hub.stream.journal import Journal
from hub.stream.staging import PrefixedMap
from tests.builders import offer

NOW = datetime(2026, 12, 3, 10, tzinfo=UTC)


@dataclass
class _Message:
    partition: int


class _Event:
    """What the area stage reads of a faust event before it applies one: its partition."""

    def __init__(self, partition: int) -> None:
        self.message = _Message(partition)


def _empty_tables() -> dict[str, dict]:
    return {**{f.name: {} for f in fields(EngineTables)}, POSITIONS: {}}


async def _restored(tables: dict[str, dict], journal_table: dict, partition: int = 0) -> PartitionEngine:
    slices = {name: PrefixedMap(table, f"{partition}/") for name, table in tables.items()}
    return await PartitionEngine.restore(slices, partition, EngineConfig(), set(), Journal(journal_table, partition))


def _apply_and_commit(engine: PartitionEngine, record: str) -> None:
    engine.engine.handle(offer(record), NOW)
    assert engine.write_journal()
    engine.commit()


async def test_an_engine_is_current_after_its_own_commits_and_not_after_another_workers():
    tables, journal = _empty_tables(), {}
    engine = await _restored(tables, journal)
    assert engine.still_current()
    engine.engine.handle(offer("kept-1"), NOW)
    assert not engine.still_current(), "writes of its own not committed yet"
    assert engine.write_journal()
    engine.commit()
    assert engine.still_current()

    # while the partition was away, another worker restored it from the same tables and committed
    other = await _restored(tables, journal)
    _apply_and_commit(other, "kept-2")
    assert not engine.still_current()
    assert (await _restored(tables, journal)).still_current()


def _stage(tables: dict[str, dict], journal: dict) -> AreaStage:
    # nothing here is sent: outputs and dead letters stay unused
    engine_tables = {name: table for name, table in tables.items() if name != POSITIONS}
    return AreaStage(engine_tables, tables[POSITIONS], journal, EngineConfig(), outputs={}, dead_letters=None,
                     bootstrap_servers="", flush=None)


async def test_the_stage_keeps_engines_of_partitions_still_assigned_and_rebuilds_changed_ones():
    tables, journal = _empty_tables(), {}
    stage = _stage(tables, journal)
    first, second = await stage._engine(_Event(0)), await stage._engine(_Event(1))
    _apply_and_commit(first, "stays-1")

    stage.keep_engines_of({0})  # partition 1 went to another worker
    assert await stage._engine(_Event(0)) is first
    assert await stage._engine(_Event(1)) is not second

    stage.keep_engines_of({0, 1})
    _apply_and_commit(await _restored(tables, journal, partition=0), "written-elsewhere")
    rebuilt = await stage._engine(_Event(0))
    assert rebuilt is not first
    assert rebuilt.engine.tables.offers.keys() == {offer("stays-1").id, offer("written-elsewhere").id}


@pytest.mark.parametrize("assigned", [set(), {2}])
async def test_engines_of_partitions_no_longer_assigned_are_dropped(assigned):
    stage = _stage(_empty_tables(), {})
    kept = await stage._engine(_Event(2))
    await stage._engine(_Event(3))
    stage.keep_engines_of(assigned)
    assert set(stage._engines) == assigned
    assert (await stage._engine(_Event(2)) is kept) == (2 in assigned)
