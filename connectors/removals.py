"""Records gone from a complete listing (a re-exported file, a whole JSON list) end after a grace period.

The position keeps the entity ids of the last complete listing (``keys``, packed: 22 characters an id),
the ids gone from it since when (``missing``, epoch microseconds), and the ids still to end with their
revision (``ending``, ``ended_at``), so a read interrupted before its removals were sent sends them on
resuming. A record missing for
`grace_s` becomes a `Removal`, which normalises to a `StatusUpdate`: status ``ended`` (a need:
``withdrawn``), reason ``removed_from_source``. A record back within the grace period is kept.
Callers track only complete, successful reads: a failed, partial or empty read ends nothing.
"""

from __future__ import annotations

import base64
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from connectors.base import Event, JsonDict, SourceRecord
from schemas import StatusUpdate, entity_id

MAX_TRACKED = 20_000
"""Listings with more records keep no removal state: it travels in the offsets record (Kafka: ~1 MB)."""
REASON = "removed_from_source"


@dataclass(frozen=True)
class Removal:
    """A record gone from its source: the entity to end, its kind, the update's revision."""

    entity_id: str
    kind: str
    revision: int


def pack_ids(ids: Iterable[str]) -> str:
    """Entity ids (UUIDs) as one string of 22 characters each: the removal state stays small."""
    return "".join(base64.urlsafe_b64encode(uuid.UUID(i).bytes).decode()[:22] for i in sorted(ids))


def unpack_ids(packed: str) -> list[str]:
    return [str(uuid.UUID(bytes=base64.urlsafe_b64decode(packed[i:i + 22] + "=="))) for i in range(0, len(packed), 22)]


def _due(missing: Mapping[str, int], now_us: int, grace_s: float) -> tuple[dict[str, int], list[str]]:
    due = sorted(e for e, since in missing.items() if now_us - since >= grace_s * 1_000_000)
    return {e: s for e, s in missing.items() if e not in due}, due


def track(stored: Mapping[str, Any] | None, present: set[str], now_us: int,
          grace_s: float) -> tuple[JsonDict, list[str]]:
    """The removal state after a complete listing of `present` ids, and the ids to end now."""
    if len(present) > MAX_TRACKED:
        return {}, []
    previous = set(unpack_ids((stored or {}).get("keys") or ""))
    missing = {e: s for e, s in ((stored or {}).get("missing") or {}).items() if e not in present}
    for gone in previous - present - set(missing):
        missing[gone] = now_us  # the grace period runs from when the hub first saw it gone
    missing, due = _due(missing, now_us, grace_s)
    return {"keys": pack_ids(present), "missing": missing, "ending": pack_ids(due), "ended_at": now_us}, due


def resumed_state(stored: Mapping[str, Any] | None) -> tuple[JsonDict, list[str]]:
    """The state and the ids to end of a listing whose read is resumed after an interruption."""
    state = kept_state(stored)
    return state, unpack_ids(state.get("ending", ""))


def due_now(stored: Mapping[str, Any] | None, now_us: int, grace_s: float) -> tuple[JsonDict, list[str]]:
    """Without a new listing: the state with the ids whose grace period ran out taken off, and those ids."""
    if stored and stored.get("ending"):  # an interrupted read's removals come first
        return resumed_state(stored)
    if not stored or not stored.get("missing"):
        return {}, []
    missing, due = _due(stored["missing"], now_us, grace_s)
    return {"keys": stored.get("keys", ""), "missing": missing, "ending": pack_ids(due), "ended_at": now_us}, due


def kept_state(stored: Mapping[str, Any] | None) -> JsonDict:
    """The removal state of a read that ends nothing (failed, empty): carried on unchanged."""
    return {k: stored[k] for k in ("keys", "missing", "ending", "ended_at") if stored and k in stored}


def removal_records(partition: JsonDict, offset: JsonDict, due: list[str], kind: str,
                    revision: int) -> Iterator[SourceRecord]:
    """One record per id to end; each offset holds the ids still to end after it."""
    for number, gone in enumerate(due, start=1):
        after = {**offset, "ending": pack_ids(due[number:])}
        yield SourceRecord(partition, after, f"{REASON} {gone}".encode(), Removal(gone, kind, revision),
                           remaining=len(due) - number)


def removal_events(source: str, record: SourceRecord) -> list[Event] | None:
    """The status update ending a removed record, or None when the record is no `Removal`."""
    value = record.value
    if not isinstance(value, Removal):
        return None
    record_id = f"{value.entity_id}/removed"
    return [StatusUpdate(id=entity_id(source, record_id), source=source, source_record_id=record_id,
                         revision=value.revision, entity_id=value.entity_id, entity_kind=value.kind,
                         new_status="ended" if value.kind == "offer" else "withdrawn", reason=REASON,
                         occurred_at=datetime.fromtimestamp(value.revision / 1_000_000, tz=timezone.utc))]
