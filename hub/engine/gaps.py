"""Gaps per need: uncovered past the SLA of its urgency (event time), and their resolution."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from schemas import Gap, GapReason, GapResolved, derived_id

from hub.engine.compact import NeedView
from hub.engine.config import EngineConfig
from hub.engine.lifecycle import is_open
from hub.engine.store import GapRecord, NeedRecord

# A gap ends with the status that ended it; "covered" also when commitments cover the need.
RESOLUTIONS: dict[str, Literal["covered", "closed", "withdrawn", "expired"]] = {"covered": "covered", "closed": "closed", "withdrawn": "withdrawn", "expired": "expired"}


def gap_due_at(record: NeedRecord, config: EngineConfig) -> datetime:
    """When the need of this record becomes a gap if nobody covers it: open_since + SLA."""
    return datetime.fromisoformat(record["open_since"]) + config.sla_of(record["need"]["urgency"])


def is_gap_due(record: NeedRecord, now: datetime, config: EngineConfig) -> bool:
    """Open (or only partially covered) and its SLA has run out at `now`."""
    return is_open(record) and gap_due_at(record, config) <= now


def gap_id_of(need_id: str, open_since: datetime) -> str:
    """Deterministic: one gap per need and gap clock start, whoever computes it."""
    return derived_id("gap", need_id, open_since.isoformat())


def raise_gap(need: NeedView, open_since: datetime, reasons: list[GapReason], now: datetime,
              config: EngineConfig) -> Gap:
    """The Gap event for a need uncovered past its SLA."""
    return Gap(
        id=gap_id_of(need.id, open_since),
        need_id=need.id,
        ags=need.area.ags,
        district=need.area.district,
        category=need.category,
        urgency=need.urgency,
        # Gap needs a reason; a need whose matches nobody took up is blamed on capacity not given to it
        reasons=reasons or ["capacity_exhausted"],
        open_since=open_since,
        raised_at=now,
        sla_seconds=int(config.sla_of(need.urgency).total_seconds()),
    )


def resolve_gap(gap: GapRecord, need_id: str, status: str, now: datetime) -> GapResolved | None:
    """The GapResolved event when a need with an open gap reaches `status`; None if that does not end it."""
    resolution = RESOLUTIONS.get(status)
    if resolution is None:
        return None
    return GapResolved(
        id=derived_id("gap_resolved", gap["gap_id"]),
        gap_id=gap["gap_id"],
        need_id=need_id,
        resolution=resolution,
        resolved_at=now,
    )


def gap_record(gap: Gap) -> GapRecord:
    """What the `gaps` map keeps of an open gap."""
    return {
        "gap_id": gap.id,
        "open_since": gap.open_since.isoformat(),
        "raised_at": gap.raised_at.isoformat(),
        "reasons": list(gap.reasons),
    }
