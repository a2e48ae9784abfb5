"""Real municipalities (AGS, postcodes, dialling codes, street names) and the venues invented in them.

Streets are real streets of each town with their postcode and an approximate position; house numbers
and venues are invented. Streets named after people are left out, so no person's name enters the data.
"""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Street:
    name: str
    postcode: str
    district: str
    lat: float
    lon: float


@dataclass(frozen=True)
class Town:
    key: str
    name: str
    ags: str
    area_code: str  # without the leading 0
    adjective: str  # "Leipziger": how organisations and media name things "of" the town
    weight: float  # share of the offers; big cities publish more
    big: bool
    has_guide: bool  # whether an English welcome guide exists
    land: str  # for the Land-wide HSDS directory
    streets: tuple[Street, ...]


def _s(name: str, postcode: str, district: str, lat: float, lon: float) -> Street:
    return Street(name, postcode, district, lat, lon)


TOWNS: tuple[Town, ...] = (
    Town("berlin", "Berlin", "11000000", "30", "Berliner", 0.17, True, True, "be", (
        _s("Sonnenallee", "12045", "Neukölln", 52.4830, 13.4395),
        _s("Flughafenstraße", "12053", "Neukölln", 52.4790, 13.4260),
        _s("Turmstraße", "10559", "Moabit", 52.5265, 13.3430),
        _s("Oranienstraße", "10999", "Kreuzberg", 52.5010, 13.4180),
        _s("Badstraße", "13357", "Gesundbrunnen", 52.5480, 13.3840),
        _s("Marzahner Promenade", "12679", "Marzahn", 52.5440, 13.5660),
        _s("Falkenseer Chaussee", "13583", "Spandau", 52.5460, 13.1830),
        _s("Prenzlauer Allee", "10405", "Prenzlauer Berg", 52.5370, 13.4230),
        _s("Residenzstraße", "13409", "Reinickendorf", 52.5700, 13.3600),
        _s("Hellersdorfer Straße", "12619", "Hellersdorf", 52.5380, 13.6000),
    )),
    Town("hamburg", "Hamburg", "02000000", "40", "Hamburger", 0.12, True, True, "hh", (
        _s("Billstedter Hauptstraße", "22111", "Billstedt", 53.5410, 10.0990),
        _s("Osterstraße", "20259", "Eimsbüttel", 53.5750, 9.9530),
        _s("Veringstraße", "21107", "Wilhelmsburg", 53.4990, 9.9930),
        _s("Steilshooper Straße", "22305", "Barmbek-Nord", 53.5920, 10.0430),
        _s("Ottenser Hauptstraße", "22765", "Ottensen", 53.5530, 9.9290),
        _s("Lüneburger Straße", "21073", "Harburg", 53.4610, 9.9820),
        _s("Wandsbeker Marktstraße", "22041", "Wandsbek", 53.5720, 10.0680),
    )),
    Town("muenchen", "München", "09162000", "89", "Münchner", 0.10, True, True, "by", (
        _s("Schleißheimer Straße", "80797", "Schwabing-West", 48.1600, 11.5690),
        _s("Hanauer Straße", "80993", "Moosach", 48.1800, 11.5300),
        _s("Rosenheimer Straße", "81669", "Au-Haidhausen", 48.1280, 11.5950),
        _s("Fürstenrieder Straße", "80686", "Laim", 48.1370, 11.5090),
        _s("Lindwurmstraße", "80337", "Sendling", 48.1260, 11.5540),
        _s("Dachauer Straße", "80335", "Maxvorstadt", 48.1500, 11.5550),
        _s("Berg-am-Laim-Straße", "81673", "Berg am Laim", 48.1290, 11.6300),
    )),
    Town("koeln", "Köln", "05315000", "221", "Kölner", 0.09, True, True, "nw", (
        _s("Venloer Straße", "50823", "Ehrenfeld", 50.9480, 6.9170),
        _s("Kalker Hauptstraße", "51103", "Kalk", 50.9390, 7.0050),
        _s("Berliner Straße", "51063", "Mülheim", 50.9650, 7.0100),
        _s("Neusser Straße", "50733", "Nippes", 50.9590, 6.9570),
        _s("Liverpooler Platz", "50765", "Chorweiler", 51.0270, 6.8960),
        _s("Dürener Straße", "50931", "Lindenthal", 50.9300, 6.9200),
        _s("Bonner Straße", "50677", "Neustadt-Süd", 50.9200, 6.9600),
    )),
    Town("leipzig", "Leipzig", "14713000", "341", "Leipziger", 0.09, True, True, "sn", (
        _s("Eisenbahnstraße", "04315", "Neustadt-Neuschönefeld", 51.3460, 12.4060),
        _s("Lützner Straße", "04177", "Lindenau", 51.3370, 12.3390),
        _s("Stuttgarter Allee", "04209", "Grünau-Mitte", 51.3190, 12.2880),
        _s("Torgauer Straße", "04318", "Sellerhausen-Stünz", 51.3510, 12.4300),
        _s("Wurzner Straße", "04315", "Volkmarsdorf", 51.3440, 12.4150),
        _s("Bornaische Straße", "04277", "Connewitz", 51.3090, 12.3830),
        _s("Delitzscher Straße", "04129", "Eutritzsch", 51.3600, 12.3800),
    )),
    Town("dresden", "Dresden", "14612000", "351", "Dresdner", 0.06, True, True, "sn", (
        _s("Königsbrücker Straße", "01099", "Äußere Neustadt", 51.0700, 13.7530),
        _s("Bautzner Straße", "01099", "Radeberger Vorstadt", 51.0650, 13.7620),
        _s("Kesselsdorfer Straße", "01159", "Löbtau", 51.0430, 13.6970),
        _s("Prager Straße", "01069", "Altstadt", 51.0450, 13.7360),
        _s("Leutewitzer Ring", "01169", "Gorbitz", 51.0450, 13.6630),
        _s("Großenhainer Straße", "01127", "Pieschen", 51.0800, 13.7300),
    )),
    Town("frankfurt", "Frankfurt am Main", "06412000", "69", "Frankfurter", 0.08, True, True, "he", (
        _s("Leipziger Straße", "60487", "Bockenheim", 50.1210, 8.6490),
        _s("Berger Straße", "60316", "Nordend-Ost", 50.1220, 8.6950),
        _s("Mainzer Landstraße", "60326", "Gallus", 50.1040, 8.6400),
        _s("Königsteiner Straße", "65929", "Höchst", 50.1020, 8.5430),
        _s("Hanauer Landstraße", "60314", "Ostend", 50.1130, 8.7100),
        _s("Darmstädter Landstraße", "60598", "Sachsenhausen", 50.0930, 8.6930),
    )),
    Town("freiburg", "Freiburg im Breisgau", "08311000", "761", "Freiburger", 0.05, True, True, "bw", (
        _s("Habsburgerstraße", "79104", "Herdern", 47.9990, 7.8500),
        _s("Eschholzstraße", "79106", "Stühlinger", 47.9980, 7.8380),
        _s("Sundgauallee", "79114", "Betzenhausen", 48.0010, 7.8180),
        _s("Krozinger Straße", "79114", "Weingarten", 47.9870, 7.8150),
        _s("Staufener Straße", "79115", "Haslach", 47.9850, 7.8270),
        _s("Schwarzwaldstraße", "79117", "Oberau", 47.9900, 7.8700),
    )),
    Town("goettingen", "Göttingen", "03159016", "551", "Göttinger", 0.05, True, False, "ni", (
        _s("Groner Landstraße", "37081", "Weststadt", 51.5350, 9.9170),
        _s("Weender Landstraße", "37075", "Nordstadt", 51.5480, 9.9380),
        _s("Hagenweg", "37081", "Grone", 51.5300, 9.9000),
        _s("Lange-Geismar-Straße", "37073", "Innenstadt", 51.5320, 9.9380),
        _s("Hannoversche Straße", "37075", "Weende", 51.5600, 9.9300),
    )),
    Town("lueneburg", "Lüneburg", "03355022", "4131", "Lüneburger", 0.04, False, True, "ni", (
        _s("Am Sande", "21335", "Altstadt", 53.2470, 10.4100),
        _s("Bardowicker Straße", "21335", "Altstadt", 53.2520, 10.4080),
        _s("Thorner Straße", "21339", "Kaltenmoor", 53.2330, 10.4260),
        _s("Soltauer Straße", "21335", "Rotes Feld", 53.2400, 10.4000),
        _s("Vögelser Straße", "21339", "Kreideberg", 53.2560, 10.3900),
    )),
    Town("eberswalde", "Eberswalde", "12060052", "3334", "Eberswalder", 0.04, False, False, "bb", (
        _s("Eisenbahnstraße", "16225", "Stadtmitte", 52.8330, 13.8200),
        _s("Breite Straße", "16225", "Stadtmitte", 52.8350, 13.8220),
        _s("Heegermühler Straße", "16225", "Westend", 52.8320, 13.7900),
        _s("Brandenburger Allee", "16227", "Brandenburgisches Viertel", 52.8500, 13.7600),
        _s("Potsdamer Allee", "16227", "Brandenburgisches Viertel", 52.8490, 13.7650),
    )),
    Town("schwaebisch-hall", "Schwäbisch Hall", "08127076", "791", "Haller", 0.035, False, False, "bw", (
        _s("Gelbinger Gasse", "74523", "Innenstadt", 49.1140, 9.7380),
        _s("Johanniterstraße", "74523", "Innenstadt", 49.1110, 9.7350),
        _s("Salinenstraße", "74523", "Innenstadt", 49.1130, 9.7340),
        _s("Crailsheimer Straße", "74523", "Kreuzäcker", 49.1100, 9.7500),
        _s("Bahnhofstraße", "74523", "Hessental", 49.1020, 9.7750),
    )),
    Town("bautzen", "Bautzen", "14625020", "3591", "Bautzener", 0.035, False, False, "sn", (
        _s("Reichenstraße", "02625", "Altstadt", 51.1810, 14.4260),
        _s("Töpferstraße", "02625", "Innenstadt", 51.1790, 14.4310),
        _s("Löbauer Straße", "02625", "Ostvorstadt", 51.1770, 14.4450),
        _s("Dresdener Straße", "02625", "Westvorstadt", 51.1800, 14.4100),
        _s("Gesundbrunnenring", "02625", "Gesundbrunnen", 51.1680, 14.4400),
    )),
    Town("husum", "Husum", "01054056", "4841", "Husumer", 0.03, False, True, "sh", (
        _s("Großstraße", "25813", "Innenstadt", 54.4850, 9.0530),
        _s("Norderstraße", "25813", "Innenstadt", 54.4860, 9.0520),
        _s("Süderstraße", "25813", "Innenstadt", 54.4830, 9.0510),
        _s("Schobüller Straße", "25813", "Nord", 54.4950, 9.0400),
        _s("Flensburger Chaussee", "25813", "Nord", 54.4990, 9.0700),
    )),
)

