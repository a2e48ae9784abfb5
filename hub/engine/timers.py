"""Timers in event time: gap SLAs, expiry by needed_until / valid_until, commitment deadlines, stale pending updates."""

from __future__ import annotations

from collections.abc import Collection, Container, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import cast

from hub.engine.config import EngineConfig
from hub.engine.gaps import gap_due_at
from hub.engine.lifecycle import NEED_TERMINAL, is_open
from hub.engine.parking import gives_up_at
from hub.engine.store import CommitmentRecord, EngineTables, NeedRecord, OfferRecord, PendingItem

# Same-time timers run in this order: a lapsed commitment re-opens a need before its gap is judged.
KINDS = ("commitment_lapse", "offer_expiry", "need_expiry", "gap", "pending_timeout")
# which records (as `timers_of` names them) hold a timer of each kind, keyed by the timer's key
RECORDS_OF_KIND = {"commitment_lapse": "commitments", "offer_expiry": "offers", "need_expiry": "needs", "gap": "needs",
                   "pending_timeout": "pending"}


@dataclass(frozen=True, order=True, slots=True)  # slots: the engine holds one per armed timer
class Timer:
    at: datetime
    rank: int
    kind: str
    key: str


def _timer(at: datetime | str, kind: str, key: str) -> Timer:
    when = datetime.fromisoformat(at) if isinstance(at, str) else at
    return Timer(when, KINDS.index(kind), kind, key)


def need_timers(need_id: str, record: NeedRecord, has_gap: bool, config: EngineConfig) -> Iterator[Timer]:
    if record["status"] in NEED_TERMINAL:
        return
    if record["need"].get("needed_until"):
        yield _timer(record["need"]["needed_until"], "need_expiry", need_id)
    if is_open(record) and not has_gap:
        yield _timer(gap_due_at(record, config), "gap", need_id)


def offer_timers(offer_id: str, record: OfferRecord) -> Iterator[Timer]:
    if record["status"] != "ended" and record["offer"].get("valid_until"):
        yield _timer(record["offer"]["valid_until"], "offer_expiry", offer_id)


def commitment_timers(key: str, record: CommitmentRecord) -> Iterator[Timer]:
    confirm_by = record.get("confirm_by")
    if record["state"] == "proposed" and confirm_by:
        yield _timer(confirm_by, "commitment_lapse", key)


def pending_timers(entity_id: str, items: Sequence[PendingItem], config: EngineConfig) -> Iterator[Timer]:
    if items:
        oldest = min(datetime.fromisoformat(item["received_at"]) for item in items)
        yield _timer(gives_up_at(oldest, config), "pending_timeout", entity_id)


def entity_timers(kind: str, key: str, record: NeedRecord | OfferRecord, tables: EngineTables,
                  config: EngineConfig, gap_ids: Container[str] | None = None) -> Iterator[Timer]:
    """The timers of one "need" or "offer" record (a need's gap clock runs while it has no gap).
    `gap_ids`: the ids of the needs with a gap, when the caller read them all at once."""
    if kind == "need":
        has_gap = key in (tables.gaps if gap_ids is None else gap_ids)
        yield from need_timers(key, cast(NeedRecord, record), has_gap, config)
    else:
        yield from offer_timers(key, cast(OfferRecord, record))


def all_timers(tables: EngineTables, config: EngineConfig) -> Iterator[Timer]:
    """Every armed timer of the tables (the engine lists them once, at its first tick, and keeps them in a heap)."""
    for need_id, need in tables.needs.items():
        yield from entity_timers("need", need_id, need, tables, config)
    for offer_id, offer in tables.offers.items():
        yield from entity_timers("offer", offer_id, offer, tables, config)
    yield from other_timers(tables, config)


def other_timers(tables: EngineTables, config: EngineConfig) -> Iterator[Timer]:
    """The timers of commitments and parked updates (`all_timers` without those of needs and offers)."""
    for key, commitment in tables.commitments.items():
        yield from commitment_timers(key, commitment)
    for entity_id, items in tables.pending.items():
        yield from pending_timers(entity_id, items, config)


def timers_of(tables: EngineTables, config: EngineConfig, needs: Collection[str] = (), offers: Collection[str] = (),
              commitments: Collection[str] = (), pending: Collection[str] = ()) -> Iterator[Timer]:
    """The timers of a few touched records (cheaper than `all_timers` after one event)."""
    for need_id in needs:
        if need_id in tables.needs:
            yield from entity_timers("need", need_id, tables.needs[need_id], tables, config)
    for offer_id in offers:
        if offer_id in tables.offers:
            yield from entity_timers("offer", offer_id, tables.offers[offer_id], tables, config)
    for key in commitments:
        if key in tables.commitments:
            yield from commitment_timers(key, tables.commitments[key])
    for entity_id in pending:
        yield from pending_timers(entity_id, tables.pending.get(entity_id, []), config)
