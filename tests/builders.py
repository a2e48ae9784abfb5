"""Needs, offers, status updates, reviews and derived events for the tests: Leipzig, demand never people.

One builder per event type, for every test package. Each takes the fields a test is about as keyword
arguments (validated by the contract model, so a misspelt field fails) and fills in the rest with
plausible defaults; ids follow from source and record as a connector derives them. The `*_data`
builders return the JSON object instead of the model, for tests that break it on purpose. The
`sample_*` builders fill every optional field too (the schema tests' full examples).
"""

from __future__ import annotations

import copy
import json
from datetime import datetime, timedelta, timezone
from typing import Any, TypeVar

from schemas import (
    Coverage,
    Duplicate,
    EntityState,
    Gap,
    GapResolved,
    Match,
    Need,
    Offer,
    PairEvidence,
    Review,
    StatusUpdate,
    derived_id,
    entity_id,
    to_http_structured,
)

CET = timezone(timedelta(hours=1))
T0 = datetime(2026, 11, 2, 9, 0, tzinfo=CET)
LEIPZIG = "14713000"
SOZIALAMT = "urn:koordinate:source:sozialamt-leipzig"
JOBCENTER = "urn:koordinate:source:jobcenter-leipzig"
INITIATIVE = "https://helferkreis-gruenau.example.org"
WILLKOMMEN_OST = "https://willkommen-ost.example.org"  # the initiative of the full samples
INITIATIVE_WEST = "urn:koordinate:source:helferkreis-west"
HELFERKREIS = "urn:koordinate:source:helferkreis-ost"  # the gateway tests grant it INITIATIVE's entities

T = TypeVar("T")


def at(hours: float = 0.0) -> datetime:
    """T0 plus some hours: tests speak in hours since T0."""
    return T0 + timedelta(hours=hours)


def _identity(source: str, record: str, revision: int) -> dict[str, Any]:
    return {"id": entity_id(source, record), "source": source, "source_record_id": record, "revision": revision}


def need_data(record: str = "B-1", *, source: str = SOZIALAMT, revision: int = 1, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        **_identity(source, record, revision),
        "title": "Begleitung zu Behördenterminen",
        "category": "accompaniment_interpreting",
        "quantity": 2,
        "unit": "people",
        "urgency": "normal",
        "area": {"ags": LEIPZIG, "district": "Grünau-Mitte"},
        "occurred_at": T0.isoformat(),
    }
    data.update(changes)
    return data


def need(record: str = "B-1", *, source: str = SOZIALAMT, revision: int = 1, **changes: Any) -> Need:
    return Need.model_validate(need_data(record, source=source, revision=revision, **changes))


def offer_data(record: str = "A-1", *, source: str = INITIATIVE, revision: int = 1, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        **_identity(source, record, revision),
        # title and organisation name the record: offers of one test do not look like duplicates
        "title": f"Begleitung und Dolmetschen {record}",
        "category": "accompaniment_interpreting",
        "organisation": {"name": f"Helferkreis {record}", "kind": "initiative"},
        "area": {"ags": LEIPZIG, "districts": ["Grünau-Mitte"]},
        "capacity": 3,
        "occurred_at": T0.isoformat(),
    }
    data.update(changes)
    return data


def offer(record: str = "A-1", *, source: str = INITIATIVE, revision: int = 1, **changes: Any) -> Offer:
    return Offer.model_validate(offer_data(record, source=source, revision=revision, **changes))


def status_data(target: Need | Offer | str, record: str | None = None, *, kind: str | None = None,
                source: str = INITIATIVE, revision: int = 1, hours: float = 1.0, **changes: Any) -> dict[str, Any]:
    """A status update of `target` (a model, or an entity id with its `kind`), `hours` after T0.

    Without a `record`, each target has its own (revisions of one update then replace each other).
    """
    if isinstance(target, str):
        if kind is None:
            raise TypeError("a status update of an entity id needs its kind")
        target_id = target
    else:
        target_id, kind = target.id, kind or ("need" if isinstance(target, Need) else "offer")
    data: dict[str, Any] = {
        **_identity(source, record or f"S-{target_id[:8]}", revision),
        "entity_id": target_id,
        "entity_kind": kind,
        "occurred_at": at(hours).isoformat(),
    }
    data.update(changes)
    return data


def status(target: Need | Offer | str, record: str | None = None, *, kind: str | None = None,
           source: str = INITIATIVE, revision: int = 1, hours: float = 1.0, **changes: Any) -> StatusUpdate:
    return StatusUpdate.model_validate(
        status_data(target, record, kind=kind, source=source, revision=revision, hours=hours, **changes))


