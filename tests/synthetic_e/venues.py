"""Named places of each town (community centres, parish halls, libraries, sports halls ...).

A venue has a German name, an English name (what a welcome guide calls it), a street address and
coordinates. Offers happen at venues; sources show a venue by name, by street, or both.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from .seeding import stream
from .textcraft import ascii_umlauts
from .towns import COMMON_STREETS, TOWNS, District, Town

SAINTS = (  # German form, English form
    ("Marien", "St. Mary's"), ("Johannis", "St. John's"), ("Petri", "St. Peter's"), ("Pauli", "St. Paul's"),
    ("Martin", "St. Martin's"), ("Michael", "St. Michael's"), ("Nikolai", "St. Nicholas'"),
    ("Jakobi", "St. James'"), ("Elisabeth", "St. Elizabeth's"), ("Bonifatius", "St. Boniface"),
    ("Lukas", "St. Luke's"), ("Matthäus", "St. Matthew's"), ("Andreas", "St. Andrew's"), ("Georg", "St. George's"),
)
SCHOOL_NAMES = ("Schiller", "Goethe", "Pestalozzi", "Käthe-Kollwitz", "Astrid-Lindgren", "Erich-Kästner",
                "Anne-Frank", "Geschwister-Scholl", "Albert-Schweitzer", "Heinrich-Heine", "Brüder-Grimm")
CAFE_NAMES = ("Kulturbahnhof", "Alte Feuerwache", "Stellwerk", "Kesselhaus", "Alte Post", "Lokschuppen")

# kind -> templates (German, English); {d} district, {t} town, {s}/{se} saint, {n} school, {c} cafe house
_TEMPLATES: dict[str, tuple[tuple[str, str], ...]] = {
    "community": (("Stadtteilzentrum {d}", "{d} Community Centre"), ("Bürgerhaus {d}", "{d} Civic Centre"),
                  ("Nachbarschaftstreff {d}", "{d} Neighbourhood Centre"),
                  ("Mehrgenerationenhaus {d}", "{d} Multi-Generation House"),
                  ("Stadtteiltreff {d}", "{d} Neighbourhood Meeting Point")),
    "church": (("Gemeindehaus St. {s}", "{se} Parish Hall"), ("Pfarrheim St. {s}", "{se} Parish Centre"),
               ("Gemeindezentrum St. {s}", "{se} Church Community Centre")),
    "youth": (("Jugendzentrum {d}", "{d} Youth Centre"), ("Jugendhaus {d}", "{d} Youth House"),
              ("Kinder- und Jugendtreff {d}", "{d} Youth Club")),
    "family": (("Familienzentrum {d}", "{d} Family Centre"), ("Eltern-Kind-Zentrum {d}", "{d} Parent and Child Centre")),
    "library": (("Stadtteilbibliothek {d}", "{d} Branch Library"), ("Stadtbibliothek {t}", "{t} City Library")),
    "vhs": (("Volkshochschule {t}", "{t} Adult Education Centre"), ("VHS-Haus {t}", "{t} Adult Education Centre")),
    "sport": (("Sporthalle der {n}-Schule", "{n} School Sports Hall"), ("Sportplatz {d}", "{d} Sports Ground"),
              ("Turnhalle {d}", "{d} Gym Hall")),
    "pool": (("Hallenbad {d}", "{d} Indoor Pool"), ("Stadtbad {t}", "{t} Municipal Pool")),
    "school": (("{n}-Schule", "{n} School"), ("{n}-Grundschule", "{n} Primary School")),
    "garden": (("Interkultureller Garten {d}", "{d} Intercultural Garden"),
               ("Gemeinschaftsgarten {d}", "{d} Community Garden")),
    "office": (("Rathaus {t}", "{t} Town Hall"), ("Bürgerbüro {d}", "{d} Citizens' Office"),
               ("Haus der Beratung {t}", "{t} Counselling House")),
    "cafe": (("Café im {c}", "Café at the {c}"), ("Stadtteilcafé {d}", "{d} Neighbourhood Café")),
    "workshop": (("Werkstatthaus {d}", "{d} Workshop House"), ("Offene Werkstatt {d}", "{d} Open Workshop")),
}
KINDS = tuple(_TEMPLATES)


@dataclass(frozen=True)
class Venue:
    key: str
    town: Town
    district: District
    kind: str
    name_de: str
    name_en: str
    street: str          # "Holländische Straße"
    number: str          # "12", "12a"
    number_range: str    # "12-14" when the building spans numbers, else ""
    lat: float
    lon: float

    @property
    def address(self) -> str:
        return f"{self.street} {self.number}"

    def markers(self) -> tuple[str, ...]:
        """Words that identify the venue in a listing: its street and the specific part of its name."""
        stem = self.street.replace("straße", "").replace("Straße", "").strip(" -")
        words = [stem.lower(), ascii_umlauts(stem).lower()]
        for name in (self.name_de, self.name_en):
            words += [name.lower(), ascii_umlauts(name).lower()]
        return tuple(dict.fromkeys(w for w in words if len(w) >= 4))


def _fill(template: str, town: Town, district: District, rng: random.Random) -> str:
    saint, saint_en = rng.choice(SAINTS)
    return template.format(d=district.name, t=town.name.split(" ")[0], s=saint, se=saint_en,
                           n=rng.choice(SCHOOL_NAMES), c=rng.choice(CAFE_NAMES))


def _town_venues(seed: int, town: Town) -> list[Venue]:
    rng = stream(seed, "venues", town.key)
    streets = list(dict.fromkeys(town.streets + COMMON_STREETS))
    rng.shuffle(streets)
    used_names: set[str] = set()
    used_streets: set[str] = set()
    venues: list[Venue] = []
    for district in town.districts:
        # every district gets a community place and a few others; the centre gets the town-wide ones
        kinds = ["community", "church", "youth", "family", "sport", "school", "cafe", "workshop", "garden"]
        rng.shuffle(kinds)
        kinds = ["community", "church", *kinds[:4]]
        if district is town.districts[0]:
            kinds += ["library", "vhs", "office", "pool"]
        else:
            kinds += rng.sample(["library", "pool", "office"], 1)
        for kind in kinds:
            for _ in range(6):
                template_de, template_en = rng.choice(_TEMPLATES[kind])
                state = rng.getstate()
                name_de = _fill(template_de, town, district, rng)
                rng.setstate(state)  # the English name must name the same saint / school
                name_en = _fill(template_en, town, district, rng)
                if name_de not in used_names:
                    break
            else:
                continue
            used_names.add(name_de)
            street = next((s for s in streets if s not in used_streets), rng.choice(streets))
            used_streets.add(street)
            number = str(rng.randint(1, 140))
            if rng.random() < 0.12:
                number += rng.choice("ab")
            number_range = ""
            if number.isdigit() and rng.random() < 0.2:
                number_range = f"{number}-{int(number) + rng.choice((2, 4))}"
            lat = round(town.lat + district.dlat + rng.uniform(-0.006, 0.006), 5)
            lon = round(town.lon + district.dlon + rng.uniform(-0.008, 0.008), 5)
            venues.append(Venue(f"{town.key}-v{len(venues):02d}", town, district, kind, name_de, name_en,
                                street, number, number_range, lat, lon))
    return venues


def build_venues(seed: int) -> dict[str, list[Venue]]:
    """Town key -> its venues, a function of the seed."""
    return {town.key: _town_venues(seed, town) for town in TOWNS}
