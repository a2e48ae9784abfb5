"""Opens the read store a database URL names: ``sqlite:///path`` (default) or ``postgresql://...``."""

from __future__ import annotations

from pathlib import Path

from hub.errors import SettingsError
from hub.readmodel.postgres_store import PostgresStore
from hub.readmodel.sql_store import SqlStore
from hub.readmodel.sqlite_store import SqliteStore


def open_store(url: str) -> SqlStore:
    """The store for a URL (not yet opened; call ``await store.open()``)."""
    if url.startswith("sqlite:///"):
        return SqliteStore(Path(url.removeprefix("sqlite:///")))
    if url.startswith(("postgresql://", "postgres://")):
        return PostgresStore(url)
    raise SettingsError(f"read store URL must start with sqlite:/// or postgresql://, got {url.split(':')[0]!r}")