def commit(record: str, n: Need, o: Offer, slots: int, state: str = "proposed", *, hours: float = 1.0,
           revision: int = 1, confirm_by: datetime | None = None) -> StatusUpdate:
    """An initiative's commitment of `slots` of offer `o` to need `n` (a status update of the need)."""
    commitment = {"need_id": n.id, "offer_id": o.id, "slots": slots, "state": state,
                  "confirm_by": confirm_by.isoformat() if confirm_by else None}
    return status(n, record, hours=hours, revision=revision, commitment=commitment)


def review(cluster_id: str, offer_ids: list[str], decision: str, *, hours: float = 5.0) -> Review:
    return Review(
        id=entity_id("urn:koordinate:review", f"{cluster_id}:{decision}:{hours}"), cluster_id=cluster_id,
        offer_ids=sorted(offer_ids), decision=decision, reviewer="Ehrenamtskoordination Leipzig",
        occurred_at=at(hours),
    )


def match(n: Need, o: Offer, *, score: float = 0.8, rank: int = 1, hours: float = 0.1) -> Match:
    return Match(id=derived_id("match", n.id, o.id), need_id=n.id, offer_id=o.id, score=score, rank=rank,
                 computed_at=at(hours))


def gap(n: Need, *, reasons: tuple[str, ...] = ("capacity_exhausted",), open_since: datetime = T0,
        urgency: str | None = None) -> Gap:
    """The gap of a need (of its urgency, unless given) raised a day after `open_since`."""
    return Gap(id=derived_id("gap", n.id), need_id=n.id, ags=n.area.ags, district=n.area.district,
               category=n.category, urgency=urgency or n.urgency, reasons=list(reasons), open_since=open_since,
               raised_at=open_since + timedelta(days=1), sla_seconds=86400)


def gap_resolved(g: Gap, *, resolution: str = "covered", resolved_at: datetime | None = None) -> GapResolved:
    """The end of a gap, an hour after it was raised unless `resolved_at` says when."""
    return GapResolved(id=derived_id("gap.resolved", g.id), gap_id=g.id, need_id=g.need_id, resolution=resolution,
                       resolved_at=resolved_at or g.raised_at + timedelta(hours=1))


def coverage(district: str, category: str, demand: int, capacity: int, *, ags: str = LEIPZIG,
             computed_at: datetime = T0) -> Coverage:
    return Coverage(id=derived_id("coverage", ags, district, category), ags=ags, district=district, category=category,
                    horizon_days=28, open_demand=demand, available_capacity=capacity,
                    ratio=capacity / demand if demand else None, is_gap=capacity < demand, computed_at=computed_at)


def duplicate(a: Offer, b: Offer, kind: str = "same_offer", *, score: float = 0.91,
              detected_at: datetime = T0) -> Duplicate:
    """A cluster of two offers, with the evidence of a shared contact."""
    pair = sorted([a.id, b.id])
    return Duplicate(id=derived_id("duplicate", *pair), kind=kind, offer_ids=pair, score=score,
                     evidence=[PairEvidence(offer_a=pair[0], offer_b=pair[1], score=score,
                                            fields={"contact.url": 1.0, "title": 0.84}, tier="shared_contact")],
                     detected_at=detected_at)


def entity_state(entity: Need | Offer, status: str, *, revision: int = 1, committed: int = 0, hours: float = 1.0,
                 **changes: Any) -> EntityState:
    """The engine's state of a need or offer, as the worker publishes it (`committed` slots taken)."""
    if isinstance(entity, Need):
        kind, remaining = "need", max(0, entity.quantity - committed)
    else:
        kind, remaining = "offer", None if entity.capacity is None else max(0, entity.capacity - committed)
    data: dict[str, Any] = {
        "id": derived_id("state", entity.id, entity.revision, revision), "entity_kind": kind, "entity_id": entity.id,
        "entity_revision": entity.revision, "revision": revision, "ags": entity.area.ags, "status": status,
        "committed": committed, "remaining": remaining, "changed_at": at(hours).isoformat(),
    }
    data.update(changes)
    return EntityState.model_validate(data)


def of_type(items: list[Any], cls: type[T]) -> list[T]:
    """The items of one type, e.g. the Duplicate events among an outcome's derived events."""
    return [item for item in items if isinstance(item, cls)]


def structured(model: Need | Offer | StatusUpdate) -> dict[str, Any]:
    """The structured-mode CloudEvent JSON object of a model (a fresh copy, safe to break for invalid cases)."""
    return copy.deepcopy(json.loads(to_http_structured(model).body))


def body(value: Any) -> bytes:
    return json.dumps(value).encode()


# -- full samples: every optional field filled, for the contract's own tests ------------------------
NEED_ID = entity_id(SOZIALAMT, "B-1")
OFFER_ID = entity_id(WILLKOMMEN_OST, "A-7")
OFFER_2 = entity_id(WILLKOMMEN_OST, "A-8")


