"""Municipalities (real AGS codes), their districts, streets and the venues offers take place in."""

from __future__ import annotations

import random
from dataclasses import dataclass, field


@dataclass(frozen=True)
class District:
    name: str
    postcode: str
    lat: float
    lon: float


@dataclass
class Municipality:
    name: str
    ags: str
    land: str
    area_code: str  # phone prefix without the leading 0
    weight: float
    districts: list[District]
    streets: list[str]
    small: bool = False
    venues: list["Venue"] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return slugify(self.name)


@dataclass(frozen=True)
class Venue:
    name: str
    aliases: tuple[str, ...]
    kind: str  # library, youth, civic, parish, family, school, shelter, sport, office
    street: str
    number: str
    district: District
    city: str
    lat: float
    lon: float


def slugify(text: str) -> str:
    out = text.lower()
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"), (" ", "-"), (".", ""), ("(", ""), (")", "")):
        out = out.replace(a, b)
    return "".join(ch for ch in out if ch.isalnum() or ch == "-").strip("-")


def _d(name: str, plz: str, lat: float, lon: float) -> District:
    return District(name, plz, lat, lon)


def municipalities() -> list[Municipality]:
    return [
        Municipality("Leipzig", "14713000", "sachsen", "341", 8, [
            _d("Gohlis", "04155", 51.362, 12.372), _d("Grünau", "04209", 51.318, 12.285),
            _d("Connewitz", "04277", 51.306, 12.383), _d("Volkmarsdorf", "04315", 51.346, 12.405),
            _d("Paunsdorf", "04328", 51.347, 12.456), _d("Plagwitz", "04229", 51.326, 12.335),
            _d("Schönefeld", "04347", 51.364, 12.415)],
            ["Eisenbahnstraße", "Georg-Schwarz-Straße", "Karl-Liebknecht-Straße", "Stuttgarter Allee",
             "Lützner Straße", "Wurzner Straße", "Gohliser Straße", "Riebeckstraße"]),
        Municipality("Köln", "05315000", "nrw", "221", 9, [
            _d("Chorweiler", "50765", 51.027, 6.897), _d("Ehrenfeld", "50823", 50.950, 6.917),
            _d("Kalk", "51103", 50.938, 7.005), _d("Mülheim", "51063", 50.963, 7.006),
            _d("Porz", "51143", 50.879, 7.056), _d("Nippes", "50733", 50.965, 6.955)],
            ["Venloer Straße", "Kalker Hauptstraße", "Frankfurter Straße", "Neusser Straße",
             "Pariser Platz", "Keupstraße", "Berliner Straße", "Liverpooler Platz"]),
        Municipality("Hamburg", "02000000", "hamburg", "40", 9, [
            _d("Wilhelmsburg", "21107", 53.495, 10.005), _d("Harburg", "21073", 53.460, 9.983),
            _d("Billstedt", "22111", 53.540, 10.110), _d("Altona-Altstadt", "22767", 53.549, 9.945),
            _d("Eimsbüttel", "20259", 53.573, 9.955), _d("Jenfeld", "22045", 53.573, 10.135)],
            ["Veringstraße", "Harburger Ring", "Möllner Landstraße", "Max-Brauer-Allee",
             "Osterstraße", "Rodigallee", "Fährstraße", "Vogelhüttendeich"]),
        Municipality("Berlin", "11000000", "berlin", "30", 10, [
            _d("Neukölln", "12043", 52.481, 13.435), _d("Moabit", "10551", 52.530, 13.342),
            _d("Marzahn", "12679", 52.545, 13.560), _d("Spandau", "13597", 52.536, 13.200),
            _d("Lichtenberg", "10365", 52.515, 13.498), _d("Wedding", "13353", 52.550, 13.355)],
            ["Sonnenallee", "Turmstraße", "Marzahner Promenade", "Carl-Schurz-Straße",
             "Frankfurter Allee", "Müllerstraße", "Karl-Marx-Straße", "Hermannstraße"]),
        Municipality("Dortmund", "05913000", "nrw", "231", 6, [
            _d("Nordstadt", "44145", 51.525, 7.463), _d("Hörde", "44263", 51.482, 7.500),
            _d("Scharnhorst", "44328", 51.553, 7.545), _d("Huckarde", "44369", 51.535, 7.411),
            _d("Eving", "44339", 51.555, 7.475)],
            ["Mallinckrodtstraße", "Münsterstraße", "Schützenstraße", "Borsigplatz", "Evinger Straße"]),
        Municipality("Erfurt", "16051000", "thueringen", "361", 4, [
            _d("Rieth", "99089", 51.003, 11.020), _d("Herrenberg", "99099", 50.948, 11.065),
            _d("Johannesvorstadt", "99086", 50.985, 11.040), _d("Roter Berg", "99087", 51.005, 11.048)],
            ["Magdeburger Allee", "Johannesstraße", "Berliner Straße", "Färberwaidweg", "Anger"]),
        Municipality("Tübingen", "08416041", "bw", "7071", 3, [
            _d("Weststadt", "72070", 48.517, 9.037), _d("Südstadt", "72072", 48.508, 9.060),
            _d("Lustnau", "72074", 48.526, 9.082), _d("Waldhäuser-Ost", "72076", 48.538, 9.065)],
            ["Schaffhausenstraße", "Hechinger Straße", "Nürtinger Straße", "Berliner Ring", "Sindelfinger Straße"],
            small=True),
        Municipality("Marburg", "06534014", "hessen", "6421", 3, [
            _d("Richtsberg", "35039", 50.788, 8.786), _d("Waldtal", "35039", 50.823, 8.783),
            _d("Stadtwald", "35037", 50.794, 8.745), _d("Oberstadt", "35037", 50.810, 8.767)],
            ["Am Richtsberg", "Universitätsstraße", "Ketzerbach", "Frankfurter Straße", "Biegenstraße"],
            small=True),
        Municipality("Lüneburg", "03355022", "niedersachsen", "4131", 2, [
            _d("Kaltenmoor", "21337", 53.238, 10.432), _d("Altstadt", "21335", 53.249, 10.409),
            _d("Weststadt", "21339", 53.243, 10.380)],
            ["Bockelmannstraße", "Am Sande", "Dahlenburger Landstraße", "Vor dem Bardowicker Tore"], small=True),
        Municipality("Wurzen", "14729410", "sachsen", "3425", 1.5, [
            _d("Stadtmitte", "04808", 51.370, 12.738), _d("Wurzen-Nord", "04808", 51.378, 12.735),
            _d("Dehnitz", "04808", 51.385, 12.765)],
            ["Jacobsplatz", "Domplatz", "Badergraben", "Dresdener Straße", "Straße des Friedens"], small=True),
        Municipality("Panketal", "12060181", "brandenburg", "30", 1, [
            _d("Zepernick", "16341", 52.659, 13.534), _d("Schwanebeck", "16341", 52.626, 13.561)],
            ["Schönerlinder Straße", "Schwanebecker Chaussee", "Dorfstraße", "Heinestraße"], small=True),
        Municipality("Göttingen", "03159016", "niedersachsen", "551", 3, [
            _d("Grone", "37081", 51.533, 9.900), _d("Weende", "37077", 51.566, 9.937),
            _d("Holtenser Berg", "37079", 51.554, 9.888), _d("Südstadt", "37083", 51.520, 9.937)],
            ["Groner Landstraße", "Hannoversche Straße", "Hagenweg", "Lange-Geismar-Straße", "Weender Landstraße"]),
        Municipality("Halle (Saale)", "15002000", "sachsen-anhalt", "345", 4, [
            _d("Neustadt", "06122", 51.480, 11.920), _d("Silberhöhe", "06132", 51.440, 11.963),
            _d("Südstadt", "06130", 51.455, 11.980), _d("Paulusviertel", "06114", 51.495, 11.970)],
            ["Neustädter Passage", "Leipziger Straße", "Hallorenring", "Merseburger Straße", "Rainstraße"]),
        Municipality("München", "09162000", "bayern", "89", 8, [
            _d("Neuperlach", "81735", 48.100, 11.645), _d("Hasenbergl", "80933", 48.213, 11.558),
            _d("Giesing", "81539", 48.110, 11.585), _d("Moosach", "80992", 48.180, 11.510),
            _d("Pasing", "81241", 48.148, 11.462)],
            ["Fritz-Erler-Straße", "Dülferstraße", "Tegernseer Landstraße", "Dachauer Straße", "Landsberger Straße"]),
        Municipality("Kiel", "01002000", "sh", "431", 3, [
            _d("Gaarden", "24143", 54.315, 10.150), _d("Mettenhof", "24109", 54.318, 10.075),
            _d("Elmschenhagen", "24146", 54.290, 10.177)],
            ["Elisabethstraße", "Vinetaplatz", "Skandinaviendamm", "Andreas-Hofer-Platz"]),
    ]


