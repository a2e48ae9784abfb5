"""Lifecycle of needs and offers: the explicit status transition tables and the record arithmetic.

A need's status has two authors: its source (closed, withdrawn, a re-open) and the hub, which
derives open / partially_covered / covered from the commitments.
"""

from __future__ import annotations

from collections.abc import Mapping

from hub.engine.store import NeedRecord, OfferRecord

NEED_TRANSITIONS: Mapping[str, frozenset[str]] = {
    "open": frozenset({"partially_covered", "covered", "closed", "withdrawn", "expired"}),
    "partially_covered": frozenset({"open", "covered", "closed", "withdrawn", "expired"}),
    "covered": frozenset({"open", "partially_covered", "closed", "withdrawn", "expired"}),
    # a closed need may be re-opened by its source; an expired one when its window is extended
    "closed": frozenset({"open"}),
    "expired": frozenset({"open"}),
    "withdrawn": frozenset(),
}

OFFER_TRANSITIONS: Mapping[str, frozenset[str]] = {
    "active": frozenset({"paused", "full", "ended"}),
    "paused": frozenset({"active", "full", "ended"}),
    "full": frozenset({"active", "paused", "ended"}),
    "ended": frozenset(),
}

NEED_TERMINAL = frozenset({"closed", "withdrawn", "expired"})
NEED_OPEN = frozenset({"open", "partially_covered"})


def transition_allowed(kind: str, current: str, new: str) -> bool:
    """Whether `current -> new` is in the table of the entity kind; staying put is always allowed."""
    table = NEED_TRANSITIONS if kind == "need" else OFFER_TRANSITIONS
    return new == current or new in table.get(current, frozenset())


def status_from_coverage(quantity: int, covered: int) -> str:
    """The hub-derived status of a need that is not closed, withdrawn or expired."""
    if quantity > 0 and covered >= quantity:
        return "covered"
    return "partially_covered" if covered > 0 else "open"


def uncovered(record: NeedRecord) -> int:
    """Quantity of a need record nobody has committed to yet."""
    return max(0, int(record["need"]["quantity"]) - int(record["covered"]))


def remaining_capacity(record: OfferRecord) -> int | None:
    """Slots an offer record still has; None means unlimited or unknown."""
    capacity = record["offer"].get("capacity")
    if capacity is None:
        return None
    return max(0, int(capacity) + int(record.get("capacity_delta", 0)) - int(record["committed"]))


def is_open(record: NeedRecord) -> bool:
    """Whether a need record still wants offers (open or partially covered)."""
    return record["status"] in NEED_OPEN


def with_need_status(record: NeedRecord, status: str, at: str) -> NeedRecord:
    """A need record with a new status; leaving covered or a terminal status for open restarts the gap clock."""
    reopened = record["status"] not in NEED_OPEN and status in NEED_OPEN
    updated: NeedRecord = {**record, "status": status}
    if reopened:
        updated["open_since"] = at
    return updated


def with_coverage(record: NeedRecord, covered: int, at: str) -> NeedRecord:
    """A need record with a new covered count and the status that follows (terminal statuses stay)."""
    updated: NeedRecord = {**record, "covered": covered}
    if record["status"] in NEED_TERMINAL:
        return updated
    return with_need_status(updated, status_from_coverage(int(record["need"]["quantity"]), covered), at)
