"""A sink's state in `connect-offsets` (key = sink name): the position it delivered up to, counters, ended targets.

The value is a `ConnectorState` document (so `connect status` and `OffsetStore.load_all` read it like a
source's: read = records consumed, produced = deliveries made, dead_lettered, events = deliveries decided)
plus ``"sink": {"subscriptions": {name: counters}, "state": <the connector's own state>}``. The position
is the next offset per topic partition: ``{"partition": {"topic", "partition"}, "offset": {"offset"}}``.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timezone
from typing import Any

from connectors import Position
from connectors.sink_base import Outcome
from hub.connect.offsets import ConnectorState, Counters, OffsetStore
from hub.errors import MisuseError, PermanentError
from hub.kafka.reader import read_topic


@dataclass(frozen=True)
class TargetCounters:
    """Per subscription: deliveries that succeeded, retries made, dead letters, ended, skipped after the end."""

    delivered: int = 0
    retried: int = 0
    dead_lettered: int = 0
    ended: int = 0
    skipped: int = 0

    def counting(self, outcome: Outcome) -> TargetCounters:
        counts = asdict(self)
        counts[outcome.result] += 1
        counts["retried"] += outcome.retries
        return TargetCounters(**counts)


@dataclass(frozen=True)
class SinkState:
    connector: str
    kind: str = ""
    position: Position = field(default_factory=Position)
    counters: Counters = field(default_factory=Counters)
    targets: dict[str, TargetCounters] = field(default_factory=dict)
    sink_state: dict[str, Any] = field(default_factory=dict)
    lag: int | None = None
    last_error: dict[str, Any] | None = None
    updated_at: str | None = None

    def next_offset(self, topic: str, partition: int) -> int | None:
        offset = self.position.offset_of({"topic": topic, "partition": partition})
        return None if offset is None else int(offset["offset"])

    def to_json(self) -> bytes:
        return json.dumps({
            "connector": self.connector, "kind": self.kind, "position": self.position.to_json(),
            "counters": asdict(self.counters), "lag": self.lag, "last_error": self.last_error,
            "updated_at": datetime.now(timezone.utc).isoformat(),
            "sink": {"subscriptions": {n: asdict(c) for n, c in sorted(self.targets.items())}, "state": self.sink_state},
        }, ensure_ascii=False, separators=(",", ":")).encode()

    @classmethod
    def from_json(cls, value: bytes) -> SinkState:
        raw = json.loads(value)
        base = ConnectorState.from_json(value)
        sink = raw.get("sink") or {}
        targets = {n: TargetCounters(**c) for n, c in (sink.get("subscriptions") or {}).items()}
        return cls(base.connector, base.kind, base.position, base.counters, targets, sink.get("state") or {},
                   base.lag, base.last_error, base.updated_at)

    @property
    def ended(self) -> dict[str, dict[str, Any]]:
        return dict(self.sink_state.get("ended") or {})

    def but(self, **changes: Any) -> SinkState:
        return replace(self, **changes)


def is_sink_document(value: bytes | None) -> bool:
    try:
        return value is not None and "sink" in json.loads(value)
    except ValueError:
        return False


async def load_sink_states(offsets: OffsetStore) -> dict[str, SinkState]:
    """The latest state of every sink in the offsets topic."""
    try:
        records = await read_topic(offsets.bootstrap_servers, offsets.topic)
    except PermanentError as exc:
        raise MisuseError(f"{exc}; create the hub's topics with `koordinate topics apply`") from exc
    latest: dict[str, SinkState] = {}
    for record in records:
        if record.key is not None and is_sink_document(record.value):
            latest[record.key.decode()] = SinkState.from_json(record.value)
    return latest
