"""Identity and ordering: entity ids from source + record id, deterministic derived ids, revision order."""

from __future__ import annotations

import uuid

KOORDINATE_NAMESPACE = uuid.UUID("6f1c1a52-5d0e-4d8a-9a43-0b7e1c2d9f10")
"""Fixed for ever: changing it would give every entity a new id."""


def entity_id(source: str, source_record_id: str) -> str:
    """The entity id of a record: the same source and record id always give the same id."""
    return str(uuid.uuid5(KOORDINATE_NAMESPACE, f"{source}:{source_record_id}"))


def derived_id(kind: str, *parts: str | int) -> str:
    """A deterministic id for a derived event, e.g. ``derived_id("match", need_id, offer_id)``."""
    if not parts:
        raise ValueError("derived_id needs at least one part besides the kind")
    # the unit separator cannot occur in ids, so ("a:b", "c") and ("a", "b:c") stay distinct
    return str(uuid.uuid5(KOORDINATE_NAMESPACE, "\x1f".join([kind, *map(str, parts)])))


def event_id(entity: str, revision: int) -> str:
    """The CloudEvents id of a canonical record's revision: a re-sent record keeps its event id."""
    return derived_id("event", entity, revision)


def is_newer(candidate_revision: int, current_revision: int | None) -> bool:
    """Whether a revision replaces the current one: strictly greater wins; equal and older are ignored."""
    return current_revision is None or candidate_revision > current_revision
