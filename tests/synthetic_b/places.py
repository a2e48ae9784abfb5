"""Municipalities, districts, streets and venues the generated offers take place in.

AGS codes are the real 8-digit keys; district postcodes and centre coordinates are close to the real
ones, so a geocoder-like check sees plausible values. Street names are common German ones, shared by
many towns, which is what real listings look like too.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field


@dataclass(frozen=True)
class District:
    name: str
    postcode: str
    lat: float
    lon: float


@dataclass(frozen=True)
class Municipality:
    ags: str
    name: str
    name_en: str  # English listings write "Cologne", "Munich"
    phone_area: str  # without the leading 0
    districts: tuple[District, ...]
    small: bool = False


def _d(name: str, postcode: str, lat: float, lon: float) -> District:
    return District(name, postcode, lat, lon)


MUNICIPALITIES: tuple[Municipality, ...] = (
    Municipality("05315000", "Köln", "Cologne", "221", (
        _d("Chorweiler", "50765", 51.0282, 6.8967), _d("Ehrenfeld", "50823", 50.9510, 6.9170),
        _d("Kalk", "51103", 50.9380, 7.0070), _d("Mülheim", "51063", 50.9650, 7.0050),
        _d("Nippes", "50733", 50.9610, 6.9560), _d("Porz", "51143", 50.8830, 7.0560),
    )),
    Municipality("14713000", "Leipzig", "Leipzig", "341", (
        _d("Grünau", "04209", 51.3208, 12.2836), _d("Connewitz", "04277", 51.3070, 12.3790),
        _d("Plagwitz", "04229", 51.3270, 12.3350), _d("Reudnitz", "04317", 51.3390, 12.4030),
        _d("Gohlis", "04155", 51.3640, 12.3690), _d("Paunsdorf", "04328", 51.3460, 12.4530),
    )),
    Municipality("09162000", "München", "Munich", "89", (
        _d("Neuperlach", "81737", 48.1000, 11.6470), _d("Giesing", "81539", 48.1100, 11.5880),
        _d("Schwabing", "80802", 48.1620, 11.5860), _d("Hasenbergl", "80933", 48.2140, 11.5570),
        _d("Pasing", "81241", 48.1460, 11.4620), _d("Moosach", "80992", 48.1800, 11.5100),
    )),
    Municipality("08111000", "Stuttgart", "Stuttgart", "711", (
        _d("Bad Cannstatt", "70372", 48.8040, 9.2150), _d("Feuerbach", "70469", 48.8140, 9.1610),
        _d("Zuffenhausen", "70435", 48.8330, 9.1700), _d("Vaihingen", "70563", 48.7300, 9.1080),
        _d("Stuttgart-Ost", "70190", 48.7880, 9.2000), _d("Möhringen", "70567", 48.7250, 9.1470),
    )),
    Municipality("03241001", "Hannover", "Hanover", "511", (
        _d("Linden", "30449", 52.3640, 9.7170), _d("List", "30161", 52.3900, 9.7500),
        _d("Vahrenheide", "30179", 52.4100, 9.7550), _d("Mühlenberg", "30457", 52.3340, 9.7000),
        _d("Döhren", "30519", 52.3480, 9.7680),
    )),
    Municipality("11000000", "Berlin", "Berlin", "30", (
        _d("Neukölln", "12043", 52.4810, 13.4350), _d("Wedding", "13347", 52.5500, 13.3600),
        _d("Marzahn", "12679", 52.5450, 13.5600), _d("Spandau", "13597", 52.5360, 13.2000),
        _d("Moabit", "10551", 52.5300, 13.3420), _d("Lichtenberg", "10365", 52.5150, 13.4960),
    )),
    Municipality("02000000", "Hamburg", "Hamburg", "40", (
        _d("Wilhelmsburg", "21107", 53.4950, 10.0100), _d("Altona", "22765", 53.5520, 9.9350),
        _d("Billstedt", "22111", 53.5400, 10.1000), _d("Harburg", "21073", 53.4600, 9.9800),
        _d("Barmbek", "22305", 53.5850, 10.0450),
    )),
    Municipality("14612000", "Dresden", "Dresden", "351", (
        _d("Gorbitz", "01169", 51.0450, 13.6690), _d("Prohlis", "01239", 51.0000, 13.8000),
        _d("Neustadt", "01099", 51.0650, 13.7500), _d("Johannstadt", "01307", 51.0510, 13.7690),
    )),
    Municipality("06412000", "Frankfurt am Main", "Frankfurt", "69", (
        _d("Bockenheim", "60487", 50.1210, 8.6470), _d("Gallus", "60326", 50.1030, 8.6400),
        _d("Nordweststadt", "60439", 50.1600, 8.6300), _d("Höchst", "65929", 50.1000, 8.5450),
    )),
    Municipality("09564000", "Nürnberg", "Nuremberg", "911", (
        _d("Gostenhof", "90429", 49.4480, 11.0600), _d("St. Leonhard", "90439", 49.4400, 11.0500),
        _d("Langwasser", "90471", 49.4050, 11.1250),
    )),
    Municipality("08416041", "Tübingen", "Tübingen", "7071", (
        _d("Südstadt", "72072", 48.5120, 9.0600), _d("Waldhäuser-Ost", "72076", 48.5350, 9.0700),
    ), small=True),
    Municipality("03355022", "Lüneburg", "Lüneburg", "4131", (
        _d("Kaltenmoor", "21337", 53.2400, 10.4300), _d("Innenstadt", "21335", 53.2490, 10.4080),
    ), small=True),
    Municipality("06534014", "Marburg", "Marburg", "6421", (
        _d("Richtsberg", "35039", 50.7880, 8.7800), _d("Oberstadt", "35037", 50.8100, 8.7680),
    ), small=True),
    Municipality("16055000", "Weimar", "Weimar", "3643", (
        _d("Weimar-West", "99427", 50.9880, 11.3050), _d("Schöndorf", "99427", 51.0150, 11.3150),
    ), small=True),
    Municipality("13075039", "Greifswald", "Greifswald", "3834", (
        _d("Schönwalde", "17491", 54.0800, 13.4000),
    ), small=True),
    Municipality("14625020", "Bautzen", "Bautzen", "3591", (
        _d("Gesundbrunnen", "02625", 51.1900, 14.4400),
    ), small=True),
    Municipality("08127076", "Schwäbisch Hall", "Schwäbisch Hall", "791", (
        _d("Kreuzäcker", "74523", 49.1080, 9.7500),
    ), small=True),
    Municipality("12060052", "Eberswalde", "Eberswalde", "3334", (
        _d("Brandenburgisches Viertel", "16227", 52.8450, 13.7700),
    ), small=True),
)

BIG_CITY_WEIGHT = 3.0  # big cities carry most listings, towns a few each

STREET_STEMS: tuple[str, ...] = (
    "Hauptstraße", "Bahnhofstraße", "Schulstraße", "Kirchstraße", "Goethestraße", "Schillerstraße",
    "Lindenstraße", "Gartenstraße", "Friedrich-Ebert-Straße", "Wilhelmstraße", "Bergstraße",
    "Karl-Liebknecht-Straße", "Berliner Straße", "Dresdner Straße", "Am Markt", "Marktplatz",
    "Mühlenweg", "Rosenweg", "Lessingstraße", "Jahnstraße", "Beethovenstraße", "Ringstraße",
    "Kastanienallee", "Birkenweg", "Rathausplatz", "Am Anger", "Kantstraße", "Uhlandstraße",
    "Heinrich-Heine-Straße", "Wiesenstraße", "Sophienstraße", "Ludwigstraße", "Talstraße",
    "Grüner Weg", "Stuttgarter Allee", "Georg-Schwarz-Straße", "Parkstraße", "Feldstraße",
)

SAINTS: tuple[str, ...] = (
    "Markus", "Lukas", "Paulus", "Petrus", "Johannes", "Michael", "Nikolai", "Marien", "Thomas",
    "Elisabeth", "Bonifatius", "Martin", "Laurentius", "Andreas", "Jakobus", "Georg",
)

# venue name patterns: (pattern, kind, short forms a terse source writes)
VENUE_PATTERNS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Jugendzentrum {district}", "youth", ("JuZ {district}", "Jugendzentrum", "Jugendhaus {district}")),
    ("Stadtteilbibliothek {district}", "library", ("Bibliothek {district}", "Stadtbibliothek {district}", "Bücherei {district}")),
    ("Bürgerhaus {district}", "civic", ("Bürgerhaus", "Bürgerzentrum {district}")),
    ("Stadtteilzentrum {district}", "civic", ("STZ {district}", "Stadtteiltreff {district}")),
    ("Mehrgenerationenhaus {district}", "civic", ("MGH {district}", "Mehrgenerationenhaus")),
    ("Familienzentrum {district}", "family", ("Familienzentrum", "FZ {district}")),
    ("Nachbarschaftstreff {street}", "civic", ("Nachbarschaftstreff", "Treff {street}")),
    ("Begegnungsstätte {district}", "civic", ("Begegnungsstätte", "Begegnungscafé {district}")),
    ("Sporthalle {district}", "sport", ("Turnhalle {district}", "Halle {district}")),
    ("Sportplatz {district}", "sport", ("Sportplatz", "Kunstrasenplatz {district}")),
)
CHURCH_VENUES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Gemeindehaus St. {saint}", ("Gemeindehaus", "Gemeindehaus Sankt {saint}", "St. {saint}")),
    ("Pfarrheim St. {saint}", ("Pfarrheim", "Pfarrsaal St. {saint}")),
    ("Gemeindezentrum {saint}kirche", ("Gemeindezentrum", "{saint}kirche")),
)


@dataclass(frozen=True)
class Venue:
    key: str
    name: str
    short_names: tuple[str, ...]
    kind: str
    municipality: Municipality
    district: District
    street: str  # canonical "Lindenstraße 12a"
    lat: float
    lon: float
    tags: tuple[str, ...] = field(default=())


def pick_municipality(rng: random.Random) -> Municipality:
    weights = [1.0 if m.small else BIG_CITY_WEIGHT for m in MUNICIPALITIES]
    return rng.choices(MUNICIPALITIES, weights=weights)[0]


def _house_number(rng: random.Random) -> str:
    number = str(rng.choice((rng.randint(1, 30), rng.randint(1, 160))))
    return number + (rng.choice("abc") if rng.random() < 0.12 else "")


class VenueBook:
    """Venues created on demand and reused, so different offers meet at the same place."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._by_key: dict[str, Venue] = {}

    def _new(self, key: str, name: str, shorts: tuple[str, ...], kind: str, muni: Municipality,
             district: District, street_stem: str, tags: tuple[str, ...] = ()) -> Venue:
        if key not in self._by_key:
            rng = self._rng
            lat = round(district.lat + rng.uniform(-0.008, 0.008), 6)
            lon = round(district.lon + rng.uniform(-0.012, 0.012), 6)
            street = f"{street_stem} {_house_number(rng)}"
            self._by_key[key] = Venue(key, name, shorts, kind, muni, district, street, lat, lon, tags)
        return self._by_key[key]

    def public_venue(self, muni: Municipality, district: District, kind: str | None = None) -> Venue:
        """A public venue of the district (youth centre, library, civic centre ...)."""
        rng = self._rng
        patterns = [p for p in VENUE_PATTERNS if kind is None or p[1] == kind] or list(VENUE_PATTERNS)
        pattern, vkind, shorts = rng.choice(patterns)
        stem = rng.choice(STREET_STEMS)
        key = f"{muni.ags}:{district.name}:{pattern}"
        fill = {"district": district.name, "street": stem.replace("straße", "str.").split()[0]}
        return self._new(key, pattern.format(**fill), tuple(s.format(**fill) for s in shorts), vkind, muni,
                         district, stem)

    def church_venue(self, muni: Municipality, district: District, saint: str) -> Venue:
        rng = self._rng
        pattern, shorts = rng.choice(CHURCH_VENUES)
        key = f"{muni.ags}:{district.name}:church:{saint}"
        fill = {"saint": saint}
        return self._new(key, pattern.format(**fill), tuple(s.format(**fill) for s in shorts), "church", muni,
                         district, rng.choice(("Kirchstraße", "Kirchplatz", "Am Kirchberg", rng.choice(STREET_STEMS))))

    def own_premises(self, muni: Municipality, district: District, org_key: str, label: str) -> Venue:
        """An organisation's own office or store ("Kleiderkammer der Caritas", "Büro des Vereins")."""
        rng = self._rng
        key = f"{muni.ags}:{org_key}:{label}:{district.name}"
        return self._new(key, label, (label.split()[0],), "premises", muni, district, rng.choice(STREET_STEMS))


