"""The event catalogue: which model travels as which CloudEvents type, and where its JSON Schema lives."""

from __future__ import annotations

from schemas._base import CanonicalFields, EventModel
from schemas.derived import Coverage, Duplicate, EntityState, Gap, GapResolved, Match, Review
from schemas.need import Need
from schemas.offer import Offer
from schemas.status import StatusUpdate

DATASCHEMA_BASE = "https://koordinate.org/schemas/json/"
"""Stable base of every ``dataschema`` URI and JSON Schema ``$id``: ``{base}{schema_name}.json``."""

HUB_SOURCE = "urn:koordinate:hub"
"""The CloudEvents ``source`` of every event the hub derives."""

EVENT_MODELS: dict[str, type[EventModel]] = {
    model.event_type: model
    for model in (Need, Offer, StatusUpdate, Match, Gap, GapResolved, Duplicate, Coverage, EntityState, Review)
}


def dataschema_uri(model: type[EventModel]) -> str:
    """The ``dataschema`` attribute (and JSON Schema ``$id``) of a model's events."""
    return f"{DATASCHEMA_BASE}{model.schema_name}.json"


def model_for_type(event_type: str) -> type[EventModel] | None:
    """The model carried by an event type, or ``None`` for a type this contract does not know."""
    return EVENT_MODELS.get(event_type)


def is_canonical(model: EventModel | type[EventModel]) -> bool:
    """Canonical records come from sources (need, offer, status); the rest the hub derives."""
    cls = model if isinstance(model, type) else type(model)
    return issubclass(cls, CanonicalFields)
