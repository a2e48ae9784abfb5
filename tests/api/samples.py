"""Events for the read API's tests: demand and offers of organisations, never people."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from schemas import (
    Coverage,
    Duplicate,
    EntityState,
    Gap,
    GapResolved,
    Need,
    Offer,
    PairEvidence,
    StatusUpdate,
    derived_id,
    entity_id,
)

SOZIALAMT = "urn:koordinate:source:sozialamt-leipzig"
INITIATIVE_OST = "https://willkommen-ost.example.org"
INITIATIVE_WEST = "https://helferkreis-west.example.org"
AGS = "14713000"
T0 = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)


def need(record: str, *, revision: int = 1, source: str = SOZIALAMT, **changes: Any) -> Need:
    data: dict[str, Any] = {
        "id": entity_id(source, record), "source": source, "source_record_id": record, "revision": revision,
        "title": "Begleitung zu Behördenterminen", "description": "Dienstags in der Unterkunft, Deutsch und Arabisch.",
        "category": "accompaniment_interpreting", "quantity": 4, "unit": "people", "urgency": "normal",
        "area": {"ags": AGS, "district": "Ost"}, "languages": ["de", "ar"],
        "occurred_at": (T0 + timedelta(minutes=revision)).isoformat(),
    }
    data.update(changes)
    return Need.model_validate(data)


def offer(record: str, *, revision: int = 1, source: str = INITIATIVE_OST, **changes: Any) -> Offer:
    data: dict[str, Any] = {
        "id": entity_id(source, record), "source": source, "source_record_id": record, "revision": revision,
        "title": "Sprachcafé Ost", "description": "Offenes Sprachcafé, dienstags 18-20 Uhr.",
        "category": "language_education",
        "organisation": {"name": "Willkommen im Osten e.V.", "kind": "association"},
        "area": {"ags": AGS, "districts": ["Ost"]}, "capacity": 12, "languages": ["de", "uk"],
        "contact": {"email": "info@willkommen-ost.example.org", "url": "https://willkommen-ost.example.org"},
        "occurred_at": (T0 + timedelta(minutes=revision)).isoformat(),
    }
    data.update(changes)
    return Offer.model_validate(data)


def status(record: str, target: str, kind: str, *, source: str = SOZIALAMT, minutes: int = 30,
           **changes: Any) -> StatusUpdate:
    data: dict[str, Any] = {
        "id": entity_id(source, record), "source": source, "source_record_id": record, "revision": 1,
        "entity_id": target, "entity_kind": kind, "occurred_at": (T0 + timedelta(minutes=minutes)).isoformat(),
    }
    data.update(changes)
    return StatusUpdate.model_validate(data)


def state(entity: Need | Offer, status: str, *, revision: int = 1, committed: int = 0, minutes: int = 30,
          **changes: Any) -> EntityState:
    """The engine's state of a need or offer, as the worker would publish it after a status update."""
    if isinstance(entity, Need):
        kind, remaining = "need", max(0, entity.quantity - committed)
    else:
        kind, remaining = "offer", None if entity.capacity is None else max(0, entity.capacity - committed)
    data: dict[str, Any] = {
        "id": derived_id("state", entity.id, entity.revision, revision), "entity_kind": kind, "entity_id": entity.id,
        "entity_revision": entity.revision, "revision": revision, "ags": entity.area.ags, "status": status,
        "committed": committed, "remaining": remaining, "changed_at": (T0 + timedelta(minutes=minutes)).isoformat(),
    }
    data.update(changes)
    return EntityState.model_validate(data)


def gap(need_: Need, *, urgency: str = "high", hours_open: int = 30, reasons: tuple[str, ...] = ("no_offer_in_area",)
        ) -> Gap:
    open_since = datetime.now(timezone.utc) - timedelta(hours=hours_open)
    return Gap(id=derived_id("gap", need_.id), need_id=need_.id, ags=need_.area.ags, district=need_.area.district,
               category=need_.category, urgency=urgency, reasons=list(reasons), open_since=open_since,
               raised_at=open_since + timedelta(hours=24), sla_seconds=86400)


def gap_resolved(gap_: Gap) -> GapResolved:
    return GapResolved(id=derived_id("gap.resolved", gap_.id), gap_id=gap_.id, need_id=gap_.need_id,
                       resolution="covered", resolved_at=datetime.now(timezone.utc))


def coverage(district: str, category: str, demand: int, capacity: int) -> Coverage:
    return Coverage(id=derived_id("coverage", AGS, district, category), ags=AGS, district=district, category=category,
                    horizon_days=28, open_demand=demand, available_capacity=capacity,
                    ratio=capacity / demand if demand else None, is_gap=capacity < demand, computed_at=T0)


def duplicate(a: Offer, b: Offer, kind: str = "same_offer") -> Duplicate:
    pair = sorted([a.id, b.id])
    return Duplicate(id=derived_id("duplicate", *pair), kind=kind, offer_ids=pair, score=0.91,
                     evidence=[PairEvidence(offer_a=pair[0], offer_b=pair[1], score=0.91,
                                            fields={"contact.url": 1.0, "title": 0.84}, tier="shared_contact")],
                     detected_at=T0)
