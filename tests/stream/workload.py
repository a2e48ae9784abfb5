"""A deterministic mixed workload (offers, needs, commitments, closings) in event-time order.

Two municipalities, several districts and categories; some needs find offers, some become gaps,
some offers are entered twice by another source. Demand only, never people.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from schemas import Need, Offer, StatusUpdate, entity_id
from schemas._base import EventModel

AREAS = {
    "14713000": ("Leipzig", ["Grünau-Mitte", "Paunsdorf", "Connewitz", "Lindenau"], (51.34, 12.37)),
    "14612000": ("Dresden", ["Gorbitz", "Prohlis", "Neustadt", "Johannstadt"], (51.05, 13.74)),
}
CATEGORIES = ["language_education", "accompaniment_interpreting", "clothing", "childcare", "everyday_help"]
SOURCES = {"city": "urn:koordinate:source:sozialamt", "initiatives": "https://helferkreis.example.org"}


def mixed_workload(seed: int = 7, offers_per_area: int = 24, needs_per_area: int = 60,
                   start: datetime = datetime(2026, 10, 1, 8, tzinfo=UTC), moves: int = 0) -> list[EventModel]:
    """The workload; with `moves`, that many of the first municipality's offers are corrected to the
    second one (a new revision with the other AGS) after the needs."""
    rng = random.Random(seed)
    clock = [start]

    def tick() -> str:
        clock[0] += timedelta(minutes=rng.randint(5, 90))
        return clock[0].isoformat()

    events: list[EventModel] = []
    offers_by_area: dict[str, list[Offer]] = {ags: [] for ags in AREAS}
    for ags, (city, districts, (lat, lon)) in AREAS.items():
        for n in range(offers_per_area):
            category = CATEGORIES[n % len(CATEGORIES)]
            district = districts[n % len(districts)]
            record = f"{ags}-o{n}"
            data = {
                "id": entity_id(SOURCES["initiatives"], record), "source": SOURCES["initiatives"],
                "source_record_id": record, "revision": 1,
                "title": f"{category.replace('_', ' ').title()} {city} {district} Gruppe {n}",
                "description": f"Angebot {n} der Initiative in {district}.",
                "category": category,
                "organisation": {"name": f"Initiative {city} {n // 3}", "kind": "initiative" if n % 2 else "association"},
                "area": {"ags": ags, "districts": [district] if n % 4 else []},
                "location": {"city": city, "lat": lat + rng.uniform(-0.02, 0.02), "lon": lon + rng.uniform(-0.02, 0.02)},
                "capacity": rng.randint(1, 6), "languages": rng.sample(["de", "ar", "uk", "fa", "ru"], 2),
                "contact": {"email": f"info{n}@{city.lower()}-hilft.example.org"},
                "occurred_at": tick(),
            }
            offer = Offer.model_validate(data)
            events.append(offer)
            offers_by_area[ags].append(offer)
            if n % 8 == 0:  # the city office retypes the same offer into its own system
                copy = {**data, "id": entity_id(SOURCES["city"], f"copy-{record}"), "source": SOURCES["city"],
                        "source_record_id": f"copy-{record}", "title": data["title"].replace("Gruppe", "Gr."),
                        "occurred_at": tick()}
                events.append(Offer.model_validate(copy))
    for ags, (city, districts, _) in AREAS.items():
        for n in range(needs_per_area):
            record = f"{ags}-n{n}"
            need = Need.model_validate({
                "id": entity_id(SOURCES["city"], record), "source": SOURCES["city"], "source_record_id": record,
                "revision": 1, "title": f"Bedarf {n} in {districts[n % len(districts)]}",
                "category": CATEGORIES[(n * 3) % len(CATEGORIES)] if n % 7 else "psychotherapy",
                "quantity": rng.randint(1, 4), "unit": "people",
                "urgency": rng.choice(["critical", "high", "normal", "low"]),
                "area": {"ags": ags, "district": districts[n % len(districts)]},
                "languages": rng.sample(["de", "ar", "uk", "fa"], 1) if n % 3 else [],
                "occurred_at": tick(),
            })
            events.append(need)
            if n % 5 == 0:
                offer = rng.choice(offers_by_area[ags])
                events.append(StatusUpdate.model_validate({
                    "id": entity_id(SOURCES["initiatives"], f"c-{record}"), "source": SOURCES["initiatives"],
                    "source_record_id": f"c-{record}", "revision": 1, "entity_id": need.id, "entity_kind": "need",
                    "commitment": {"offer_id": offer.id, "need_id": need.id, "slots": 1, "state": "confirmed"},
                    "occurred_at": tick(),
                }))
            elif n % 9 == 0:
                events.append(StatusUpdate.model_validate({
                    "id": entity_id(SOURCES["city"], f"close-{record}"), "source": SOURCES["city"],
                    "source_record_id": f"close-{record}", "revision": 1, "entity_id": need.id,
                    "entity_kind": "need", "new_status": "closed", "occurred_at": tick(),
                }))
    home, away = list(AREAS)
    away_city, away_districts, (away_lat, away_lon) = AREAS[away]
    for offer in offers_by_area[home][:moves]:
        events.append(Offer.model_validate({
            **offer.model_dump(mode="json"), "revision": offer.revision + 1, "occurred_at": tick(),
            "area": {"ags": away, "districts": [away_districts[0]]},
            "location": {"city": away_city, "lat": away_lat, "lon": away_lon},
        }))
    # A last need in every area at the same moment, so each area's clock (a worker partition's
    # event time) reaches the end of the workload, as the single clock of the offline driver does.
    end = clock[0] + timedelta(minutes=30)
    for ags, (city, districts, _) in AREAS.items():
        events.append(Need.model_validate({
            "id": entity_id(SOURCES["city"], f"{ags}-end"), "source": SOURCES["city"], "source_record_id": f"{ags}-end",
            "revision": 1, "title": f"Letzter Bedarf in {districts[0]}", "category": "everyday_help",
            "quantity": 1, "unit": "people", "urgency": "low", "area": {"ags": ags, "district": districts[0]},
            "occurred_at": end.isoformat(),
        }))
    return events
