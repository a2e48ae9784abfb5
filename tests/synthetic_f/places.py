"""Real German municipalities (AGS, dialling code, districts, postcodes, approximate coordinates),
real-sounding street names and the kinds of venues where refugee help happens.

Districts and postcodes are real; coordinates are approximate district centres. Street addresses
built from these names are invented.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class District:
    name: str
    postcode: str
    lat: float
    lon: float


@dataclass(frozen=True)
class Town:
    slug: str
    name: str
    ags: str
    land: str  # slug of the Land, for the Land-wide directory
    dialling_code: str  # without the leading 0
    districts: tuple[District, ...]


def _d(name: str, postcode: str, lat: float, lon: float) -> District:
    return District(name, postcode, lat, lon)


TOWNS: tuple[Town, ...] = (
    Town("kassel", "Kassel", "06611000", "hessen", "561", (
        _d("Mitte", "34117", 51.3150, 9.4930), _d("Nord-Holland", "34127", 51.3310, 9.4930),
        _d("Wesertor", "34125", 51.3230, 9.5060), _d("Vorderer Westen", "34119", 51.3150, 9.4660),
        _d("Wehlheiden", "34121", 51.3040, 9.4620), _d("Bettenhausen", "34123", 51.3120, 9.5280),
        _d("Rothenditmold", "34127", 51.3290, 9.4720), _d("Oberzwehren", "34134", 51.2790, 9.4520),
        _d("Waldau", "34123", 51.2960, 9.5260), _d("Fasanenhof", "34125", 51.3300, 9.5100),
    )),
    Town("leipzig", "Leipzig", "14713000", "sachsen", "341", (
        _d("Zentrum", "04109", 51.3397, 12.3731), _d("Grünau", "04209", 51.3230, 12.2800),
        _d("Connewitz", "04277", 51.3080, 12.3800), _d("Gohlis", "04155", 51.3600, 12.3660),
        _d("Plagwitz", "04229", 51.3300, 12.3320), _d("Reudnitz", "04317", 51.3370, 12.4000),
        _d("Paunsdorf", "04328", 51.3440, 12.4470), _d("Lindenau", "04177", 51.3380, 12.3310),
        _d("Schönefeld", "04347", 51.3600, 12.4160), _d("Volkmarsdorf", "04315", 51.3470, 12.4030),
    )),
    Town("muenster", "Münster", "05515000", "nrw", "251", (
        _d("Mitte", "48143", 51.9620, 7.6260), _d("Kinderhaus", "48159", 51.9930, 7.6050),
        _d("Coerde", "48157", 51.9960, 7.6500), _d("Hiltrup", "48165", 51.9040, 7.6410),
        _d("Gievenbeck", "48161", 51.9640, 7.5760), _d("Berg Fidel", "48153", 51.9380, 7.6140),
        _d("Angelmodde", "48167", 51.9220, 7.6900), _d("Mauritz", "48145", 51.9620, 7.6550),
        _d("Hansaviertel", "48155", 51.9560, 7.6420), _d("Wolbeck", "48167", 51.9180, 7.7300),
    )),
    Town("freiburg", "Freiburg im Breisgau", "08311000", "bw", "761", (
        _d("Altstadt", "79098", 47.9950, 7.8500), _d("Stühlinger", "79106", 47.9980, 7.8350),
        _d("Weingarten", "79114", 47.9860, 7.8060), _d("Haslach", "79115", 47.9820, 7.8170),
        _d("Landwasser", "79110", 48.0190, 7.8010), _d("Zähringen", "79108", 48.0250, 7.8570),
        _d("Wiehre", "79100", 47.9850, 7.8560), _d("Littenweiler", "79117", 47.9860, 7.8950),
        _d("Rieselfeld", "79111", 47.9960, 7.7880), _d("Brühl", "79108", 48.0130, 7.8450),
    )),
    Town("halle", "Halle (Saale)", "15002000", "sachsen-anhalt", "345", (
        _d("Altstadt", "06108", 51.4830, 11.9700), _d("Silberhöhe", "06132", 51.4410, 11.9620),
        _d("Neustadt", "06122", 51.4780, 11.9150), _d("Heide-Nord", "06120", 51.5100, 11.9000),
        _d("Südstadt", "06130", 51.4540, 11.9710), _d("Giebichenstein", "06114", 51.5020, 11.9560),
        _d("Paulusviertel", "06114", 51.4930, 11.9720), _d("Ammendorf", "06132", 51.4300, 11.9900),
        _d("Frohe Zukunft", "06118", 51.5100, 11.9900), _d("Freiimfelde", "06112", 51.4870, 11.9950),
    )),
    Town("nuernberg", "Nürnberg", "09564000", "bayern", "911", (
        _d("Altstadt", "90403", 49.4530, 11.0770), _d("Gostenhof", "90429", 49.4490, 11.0560),
        _d("St. Leonhard", "90439", 49.4380, 11.0460), _d("Langwasser", "90471", 49.4090, 11.1370),
        _d("Südstadt", "90459", 49.4360, 11.0800), _d("Schweinau", "90441", 49.4330, 11.0380),
        _d("Gibitzenhof", "90443", 49.4320, 11.0660), _d("Nordstadt", "90419", 49.4640, 11.0660),
        _d("Eberhardshof", "90431", 49.4530, 11.0320), _d("Muggenhof", "90429", 49.4600, 11.0400),
    )),
    Town("hannover", "Hannover", "03241001", "niedersachsen", "511", (
        _d("Mitte", "30159", 52.3740, 9.7380), _d("Linden-Nord", "30451", 52.3720, 9.7130),
        _d("Linden-Süd", "30449", 52.3620, 9.7210), _d("Vahrenheide", "30179", 52.4120, 9.7660),
        _d("Sahlkamp", "30179", 52.4130, 9.7860), _d("Mühlenberg", "30457", 52.3290, 9.7030),
        _d("List", "30161", 52.3900, 9.7500), _d("Nordstadt", "30167", 52.3850, 9.7250),
        _d("Roderbruch", "30627", 52.3830, 9.8380), _d("Döhren", "30519", 52.3440, 9.7630),
    )),
    Town("chemnitz", "Chemnitz", "14511000", "sachsen", "371", (
        _d("Zentrum", "09111", 50.8330, 12.9200), _d("Sonnenberg", "09130", 50.8360, 12.9420),
        _d("Kaßberg", "09112", 50.8330, 12.9000), _d("Yorckgebiet", "09130", 50.8290, 12.9600),
        _d("Markersdorf", "09123", 50.7970, 12.9480), _d("Hutholz", "09123", 50.7880, 12.9380),
        _d("Schloßchemnitz", "09113", 50.8470, 12.9070), _d("Gablenz", "09127", 50.8270, 12.9550),
        _d("Bernsdorf", "09126", 50.8170, 12.9330), _d("Hilbersdorf", "09131", 50.8500, 12.9450),
    )),
    Town("bonn", "Bonn", "05314000", "nrw", "228", (
        _d("Zentrum", "53111", 50.7360, 7.1000), _d("Tannenbusch", "53119", 50.7550, 7.0530),
        _d("Bad Godesberg", "53173", 50.6840, 7.1540), _d("Beuel", "53225", 50.7380, 7.1270),
        _d("Endenich", "53121", 50.7270, 7.0750), _d("Dransdorf", "53121", 50.7440, 7.0450),
        _d("Auerberg", "53117", 50.7600, 7.0800), _d("Duisdorf", "53123", 50.7200, 7.0480),
        _d("Poppelsdorf", "53115", 50.7230, 7.0900), _d("Medinghoven", "53123", 50.7120, 7.0400),
    )),
    Town("rostock", "Rostock", "13003000", "mv", "381", (
        _d("Stadtmitte", "18055", 54.0890, 12.1400), _d("Lütten Klein", "18107", 54.1410, 12.0600),
        _d("Evershagen", "18106", 54.1280, 12.0590), _d("Toitenwinkel", "18147", 54.1210, 12.1580),
        _d("Dierkow", "18146", 54.1080, 12.1530), _d("Groß Klein", "18109", 54.1530, 12.0700),
        _d("Schmarl", "18106", 54.1410, 12.0850), _d("Südstadt", "18059", 54.0750, 12.1170),
        _d("Reutershagen", "18069", 54.0980, 12.0850), _d("Kröpeliner-Tor-Vorstadt", "18057", 54.0880, 12.1170),
    )),
    Town("erfurt", "Erfurt", "16051000", "thueringen", "361", (
        _d("Altstadt", "99084", 50.9780, 11.0290), _d("Herrenberg", "99099", 50.9470, 11.0590),
        _d("Moskauer Platz", "99091", 51.0050, 11.0060), _d("Rieth", "99089", 51.0000, 11.0330),
        _d("Roter Berg", "99087", 51.0100, 11.0480), _d("Wiesenhügel", "99099", 50.9430, 11.0450),
        _d("Krämpfervorstadt", "99085", 50.9780, 11.0480), _d("Johannesvorstadt", "99086", 50.9870, 11.0400),
        _d("Löbervorstadt", "99096", 50.9680, 11.0200), _d("Ilversgehofen", "99089", 50.9970, 11.0230),
    )),
    Town("kiel", "Kiel", "01002000", "sh", "431", (
        _d("Altstadt", "24103", 54.3230, 10.1390), _d("Gaarden-Ost", "24143", 54.3100, 10.1470),
        _d("Mettenhof", "24109", 54.3170, 10.0800), _d("Wik", "24106", 54.3480, 10.1300),
        _d("Elmschenhagen", "24146", 54.2900, 10.1720), _d("Neumühlen-Dietrichsdorf", "24149", 54.3310, 10.1880),
        _d("Brunswik", "24105", 54.3300, 10.1310), _d("Südfriedhof", "24114", 54.3120, 10.1250),
        _d("Hassee", "24113", 54.3050, 10.1050), _d("Ellerbek", "24148", 54.3260, 10.1700),
    )),
)

LAND_NAMES = {
    "hessen": "Hessen", "sachsen": "Sachsen", "nrw": "Nordrhein-Westfalen", "bw": "Baden-Württemberg",
    "sachsen-anhalt": "Sachsen-Anhalt", "bayern": "Bayern", "niedersachsen": "Niedersachsen",
    "mv": "Mecklenburg-Vorpommern", "thueringen": "Thüringen", "sh": "Schleswig-Holstein",
}

# common German street names (the numbers put on them are invented)
STREETS: tuple[str, ...] = (
    "Lindenstraße", "Bahnhofstraße", "Goethestraße", "Schillerstraße", "Gartenstraße", "Hauptstraße",
    "Kirchstraße", "Schulstraße", "Bergstraße", "Wilhelmstraße", "Friedrich-Ebert-Straße",
    "Rosenstraße", "Mühlenstraße", "Ringstraße", "Parkstraße", "Waldstraße", "Eichendorffstraße",
    "Beethovenstraße", "Mozartstraße", "Uhlandstraße", "Lessingstraße", "Herderstraße",
    "Kastanienallee", "Birkenweg", "Am Markt", "Marktplatz", "Kirchplatz", "Mühlenweg",
    "Hafenstraße", "Poststraße", "Feldstraße", "Wiesenstraße", "Breite Straße", "Lange Straße",
    "Neue Straße", "Alte Landstraße", "Auf dem Berge", "Am Stadtpark", "Grüner Weg", "Sonnenstraße",
    "Humboldtstraße", "Kantstraße", "Heinestraße", "Körnerstraße", "Wielandstraße", "Hölderlinweg",
    "Rathausplatz", "Brunnenstraße", "Turmstraße", "Steinweg", "Lutherstraße", "Ahornweg",
    "Eschenstraße", "Ulmenstraße", "Burgstraße", "Blumenstraße", "Elisabethstraße", "Karlstraße",
    "Ludwigstraße", "Mittelstraße",
)

# saints of parishes: German genitive form and English form
SAINTS: tuple[tuple[str, str], ...] = (
    ("Marien", "St. Mary's"), ("Johannis", "St. John's"), ("Pauli", "St. Paul's"), ("Petri", "St. Peter's"),
    ("Michael", "St. Michael's"), ("Lukas", "St. Luke's"), ("Matthäus", "St. Matthew's"),
    ("Bonifatius", "St. Boniface's"), ("Elisabeth", "St. Elizabeth's"), ("Martin", "St. Martin's"),
    ("Jakobi", "St. James's"), ("Nikolai", "St. Nicholas's"), ("Andreas", "St. Andrew's"),
    ("Thomas", "St. Thomas's"), ("Markus", "St. Mark's"),
)

# venue kinds: (key, German name template, English name template, where it is often used)
# {d} district, {s} saint (German), {se} saint (English), {p} a place word
VENUE_KINDS: tuple[tuple[str, str, str], ...] = (
    ("parish", "Gemeindehaus St. {s}", "{se} Parish Hall"),
    ("parish_church", "Pfarrzentrum St. {s}", "{se} Parish Centre"),
    ("community", "Stadtteilzentrum {d}", "{d} Community Centre"),
    ("civic", "Bürgerhaus {d}", "{d} Civic Centre"),
    ("youth", "Jugendzentrum {d}", "{d} Youth Centre"),
    ("family", "Familienzentrum {d}", "{d} Family Centre"),
    ("library", "Stadtteilbibliothek {d}", "{d} Branch Library"),
    ("neighbourhood", "Nachbarschaftstreff {d}", "{d} Neighbourhood Meeting Point"),
    ("school_gym", "Turnhalle der Grundschule {d}", "{d} Primary School gym"),
    ("sports", "Sportplatz {d}", "{d} sports ground"),
    ("garden", "Interkultureller Garten {d}", "{d} Intercultural Garden"),
    ("workshop", "Werkstatthof {d}", "{d} Workshop Yard"),
    ("culture", "Kulturhaus {d}", "{d} Arts Centre"),
    ("townhall", "Bürgerbüro {d}", "{d} Citizens' Office"),
    ("shop", "Sozialkaufhaus {d}", "{d} Community Store"),
    ("counselling", "Beratungsstelle am {p}", "Advice Centre at {pe}"),
)

PLACE_WORDS: tuple[tuple[str, str], ...] = (
    ("Markt", "the Market Square"), ("Stadtpark", "the City Park"), ("Bahnhof", "the Station"),
    ("Rathaus", "the Town Hall"), ("Kirchplatz", "Church Square"), ("Hafen", "the Harbour"),
)
