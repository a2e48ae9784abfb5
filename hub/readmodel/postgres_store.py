"""The read store on PostgreSQL (psycopg 3), for when one SQLite file is not enough: the same SQL and tables."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from hub.errors import SettingsError
from hub.readmodel.sql_store import SqlStore


class _QmarkConnection:
    """Lets the shared SQL, written with ``?`` placeholders, run on psycopg (``%s``)."""

    def __init__(self, conn: Any) -> None:
        self._conn = conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self._conn.execute(sql.replace("?", "%s"), tuple(params), prepare=True)

    def commit(self) -> None:
        self._conn.commit()

    def rollback(self) -> None:
        self._conn.rollback()

    def close(self) -> None:
        self._conn.close()


class PostgresStore(SqlStore):
    """PostgreSQL through psycopg; install with ``pip install 'koordinate[postgres]'``."""

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url

    def _connect(self, *, writer: bool) -> _QmarkConnection:
        try:
            import psycopg
        except ImportError as exc:  # pragma: no cover - depends on the installed extras
            raise SettingsError("a postgresql:// read store needs psycopg: pip install 'koordinate[postgres]'") from exc
        return _QmarkConnection(psycopg.connect(self.url))
