"""Which municipality (AGS) an incoming canonical event belongs to, so one area shares one partition.

Needs and offers name their AGS; status updates and reviews name an entity, whose AGS the router
remembers. A status update that arrives before its entity is parked, not dropped.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass
from typing import Any

from schemas import Need, Offer, Review, StatusUpdate
from schemas._base import EventModel


@dataclass(frozen=True)
class Routed:
    """An event to forward to the area stream, keyed by its AGS."""

    ags: str
    value: bytes
    headers: list[tuple[str, bytes]]


def entity_of(model: EventModel) -> str | None:
    """The entity whose AGS decides where this event is processed."""
    if isinstance(model, (Need, Offer)):
        return model.id
    if isinstance(model, StatusUpdate):
        return model.entity_id
    if isinstance(model, Review):
        return min(model.offer_ids) if model.offer_ids else None
    return None


class AreaRouter:
    """Keeps entity id -> AGS and the records parked for entities not seen yet (both in faust tables)."""

    def __init__(self, entity_areas: MutableMapping[str, Any], parked: MutableMapping[str, Any]) -> None:
        self._areas = entity_areas
        self._parked = parked

    def route(self, model: EventModel, value: bytes, headers: list[tuple[str, bytes]]) -> list[Routed]:
        """What to forward now: this event (if its area is known) and anything parked behind it."""
        entity = entity_of(model)
        if isinstance(model, (Need, Offer)):
            ags = model.area.ags
            self._areas[model.id] = ags
            released = self._parked.pop(model.id, None) or []
            return [Routed(ags, value, headers)] + [
                Routed(ags, bytes.fromhex(p["value"]), [(k, bytes.fromhex(v)) for k, v in p["headers"]])
                for p in released
            ]
        ags = self._areas.get(entity) if entity else None
        if ags is not None:
            return [Routed(ags, value, headers)]
        if entity is not None:
            waiting = list(self._parked.get(entity) or [])
            waiting.append({"value": value.hex(), "headers": [[k, v.hex()] for k, v in headers]})
            self._parked[entity] = waiting
        return []
