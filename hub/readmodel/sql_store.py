"""A read store over a DB-API database: one writer thread, a few reader threads, shared SQL.

The writer owns one connection and runs every write on its own thread, so the event loop never waits
on disk; readers get one connection per reader thread. Subclasses say how to connect.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from hub.readmodel.apply import BatchApplier, store_positions
from hub.readmodel.changes import Change
from hub.readmodel.ddl import DDL, LAYOUT, RETIRED_TABLES, TABLES
from hub.readmodel.store import Db, Incoming, Position

T = TypeVar("T")


class SqlStore:
    """The shared machinery; ``_connect`` opens a connection whose ``execute`` takes ``?`` placeholders."""

    readers = 4

    def __init__(self) -> None:
        self._writer_pool = ThreadPoolExecutor(1, thread_name_prefix="readmodel-writer")
        self._reader_pool = ThreadPoolExecutor(self.readers, thread_name_prefix="readmodel-reader")
        self._local = threading.local()
        self._writer: Any = None
        self._reader_connections: list[Any] = []
        self._lock = threading.Lock()

    # --- for subclasses ---------------------------------------------------------------------------

    def _connect(self, *, writer: bool) -> Any:
        raise NotImplementedError

    def _transaction_begin(self, conn: Any) -> None:
        """Called before each write transaction (e.g. ``BEGIN IMMEDIATE`` in SQLite)."""

    # --- lifecycle --------------------------------------------------------------------------------

    async def open(self) -> None:
        await self._write(self._open_writer)

    def _open_writer(self) -> None:
        self._writer = self._connect(writer=True)
        self._in_transaction(_create_or_rebuild)

    async def close(self) -> None:
        if self._writer is not None:
            await self._write(self._writer.close)
            self._writer = None
        with self._lock:
            for conn in self._reader_connections:
                try:
                    conn.close()
                except Exception:  # noqa: BLE001 - a reader closed from another thread; nothing to save
                    pass
            self._reader_connections.clear()
        self._reader_pool.shutdown(wait=True)
        self._writer_pool.shutdown(wait=True)

    async def reset(self) -> None:
        await self._write(lambda: self._in_transaction(_recreate))

    # --- writing ----------------------------------------------------------------------------------

    async def apply(self, batch: Sequence[Incoming], positions: Mapping[Position, int]) -> list[Change]:
        def work(db: Db) -> list[Change]:
            changes = BatchApplier(db).apply_all(batch)
            store_positions(db, dict(positions))
            return changes

        return await self._write(lambda: self._in_transaction(work))

    def _in_transaction(self, work: Callable[[Db], T]) -> T:
        conn = self._writer
        self._transaction_begin(conn)
        try:
            result = work(conn)
        except BaseException:
            conn.rollback()
            raise
        conn.commit()
        return result

    async def _write(self, work: Callable[[], T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._writer_pool, work)

    async def writable(self) -> bool:
        def probe(db: Db) -> bool:
            db.execute("INSERT INTO meta (name, value) VALUES ('probe', 0)"
                       " ON CONFLICT (name) DO UPDATE SET value = meta.value + 1")
            return True

        try:
            return await self._write(lambda: self._in_transaction(probe))
        except Exception:  # noqa: BLE001 - any database error means "not writable" for the readiness probe
            return False

    # --- reading ----------------------------------------------------------------------------------

    async def positions(self) -> dict[Position, int]:
        rows = await self.read(lambda db: db.execute("SELECT topic, part, next_offset FROM positions").fetchall())
        return {(topic, int(part)): int(offset) for topic, part, offset in rows}

    async def read(self, query: Callable[[Db], T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._reader_pool, self._read_here, query)

    def _read_here(self, query: Callable[[Db], T]) -> T:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = self._connect(writer=False)
            with self._lock:
                self._reader_connections.append(conn)
        try:
            return query(conn)
        finally:
            conn.rollback()  # end the read snapshot, so the next query sees newer rows


def _recreate(db: Db) -> None:
    """Every table dropped and created empty, positions included: the materialiser reads from the start."""
    for table in (*TABLES, *RETIRED_TABLES):
        db.execute(f"DROP TABLE IF EXISTS {table}")
    for statement in DDL:
        db.execute(statement)
    db.execute("INSERT INTO meta (name, value) VALUES ('layout', ?)", (LAYOUT,))


def _create_or_rebuild(db: Db) -> None:
    """Create missing tables; a store of another layout (or none recorded) is recreated, to be rebuilt."""
    for statement in DDL:
        db.execute(statement)
    row = db.execute("SELECT value FROM meta WHERE name = 'layout'").fetchone()
    if row is None or int(row[0]) != LAYOUT:
        _recreate(db)
