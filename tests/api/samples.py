"""The read API tests' sample content: a Sozialamt's needs and two initiatives' offers in Leipzig-Ost, times
counted from T0 (by revision, or minutes). Built by tests/builders.py; no people.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from schemas import EntityState, Gap, Need, Offer, StatusUpdate
from tests import builders
from tests.builders import LEIPZIG as AGS
from tests.builders import SOZIALAMT
from tests.builders import WILLKOMMEN_OST as INITIATIVE_OST

INITIATIVE_WEST = "https://helferkreis-west.example.org"
T0 = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)


def _at(minutes: int) -> str:
    return (T0 + timedelta(minutes=minutes)).isoformat()


def need(record: str, *, revision: int = 1, source: str = SOZIALAMT, **changes: Any) -> Need:
    return builders.need(record, source=source, revision=revision, **{
        "description": "Dienstags in der Unterkunft, Deutsch und Arabisch.", "quantity": 4,
        "area": {"ags": AGS, "district": "Ost"}, "languages": ["de", "ar"], "occurred_at": _at(revision), **changes})


def offer(record: str, *, revision: int = 1, source: str = INITIATIVE_OST, **changes: Any) -> Offer:
    return builders.offer(record, source=source, revision=revision, **{
        "title": "Sprachcafé Ost", "description": "Offenes Sprachcafé, dienstags 18-20 Uhr.",
        "category": "language_education", "organisation": {"name": "Willkommen im Osten e.V.", "kind": "association"},
        "area": {"ags": AGS, "districts": ["Ost"]}, "capacity": 12, "languages": ["de", "uk"],
        "contact": {"email": "info@willkommen-ost.example.org", "url": "https://willkommen-ost.example.org"},
        "occurred_at": _at(revision), **changes})


def status(record: str, target: str, kind: str, *, source: str = SOZIALAMT, minutes: int = 30,
           **changes: Any) -> StatusUpdate:
    return builders.status(target, record, kind=kind, source=source, **{"occurred_at": _at(minutes), **changes})


def state(entity: Need | Offer, status: str, *, revision: int = 1, committed: int = 0, minutes: int = 30,
          **changes: Any) -> EntityState:
    """The engine's state of a need or offer, as the worker would publish it after a status update."""
    return builders.entity_state(entity, status, revision=revision, committed=committed,
                                 **{"changed_at": _at(minutes), **changes})


def gap(need_: Need, *, urgency: str = "high", hours_open: int = 30, reasons: tuple[str, ...] = ("no_offer_in_area",)
        ) -> Gap:
    """A gap open for `hours_open` hours by now, so the dashboard's ages read naturally."""
    return builders.gap(need_, urgency=urgency, reasons=reasons,
                        open_since=datetime.now(timezone.utc) - timedelta(hours=hours_open))
