"""The hub's one entity directory: what the canonical topics say about each need and offer.

Two processes ask it different questions about the same records. The gateway asks who owns an entity
(to refuse another source's update), its latest revision (to answer a re-sent event without producing
it again) and whether a status event was accepted already. The webhook sinks ask who published an
entity, where it is (AGS, districts) and which offers are committed to a need (to route derived
events). Needs and offers (compacted, key = entity id) and status updates (every event) answer both,
so one directory keeps them; `DirectoryFeed` (hub/kafka/directory_feed.py) feeds it record by record.

A tombstone (a source removed the entity) ends the sinks' answer but not the gateway's: routing to an
entity that is gone would name it, while its owner and revision still decide what a re-send is.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from connectors.sink_base import EntityInfo
from schemas import Need, Offer, StatusUpdate
from schemas._base import EventModel

EntityKind = Literal["need", "offer"]
RecordKind = Literal["need", "offer", "status"]

KIND_OF_MODEL: dict[type[EventModel], RecordKind] = {Need: "need", Offer: "offer", StatusUpdate: "status"}
"""The canonical models whose topics feed the directory, and what their records are to it."""


@dataclass(frozen=True)
class EntityRecord:
    """The gateway's answer: the source that first published the entity, its kind, its latest revision."""

    owner: str
    kind: EntityKind
    revision: int


class EntityDirectory:
    """entity id -> owner, kind, revision, area; need id -> committed offers; the ids of status events."""

    def __init__(self) -> None:
        self._owned: dict[str, EntityRecord] = {}
        self._placed: dict[str, EntityInfo] = {}  # left out once a tombstone removed the entity
        self._commitments: dict[str, set[str]] = {}  # need id -> committed offer ids
        self._status_events: set[str] = set()

    def __len__(self) -> int:
        """Entities ever published (removed ones too: they keep their owner)."""
        return len(self._owned)

    # -- the gateway's questions

    def owner(self, entity_id: str) -> EntityRecord | None:
        return self._owned.get(entity_id)

    def has_status_event(self, event_id: str) -> bool:
        return event_id in self._status_events

    # -- the sinks' questions (connectors.sink_base.Directory)

    def entity(self, entity_id: str) -> EntityInfo | None:
        return self._placed.get(entity_id)

    def offers_committed_to(self, need_id: str) -> frozenset[str]:
        return frozenset(self._commitments.get(need_id, ()))

    # -- what changes it

    def record_entity(self, entity_id: str, owner: str, kind: EntityKind, revision: int) -> None:
        """Remember a revision; the first owner stays the owner, older revisions never win.

        The gateway calls this once the broker acknowledged a record it produced, before its feed
        reads the record back: a re-send in between is then already known."""
        current = self._owned.get(entity_id)
        if current is None:
            self._owned[entity_id] = EntityRecord(owner, kind, revision)
        elif revision > current.revision:
            self._owned[entity_id] = EntityRecord(current.owner, current.kind, revision)

    def record_status_event(self, event_id: str) -> None:
        self._status_events.add(event_id)

    def take_entity(self, kind: EntityKind, data: Mapping[str, Any]) -> None:
        """One need or offer as its topic carries it; without an id, a source and a revision it names nothing."""
        entity_id, source, revision = data.get("id"), data.get("source"), data.get("revision")
        if not (isinstance(entity_id, str) and isinstance(source, str) and isinstance(revision, int)):
            return
        known = self._owned.get(entity_id)
        # the area of the latest revision (equal: the record the gateway only recorded so far); after a
        # tombstone, whatever comes next, as the sinks always routed by the last record they read
        if known is None or entity_id not in self._placed or revision >= known.revision:
            self._placed[entity_id] = _placement(kind, known.owner if known else source, data.get("area"))
        self.record_entity(entity_id, source, kind, revision)

    def remove(self, entity_id: str) -> None:
        """A tombstone on a canonical topic: the entity is gone, though not who owned it."""
        self._placed.pop(entity_id, None)

    def take_status(self, event_id: str | None, data: Mapping[str, Any] | None) -> None:
        """One status update: its event id (the CloudEvent's), and the commitment it may carry."""
        if event_id:
            self.record_status_event(event_id)
        commitment = data.get("commitment") if data is not None else None
        if not isinstance(commitment, dict):
            return
        need_id, offer_id = commitment.get("need_id"), commitment.get("offer_id")
        if not (isinstance(need_id, str) and isinstance(offer_id, str)):
            return
        offers = self._commitments.setdefault(need_id, set())
        if commitment.get("state") == "withdrawn":
            offers.discard(offer_id)
        else:
            offers.add(offer_id)

    def take_record(self, kind: RecordKind, key: bytes | None, value: bytes | None,
                    headers: Iterable[tuple[str, bytes | None]]) -> None:
        """One record of a canonical topic; what it cannot read is skipped (dead-lettered upstream, not ours to judge)."""
        if kind == "status":
            self.take_status(_header(headers, "ce_id"), _json_object(value))
        elif value is None:
            if key is not None:
                self.remove(key.decode(errors="replace"))
        elif (data := _json_object(value)) is not None:
            self.take_entity(kind, data)


def _placement(kind: EntityKind, source: str, area: Any) -> EntityInfo:
    area = area if isinstance(area, dict) else {}
    ags = area.get("ags") if isinstance(area.get("ags"), str) else ""
    districts: tuple[str, ...]
    if kind == "need":  # a need lies in one district; an offer serves some (none named: all)
        districts = (area["district"],) if isinstance(area.get("district"), str) and area["district"] else ()
    else:
        named = area.get("districts")
        districts = tuple(d for d in named if isinstance(d, str)) if isinstance(named, list) else ()
    return EntityInfo(kind, source, ags, districts)


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