GENERIC_STREETS = ["Hauptstraße", "Bahnhofstraße", "Schulstraße", "Kirchstraße", "Lindenstraße", "Gartenstraße",
                   "Goethestraße", "Schillerstraße", "Mühlenweg", "Am Markt", "Kirchplatz", "Rosenweg"]

# (kind, name templates, alias templates); {d} the district, {c} the city
VENUE_TEMPLATES: list[tuple[str, list[str], list[str]]] = [
    ("library", ["Stadtteilbibliothek {d}", "Bibliothek {d}"], ["Stadtbibliothek, Zweigstelle {d}", "Bücherei {d}"]),
    ("youth", ["Jugendzentrum {d}", "Jugendhaus {d}"], ["JuZ {d}", "Jugendtreff {d}"]),
    ("civic", ["Bürgerhaus {d}", "Stadtteilzentrum {d}", "Nachbarschaftshaus {d}"], ["BGH {d}", "Stadtteiltreff {d}"]),
    ("parish", ["Gemeindehaus {d}", "Gemeindezentrum {d}", "Pfarrheim {d}"], ["Gemeindesaal {d}", "Kirchgemeinde {d}, Saal"]),
    ("family", ["Familienzentrum {d}", "Eltern-Kind-Zentrum {d}"], ["FZ {d}", "Familientreff {d}"]),
    ("school", ["Grundschule {d}", "Oberschule {d}"], ["GS {d}", "Schule {d}, Aula"]),
    ("shelter", ["Gemeinschaftsunterkunft {s}", "Wohnheim {s}"], ["GU {s}", "Unterkunft {s}"]),
    ("sport", ["Sporthalle {d}", "Sportplatz {d}"], ["Turnhalle {d}", "Halle {d}"]),
    ("office", ["Migrationsberatungsstelle {c}", "Beratungszentrum {d}"], ["Beratungsstelle {d}", "Büro {d}"]),
]


