"""Deterministic generator of labelled German offers for duplicate-detection tests.

`generate_offers(seed, n)` returns plain dicts in the Offer field shape and, for each record,
the id of the real offer it describes: records with the same label are duplicates.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import combinations

from tests.synthetic.places import (
    DISTRICT_PARTS,
    DESCRIPTION_TEMPLATES,
    LANGUAGES,
    MUNICIPALITIES,
    NEIGHBOUR_CATEGORY,
    ORGANISATION_PATTERNS,
    OTHER_SOURCES,
    SAINTS,
    TARGET_GROUPS,
    TOPICS,
    Municipality,
)

__all__ = ["LabelledOffers", "generate_offers"]

_NAMESPACE = uuid.UUID("6f1c1d2e-6c4e-5d0a-9a57-2f4c9d0e8b11")
_DAY_FORMS = (
    ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"),
    ("montags", "dienstags", "mittwochs", "donnerstags", "freitags", "samstags", "sonntags"),
    ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"),
    ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
)
_RRULE_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_GROUP_SUFFIXES = (" – Vormittagsgruppe", " – Abendgruppe", " (Gruppe 2)", " für Frauen", " am Wochenende")


@dataclass
class LabelledOffers:
    records: list[dict] = field(default_factory=list)
    cluster_of: dict[str, str] = field(default_factory=dict)

    def true_pairs(self) -> set[tuple[str, str]]:
        """Unordered pairs (sorted ids) of records that describe the same real offer."""
        members: dict[str, list[str]] = {}
        for record_id, label in self.cluster_of.items():
            members.setdefault(label, []).append(record_id)
        return {tuple(sorted(pair)) for ids in members.values() for pair in combinations(ids, 2)}  # type: ignore[misc]


@dataclass
class _Organisation:
    name: str
    kind: str
    district: str
    slug: str
    email: str
    phone: str
    url: str
    street: str
    postcode: str
    lat: float
    lon: float


@dataclass
class _Offer:
    label: str
    municipality: Municipality
    organisation: _Organisation
    category: str
    phrasings: tuple[str, ...]
    suffix: str
    districts: list[str]
    street: str
    postcode: str
    lat: float
    lon: float
    slots: list[tuple[int, int]]
    duration: int
    capacity: int
    target_groups: list[str]
    languages: list[str]


def _typo(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    candidates = [index for index, word in enumerate(words) if len(word) > 4]
    if not candidates:
        return text
    index = rng.choice(candidates)
    word, position = words[index], rng.randrange(1, len(words[index]) - 2)
    kind = rng.randrange(3)
    if kind == 0:
        word = word[:position] + word[position + 1] + word[position] + word[position + 2 :]
    elif kind == 1:
        word = word[:position] + word[position + 1 :]
    else:
        word = word[:position] + word[position] + word[position:]
    words[index] = word
    return " ".join(words)


def _umlauts_spelled_out(text: str) -> str:
    return text.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss").replace("Ü", "Ue")


def _street_variant(street: str, rng: random.Random) -> str:
    return street.replace("straße", rng.choice(("str.", "strasse", "straße"))).replace(
        "Straße", rng.choice(("Str.", "Strasse", "Straße"))
    )


def _time(minute: int, style: int) -> str:
    hour, rest = divmod(minute, 60)
    if style == 0:
        return f"{hour}:{rest:02d}"
    if style == 1:
        return f"{hour}.{rest:02d}"
    return f"{hour}" if rest == 0 else f"{hour}:{rest:02d}"


def _when_text(offer: _Offer, rng: random.Random) -> str:
    form = rng.choices(range(4), weights=(4, 4, 3, 1))[0]
    parts = []
    for day, start in offer.slots:
        end = start + offer.duration
        name = _DAY_FORMS[form][day]
        if form == 3:
            hour = start // 60
            parts.append(f"{name} {hour - 12 if hour > 12 else hour}{'pm' if hour >= 12 else 'am'}")
            continue
        style = rng.randrange(4)
        if style == 0:
            parts.append(f"{'' if form == 1 else 'jeden '}{name} {_time(start, 2)}-{_time(end, 2)} Uhr")
        elif style == 1:
            parts.append(f"{name} ab {_time(start, 0)}")
        elif style == 2:
            parts.append(f"{name} {_time(start, 0)}–{_time(end, 0)}")
        else:
            parts.append(f"immer {name}, {_time(start, 1)} Uhr")
    return " und ".join(parts)


def _organisation_name(name: str, rng: random.Random) -> str:
    if rng.random() < 0.4:
        name = name.replace(" e.V.", "").replace(" gGmbH", "")
    elif rng.random() < 0.2:
        name = name.replace(" e.V.", " e. V.")
    if rng.random() < 0.3:
        name = _umlauts_spelled_out(name)
    if rng.random() < 0.15:
        name = _typo(name, rng)
    if rng.random() < 0.08:
        name = name.upper()
    return name


def _title(offer: _Offer, rng: random.Random, variant: bool) -> str:
    title = offer.phrasings[0]
    if variant:
        roll = rng.random()
        if roll < 0.35:
            title = rng.choice(offer.phrasings[1:])
        elif roll < 0.6:
            words = title.split(" ")
            title = " ".join(words[len(words) // 2 :] + words[: len(words) // 2])
        if rng.random() < 0.2:
            title = _typo(title, rng)
        if rng.random() < 0.2:
            title = _umlauts_spelled_out(title)
    return title + offer.suffix


def _render(offer: _Offer, source: str, record_no: int, rng: random.Random, variant: bool) -> dict:
    town = offer.municipality
    title = _title(offer, rng, variant)
    street = _street_variant(offer.street, rng) if variant else offer.street
    template = rng.choice(DESCRIPTION_TEMPLATES)
    description = template.format(
        topic=offer.phrasings[0 if not variant else rng.randrange(len(offer.phrasings))] + offer.suffix,
        district=offer.districts[0],
        street=street,
        when=_when_text(offer, rng),
    )
    if variant and rng.random() < 0.1:
        description = ""
    category, districts = offer.category, list(offer.districts)
    if variant and rng.random() < 0.2:
        category = NEIGHBOUR_CATEGORY[category]
    if variant and rng.random() < 0.2:
        districts = [rng.choice(town.districts)]
    location = None
    if rng.random() < (0.65 if variant else 0.9):
        with_coordinates = rng.random() < 0.5
        location = {
            "street": street,
            "postcode": offer.postcode,
            "city": town.name,
            "lat": round(offer.lat + rng.uniform(-0.0002, 0.0002), 6) if with_coordinates else None,
            "lon": round(offer.lon + rng.uniform(-0.0002, 0.0002), 6) if with_coordinates else None,
        }
    contact = None
    if rng.random() < (0.6 if variant else 0.85):
        org = offer.organisation
        contact = {
            "email": org.email if rng.random() < 0.8 else None,
            "phone": (org.phone if rng.random() < 0.5 else "+49 " + org.phone[1:]) if rng.random() < 0.7 else None,
            "url": (org.url if rng.random() < 0.5 else org.url.replace("https://", "http://www.") + "/") if rng.random() < 0.6 else None,
        }
    schedule = None
    if rng.random() < (0.5 if variant else 0.8):
        monday = date(2026, 1, 5)
        schedule = {
            "timezone": "Europe/Berlin",
            "rules": [
                {
                    "rrule": f"FREQ=WEEKLY;BYDAY={_RRULE_DAYS[day]}",
                    "dtstart": f"{monday + timedelta(days=day)}T{start // 60:02d}:{start % 60:02d}:00",
                    "duration_minutes": offer.duration,
                }
                for day, start in offer.slots
            ],
            "windows": [],
        }
    record_id = f"{offer.label}-{record_no}"
    return {
        "id": str(uuid.uuid5(_NAMESPACE, f"{source}:{record_id}")),
        "source": source,
        "source_record_id": record_id,
        "revision": "1",
        "title": title,
        "description": description,
        "category": category,
        "organisation": {"name": _organisation_name(offer.organisation.name, rng) if variant else offer.organisation.name, "kind": offer.organisation.kind},
        "area": {"ags": town.ags, "districts": districts},
        "location": location,
        "schedule": schedule,
        "capacity": offer.capacity if rng.random() < 0.8 else None,
        "languages": offer.languages,
        "target_groups": offer.target_groups if not variant or rng.random() < 0.7 else [],
        "contact": contact,
        "status": "active",
        "valid_from": "2026-01-01",
        "valid_until": None,
    }


def _organisation(town: Municipality, rng: random.Random, number: int) -> _Organisation:
    pattern, kind = rng.choice(ORGANISATION_PATTERNS)
    district = rng.choice(town.districts)
    name = pattern.format(district=district + rng.choice(DISTRICT_PARTS), saint=rng.choice(SAINTS), year=rng.choice((1990, 2015, 1896)))
    slug = f"org{number:04d}-{town.ags[-5:-3]}"
    lat, lon = town.lat + rng.uniform(-0.06, 0.06), town.lon + rng.uniform(-0.09, 0.09)
    return _Organisation(
        name=name, kind=kind, district=district, slug=slug, email=f"kontakt@{slug}.example.org",
        phone=f"{town.phone_prefix} 555 0{number % 1000:03d}", url=f"https://{slug}.example.org",
        street=f"{rng.choice(town.streets)} {rng.randrange(1, 140)}",
        postcode=f"{town.postcode_prefix}{rng.randrange(100, 999)}", lat=lat, lon=lon,
    )


def _offers_of(org: _Organisation, town: Municipality, rng: random.Random, first_label: int) -> list[_Offer]:
    offers: list[_Offer] = []
    count = rng.choices((1, 2, 3), weights=(55, 30, 15))[0]
    for index in range(count):
        if offers and rng.random() < 0.25:
            # The same group running the same kind of offer again: another group, another time.
            base = offers[0]
            category, phrasings, suffix = base.category, base.phrasings, rng.choice(_GROUP_SUFFIXES)
        else:
            used = {offer.phrasings for offer in offers}
            category = rng.choice(sorted(TOPICS))
            phrasings, suffix = rng.choice(TOPICS[category]), ""
            if phrasings in used:  # one group does not run one topic twice without telling them apart
                continue
        at_home = rng.random() < 0.7
        street = org.street if at_home else f"{rng.choice(town.streets)} {rng.randrange(1, 140)}"
        lat = org.lat if at_home else town.lat + rng.uniform(-0.06, 0.06)
        lon = org.lon if at_home else town.lon + rng.uniform(-0.09, 0.09)
        # A group's offers meet on different days; two offers of one group at the same time
        # are generated on purpose below (childcare during the language course).
        taken_days = {day for offer in offers for day, _ in offer.slots}
        if len(taken_days) > 4:
            continue
        slots: list[tuple[int, int]] = []
        while len(slots) < rng.choices((1, 2), weights=(80, 20))[0]:
            slot = (rng.randrange(7), rng.choice((9, 10, 14, 15, 16, 17, 18, 19)) * 60 + rng.choice((0, 0, 30)))
            if slot[0] not in taken_days and slot[0] not in {day for day, _ in slots}:
                slots.append(slot)
        offers.append(
            _Offer(
                label=f"offer-{first_label + index:05d}", municipality=town, organisation=org,
                category=category, phrasings=phrasings, suffix=suffix,
                districts=[org.district] if at_home else [rng.choice(town.districts)],
                street=street, postcode=org.postcode if at_home else f"{town.postcode_prefix}{rng.randrange(100, 999)}",
                lat=lat, lon=lon, slots=slots, duration=rng.choice((90, 120)), capacity=rng.randrange(5, 31),
                target_groups=rng.sample(TARGET_GROUPS, rng.choice((1, 2))),
                languages=["de", *rng.sample(LANGUAGES[1:], rng.randrange(3))],
            )
        )
    language = next((offer for offer in offers if offer.category == "language_education"), None)
    if language is not None and rng.random() < 0.5:
        # Childcare during the group's language course: same group, place and time, another offer.
        offers.append(
            _Offer(
                label=f"offer-{first_label + count:05d}", municipality=town, organisation=org,
                category="childcare", phrasings=TOPICS["childcare"][0], suffix="",
                districts=list(language.districts), street=language.street, postcode=language.postcode,
                lat=language.lat, lon=language.lon, slots=list(language.slots), duration=language.duration,
                capacity=rng.randrange(5, 15), target_groups=["children"], languages=list(language.languages),
            )
        )
    return offers


def generate_offers(seed: int, n_offers: int = 2000) -> LabelledOffers:
    """About `n_offers` records: base offers plus retyped copies, labelled by real offer."""
    rng = random.Random(seed)
    result = LabelledOffers()
    organisations = 0
    names: set[str] = set()
    while len(result.records) < n_offers:
        town = rng.choice(MUNICIPALITIES)
        organisations += 1
        org = _organisation(town, rng, organisations + seed * 7919)
        if (town.ags, org.name) in names:
            continue  # two different groups of one name in one city would be label noise
        names.add((town.ags, org.name))
        own_source = rng.choice(OTHER_SOURCES)
        municipal_source = f"urn:koordinate:municipal:{town.ags}:ehrenamtsportal"
        for offer in _offers_of(org, town, rng, len(result.records) + seed * 100_000):
            copies = [(own_source, False)]
            roll = rng.random()
            if roll < 0.30:
                copies.append((municipal_source, True))
            elif roll < 0.38:
                copies += [(municipal_source, True), (rng.choice([s for s in OTHER_SOURCES if s != own_source]), True)]
            elif roll < 0.45:
                copies.append((own_source, True))  # re-entered in the same system
            for record_no, (source, variant) in enumerate(copies):
                record = _render(offer, source, record_no, rng, variant)
                result.records.append(record)
                result.cluster_of[record["id"]] = offer.label
    return result