LAND_DIRECTORIES: dict[str, str] = {
    # the Land-wide service directory that exports HSDS; one per Land
    "be": "sozialatlas-berlin", "hh": "hilfelotse-hamburg", "by": "angebotsatlas-bayern",
    "nw": "integrationsnetz-nrw", "sn": "sachsen-hilft", "he": "hessen-angebote", "bw": "bw-integration",
    "ni": "niedersachsen-hilft", "bb": "brandenburg-angebote", "sh": "sh-wegweiser",
}


@dataclass(frozen=True)
class Venue:
    """A place where offers happen; `place` says what it is for ("hall" is a parish's own hall)."""

    key: str
    name: str
    name_en: str
    street: Street
    number: str  # "12", "12a" or a range "12-14"
    town: Town
    lat: float
    lon: float
    place: str  # "" for a general-purpose house, else hall | pool | sports | garden | yard
    at_de: str  # "im", "in der", "auf dem": the venue's preposition in German prose

    @property
    def church(self) -> bool:
        return self.place == "hall"


VenueKind = tuple[str, str, str]  # German name, English name, German preposition; {d} district, {s} street
_GENERAL: tuple[VenueKind, ...] = (
    ("Stadtteilzentrum {d}", "{d} Community Centre", "im"),
    ("Bürgerhaus {d}", "{d} Civic Centre", "im"),
    ("Nachbarschaftshaus {d}", "{d} Neighbourhood House", "im"),
    ("Familienzentrum {d}", "{d} Family Centre", "im"),
    ("Jugendhaus {d}", "{d} Youth Centre", "im"),
    ("Mehrgenerationenhaus {d}", "{d} Multi-Generation House", "im"),
    ("Stadtteilbibliothek {d}", "{d} branch library", "in der"),
    ("Gemeinschaftsunterkunft {s}", "{s} shared accommodation", "in der"),
    ("Nachbarschaftstreff {s}", "{s} neighbourhood meeting point", "im"),
    ("Ladenlokal {s}", "shopfront on {s}", "im"),
)
_SPECIAL: dict[str, tuple[VenueKind, ...]] = {
    # activities that need a particular kind of place get one: nobody swims in a neighbourhood house
    "pool": (("Hallenbad {d}", "{d} indoor pool", "im"), ("Stadtbad {d}", "{d} public baths", "im")),
    "sports": (("Sporthalle {d}", "{d} sports hall", "in der"), ("Sportplatz {d}", "{d} sports ground", "auf dem")),
    "garden": (("Interkultureller Garten {d}", "{d} intercultural garden", "im"),
               ("Gemeinschaftsgarten {s}", "{s} community garden", "im")),
    "yard": (("Verkehrsgarten {d}", "{d} traffic training ground", "im"),
             ("Schulhof der Grundschule {d}", "{d} primary school yard", "auf dem")),
    "shelter": (("Gemeinschaftsunterkunft {s}", "{s} shared accommodation", "in der"),),
}
_NOT_A_HOME = ("Gemeinschaftsunterkunft", "Stadtteilbibliothek")  # where offers happen, but no office is


