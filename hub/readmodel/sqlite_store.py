"""The default read store: one SQLite file in WAL mode, so readers never wait for the writer."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from hub.readmodel.sql_store import SqlStore


class SqliteStore(SqlStore):
    """SQLite through the standard library; the writer thread holds the only write connection."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def _connect(self, *, writer: bool) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: transactions are begun explicitly, so a read never holds a stale snapshot
        conn = sqlite3.connect(self.path, isolation_level=None, timeout=30.0, check_same_thread=False)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: durable across process crashes
        conn.execute("PRAGMA busy_timeout=30000")
        return conn

    def _transaction_begin(self, conn: sqlite3.Connection) -> None:
        conn.execute("BEGIN IMMEDIATE")
