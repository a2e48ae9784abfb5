"""Sample events for the schema tests: demand and offers, never people."""

from __future__ import annotations

from typing import Any

from schemas import derived_id, entity_id

SOURCE = "urn:koordinate:source:sozialamt-leipzig"
INITIATIVE = "https://willkommen-ost.example.org"
NEED_ID = entity_id(SOURCE, "B-1")
OFFER_ID = entity_id(INITIATIVE, "A-7")
OFFER_2 = entity_id(INITIATIVE, "A-8")


def need_data(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": NEED_ID,
        "source": SOURCE,
        "source_record_id": "B-1",
        "revision": 3,
        "title": "Begleitung zu Behördenterminen",
        "description": "Ab 01.12.2026 dienstags 18:00-20:00 in der Unterkunft Eisenbahnstraße 12.",
        "category": "accompaniment_interpreting",
        "quantity": 4,
        "unit": "people",
        "urgency": "high",
        "area": {"ags": "14713000", "district": "Ost"},
        "location": {"street": "Eisenbahnstraße 12", "postcode": "04315", "city": "Leipzig", "lat": 51.34, "lon": 12.4},
        "needed_from": "2026-12-01T18:00:00",
        "needed_until": "2027-03-31T20:00:00+02:00",
        "languages": ["de", "uk", "ar"],
        "target_groups": ["families"],
        "requires": [],
        "occurred_at": "2026-11-27T10:00:00+01:00",
    }
    data.update(changes)
    return data


def offer_data(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": OFFER_ID,
        "source": INITIATIVE,
        "source_record_id": "A-7",
        "revision": 1,
        "title": "Sprachcafé Ost",
        "description": "Offenes Sprachcafé, dienstags 18:00-20:00, seit 2015.",
        "category": "language_education",
        "organisation": {"name": "Willkommen im Osten e.V.", "kind": "association"},
        "area": {"ags": "14713000", "districts": ["Ost", "Nordost"]},
        "schedule": {
            "rules": [{"rrule": "FREQ=WEEKLY;BYDAY=TU", "dtstart": "2026-01-06T18:00:00", "duration_minutes": 120}]
        },
        "capacity": 12,
        "languages": ["de", "uk"],
        "contact": {"email": "info@willkommen-ost.example.org", "phone": "+49 341 1234567",
                    "url": "https://willkommen-ost.example.org"},
        "occurred_at": "2026-11-20T09:00:00+01:00",
    }
    data.update(changes)
    return data


def status_data(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": entity_id(INITIATIVE, "S-1"),
        "source": INITIATIVE,
        "source_record_id": "S-1",
        "revision": 1,
        "entity_id": NEED_ID,
        "entity_kind": "need",
        "new_status": "partially_covered",
        "commitment": {"offer_id": OFFER_ID, "need_id": NEED_ID, "slots": 2,
                       "confirm_by": "2026-11-30T12:00:00", "state": "proposed"},
        "occurred_at": "2026-11-27T11:00:00+01:00",
    }
    data.update(changes)
    return data


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
        "org.koordinate.review.v1": {
            "id": derived_id("review", cluster, 1), "cluster_id": cluster, "offer_ids": pair,
            "decision": "confirm", "reviewer": "Ehrenamtskoordination Leipzig",
            "occurred_at": "2026-11-29T09:00:00+01:00",
        },
    }
