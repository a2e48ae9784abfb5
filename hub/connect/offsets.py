"""Connector state in the compacted `connect-offsets` topic: key = connector name, value = JSON.

Value: ``{"connector", "kind", "position": [{"partition": {...}, "offset": {...}}], "counters": {"read",
"produced", "dead_lettered", "events", "duplicate_keys", "quality_notes"}, "lag", "last_error", "updated_at"}``. Counters travel with the
position, so after a restart they count each source record once, and `connect status` reads them here.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timezone
from typing import Any

from connectors import Position
from hub.errors import MisuseError, PermanentError
from hub.kafka.producer import EventProducer
from hub.kafka.reader import read_topic


@dataclass(frozen=True)
class Counters:
    """Source records read = produced + dead-lettered + duplicate keys; `events` counts the events produced.

    `duplicate_keys` counts records dead-lettered because another record of the same read had their key
    (reason ``duplicate_record_key``); `quality_notes` counts the values dropped or moved on the events
    produced (``quality`` on the record).
    """

    read: int = 0
    produced: int = 0
    dead_lettered: int = 0
    events: int = 0
    duplicate_keys: int = 0
    quality_notes: int = 0

    def __add__(self, other: Counters) -> Counters:
        return Counters(*(a + b for a, b in zip(asdict(self).values(), asdict(other).values())))


@dataclass(frozen=True)
class ConnectorState:
    """What the offsets topic holds for one connector."""

    connector: str
    kind: str = ""
    position: Position = field(default_factory=Position)
    counters: Counters = field(default_factory=Counters)
    lag: int | None = None
    last_error: dict[str, Any] | None = None
    updated_at: str | None = None

    def to_json(self) -> bytes:
        return json.dumps({
            "connector": self.connector, "kind": self.kind, "position": self.position.to_json(),
            "counters": asdict(self.counters), "lag": self.lag, "last_error": self.last_error,
            "updated_at": datetime.now(timezone.utc).isoformat(),
        }, ensure_ascii=False, separators=(",", ":")).encode()

    @classmethod
    def from_json(cls, value: bytes) -> ConnectorState:
        raw = json.loads(value)
        return cls(raw["connector"], raw.get("kind", ""), Position.from_json(raw.get("position")),
                   Counters(**raw.get("counters", {})), raw.get("lag"), raw.get("last_error"), raw.get("updated_at"))

    def but(self, **changes: Any) -> ConnectorState:
        return replace(self, **changes)


class OffsetStore:
    """Reads the latest state per connector and writes new states (acks=all) through the hub's producer."""

    def __init__(self, bootstrap_servers: str, topic: str, producer: EventProducer | None = None) -> None:
        self.bootstrap_servers, self.topic, self._producer = bootstrap_servers, topic, producer

    async def load_all(self) -> dict[str, ConnectorState]:
        """The latest state of every connector (the last record per key wins, as compaction would keep)."""
        try:
            records = await read_topic(self.bootstrap_servers, self.topic)
        except PermanentError as exc:
            raise MisuseError(f"{exc}; create the hub's topics with `koordinate topics apply`") from exc
        latest: dict[str, ConnectorState] = {}
        for record in records:
            if record.key is not None and record.value is not None:
                latest[record.key.decode()] = ConnectorState.from_json(record.value)
        return latest

    async def load(self, connector: str) -> ConnectorState | None:
        return (await self.load_all()).get(connector)

    async def commit(self, state: ConnectorState) -> None:
        """Write the state; returns once the broker acknowledged it."""
        if self._producer is None:
            raise MisuseError("this OffsetStore was made for reading only")
        await self._producer.send(self.topic, state.to_json(), key=state.connector.encode())
