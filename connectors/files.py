"""Drop-folder sources: each file is read once, a changed file (new content hash) is read again.

Position per file: ``{"file": name}`` -> ``{"sha256", "revision", "row", "rows"}``. The revision of a
content is ``max(mtime in epoch microseconds, previous revision + 1)``: deterministic, so a restart
before the first commit of new content gives the same revision, and monotonic per file.

Removals (mapped kinds: csv, xlsx, hxl; see `connectors.removals`): a row gone from a re-exported
file ends its record after `removal_grace_s`, with the file's last row. A file that could not be read,
a read that stopped before the last row, or a re-export without a single row ends nothing.
"""

from __future__ import annotations

import hashlib
import time
from abc import abstractmethod
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from pydantic import Field

from connectors.base import ConfigPath, ConnectorConfig, Event, JsonDict, Position, SourceConnector, SourceRecord
from connectors.errors import RecordError, SourceUnavailable
from connectors.identity import mark_duplicate_keys
from connectors.mapping import TableRow, record_key, row_to_event
from connectors.removals import due_now, kept_state, removal_events, removal_records, resumed_state, track
from schemas import entity_id

MAX_FILE_PAYLOAD = 512 * 1024
"""A file dead-lettered as a whole carries at most this many bytes (Kafka's default limit is 1 MiB)."""

Row = tuple[bytes, Any, RecordError | None]
"""One data row: its original bytes, what `normalise` reads, and an error if it could not be read."""


_SENT_PAYLOAD = b"\x00sent before"
"""Marks the rows of a resumed file that were sent before: read for their keys, never sent again."""


class FolderConfig(ConnectorConfig):
    """A folder (or one file) and the file name pattern to read from it."""

    path: ConfigPath
    pattern: str = "*"
    removal_grace_s: float | None = Field(
        0.0, ge=0, description="end a record this long after it left a re-exported file; null: never")


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

    _reading = ""  # the file being read

    def note_unmatched(self, fields: list[str]) -> None:
        """Remember the fields whose columns the file being read lacks (`connect preview` shows them)."""
        self.unmatched[self._reading] = fields

    @property
    def unmatched(self) -> dict[str, list[str]]:
        """File name -> the fields whose columns it lacks, of the files read so far."""
        return self.__dict__.setdefault("_unmatched", {})

    tracks_removals: ClassVar[bool] = False
    """Whether rows have record keys, so a row gone from a re-export can end its record."""

    def _removal_tracking(self) -> bool:
        return self.tracks_removals and self.config.removal_grace_s is not None

    def _entity_ids(self, rows: list[Row]) -> set[str]:
        keys = {self.record_key(value) for _, value, error in rows if error is None}
        return {entity_id(self.config.source, key) for key in keys if key}

    def _removals(self, partition: JsonDict, offset: JsonDict, due: list[str], revision: int) -> Iterator[SourceRecord]:
        yield from removal_records(partition, offset, due, getattr(self.config, "entity", "offer"), revision)

    def normalise_removal(self, record: SourceRecord) -> list[Event] | None:
        """The status update ending a removed record, or None when the record is a row."""
        return removal_events(self.config.source, record)

    def poll(self, position: Position) -> Iterator[SourceRecord]:
        # every file changed since the last read is read before anything is yielded, so two rows with
        # one key are both found, in one file or across files (connectors.identity)
        # a resumed file's rows before its position are read too (`_SENT`), to find duplicates, not to be sent
        records = [record for path in self.files() for record in self._read_file(path, position)]
        marked = mark_duplicate_keys(records, self.record_key)
        yield from (r for r, original in zip(marked, records) if original.payload is not _SENT_PAYLOAD)

    def _read_file(self, path: Path, position: Position) -> Iterator[SourceRecord]:
        data = path.read_bytes()
        sha = hashlib.sha256(data).hexdigest()
        partition = {"file": path.name}
        stored = position.offset_of(partition)
        tracking = self._removal_tracking()
        now_us = max(time.time_ns() // 1000, (stored or {}).get("revision", 0))
        if stored and stored["sha256"] == sha:
            if stored["row"] >= stored["rows"]:
                if tracking:  # read completely before: only removals may be due
                    state, due = due_now(stored, now_us, self.config.removal_grace_s or 0)
                    yield from self._removals(partition, {**stored, **state}, due, state.get("ended_at", now_us))
                return
            revision, start = stored["revision"], stored["row"]
        else:
            mtime_us = path.stat().st_mtime_ns // 1000
            revision, start = max(mtime_us, stored["revision"] + 1 if stored else 0), 0
        self._reading = path.name
        try:
            rows = self.read_rows(path, data)
        except RecordError as exc:
            # what was known of the last content is kept: a failed read ends nothing
            offset = {"sha256": sha, "revision": revision, "row": 0, "rows": 0, **kept_state(stored)}
            yield SourceRecord(partition, offset, data[:MAX_FILE_PAYLOAD], error=exc, remaining=0)
            return
        total = len(rows)
        state: JsonDict = {}
        due: list[str] = []
        if tracking and not rows:
            state = kept_state(stored)  # an export without a single row is taken for a failed one
        elif tracking and start:
            state, due = resumed_state(stored)  # what the interrupted read of this content found
        elif tracking:
            state, due = track(stored, self._entity_ids(rows), now_us, self.config.removal_grace_s or 0)
        for number in range(1, start + 1):  # sent before the interruption: keys only
            yield SourceRecord(partition, {"row": number}, _SENT_PAYLOAD, rows[number - 1][1])
        for number in range(start + 1, total + 1):
            payload, value, error = rows[number - 1]
            offset = {"sha256": sha, "revision": revision, "row": number, "rows": total, **state}
            yield SourceRecord(partition, offset, payload, value, error, remaining=total - number + len(due))
        end = {"sha256": sha, "revision": revision, "row": total, "rows": total, **state}
        yield from self._removals(partition, end, due, state.get("ended_at", now_us))


class MappedRowSource(FileSource[F]):
    """A file source whose rows are mapped field by field (CSV, XLSX, HXL): a row's record key comes
    from the mapping, so a row gone from a re-export can end its record."""

    tracks_removals: ClassVar[bool] = True

    def record_key(self, value: Any) -> str | None:
        return record_key(self.config, value.cells) if isinstance(value, TableRow) else None  # type: ignore[arg-type]

    def normalise(self, record: SourceRecord) -> list[Event]:
        if (ended := self.normalise_removal(record)) is not None:
            return ended
        row: TableRow = record.value
        return [row_to_event(self.config, self.config.source, row.cells,  # type: ignore[arg-type]
                             record.offset["revision"], row.decimal)]

