"""Any JSON REST list endpoint: paths in the config say where the records and each canonical field are.

Paths are a small dotted syntax (``data.items``, ``address.postcode``, ``tags[0]``, ``langs[*].code``;
see `connectors.json_api.select`), values are mapped like a spreadsheet's (`connectors.mapping`).
With ``updated_field`` the read is incremental and the revision is that time; without it the whole
list is re-read when its content changes and the revision is when that change was seen (like a file),
and a record gone from the list ends after `removal_grace_s` (see `connectors.removals`).
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterator
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from connectors.base import ConfigPath, ConnectorConfig, Event, Position, SourceConnector, SourceRecord
from connectors.errors import RecordError
from connectors.identity import mark_duplicate_keys
from connectors.json_api import (
    Change,
    JsonSource,
    Paging,
    changed_records,
    check_path,
    micros,
    parse_time,
    select,
    since,
)
from connectors.mapping import FieldMapping, record_key, row_to_event
from connectors.removals import due_now, kept_state, removal_events, removal_records, resumed_state, track
from schemas import entity_id


class JsonRestConfig(ConnectorConfig):
    kind: Literal["json_rest"]
    url: str | None = Field(None, description="the list endpoint (http(s) or file://)")
    path: ConfigPath | None = Field(None, description="a JSON file instead of a URL")
    headers: dict[str, str] = {}
    params: dict[str, str] = {}
    records_path: str = Field("", description="path of the record list in the body; '' if the body is the list")
    paging: Paging = Paging()
    entity: Literal["need", "offer"]
    record_id: str | list[str] = Field(description="record key: a path, or several combined")
    fields: dict[str, str] = Field(description="canonical field (dotted, e.g. area.ags) -> path in the record")
    values: dict[str, dict[str, str]] = {}
    defaults: dict[str, Any] = {}
    updated_field: str | None = Field(None, description="path of the record's modification time")
    removal_grace_s: float | None = Field(
        0.0, ge=0, description="without updated_field: end a record this long after it left the list; null: never")
    since_param: str | None = Field(None, description="query parameter taking the watermark time")

    decimal: Literal[".", ","] = Field(".", description="decimal mark of numbers sent as text")

    @field_validator("records_path", "updated_field")
    @classmethod
    def _path(cls, value: str | None) -> str | None:
        return value if value is None else check_path(value)

    @field_validator("record_id")
    @classmethod
    def _key_paths(cls, value: str | list[str]) -> str | list[str]:
        return check_path(value) if isinstance(value, str) else [check_path(v) for v in value]

    @field_validator("fields")
    @classmethod
    def _paths(cls, value: dict[str, str]) -> dict[str, str]:
        return {field: check_path(path) for field, path in value.items()}

    @model_validator(mode="after")
    def _consistent(self) -> JsonRestConfig:
        if (self.url is None) == (self.path is None):
            raise ValueError("give exactly one of 'url' and 'path'")
        self.mapping()  # unknown canonical fields fail here, at load time
        return self

    def mapping(self) -> FieldMapping:
        return FieldMapping(entity=self.entity, record_id=self.record_id, columns=self.fields,
                            values=self.values, defaults=self.defaults)


class JsonRestConnector(SourceConnector[JsonRestConfig]):
    """One list endpoint; a record is one item of the list."""

    config_model = JsonRestConfig

    def open(self) -> None:
        self._mapping = self.config.mapping()
        self._source = JsonSource(self.config.url, self.config.path, self.config.headers)
        self._source.open()

    def close(self) -> None:
        self._source.close()

    def poll(self, position: Position) -> Iterator[SourceRecord]:
        cfg, partition = self.config, {"json": self._source.name}
        stored = position.offset_of(partition) or {}
        params = dict(cfg.params)
        if cfg.updated_field and cfg.since_param and (moment := since(stored)):
            params[cfg.since_param] = moment
        read = self._source.items("", cfg.records_path, cfg.paging, params, stored)
        tracking = cfg.removal_grace_s is not None and not cfg.updated_field  # only a whole list is complete
        now_us = max(time.time_ns() // 1000, stored.get("revision", 0))
        if read is None or (stored.get("content") and read[0] and _sha(read[0]) == stored.get("content")
                            and stored.get("row", 0) >= stored.get("rows", 0)):
            if tracking:  # unchanged: only removals may be due
                state, due = due_now(stored, now_us, cfg.removal_grace_s or 0)
                yield from removal_records(partition, {**stored, **state}, due, cfg.entity, state.get("ended_at", now_us))
            return
        items, validators = read
        if cfg.updated_field:
            changes = [Change(self._key(i) or "", parse_time(select(i, cfg.updated_field)), i) for i in items]
            yield from mark_duplicate_keys(list(changed_records(partition, changes, stored, validators)), self._key)
            return
        # no modification time: the list is one snapshot, re-read whole when its content changes
        sha = _sha(items)
        resume = stored.get("content") == sha
        revision = stored["revision"] if resume else max(time.time_ns() // 1000, stored.get("revision", -1) + 1)
        state: dict[str, Any] = {}
        due: list[str] = []
        if tracking and not items:
            state = kept_state(stored)  # an empty list is taken for a failed answer: it ends nothing
        elif tracking and resume:
            state, due = resumed_state(stored)
        elif tracking:
            present = {entity_id(cfg.source, key) for i in items if (key := self._key(i))}
            state, due = track(stored, present, now_us, cfg.removal_grace_s or 0)
        records = []
        for number, item in enumerate(items, start=1):
            offset = {"content": sha, "revision": revision, "row": number, "rows": len(items), **state,
                      **(validators if number == len(items) else {})}
            records.append(SourceRecord(partition, offset, json.dumps(item, ensure_ascii=False).encode(), item,
                                        remaining=len(items) - number + len(due)))
        # duplicates are found over the whole list, also when a poll resumes in its middle
        yield from mark_duplicate_keys(records, self._key)[stored["row"] if resume else 0:]
        if records:
            yield from removal_records(partition, records[-1].offset, due, cfg.entity, state.get("ended_at", now_us))

    def _key(self, item: Any) -> str | None:
        return record_key(self._mapping, self._row(item))

    def _row(self, item: Any) -> dict[str, str]:
        return {path: _text(select(item, path)) for path in self._mapping.references()}

    def normalise(self, record: SourceRecord) -> list[Event]:
        cfg = self.config
        if (ended := removal_events(cfg.source, record)) is not None:
            return ended
        if cfg.updated_field:
            moment = parse_time(select(record.value, cfg.updated_field))
            if moment is None:
                raise RecordError.single(cfg.updated_field, "missing or unreadable modification time")
            revision = micros(moment)
        else:
            revision = record.offset["revision"]
        return [row_to_event(self._mapping, cfg.source, self._row(record.value), revision, cfg.decimal)]


def _sha(items: list[Any]) -> str:
    return hashlib.sha256(json.dumps(items, sort_keys=True).encode()).hexdigest()


def _text(value: Any) -> str:
    # the mapping reads text cells; lists become "a, b" (split again for list fields)
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_text(v) for v in value if v is not None)
    if isinstance(value, bool):
        return "true" if value else "false"
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