def sample_need_data(record: str = "B-1", **changes: Any) -> dict[str, Any]:
    return need_data(
        record, revision=3,
        description="Ab 01.12.2026 dienstags 18:00-20:00 in der Unterkunft Eisenbahnstraße 12.",
        quantity=4, urgency="high", area={"ags": LEIPZIG, "district": "Ost"},
        location={"street": "Eisenbahnstraße 12", "postcode": "04315", "city": "Leipzig", "lat": 51.34, "lon": 12.4},
        needed_from="2026-12-01T18:00:00", needed_until="2027-03-31T20:00:00+02:00",
        languages=["de", "uk", "ar"], target_groups=["families"], requires=[],
        occurred_at="2026-11-27T10:00:00+01:00",
    ) | changes


def sample_offer_data(record: str = "A-7", **changes: Any) -> dict[str, Any]:
    return offer_data(
        record, source=WILLKOMMEN_OST, title="Sprachcafé Ost", description="Offenes Sprachcafé, dienstags 18:00-20:00, seit 2015.",
        category="language_education", organisation={"name": "Willkommen im Osten e.V.", "kind": "association"},
        area={"ags": LEIPZIG, "districts": ["Ost", "Nordost"]},
        schedule={"rules": [{"rrule": "FREQ=WEEKLY;BYDAY=TU", "dtstart": "2026-01-06T18:00:00",
                             "duration_minutes": 120}]},
        capacity=12, languages=["de", "uk"],
        contact={"email": "info@willkommen-ost.example.org", "phone": "+49 341 1234567",
                 "url": "https://willkommen-ost.example.org"},
        occurred_at="2026-11-20T09:00:00+01:00",
    ) | changes


def sample_status_data(record: str = "S-1", **changes: Any) -> dict[str, Any]:
    return status_data(
        NEED_ID, record, kind="need", source=WILLKOMMEN_OST, new_status="partially_covered",
        commitment={"offer_id": OFFER_ID, "need_id": NEED_ID, "slots": 2, "confirm_by": "2026-11-30T12:00:00",
                    "state": "proposed"},
        occurred_at="2026-11-27T11:00:00+01:00",
    ) | changes


def derived_samples() -> dict[str, dict[str, Any]]:
    """One valid data dict per derived event type."""
    cluster = derived_id("duplicate", OFFER_ID, OFFER_2)
    pair = sorted([OFFER_ID, OFFER_2])
    return {
        "org.koordinate.match.v1": {
            "id": derived_id("match", NEED_ID, OFFER_ID), "need_id": NEED_ID, "offer_id": OFFER_ID,
            "score": 0.82, "reasons": ["category", "district", "language:uk"], "rank": 1,
        },
        "org.koordinate.gap.v1": {
            "id": derived_id("gap", NEED_ID), "need_id": NEED_ID, "ags": "14713000", "district": "Ost",
            "category": "accompaniment_interpreting", "urgency": "high", "reasons": ["no_offer_in_area"],
            "open_since": "2026-11-27T10:00:00+01:00", "raised_at": "2026-11-28T10:00:00+01:00",
            "sla_seconds": 86400,
        },
        "org.koordinate.gap.resolved.v1": {
            "id": derived_id("gap.resolved", NEED_ID), "gap_id": derived_id("gap", NEED_ID), "need_id": NEED_ID,
            "resolution": "covered", "resolved_at": "2026-11-29T10:00:00+01:00",
        },
        "org.koordinate.duplicate.v1": {
            "id": cluster, "kind": "same_offer", "offer_ids": pair, "score": 0.93,
            "evidence": [{"offer_a": pair[0], "offer_b": pair[1], "score": 0.93,
                          "fields": {"contact.url": 1.0, "title": 0.88}, "tier": "shared_contact"}],
        },
        "org.koordinate.coverage.v1": {
            "id": derived_id("coverage", "14713000", "Ost", "childcare"), "ags": "14713000", "district": "Ost",
            "category": "childcare", "horizon_days": 28, "open_demand": 10, "available_capacity": 4,
            "ratio": 0.4, "is_gap": True, "computed_at": "2026-11-28T00:00:00+01:00",
        },
        "org.koordinate.state.v1": {
            "id": derived_id("state", NEED_ID, 3, 1), "entity_kind": "need", "entity_id": NEED_ID,
            "entity_revision": 3, "revision": 1, "ags": "14713000", "status": "partially_covered", "committed": 2,
            "remaining": 2, "expires_at": "2027-03-31T20:00:00+02:00", "changed_at": "2026-11-27T11:00:00+01:00",
        },
        "org.koordinate.review.v1": {
            "id": derived_id("review", cluster, 1), "cluster_id": cluster, "offer_ids": pair,
            "decision": "confirm", "reviewer": "Ehrenamtskoordination Leipzig",
            "occurred_at": "2026-11-29T09:00:00+01:00",
        },
    }
