"""Sample events for the gateway tests: needs, offers and status updates of three sources, no people."""

from __future__ import annotations

import copy
import json
from typing import Any

from schemas import Need, Offer, StatusUpdate, entity_id, to_http_structured

SOZIALAMT = "urn:koordinate:source:sozialamt-leipzig"
INITIATIVE = "https://willkommen-ost.example.org"
HELFERKREIS = "urn:koordinate:source:helferkreis-ost"  # granted INITIATIVE's entities


def need(source: str = SOZIALAMT, record: str = "B-1", revision: int = 1, **changes: Any) -> Need:
    data: dict[str, Any] = {
        "id": entity_id(source, record), "source": source, "source_record_id": record, "revision": revision,
        "title": "Begleitung zu Behördenterminen", "description": "dienstags 18:00-20:00 in der Unterkunft",
        "category": "accompaniment_interpreting", "quantity": 4, "unit": "people", "urgency": "high",
        "area": {"ags": "14713000", "district": "Ost"}, "languages": ["de", "uk"],
        "occurred_at": "2026-11-27T10:00:00+01:00",
    }
    data.update(changes)
    return Need.model_validate(data)


def offer(source: str = INITIATIVE, record: str = "A-1", revision: int = 1, **changes: Any) -> Offer:
    data: dict[str, Any] = {
        "id": entity_id(source, record), "source": source, "source_record_id": record, "revision": revision,
        "title": "Sprachcafé Ost", "description": "Offenes Sprachcafé, dienstags", "category": "language_education",
        "organisation": {"name": "Willkommen im Osten e.V.", "kind": "association"},
        "area": {"ags": "14713000", "districts": ["Ost"]}, "capacity": 12, "languages": ["de"],
        "occurred_at": "2026-11-20T09:00:00+01:00",
    }
    data.update(changes)
    return Offer.model_validate(data)


def status(target: str, kind: str = "offer", source: str = INITIATIVE, record: str = "S-1", revision: int = 1,
           **changes: Any) -> StatusUpdate:
    data: dict[str, Any] = {
        "id": entity_id(source, record), "source": source, "source_record_id": record, "revision": revision,
        "entity_id": target, "entity_kind": kind, "new_status": "full" if kind == "offer" else "covered",
        "occurred_at": "2026-11-27T11:00:00+01:00",
    }
    data.update(changes)
    return StatusUpdate.model_validate(data)


def structured(model: Need | Offer | StatusUpdate) -> dict[str, Any]:
    """The structured-mode JSON object of a model (a fresh copy, safe to break for invalid cases)."""
    return copy.deepcopy(json.loads(to_http_structured(model).body))


def body(value: Any) -> bytes:
    return json.dumps(value).encode()
