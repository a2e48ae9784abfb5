"""Drop-folder sources: each file is read once, a changed file (new content hash) is read again.

Position per file: ``{"file": name}`` -> ``{"sha256", "revision", "row", "rows"}``. The revision of a
content is ``max(mtime in epoch microseconds, previous revision + 1)``: deterministic, so a restart
before the first commit of new content gives the same revision, and monotonic per file.

Removals (mapped kinds: csv, xlsx, hxl): the position also keeps the entity ids of the file's last
content (``keys``) and the ids gone from it since when (``missing``). A record missing from a re-export
for `removal_grace_s` ends: a `StatusUpdate` with status ``ended`` (a need: ``withdrawn``) and reason
``removed_from_source``, after the file's last row. A file that could not be read, or a read that
stopped before the last row, or a re-export without a single row ends nothing; a row back within the
grace period is kept. Files of more than `MAX_TRACKED_ROWS` rows keep no removal state (it travels
in the offsets record, which Kafka limits to about 1 MB).
"""

from __future__ import annotations

import base64
import hashlib
import time
import uuid
from abc import abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from pydantic import Field

from connectors.base import ConfigPath, ConnectorConfig, Event, JsonDict, Position, SourceConnector, SourceRecord
from connectors.errors import RecordError, SourceUnavailable
from connectors.identity import mark_duplicate_keys
from schemas import StatusUpdate, entity_id

MAX_TRACKED_ROWS = 20_000
"""Files with more rows keep no removal state: it travels in the offsets record (about 22 bytes a row)."""

MAX_FILE_PAYLOAD = 512 * 1024
"""A file dead-lettered as a whole carries at most this many bytes (Kafka's default limit is 1 MiB)."""

Row = tuple[bytes, Any, RecordError | None]
"""One data row: its original bytes, what `normalise` reads, and an error if it could not be read."""


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

    tracks_removals: ClassVar[bool] = False
    """Whether rows have record keys, so a row gone from a re-export can end its record."""

    def _removal_tracking(self) -> bool:
        return self.tracks_removals and self.config.removal_grace_s is not None

    def _entity_ids(self, rows: list[Row]) -> list[str]:
        keys = {self.record_key(value) for _, value, error in rows if error is None}
        return sorted(entity_id(self.config.source, key) for key in keys if key)

    def _removals(self, partition: JsonDict, offset: JsonDict, due: list[str], revision: int) -> Iterator[SourceRecord]:
        for number, gone in enumerate(due, start=1):
            value = Removal(gone, getattr(self.config, "entity", "offer"), revision)
            yield SourceRecord(partition, offset, f"removed_from_source {gone}".encode(), value,
                               remaining=len(due) - number)

    def _due(self, missing: dict[str, int], now_us: int) -> tuple[dict[str, int], list[str]]:
        grace_us = int((self.config.removal_grace_s or 0) * 1_000_000)
        due = sorted(e for e, since in missing.items() if now_us - since >= grace_us)
        return {e: s for e, s in missing.items() if e not in due}, due

    def normalise_removal(self, record: SourceRecord) -> list[Event] | None:
        """The status update ending a removed record, or None when the record is a row."""
        value = record.value
        if not isinstance(value, Removal):
            return None
        source = self.config.source
        record_id = f"{value.entity_id}/removed"
        return [StatusUpdate(id=entity_id(source, record_id), source=source, source_record_id=record_id,
                             revision=value.revision, entity_id=value.entity_id, entity_kind=value.kind,
                             new_status="ended" if value.kind == "offer" else "withdrawn",
                             reason="removed_from_source",
                             occurred_at=datetime.fromtimestamp(value.revision / 1_000_000, tz=timezone.utc))]

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
        tracking = self._removal_tracking()
        now_us = max(time.time_ns() // 1000, (stored or {}).get("revision", 0))
        if stored and stored["sha256"] == sha:
            if stored["row"] >= stored["rows"]:
                if tracking and stored.get("missing"):  # read completely before: only removals may be due
                    missing, due = self._due(stored["missing"], now_us)
                    yield from self._removals(partition, {**stored, "missing": missing}, due, now_us)
                return
            revision, start = stored["revision"], stored["row"]
        else:
            mtime_us = path.stat().st_mtime_ns // 1000
            revision, start = max(mtime_us, stored["revision"] + 1 if stored else 0), 0
        try:
            rows = self.read_rows(path, data)
        except RecordError as exc:
            # what was known of the last content is kept: a failed read ends nothing
            kept = {k: stored[k] for k in ("keys", "missing") if stored and k in stored}
            offset = {"sha256": sha, "revision": revision, "row": 0, "rows": 0, **kept}
            yield SourceRecord(partition, offset, data[:MAX_FILE_PAYLOAD], error=exc, remaining=0)
            return
        total = len(rows)
        state: JsonDict = {}
        due: list[str] = []
        if tracking and not rows and stored:
            # an export without a single row is taken for a failed one: it ends nothing
            state = {k: stored[k] for k in ("keys", "missing") if k in stored}
        elif tracking and len(rows) <= MAX_TRACKED_ROWS:
            keys = self._entity_ids(rows)
            present = set(keys)
            missing = {e: s for e, s in ((stored or {}).get("missing") or {}).items() if e not in present}
            for gone in set(unpack_ids((stored or {}).get("keys") or "")) - present - set(missing):
                missing[gone] = now_us  # the grace period runs from when the hub first saw it gone
            missing, due = self._due(missing, now_us)
            state = {"keys": pack_ids(keys), "missing": missing}
        for number in range(start + 1, total + 1):
            payload, value, error = rows[number - 1]
            offset = {"sha256": sha, "revision": revision, "row": number, "rows": total, **state}
            yield SourceRecord(partition, offset, payload, value, error, remaining=total - number + len(due))
        end = {"sha256": sha, "revision": revision, "row": total, "rows": total, **state}
        yield from self._removals(partition, end, due, max(now_us, revision))


def pack_ids(ids: list[str]) -> str:
    """Entity ids (UUIDs) as one string of 22 characters each: the removal state stays small."""
    return "".join(base64.urlsafe_b64encode(uuid.UUID(i).bytes).decode()[:22] for i in ids)


def unpack_ids(packed: str) -> list[str]:
    return [str(uuid.UUID(bytes=base64.urlsafe_b64decode(packed[i:i + 22] + "=="))) for i in range(0, len(packed), 22)]


@dataclass(frozen=True)
class Removal:
    """A record gone from a re-exported file: the entity to end, its kind, the update's revision."""

    entity_id: str
    kind: str
    revision: int
