"""Drop-folder sources: each file is read once, a changed file (new content hash) is read again.

Position per file: ``{"file": name}`` -> ``{"sha256", "revision", "row", "rows"}``. The revision of a
content is ``max(mtime in epoch microseconds, previous revision + 1)``: deterministic, so a restart
before the first commit of new content gives the same revision, and monotonic per file.
"""

from __future__ import annotations

import hashlib
from abc import abstractmethod
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

from connectors.base import ConfigPath, ConnectorConfig, Position, SourceConnector, SourceRecord
from connectors.errors import RecordError, SourceUnavailable
from connectors.identity import mark_duplicate_keys

MAX_FILE_PAYLOAD = 512 * 1024
"""A file dead-lettered as a whole carries at most this many bytes (Kafka's default limit is 1 MiB)."""

Row = tuple[bytes, Any, RecordError | None]
"""One data row: its original bytes, what `normalise` reads, and an error if it could not be read."""


class FolderConfig(ConnectorConfig):
    """A folder (or one file) and the file name pattern to read from it."""

    path: ConfigPath
    pattern: str = "*"


F = TypeVar("F", bound=FolderConfig)


class FileSource(SourceConnector[F]):
    """Base of file connectors: subclasses say how one file's bytes become rows."""

    @abstractmethod
    def read_rows(self, path: Path, data: bytes) -> list[Row]:
        """Every data row of a file; raise `RecordError` when the file as a whole cannot be read."""

    def files(self) -> list[Path]:
        folder = self.config.path
        if folder.is_file():
            return [folder]
        if not folder.is_dir():
            raise SourceUnavailable(f"drop folder {folder} does not exist (not mounted yet?)")
        return sorted(p for p in folder.glob(self.config.pattern) if p.is_file() and not p.name.startswith("."))

    def record_key(self, value: Any) -> str | None:
        """The record key of a row's value, for finding duplicates in one read; None: not known here."""
        return None

    def poll(self, position: Position) -> Iterator[SourceRecord]:
        # every file changed since the last read is read before anything is yielded, so two rows with
        # one key are both found, in one file or across files (connectors.identity)
        records = [record for path in self.files() for record in self._read_file(path, position)]
        yield from mark_duplicate_keys(records, self.record_key)

    def _read_file(self, path: Path, position: Position) -> Iterator[SourceRecord]:
        data = path.read_bytes()
        sha = hashlib.sha256(data).hexdigest()
        partition = {"file": path.name}
        stored = position.offset_of(partition)
        if stored and stored["sha256"] == sha:
            if stored["row"] >= stored["rows"]:
                return  # read completely before
            revision, start = stored["revision"], stored["row"]
        else:
            mtime_us = path.stat().st_mtime_ns // 1000
            revision, start = max(mtime_us, stored["revision"] + 1 if stored else 0), 0
        try:
            rows = self.read_rows(path, data)
        except RecordError as exc:
            offset = {"sha256": sha, "revision": revision, "row": 0, "rows": 0}
            yield SourceRecord(partition, offset, data[:MAX_FILE_PAYLOAD], error=exc, remaining=0)
            return
        total = len(rows)
        for number in range(start + 1, total + 1):
            payload, value, error = rows[number - 1]
            offset = {"sha256": sha, "revision": revision, "row": number, "rows": total}
            yield SourceRecord(partition, offset, payload, value, error, remaining=total - number)
