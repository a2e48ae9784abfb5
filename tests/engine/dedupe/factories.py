"""Small OfferProfile builders for the dedupe unit tests."""

from __future__ import annotations

from typing import Any

from hub.engine.dedupe.profile import OfferProfile, profile_of_record

LEIPZIG = "14713000"


def record(offer_id: str, **fields: Any) -> dict[str, Any]:
    """An Offer-shaped dict: a Tuesday 18:00 language course in Grünau unless told otherwise."""
    base: dict[str, Any] = {
        "id": offer_id,
        "source": "urn:koordinate:initiative:helferplaner",
        "source_record_id": offer_id,
        "revision": "1",
        "title": "Deutschkurs für Anfänger",
        "description": "Wir bieten einen Deutschkurs für Anfänger an, jeden Di 18-20 Uhr.",
        "category": "language_education",
        "organisation": {"name": "Willkommensinitiative Grünau e.V.", "kind": "initiative"},
        "area": {"ags": LEIPZIG, "districts": ["Grünau"]},
        "location": {"street": "Stuttgarter Allee 12", "postcode": "04209", "city": "Leipzig", "lat": None, "lon": None},
        "schedule": None,
        "capacity": 12,
        "languages": ["de"],
        "target_groups": ["adults"],
        "contact": {"email": "kontakt@wi-gruenau.example.org", "phone": "0341 555 0101", "url": None},
        "status": "active",
    }
    base.update(fields)
    return base


def profile(offer_id: str, **fields: Any) -> OfferProfile:
    return profile_of_record(record(offer_id, **fields))
