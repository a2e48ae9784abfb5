"""Which municipality (AGS) an incoming canonical event belongs to, so one area shares one partition.

Needs and offers name their AGS; status updates and reviews name an entity, whose AGS the router
remembers. A need or an offer whose AGS changed is also sent, marked as a departure, to the
municipality it left. A status update that arrives before its entity is parked, not dropped, and
gives up after the engine's parking policy (`hub/engine/parking.py`): it then goes to the dead-letter
topic.
"""

from __future__ import annotations

import heapq
import json
from collections.abc import Callable, Iterable, MutableMapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from hub.engine import Departure, EngineConfig
from hub.engine.parking import ENTITY_UNKNOWN, gave_up, why_given_up
from schemas import Need, Offer, Review, StatusUpdate, carries_validation_stamp, model_for_type
from schemas._base import EventModel


# On a need or an offer forwarded to the municipality it left (value: that municipality's AGS): the
# partition there lets the entity go instead of applying the revision (hub/engine/departure.py).
DEPARTURE_HEADER = "koordinate_departure"


def area_event(model: EventModel, headers: Iterable[tuple[str, bytes]]) -> EventModel | Departure:
    """What a record of the area stream asks of its partition's engine: its event, or the departure of
    a need or an offer that moved to another municipality (marked by `DEPARTURE_HEADER`)."""
    if isinstance(model, (Need, Offer)) and any(name == DEPARTURE_HEADER for name, _ in headers):
        return Departure(model)
    return model


def header_text(headers: Iterable[tuple[str, bytes]], name: str) -> str:
    """A header's value as text ("" when the record has none)."""
    return next((value.decode(errors="replace") for key, value in headers if key == name and value), "")


@dataclass(frozen=True)
class Routed:
    """An event to forward to the area stream, keyed by its AGS."""

    ags: str
    value: bytes
    headers: list[tuple[str, bytes]]


@dataclass(frozen=True)
class RoutingFacts:
    """What routing reads of an event: whether it states an entity (a need or an offer, with its AGS) or
    refers to one (a status update or a review), and that entity's id."""

    entity: str | None
    ags: str | None = None  # set for a need or an offer: the municipality it states

    @classmethod
    def of_model(cls, model: EventModel) -> RoutingFacts:
        if isinstance(model, (Need, Offer)):
            return cls(model.id, model.area.ags)
        if isinstance(model, StatusUpdate):
            return cls(model.entity_id)
        if isinstance(model, Review):
            return cls(min(model.offer_ids) if model.offer_ids else None)
        return cls(None)

    @classmethod
    def of_stamped_record(cls, value: bytes, headers: list[tuple[str, bytes]]) -> RoutingFacts | None:
        """The facts read straight from a record the edge validated (`schemas.VALIDATED_HEADER`): the
        second stage builds the model anyway, and validating it here too cost about a fifth of the
        first stage's time. None for any other record, and for one whose data lacks the facts (it is
        then validated in full, and its dead letter names the field)."""
        if not carries_validation_stamp(value, headers):
            return None
        model_class = model_for_type(header_text(headers, "ce_type"))
        if model_class is None:
            return None
        try:
            data = json.loads(value)
        except ValueError:
            return None
        return cls.of_data(model_class, data)

    @classmethod
    def of_data(cls, model_class: type[EventModel], data: Any) -> RoutingFacts | None:
        """The same facts read from a record's JSON data without validating it (a record the edge
        validated, see `schemas.carries_validation_stamp`); None where the data does not have them."""
        if not isinstance(data, dict):
            return None
        if issubclass(model_class, (Need, Offer)):
            entity, area = data.get("id"), data.get("area")
            ags = area.get("ags") if isinstance(area, dict) else None
            return cls(entity, ags) if isinstance(entity, str) and isinstance(ags, str) else None
        if issubclass(model_class, StatusUpdate):
            entity = data.get("entity_id")
            return cls(entity) if isinstance(entity, str) else None
        if issubclass(model_class, Review):
            offer_ids = data.get("offer_ids")
            if isinstance(offer_ids, list) and offer_ids and all(isinstance(i, str) for i in offer_ids):
                return cls(min(offer_ids))
        return None


