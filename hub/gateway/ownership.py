"""The gateway's questions to the hub's entity directory (hub/kafka/directory.py), by the names intake asks them.

Who owns an entity and its latest revision, and which status events were accepted: the directory
knows them from the canonical topics (read by `DirectoryFeed` at startup, then tailed), so a restarted
gateway still knows what it accepted before and what connectors produced meanwhile.
"""

from __future__ import annotations

from hub.kafka.directory import EntityDirectory, EntityKind, EntityRecord

__all__ = ["EntityKind", "EntityRecord", "OwnershipIndex"]


class OwnershipIndex:
    """entity id -> (owner source, kind, latest revision); plus the ids of accepted status events."""

    def __init__(self, directory: EntityDirectory | None = None) -> None:
        self.directory = directory if directory is not None else EntityDirectory()

    def __len__(self) -> int:
        return len(self.directory)

    def entity(self, entity_id: str) -> EntityRecord | None:
        # the owner's record stays after a tombstone: a removed entity still belongs to its source
        return self.directory.owner(entity_id)

    def has_status_event(self, event_id: str) -> bool:
        return self.directory.has_status_event(event_id)

    def record_entity(self, entity_id: str, owner: str, kind: EntityKind, revision: int) -> None:
        self.directory.record_entity(entity_id, owner, kind, revision)

    def record_status_event(self, event_id: str) -> None:
        self.directory.record_status_event(event_id)
