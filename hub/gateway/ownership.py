"""Who owns which entity, its latest revision, and which status events were accepted.

Rebuilt at startup from the canonical topics (needs and offers are compacted, key = entity id;
status keeps every event), then kept current by tailing them, so a restarted gateway still knows
what it accepted before and what connectors produced meanwhile.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import structlog
from aiokafka import TopicPartition
from aiokafka.errors import KafkaError

from hub.kafka.tail import TopicReader

# a lazy proxy: it follows configure_logging even when that runs after this import
log = structlog.get_logger("hub.gateway.ownership")

EntityKind = str  # "need" | "offer"


@dataclass(frozen=True)
class EntityRecord:
    owner: str
    kind: EntityKind
    revision: int


class OwnershipIndex:
    """entity id -> (owner source, kind, latest revision); plus the ids of accepted status events."""

    def __init__(self) -> None:
        self._entities: dict[str, EntityRecord] = {}
        self._status_events: set[str] = set()

    def __len__(self) -> int:
        return len(self._entities)

    def entity(self, entity_id: str) -> EntityRecord | None:
        return self._entities.get(entity_id)

    def has_status_event(self, event_id: str) -> bool:
        return event_id in self._status_events

    def record_entity(self, entity_id: str, owner: str, kind: EntityKind, revision: int) -> None:
        """Remember a revision; the first owner stays the owner, older revisions never win."""
        current = self._entities.get(entity_id)
        if current is None:
            self._entities[entity_id] = EntityRecord(owner, kind, revision)
        elif revision > current.revision:
            self._entities[entity_id] = EntityRecord(current.owner, current.kind, revision)

    def record_status_event(self, event_id: str) -> None:
        self._status_events.add(event_id)

    def apply_record(self, kind: str, value: bytes | None, headers: Sequence[tuple[str, bytes]]) -> None:
        """Take in one record of a canonical topic; records it cannot read are skipped (not ours to judge)."""
        if kind == "status":
            event_id = _header(headers, "ce_id")
            if event_id:
                self.record_status_event(event_id)
            return
        data = _json_object(value)
        if data is None:
            return
        entity_id, source, revision = data.get("id"), data.get("source"), data.get("revision")
        if isinstance(entity_id, str) and isinstance(source, str) and isinstance(revision, int):
            self.record_entity(entity_id, source, kind, revision)


def _header(headers: Iterable[tuple[str, bytes | None]], name: str) -> str | None:
    for key, value in headers:
        if key == name and value is not None:
            try:
                return value.decode()
            except UnicodeDecodeError:
                return None
    return None


def _json_object(value: bytes | None) -> dict[str, Any] | None:
    if value is None:
        return None
    try:
        data = json.loads(value)
    except (ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) else None


class IndexFeed:
    """Loads the index from the canonical topics, then keeps tailing them in the background."""

    def __init__(self, index: OwnershipIndex, bootstrap_servers: str, topics: dict[str, str]) -> None:
        self._index = index
        self._kind_of = {topic: kind for kind, topic in topics.items()}  # topic -> "need" | "offer" | "status"
        # missing="fail": the gateway writes to these topics too, so it is not ready before they exist
        self._reader = TopicReader(bootstrap_servers, self._kind_of, client="gateway index", missing="fail",
                                   max_partition_fetch_bytes=4 * 1024 * 1024)
        self._task: asyncio.Task[None] | None = None
        self.loaded = asyncio.Event()

    async def start(self) -> None:
        """Read every record up to the end offsets of now.

        BrokerUnavailable if Kafka does not answer, PermanentError if a topic does not exist (the caller
        retries both)."""
        await self._reader.start()
        try:
            await self._reader.catch_up(self._apply)
        except BaseException:
            await self._reader.stop()
            raise
        self.loaded.set()
        log.info("ownership index loaded", entities=len(self._index))
        self._task = asyncio.create_task(self._tail(), name="gateway-index-tail")

    def _apply(self, batch: Mapping[TopicPartition, list[Any]]) -> None:
        for tp, records in batch.items():
            kind = self._kind_of[tp.topic]
            for record in records:
                self._index.apply_record(kind, record.value, record.headers)

    async def _tail(self) -> None:
        while True:
            try:
                self._apply(await self._reader.fetch(timeout_ms=1000))
            except asyncio.CancelledError:
                raise
            except KafkaError as exc:  # the consumer reconnects by itself; keep the loop alive
                log.warning("index tail interrupted", error=str(exc))
                await asyncio.sleep(1.0)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except (asyncio.CancelledError, Exception):
                pass
        if self.loaded.is_set():
            await self._reader.stop()