# what else people call a district or a town ("Cannstatt", "WHO", "Frankfurt a. M.")
DISTRICT_ALIASES: dict[str, tuple[str, ...]] = {
    "Bad Cannstatt": ("Cannstatt", "Stuttgart-Bad Cannstatt"), "Stuttgart-Ost": ("Ost", "S-Ost"),
    "St. Leonhard": ("Sankt Leonhard", "St Leonhard"), "Waldhäuser-Ost": ("WHO", "Waldhäuser Ost"),
    "Weimar-West": ("Weimar West",), "Brandenburgisches Viertel": ("Brandenburger Viertel", "BBV"),
    "Nordweststadt": ("Nordwest",), "Gostenhof": ("GoHo",), "Neustadt": ("Äußere Neustadt",),
    "Grünau": ("Grünau-Mitte", "Leipzig-Grünau"), "Neuperlach": ("Perlach", "Neuperlach-Süd"),
    "Hasenbergl": ("Am Hasenbergl",), "Chorweiler": ("Köln-Chorweiler",), "Mülheim": ("Köln-Mülheim",),
    "Wedding": ("Berlin-Wedding", "Gesundbrunnen/Wedding"), "Marzahn": ("Marzahn-Hellersdorf",),
    "Wilhelmsburg": ("HH-Wilhelmsburg",), "Kaltenmoor": ("Lüneburg-Kaltenmoor",), "Höchst": ("Frankfurt-Höchst",),
}
CITY_ALIASES: dict[str, tuple[str, ...]] = {
    "Frankfurt am Main": ("Frankfurt", "Frankfurt a. M.", "Frankfurt/Main"), "Köln": ("Koeln",),
    "München": ("Muenchen",), "Nürnberg": ("Nuernberg",), "Schwäbisch Hall": ("Schwaebisch Hall", "Schw. Hall"),
    "Hannover": ("Hannover-Stadt",), "Tübingen": ("Tuebingen",), "Lüneburg": ("Hansestadt Lüneburg",),
    "Marburg": ("Marburg (Lahn)", "Marburg an der Lahn"), "Greifswald": ("Hansestadt Greifswald",),
}
