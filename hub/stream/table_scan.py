"""Read one partition's rows of a faust table straight from its RocksDB store.

Why: iterating a faust Table walks the stores of *every* active partition, and the area stage
wants only one partition's keys (they carry its prefix). Rebuilding six partition engines that way
listed every key six times and then read each of its own back one by one; after a worker was
replaced at 100,000 entities that kept the event loop busy for minutes (bench/recovery.py).
Each area partition writes its keys while acting for that partition (`acting_for`), so they live
in that partition's store and nowhere else. Reading a store directly takes faust's internals, so the
reading itself is in the fence (`hub/stream/_faust.py`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import faust

from hub.stream._faust import partition_rows


def partition_scan(table: faust.Table | Any, partition: int) -> Callable[[], Iterator[tuple[Any, Any]]] | None:
    """A function yielding (key, value) of the table's rows in one partition's store, decoded as faust
    decodes them; None for anything else (the in-memory store, a dict in tests)."""
    return partition_rows(table, partition)
