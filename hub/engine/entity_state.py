"""Entity state: the engine's one view of a need or an offer, derived whenever any part of it changes.

Status, committed and remaining slots, expiry, lapsed commitments and the last refused change all
live in the engine's records; this module turns a record into an `EntityState` event. Readers follow
these events and never work status out from status updates themselves, so an expired need, a lapsed
commitment or a refused transition looks the same everywhere.

The content last published per entity is kept in `emitted` (under `state_key`) as "<revision>
<digest>": equal content derives nothing, so a redelivered or replayed event adds no state, and the
revision counts only real changes. The event id comes from entity id, entity revision and state
revision: a replay over the same input derives each state under the same id, and a need moved to
another municipality (another partition, whose count starts afresh) gets new ids, not repeated ones.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any, Literal, TypeVar

from schemas import EntityState, derived_id

from hub.engine.lifecycle import remaining_capacity, uncovered
from hub.engine.store import EngineTables, LapsedRecord, NeedRecord, OfferRecord, RejectedRecord

EntityKind = Literal["need", "offer"]
Record = TypeVar("Record", NeedRecord, OfferRecord)

# A record keeps the most recent lapsed commitments only: the state event carries them all.
MAX_LAPSED = 20


def state_key(entity_id: str) -> str:
    """Key in `emitted` of an entity's last published state; other keys there are bare derived ids.

    Plain text rather than a derived id: a uuid5 per event was a fifth of this module's cost.
    """
    return f"state/{entity_id}"


def _content(kind: EntityKind, tables: EngineTables, entity_id: str) -> dict[str, Any] | None:
    """Everything of the state but id, revision and time, as JSON-able values; None for an unknown entity."""
    record: NeedRecord | OfferRecord
    remaining: int | None
    if kind == "need":
        if (need := tables.needs.get(entity_id)) is None:
            return None
        record, entity = need, need["need"]
        committed, remaining = int(need["covered"]), uncovered(need)
        expires_at, expired = entity.get("needed_until"), need["status"] == "expired"
    else:
        if (offer := tables.offers.get(entity_id)) is None:
            return None
        record, entity = offer, offer["offer"]
        committed, remaining = int(offer["committed"]), remaining_capacity(offer)
        # an offer past valid_until ends; the flag tells it from one its source ended
        expires_at, expired = entity.get("valid_until"), bool(offer.get("expired", False))
    return {
        "entity_kind": kind, "entity_id": entity["id"], "entity_revision": int(entity["revision"]),
        "ags": entity["area"]["ags"], "status": record["status"], "committed": committed, "remaining": remaining,
        "expires_at": expires_at, "expired": expired, "lapsed_commitments": list(record.get("lapsed", [])),
        "last_rejected": record.get("rejected"),
    }


def derive_state(tables: EngineTables, kind: EntityKind, entity_id: str, now: datetime) -> list[EntityState]:
    """The entity's state event if it differs from the last one published; [] when nothing changed."""
    content = _content(kind, tables, entity_id)
    if content is None:
        return []
    digest = hashlib.sha1(json.dumps(content, sort_keys=True).encode()).hexdigest()
    key = state_key(entity_id)
    last = tables.emitted.get(key)
    revision, last_digest = (int(last.split(" ")[0]), last.split(" ")[1]) if last else (0, None)
    if digest == last_digest:
        return []
    revision += 1
    tables.emitted[key] = f"{revision} {digest}"
    return [EntityState.model_validate({
        **content, "id": derived_id("state", entity_id, content["entity_revision"], revision), "revision": revision,
        "changed_at": now,
    })]


def with_rejection(record: Record, rejected: RejectedRecord) -> Record:
    """A record that remembers the change just refused (the state shows the last one)."""
    updated = record.copy()
    updated["rejected"] = rejected
    return updated


def with_lapsed(record: Record, lapsed: LapsedRecord) -> Record:
    """A record that lists one more lapsed commitment (the same need and offer once)."""
    others: list[LapsedRecord] = [item for item in record.get("lapsed", [])
              if (item["need_id"], item["offer_id"]) != (lapsed["need_id"], lapsed["offer_id"])]
    updated = record.copy()
    updated["lapsed"] = [*others, lapsed][-MAX_LAPSED:]
    return updated


def without_lapsed(record: Record, need_id: str, offer_id: str) -> Record:
    """A record whose lapsed commitment of this need and offer was made again: no longer listed as lapsed."""
    updated = record.copy()
    updated["lapsed"] = [item for item in record.get("lapsed", [])
                         if (item["need_id"], item["offer_id"]) != (need_id, offer_id)]
    return updated
