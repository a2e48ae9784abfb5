"""The source connector contract: a config model, records with their source position, one `normalise` step.

Modelled on Kafka Connect: every record carries a source partition and source offset as plain
JSON-able dicts, so one offset store can resume any source; connectors never see Kafka.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, ClassVar, Generic, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo

from connectors.errors import RecordError
from schemas import Need, Offer, StatusUpdate

Event = Need | Offer | StatusUpdate
"""What a connector produces: a canonical record of the contract."""

JsonDict = dict[str, Any]


def _relative_to_config(value: Path, info: ValidationInfo) -> Path:
    # paths in a config file mean "next to this file", wherever the runtime was started
    base = (info.context or {}).get("base_dir")
    return value if value.is_absolute() or base is None else Path(base) / value


ConfigPath = Annotated[Path, AfterValidator(_relative_to_config)]
"""A path in a config file; relative paths are taken relative to the config file's folder."""


class ConnectorConfig(BaseModel):
    """Keys every connector config has; a kind adds its own. Unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]{0,99}$", description="unique; the offsets key")
    kind: str
    source: str = Field(pattern=r"^\S+$", description="URI reference used as the events' `source`")
    poll_interval_s: float = Field(60.0, gt=0)
    batch_size: int = Field(500, ge=1, le=10_000, description="records produced per offset commit")


def partition_key(partition: Mapping[str, Any]) -> str:
    """One canonical string per source partition (sorted JSON), usable as a dict key."""
    return json.dumps(partition, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


@dataclass(frozen=True)
class SourceRecord:
    """One record as read, before normalising; ``error`` set when it could not even be read.

    ``payload`` is the original bytes (the CSV line, the VEVENT text) that a dead letter carries;
    ``value`` is what `normalise` reads; ``remaining`` is how many records the source still holds
    after this one, where the connector knows it (the lag shown by `connect status`).
    """

    partition: JsonDict
    offset: JsonDict
    payload: bytes
    value: Any = None
    error: RecordError | None = None
    remaining: int | None = None


@dataclass(frozen=True)
class Position:
    """Where a connector stands: the latest offset per source partition. Immutable; `advanced` copies."""

    offsets: Mapping[str, JsonDict] = field(default_factory=dict)

    def offset_of(self, partition: Mapping[str, Any]) -> JsonDict | None:
        return self.offsets.get(partition_key(partition))

    def advanced(self, records: Iterable[SourceRecord]) -> Position:
        """The position after these records (the last record per partition wins)."""
        offsets = dict(self.offsets)
        for record in records:
            offsets[partition_key(record.partition)] = record.offset
        return Position(offsets)

    def to_json(self) -> list[JsonDict]:
        return [{"partition": json.loads(key), "offset": offset} for key, offset in sorted(self.offsets.items())]

    @classmethod
    def from_json(cls, items: list[JsonDict] | None) -> Position:
        return cls({partition_key(item["partition"]): item["offset"] for item in items or ()})


C = TypeVar("C", bound=ConnectorConfig)


class SourceConnector(ABC, Generic[C]):
    """A pull source: `poll` reads records after a position, `normalise` maps one record to events.

    `poll` runs in a worker thread and may block (files, HTTP); `normalise` must be pure: the same
    record and config always give the same events, so a re-sent record keeps its entity id and
    revision. Raise `RecordError` for a bad record, `SourceUnavailable` to be polled again later.
    """

    config_model: ClassVar[type[ConnectorConfig]]

    def __init__(self, config: C) -> None:
        self.config = config

    @property
    def name(self) -> str:
        return self.config.name

    def open(self) -> None:
        """Acquire what polling needs (clients, handles); the runtime calls it once before polling."""

    @abstractmethod
    def poll(self, position: Position) -> Iterator[SourceRecord]:
        """Every record after `position`, in source order; the iterator ends when the source is read."""

    @abstractmethod
    def normalise(self, record: SourceRecord) -> list[Event]:
        """The canonical events of one record; raise `RecordError` naming the field when it cannot be."""

    def close(self) -> None:
        """Release what `open` acquired."""