class VenueBook:
    """Every venue of one generated world; keeps addresses and venue names unique within a town.

    Two venues sharing a name would make two real offers indistinguishable even for a careful
    reader; when a district runs out of names, an existing house is shared instead, as happens.
    """

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._taken: set[str] = set()
        self._by_town: dict[str, list[Venue]] = {}

    def in_town(self, town: Town, place: str = "") -> list[Venue]:
        return [v for v in self._by_town.get(town.key, []) if v.place == place]

    def new(self, town: Town, place: str = "", district: str | None = None,
            hall: tuple[str, str] | None = None, home: bool = False) -> Venue:
        rng = self.rng
        streets = [s for s in town.streets if district is None or s.district == district] or list(town.streets)
        if hall:
            kinds: tuple[VenueKind, ...] = ((hall[0], hall[1], "im"), (f"{hall[0]} {{d}}", f"{hall[1]} ({{d}})", "im"))
            place = "hall"
        else:
            kinds = _SPECIAL.get(place, _GENERAL)
            if home:
                kinds = tuple(k for k in kinds if not k[0].startswith(_NOT_A_HOME)) or kinds
        for _ in range(60):
            name_tpl, name_en_tpl, at_de = kinds[0] if hall and _ == 0 else rng.choice(kinds)
            st = rng.choice(streets)
            base = rng.randint(1, 180)
            name = name_tpl.format(d=st.district, s=st.name)
            if f"{town.key}|{st.name}|{base}" in self._taken or f"{town.key}|{name}" in self._taken:
                continue
            number = rng.choice((str(base), str(base), str(base), f"{base}a", f"{base}-{base + 2}"))
            self._taken.update((f"{town.key}|{st.name}|{base}", f"{town.key}|{name}"))
            # a venue lies within a few hundred metres of its street's reference point
            venue = Venue(f"{town.key}|{st.name}|{number}", name, name_en_tpl.format(d=st.district, s=st.name), st,
                          number, town, round(st.lat + rng.uniform(-0.004, 0.004), 6),
                          round(st.lon + rng.uniform(-0.006, 0.006), 6), place, at_de)
            self._by_town.setdefault(town.key, []).append(venue)
            return venue
        shared = [v for v in self.in_town(town, place) if district is None or v.street.district == district]
        return rng.choice(shared or self.in_town(town, place) or self._by_town[town.key])


def pick_town(rng: random.Random) -> Town:
    """A town, big cities more often (they have more offers and more publishing systems)."""
    return rng.choices(TOWNS, weights=[t.weight for t in TOWNS])[0]