def _number(rng: random.Random) -> str:
    n = rng.randint(1, 120)
    r = rng.random()
    if r < 0.12:
        return f"{n}{rng.choice('ab')}"
    if r < 0.18:
        return f"{n}-{n + 2}"
    return str(n)


def build_venues(rng: random.Random, towns: list[Municipality]) -> None:
    """Give each district of each town a few venues with addresses near the district centre."""
    for town in towns:
        for district in town.districts:
            kinds = rng.sample(VENUE_TEMPLATES, k=6 if not town.small else 5)
            # a district has its own few streets: venues of one district share them
            streets = rng.sample(town.streets, k=2) + rng.sample(GENERIC_STREETS, k=2)
            for kind, names, aliases in kinds:
                street = rng.choice(streets)
                fill = {"d": district.name, "c": town.name, "s": street.replace("straße", "str.")}
                name = rng.choice(names).format(**fill)
                alias = tuple(a.format(**fill) for a in aliases)
                town.venues.append(Venue(
                    name, alias, kind, street, _number(rng), district, town.name,
                    round(district.lat + rng.uniform(-0.006, 0.006), 5),
                    round(district.lon + rng.uniform(-0.009, 0.009), 5)))


def venues_in(town: Municipality, district: District | None = None, kind: str | None = None) -> list[Venue]:
    return [v for v in town.venues
            if (district is None or v.district == district) and (kind is None or v.kind == kind)]
