"""Commitments: offer X takes N slots of need Y, proposed then confirmed, or withdrawn or lapsed.

Proposed and confirmed commitments count: they cover the need and use the offer's capacity. A
withdrawn one, or a proposed one not confirmed by its deadline, gives both back.
"""

from __future__ import annotations

from schemas import Commitment

from hub.engine.entity_state import with_lapsed, without_lapsed
from hub.engine.lifecycle import NEED_TERMINAL, remaining_capacity, with_coverage
from hub.engine.store import CommitmentRecord, EngineTables, LapsedRecord

COUNTING = frozenset({"proposed", "confirmed"})
# from state -> allowed next states (None: no commitment yet for this need and offer)
COMMITMENT_TRANSITIONS: dict[str | None, frozenset[str]] = {
    None: frozenset({"proposed", "confirmed"}),
    "proposed": frozenset({"proposed", "confirmed", "withdrawn"}),
    "confirmed": frozenset({"confirmed", "withdrawn"}),
    "withdrawn": frozenset({"proposed", "confirmed", "withdrawn"}),
}


def commitment_key(need_id: str, offer_id: str) -> str:
    """Key in the `commitments` map: one commitment per need and offer, changed by later updates."""
    return f"{need_id}/{offer_id}"


def counted(record: CommitmentRecord | None) -> int:
    """Slots a commitment record takes from its offer and gives to its need."""
    return int(record["slots"]) if record is not None and record["state"] in COUNTING else 0


def check_commitment(tables: EngineTables, entity_id: str, commitment: Commitment) -> tuple[str, str] | None:
    """(reason, detail) when the commitment cannot be applied now; None when it can."""
    if entity_id not in (commitment.need_id, commitment.offer_id):
        return "commitment_mismatch", "the update names neither the commitment's need nor its offer"
    current = tables.commitments.get(commitment_key(commitment.need_id, commitment.offer_id))
    state = current["state"] if current is not None else None
    if commitment.state not in COMMITMENT_TRANSITIONS[state]:
        return "illegal_commitment_transition", f"{state or 'none'} -> {commitment.state}"
    extra = (commitment.slots if commitment.state in COUNTING else 0) - counted(current)
    if extra <= 0:
        return None
    need, offer = tables.needs[commitment.need_id], tables.offers[commitment.offer_id]
    if need["status"] in NEED_TERMINAL:
        return "need_not_open", f"need is {need['status']}"
    if offer["status"] != "active":
        return "offer_not_active", f"offer is {offer['status']}"
    remaining = remaining_capacity(offer)
    if remaining is not None and extra > remaining:
        return "commitment_exceeds_capacity", f"{extra} more slots asked, {remaining} remaining"
    return None


def settle_commitment(tables: EngineTables, commitment: Commitment, state: str, at: str) -> None:
    """Record the commitment in `state` and move the slot difference between need and offer."""
    key = commitment_key(commitment.need_id, commitment.offer_id)
    current = tables.commitments.get(key)
    record: CommitmentRecord = {
        "need_id": commitment.need_id,
        "offer_id": commitment.offer_id,
        "slots": commitment.slots,
        "state": state,
        "confirm_by": commitment.confirm_by.isoformat() if commitment.confirm_by else None,
        "since": at,
    }
    delta = counted(record) - counted(current)
    tables.commitments[key] = record
    if state in COUNTING and current is not None and current.get("lapsed"):
        # made again after it lapsed: it counts, so its need and offer no longer list it as lapsed
        need_id, offer_id = commitment.need_id, commitment.offer_id
        tables.needs[need_id] = without_lapsed(tables.needs[need_id], need_id, offer_id)
        tables.offers[offer_id] = without_lapsed(tables.offers[offer_id], need_id, offer_id)
    if delta:
        need = tables.needs[commitment.need_id]
        tables.needs[commitment.need_id] = with_coverage(need, int(need["covered"]) + delta, at)
        offer = tables.offers[commitment.offer_id]
        tables.offers[commitment.offer_id] = {**offer, "committed": int(offer["committed"]) + delta}


def lapse_commitment(tables: EngineTables, key: str) -> None:
    """A proposed commitment not confirmed by its deadline: withdrawn as of the deadline."""
    record = tables.commitments[key]
    commitment = Commitment.model_validate({k: record[k] for k in ("need_id", "offer_id", "slots", "confirm_by")})
    lapsed_at = record["confirm_by"]
    if lapsed_at is None:  # only a deadline arms the lapse timer (timers.commitment_timers)
        raise ValueError(f"commitment {key} has no confirm_by to lapse at")
    settle_commitment(tables, commitment, "withdrawn", lapsed_at)
    tables.commitments[key] = {**tables.commitments[key], "lapsed": True}
    # shown in the state of both the need and the offer
    lapsed: LapsedRecord = {"need_id": record["need_id"], "offer_id": record["offer_id"], "slots": record["slots"],
                            "confirm_by": lapsed_at}
    tables.needs[record["need_id"]] = with_lapsed(tables.needs[record["need_id"]], lapsed)
    tables.offers[record["offer_id"]] = with_lapsed(tables.offers[record["offer_id"]], lapsed)
