"""Needs, offers, status updates and reviews for the engine tests: Leipzig, demand never people."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from schemas import Need, Offer, Review, StatusUpdate, entity_id

CET = timezone(timedelta(hours=1))
T0 = datetime(2026, 11, 2, 9, 0, tzinfo=CET)
LEIPZIG = "14713000"
SOZIALAMT = "urn:koordinate:source:sozialamt-leipzig"
INITIATIVE = "https://helferkreis-gruenau.example.org"


def at(hours: float = 0.0) -> datetime:
    """T0 plus some hours: every test speaks in hours since T0."""
    return T0 + timedelta(hours=hours)


def need(record: str = "B-1", **changes: Any) -> Need:
    data: dict[str, Any] = {
        "id": entity_id(SOZIALAMT, record),
        "source": SOZIALAMT,
        "source_record_id": record,
        "revision": 1,
        "title": "Begleitung zu Behördenterminen",
        "category": "accompaniment_interpreting",
        "quantity": 2,
        "unit": "people",
        "urgency": "normal",
        "area": {"ags": LEIPZIG, "district": "Grünau-Mitte"},
        "occurred_at": T0.isoformat(),
    }
    data.update(changes)
    return Need.model_validate(data)


def offer(record: str = "A-1", **changes: Any) -> Offer:
    data: dict[str, Any] = {
        "id": entity_id(INITIATIVE, record),
        "source": INITIATIVE,
        "source_record_id": record,
        "revision": 1,
        "title": f"Begleitung und Dolmetschen {record}",
        "category": "accompaniment_interpreting",
        "organisation": {"name": f"Helferkreis {record}", "kind": "initiative"},
        "area": {"ags": LEIPZIG, "districts": ["Grünau-Mitte"]},
        "capacity": 3,
        "occurred_at": T0.isoformat(),
    }
    data.update(changes)
    return Offer.model_validate(data)


def status(record: str, target: Need | Offer, *, hours: float = 1.0, revision: int = 1, **changes: Any) -> StatusUpdate:
    data: dict[str, Any] = {
        "id": entity_id(INITIATIVE, record),
        "source": INITIATIVE,
        "source_record_id": record,
        "revision": revision,
        "entity_id": target.id,
        "entity_kind": "need" if isinstance(target, Need) else "offer",
        "occurred_at": at(hours).isoformat(),
    }
    data.update(changes)
    return StatusUpdate.model_validate(data)


def commit(record: str, n: Need, o: Offer, slots: int, state: str = "proposed", *, hours: float = 1.0,
           revision: int = 1, confirm_by: datetime | None = None) -> StatusUpdate:
    commitment = {"need_id": n.id, "offer_id": o.id, "slots": slots, "state": state,
                  "confirm_by": confirm_by.isoformat() if confirm_by else None}
    return status(record, n, hours=hours, revision=revision, commitment=commitment)


def review(cluster_id: str, offer_ids: list[str], decision: str, *, hours: float = 5.0) -> Review:
    return Review(
        id=entity_id("urn:koordinate:review", f"{cluster_id}:{decision}:{hours}"), cluster_id=cluster_id,
        offer_ids=sorted(offer_ids), decision=decision, reviewer="Ehrenamtskoordination Leipzig",
        occurred_at=at(hours),
    )


def of_type(derived: list[Any], cls: type) -> list[Any]:
    return [item for item in derived if isinstance(item, cls)]