@dataclass(frozen=True)
class GaveUp:
    """A parked record whose entity did not arrive in time; it belongs in the dead-letter topic."""

    entity: str
    value: bytes
    headers: list[tuple[str, bytes]]
    parked_at: datetime
    reason_code: str
    reason: str
    origin: dict[str, Any]  # where the record was read (topic, partition, offset), for a replay


class AreaRouter:
    """Keeps entity id -> AGS and the records parked for entities not seen yet (both in faust tables).

    `parked_rows` lists this router's parked entities as they are stored (after a restart); without
    it only records parked since the router was made are watched for giving up.
    """

    def __init__(self, entity_areas: MutableMapping[str, Any], parked: MutableMapping[str, Any],
                 config: EngineConfig | None = None,
                 parked_rows: Callable[[], Iterable[tuple[str, Any]]] | None = None) -> None:
        self._areas = entity_areas
        self._parked = parked
        self._config = config or EngineConfig()
        self._parked_rows = parked_rows
        self._waiting: list[tuple[float, str]] = []  # heap: (parked at, epoch seconds; entity)

    def route(self, facts: RoutingFacts, value: bytes, headers: list[tuple[str, bytes]],
              at: datetime | None = None, origin: dict[str, Any] | None = None) -> list[Routed]:
        """What to forward now: this event (if its area is known) and anything parked behind it.
        `at` is when the record reached the hub (its broker timestamp); a parked record counts from it.
        `origin` (topic, partition, offset) is kept with a parked record for its dead letter."""
        entity = facts.entity
        if facts.ags is not None and entity is not None:  # a need or an offer states its municipality
            ags = facts.ags
            previous = self._areas.get(entity)
            self._areas[entity] = ags
            released = self._parked.pop(entity, None) or []
            routed = [Routed(ags, value, headers)] + [Routed(ags, *_record_of(item)) for item in released]
            if previous is not None and previous != ags:
                # after the new revision: where both municipalities share a partition the engine has
                # moved the entity by then, and ignores the departure (hub/engine/departure.py)
                routed.append(Routed(previous, value, [*headers, (DEPARTURE_HEADER, previous.encode())]))
            return routed
        ags = self._areas.get(entity) if entity else None
        if ags is not None:
            return [Routed(ags, value, headers)]
        if entity is not None:
            parked_at = at or datetime.now(UTC)
            waiting = list(self._parked.get(entity) or [])
            waiting.append({"value": value.hex(), "headers": [[k, v.hex()] for k, v in headers],
                            "parked_at": parked_at.isoformat(), "origin": dict(origin or {})})
            self._parked[entity] = waiting
            heapq.heappush(self._waiting, (parked_at.timestamp(), entity))
        return []

    def give_up_waiting(self, now: datetime) -> list[GaveUp]:
        """Parked records whose entity has not arrived within the parking policy's time, removed."""
        if self._parked_rows is not None:
            self._watch_stored(now)
        given_up: list[GaveUp] = []
        while self._waiting and gave_up(datetime.fromtimestamp(self._waiting[0][0], UTC), now, self._config):
            _, entity = heapq.heappop(self._waiting)
            kept = []
            for item in self._parked.get(entity) or []:
                parked_at = datetime.fromisoformat(item["parked_at"])
                if not gave_up(parked_at, now, self._config):
                    kept.append(item)
                    continue
                given_up.append(GaveUp(entity, *_record_of(item), parked_at, ENTITY_UNKNOWN,
                                       why_given_up(entity, self._config), item.get("origin") or {}))
            if kept:
                self._parked[entity] = kept
            elif entity in self._parked:
                del self._parked[entity]
        return given_up

    def _watch_stored(self, now: datetime) -> None:
        """Once, after a restart: watch what was parked before it. A record parked by a hub version
        that kept no time counts from now."""
        rows, self._parked_rows = self._parked_rows, None
        for entity, items in list(rows() if rows else ()):
            dated = [item if "parked_at" in item else {**item, "parked_at": now.isoformat()} for item in items or ()]
            if dated != items:
                self._parked[entity] = dated
            for item in dated:
                heapq.heappush(self._waiting, (datetime.fromisoformat(item["parked_at"]).timestamp(), entity))


def _record_of(item: dict[str, Any]) -> tuple[bytes, list[tuple[str, bytes]]]:
    """Value and headers of a parked record as it is stored (hex, for the table's JSON codec)."""
    return bytes.fromhex(item["value"]), [(name, bytes.fromhex(value)) for name, value in item["headers"]]
