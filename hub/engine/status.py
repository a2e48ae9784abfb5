"""Status updates: a new status, a capacity change or a commitment, checked whole before any part applies."""

from __future__ import annotations

from dataclasses import dataclass, field

from schemas import StatusUpdate, event_id

from hub.engine.commitments import check_commitment, settle_commitment
from hub.engine.lifecycle import transition_allowed, with_need_status
from hub.engine.outcome import Rejection
from hub.engine.store import EngineTables


@dataclass
class StatusEffect:
    """What an update did: its rejection, or the needs and offers it changed."""

    rejection: Rejection | None = None
    needs: set[str] = field(default_factory=set)
    offers: set[str] = field(default_factory=set)


def missing_entity(tables: EngineTables, update: StatusUpdate) -> str | None:
    """The id of an entity the update needs that has not arrived yet, or None."""
    wanted = [(update.entity_id, update.entity_kind)]
    if update.commitment is not None:
        wanted += [(update.commitment.need_id, "need"), (update.commitment.offer_id, "offer")]
    for entity, kind in wanted:
        if entity not in (tables.needs if kind == "need" else tables.offers):
            return entity
    return None


def rejection_of(update: StatusUpdate, reason: str, field_name: str | None, detail: str = "") -> Rejection:
    return Rejection(event_id(update.id, update.revision), update.entity_id, reason, field_name, detail)


def _check(tables: EngineTables, update: StatusUpdate) -> Rejection | None:
    record = tables.needs[update.entity_id] if update.entity_kind == "need" else tables.offers[update.entity_id]
    if update.new_status is not None and not transition_allowed(update.entity_kind, record["status"], update.new_status):
        return rejection_of(update, "illegal_transition", "new_status",
                            f"{update.entity_kind} {record['status']} -> {update.new_status} is not allowed")
    if update.capacity_change is not None:
        if update.entity_kind != "offer":
            return rejection_of(update, "capacity_change_on_need", "capacity_change", "only offers have a capacity")
        offer = tables.offers[update.entity_id]
        capacity = offer["offer"].get("capacity")
        if capacity is None:
            return rejection_of(update, "capacity_unknown", "capacity_change", "the offer states no capacity to change")
        if capacity + offer.get("capacity_delta", 0) + update.capacity_change < offer["committed"]:
            return rejection_of(update, "capacity_below_commitments", "capacity_change",
                                f"{offer['committed']} slots are committed")
    if update.commitment is not None:
        problem = check_commitment(tables, update.entity_id, update.commitment)
        if problem is not None:
            return rejection_of(update, problem[0], "commitment", problem[1])
    return None


def apply_status_update(tables: EngineTables, update: StatusUpdate) -> StatusEffect:
    """Apply an update whose entities all exist; nothing changes when any part is refused."""
    rejection = _check(tables, update)
    if rejection is not None:
        return StatusEffect(rejection)
    at = update.occurred_at.isoformat()
    effect = StatusEffect()
    if update.entity_kind == "need":
        effect.needs.add(update.entity_id)
        if update.new_status is not None:
            tables.needs[update.entity_id] = with_need_status(tables.needs[update.entity_id], update.new_status, at)
    else:
        effect.offers.add(update.entity_id)
        record = tables.offers[update.entity_id].copy()
        if update.new_status is not None:
            record["status"] = update.new_status
        if update.capacity_change is not None:
            record["capacity_delta"] = record.get("capacity_delta", 0) + update.capacity_change
        tables.offers[update.entity_id] = record
    if update.commitment is not None:
        commitment = update.commitment
        settle_commitment(tables, commitment, commitment.state, at)
        effect.needs.add(commitment.need_id)
        effect.offers.add(commitment.offer_id)
    return effect
