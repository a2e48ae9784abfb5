"""Deterministic benchmark workload: needs, offers and status updates across 400 districts (Kreise).

Everything is a function of (seed, index) except the time anchor, which the caller passes so that
event times sit near the wall clock the worker ticks with. No personal data: needs describe demand,
offers carry invented organisation contacts (example.org, 555 numbers).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from hub.topics.spec import topic_of_event_type
from schemas import Need, Offer, StatusUpdate, entity_id, to_kafka
from schemas._base import EventModel
from tests.synthetic.places import ORGANISATION_PATTERNS, TOPICS

N_AREAS = 400
_DISTRICTS = ("Mitte", "Nord", "Süd", "Ost", "West", "Altstadt", "Neustadt", "Hafen")
_STREETS = ("Hauptstraße", "Bahnhofstraße", "Schulstraße", "Gartenstraße", "Kirchplatz", "Lindenallee")
_NEED_TITLES = {
    "language_education": "Deutschkurs für neu angekommene Erwachsene",
    "accompaniment_interpreting": "Begleitung zu Behördenterminen",
    "housing": "Wohnraum für Familien gesucht",
    "donations_in_kind": "Möbel für eine Unterkunft",
    "clothing": "Winterkleidung für die Unterkunft",
    "childcare": "Kinderbetreuung während der Kurse",
    "leisure_sport": "Sportangebot für Jugendliche",
    "health": "Begleitung zu Arztterminen",
    "psychotherapy": "Psychotherapeutische Versorgung",
    "legal_asylum_counselling": "Asylverfahrensberatung",
    "work_training": "Bewerbungstraining",
    "mobility": "Fahrräder für die Unterkunft",
    "everyday_help": "Hilfe bei der Wohnungssuche",
}
_LANGS = ("de", "ar", "uk", "fa", "ru", "tr", "en")
_RRULE_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class District:
    ags: str
    name: str
    lat: float
    lon: float
    postcode: str


def districts(n: int = N_AREAS) -> list[District]:
    """n synthetic Kreise with valid AGS (Land 01-16), spread over a grid of Germany."""
    out = []
    for i in range(n):
        land, kreis = 1 + i % 16, 100 + i // 16
        out.append(District(
            ags=f"{land:02d}{kreis:03d}000", name=f"Kreis {i:03d}",
            lat=47.5 + (i // 20) * 0.35, lon=6.0 + (i % 20) * 0.45, postcode=f"{10000 + i * 200:05d}",
        ))
    return out


SOURCE_MUNICIPAL = "urn:koordinate:bench:{ags}:fachverfahren"
SOURCE_INITIATIVE = "https://bench-initiative-{n}.example.org"


def offer_dict(rng: random.Random, district: District, number: int, occurred_at: datetime,
               source: str | None = None) -> dict:
    category = rng.choice(sorted(TOPICS))
    phrasings = rng.choice(TOPICS[category])
    pattern, kind = rng.choice(ORGANISATION_PATTERNS)
    part = rng.choice(_DISTRICTS)
    org = pattern.format(district=f"{district.name} {part}", saint="Martin", year=1990)
    slug = f"org{number}-{district.ags[:5]}"
    day, hour = rng.randrange(7), rng.choice((9, 10, 14, 16, 18))
    source = source or SOURCE_INITIATIVE.format(n=number % 997)
    return {
        "id": entity_id(source, f"A-{number}"), "source": source, "source_record_id": f"A-{number}", "revision": 1,
        "title": phrasings[0], "description": f"{phrasings[1]} in {district.name} {part}, {_STREETS[number % 6]}.",
        "category": category, "organisation": {"name": org, "kind": kind},
        "area": {"ags": district.ags, "districts": [part]},
        "location": {"street": f"{_STREETS[number % 6]} {1 + number % 90}", "postcode": district.postcode,
                     "city": district.name, "lat": round(district.lat + rng.uniform(-0.05, 0.05), 5),
                     "lon": round(district.lon + rng.uniform(-0.05, 0.05), 5)},
        "schedule": {"rules": [{"rrule": f"FREQ=WEEKLY;BYDAY={_RRULE_DAYS[day]}",
                                "dtstart": f"2026-01-{5 + day:02d}T{hour:02d}:00:00", "duration_minutes": 120}]},
        "capacity": rng.randrange(3, 25), "languages": ["de", *rng.sample(_LANGS[1:], rng.randrange(3))],
        "contact": {"email": f"kontakt@{slug}.example.org", "url": f"https://{slug}.example.org",
                    "phone": f"+49 {300 + number % 600} 555 0{number % 1000:03d}"},
        "status": "active", "occurred_at": occurred_at.isoformat(),
    }


def need_dict(rng: random.Random, district: District, number: int, occurred_at: datetime,
              urgency: str | None = None, category: str | None = None) -> dict:
    category = category or rng.choice(sorted(_NEED_TITLES))
    part = rng.choice(_DISTRICTS)
    source = SOURCE_MUNICIPAL.format(ags=district.ags)
    return {
        "id": entity_id(source, f"B-{number}"), "source": source, "source_record_id": f"B-{number}", "revision": 1,
        "title": _NEED_TITLES.get(category, "Unterstützung gesucht"),
        "description": f"Bedarf in der Gemeinschaftsunterkunft {district.name} {part}.",
        "category": category, "quantity": rng.randrange(1, 12), "unit": "people",
        "urgency": urgency or rng.choices(("low", "normal", "high", "critical"), weights=(20, 50, 25, 5))[0],
        "area": {"ags": district.ags, "district": part},
        "languages": rng.sample(_LANGS, rng.randrange(1, 3)), "target_groups": [],
        "occurred_at": occurred_at.isoformat(),
    }


def generate(seed: int, n_events: int, anchor: datetime, step: timedelta = timedelta(milliseconds=1),
             n_areas: int = N_AREAS, first_number: int = 0) -> Iterator[EventModel]:
    """n_events canonical events: about 40% needs, 40% offers, 20% status updates on earlier entities.

    Event i happens at anchor + i*step. Status updates change an offer's capacity or status, propose
    a commitment of an offer to a need of the same area, or mark a need partially covered.
    """
    rng = random.Random(seed)
    areas = districts(n_areas)
    needs: dict[str, list[str]] = {}
    offers: dict[str, list[str]] = {}
    for i in range(n_events):
        number = first_number + i
        at = anchor + i * step
        district = areas[rng.randrange(n_areas)]
        roll = rng.random()
        known_needs, known_offers = needs.get(district.ags, []), offers.get(district.ags, [])
        if roll < 0.2 and (known_needs or known_offers):
            source = SOURCE_INITIATIVE.format(n=number % 997)
            update = {"id": entity_id(source, f"S-{number}"), "source": source, "source_record_id": f"S-{number}",
                      "revision": 1, "occurred_at": at.isoformat()}
            kind = rng.random()
            if known_offers and (kind < 0.5 or not known_needs):
                update.update(entity_id=rng.choice(known_offers), entity_kind="offer")
                if rng.random() < 0.7:
                    update["capacity_change"] = rng.choice((-2, -1, 1, 2))
                else:
                    update["new_status"] = rng.choice(("full", "paused", "active"))
            elif known_offers and kind < 0.8:
                need = rng.choice(known_needs)
                update.update(entity_id=need, entity_kind="need", commitment={
                    "offer_id": rng.choice(known_offers), "need_id": need, "slots": 1, "state": "proposed",
                    "confirm_by": (at + timedelta(days=3)).isoformat()})
            else:
                update.update(entity_id=rng.choice(known_needs), entity_kind="need", new_status="partially_covered")
            yield StatusUpdate.model_validate(update)
        elif roll < 0.6:
            data = need_dict(rng, district, number, at)
            needs.setdefault(district.ags, []).append(data["id"])
            yield Need.model_validate(data)
        else:
            data = offer_dict(rng, district, number, at)
            offers.setdefault(district.ags, []).append(data["id"])
            yield Offer.model_validate(data)


def kafka_record(model: EventModel, prefix: str) -> tuple[str, bytes, bytes, list[tuple[str, bytes]]]:
    """(topic, key, value, headers) as the connectors and the gateway produce it."""
    record = to_kafka(model)
    return topic_of_event_type(model.event_type).name(prefix), record.key, record.value, record.headers


def gap_probe(district: District, number: int, now: datetime) -> Need:
    """A critical need whose SLA (2 h) is already past when it arrives, in a category nobody offers."""
    data = need_dict(random.Random(number), district, number, now - timedelta(hours=3),
                     urgency="critical", category="psychotherapy")
    return Need.model_validate(data)


def duplicate_probe(original: Offer, number: int, now: datetime) -> Offer:
    """The same offer entered again in another system: same organisation, contact, title and slot."""
    source = f"urn:koordinate:bench:{original.area.ags}:ehrenamtsportal"
    data = original.model_dump(mode="json")
    data.update(id=entity_id(source, f"D-{number}"), source=source, source_record_id=f"D-{number}",
                occurred_at=now.isoformat())
    return Offer.model_validate(data)
