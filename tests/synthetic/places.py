"""Municipalities (real AGS, districts and streets), categories and offer topics for the generator.

Contacts built from these are invented: example.org addresses and 555-0xxx phone numbers.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Municipality:
    name: str
    ags: str
    phone_prefix: str
    postcode_prefix: str
    lat: float
    lon: float
    districts: tuple[str, ...]
    streets: tuple[str, ...]


MUNICIPALITIES: tuple[Municipality, ...] = (
    Municipality(
        "Leipzig", "14713000", "0341", "04", 51.34, 12.37,
        ("Grünau", "Paunsdorf", "Connewitz", "Lindenau", "Plagwitz", "Gohlis", "Reudnitz-Thonberg",
         "Schönefeld", "Mockau", "Volkmarsdorf", "Lößnig", "Möckern"),
        ("Karl-Heine-Straße", "Eisenbahnstraße", "Stuttgarter Allee", "Georg-Schwarz-Straße",
         "Wurzner Straße", "Dresdner Straße", "Gohliser Straße", "Bornaische Straße",
         "Merseburger Straße", "Lützner Straße", "Kiewer Straße", "Mariannenstraße", "Torgauer Straße"),
    ),
    Municipality(
        "Dresden", "14612000", "0351", "01", 51.05, 13.74,
        ("Gorbitz", "Prohlis", "Neustadt", "Johannstadt", "Pieschen", "Leuben", "Striesen",
         "Cotta", "Löbtau", "Reick"),
        ("Königsbrücker Straße", "Bautzner Straße", "Pfotenhauerstraße", "Leipziger Straße",
         "Kesselsdorfer Straße", "Prohliser Allee", "Hüblerstraße", "Tharandter Straße",
         "Großenhainer Straße", "Reicker Straße", "Dohnaer Straße"),
    ),
    Municipality(
        "Köln", "05315000", "0221", "50", 50.94, 6.96,
        ("Chorweiler", "Kalk", "Ehrenfeld", "Mülheim", "Porz", "Nippes", "Lindenthal",
         "Deutz", "Sülz", "Bickendorf"),
        ("Venloer Straße", "Kalker Hauptstraße", "Neusser Straße", "Frankfurter Straße",
         "Aachener Straße", "Luxemburger Straße", "Berliner Straße", "Mülheimer Freiheit",
         "Subbelrather Straße", "Bergisch Gladbacher Straße", "Deutz-Mülheimer Straße"),
    ),
    Municipality(
        "Nürnberg", "09564000", "0911", "90", 49.45, 11.08,
        ("Gostenhof", "St. Leonhard", "Langwasser", "Südstadt", "Eberhardshof", "Schweinau",
         "Muggenhof", "Gleißhammer", "Röthenbach", "Wöhrd"),
        ("Fürther Straße", "Schweinauer Hauptstraße", "Allersberger Straße", "Gugelstraße",
         "Breslauer Straße", "Wölckernstraße", "Landgrabenstraße", "Regensburger Straße",
         "Sigmundstraße", "Äußere Sulzbacher Straße"),
    ),
)

# Category code -> topics; each topic lists phrasings of the same offer as different
# systems would title it (the "other phrasing" variation draws from these).
TOPICS: dict[str, tuple[tuple[str, ...], ...]] = {
    "language_education": (
        ("Deutschkurs für Anfänger", "Deutsch für Anfänger", "Anfänger-Deutschkurs", "Deutschkurs A1 Anfänger"),
        ("Sprachcafé", "Sprachcafé Deutsch", "Deutsch-Café zum Sprechen üben", "Sprachcafe Konversation"),
        ("Hausaufgabenhilfe für Schulkinder", "Hausaufgabenhilfe", "Hilfe bei den Hausaufgaben", "Lernhilfe Hausaufgaben"),
        ("Alphabetisierungskurs für Erwachsene", "Alphabetisierung Erwachsene", "Lesen und Schreiben lernen", "Alpha-Kurs für Erwachsene"),
        ("Deutschkurs für Fortgeschrittene", "Deutsch für Fortgeschrittene B1", "Fortgeschrittenen-Deutschkurs", "Deutschkurs B1"),
    ),
    "accompaniment_interpreting": (
        ("Begleitung zu Ämtern und Behörden", "Behördenbegleitung", "Begleitung bei Behördengängen", "Ämterbegleitung"),
        ("Dolmetschen Arabisch und Deutsch", "Sprachmittlung Arabisch", "Dolmetscherdienst Arabisch", "Arabisch-Dolmetschen"),
        ("Patenschaften für Familien", "Familienpatenschaft", "Paten für neu angekommene Familien", "Patenschaftsprogramm"),
    ),
    "donations_in_kind": (
        ("Möbelbörse", "Möbel-Börse für Geflüchtete", "Gebrauchte Möbel abzugeben", "Möbelausgabe"),
        ("Fahrradwerkstatt", "Fahrrad-Reparaturwerkstatt", "Offene Fahrradwerkstatt", "Fahrräder reparieren"),
    ),
    "clothing": (
        ("Kleiderkammer", "Kleiderstube", "Kleiderausgabe", "Kleiderkammer für alle"),
        ("Kinderkleidung Tauschbörse", "Kinderkleidertausch", "Tauschbörse Kinderkleidung", "Kleidertausch für Kinder"),
    ),
    "childcare": (
        ("Kinderbetreuung während der Sprachkurse", "Kinderbetreuung beim Deutschkurs", "Betreuung für Kinder während des Kurses", "Kinderbetreuung Kurszeiten"),
        ("Spielgruppe für Kleinkinder", "Eltern-Kind-Spielgruppe", "Krabbelgruppe", "Spielkreis für Kleinkinder"),
    ),
    "leisure_sport": (
        ("Fußball für Jugendliche", "Fußballtraining Jugendliche", "Kicken für Jugendliche", "Jugendfußball offenes Training"),
        ("Frauenschwimmen", "Schwimmkurs für Frauen", "Schwimmen nur für Frauen", "Frauen-Schwimmgruppe"),
        ("Gemeinsames Kochen", "Internationaler Kochabend", "Kochtreff international", "Zusammen kochen"),
        ("Nähcafé", "Nähwerkstatt", "Offener Nähtreff", "Nähen lernen im Nähcafé"),
    ),
    "health": (
        ("Begleitung zu Arztterminen", "Arztbegleitung", "Begleitung beim Arztbesuch", "Hilfe bei Arztbesuchen"),
        ("Psychosoziale Gesprächsgruppe", "Gesprächskreis für Geflüchtete", "Offene Gesprächsgruppe", "Gesprächsgruppe psychosozial"),
    ),
    "legal_asylum_counselling": (
        ("Asylverfahrensberatung", "Beratung zum Asylverfahren", "Asylberatung", "Beratung Asylrecht"),
    ),
    "work_training": (
        ("Bewerbungstraining", "Hilfe bei Bewerbungen", "Bewerbungswerkstatt", "Bewerbungscoaching"),
        ("Computerkurs für Einsteiger", "PC-Kurs für Anfänger", "Computer-Grundkurs", "EDV-Einsteigerkurs"),
    ),
    "everyday_help": (
        ("Wohnungssuche unterstützen", "Hilfe bei der Wohnungssuche", "Unterstützung Wohnungssuche", "Wohnungssuche-Sprechstunde"),
        ("Offener Treff im Stadtteil", "Begegnungscafé", "Stadtteiltreff für alle", "Café der Begegnung"),
    ),
    "mobility": (
        ("Fahrradkurs für Frauen", "Radfahren lernen für Frauen", "Fahrradfahrkurs Frauen", "Radfahrkurs für Frauen"),
    ),
}

# Connectors of one municipality sometimes map a topic onto a neighbouring category.
NEIGHBOUR_CATEGORY = {
    "language_education": "work_training",
    "accompaniment_interpreting": "everyday_help",
    "donations_in_kind": "clothing",
    "clothing": "donations_in_kind",
    "childcare": "language_education",
    "leisure_sport": "everyday_help",
    "health": "accompaniment_interpreting",
    "legal_asylum_counselling": "accompaniment_interpreting",
    "work_training": "language_education",
    "everyday_help": "leisure_sport",
    "mobility": "leisure_sport",
}

ORGANISATION_PATTERNS: tuple[tuple[str, str], ...] = (
    ("Willkommensinitiative {district} e.V.", "initiative"),
    ("Helferkreis {district}", "initiative"),
    ("Flüchtlingshilfe {district} e.V.", "association"),
    ("Nachbarschaftshilfe {district}", "initiative"),
    ("Ev.-Luth. Kirchgemeinde {district}", "church"),
    ("Katholische Pfarrei St. {saint}", "church"),
    ("Bürgerverein {district} e.V.", "association"),
    ("Interkultureller Garten {district}", "initiative"),
    ("Sportverein {district} {year} e.V.", "association"),
    ("Stadtteilzentrum {district} gGmbH", "association"),
    ("Frauentreff {district}", "initiative"),
    ("Netzwerk Miteinander {district}", "initiative"),
    ("Café International {district}", "initiative"),
    ("Diakonie {district} gGmbH", "church"),
    ("Familienzentrum {district}", "association"),
    ("Jugendhaus {district} e.V.", "association"),
    ("Lesepaten {district}", "initiative"),
    ("Mehrgenerationenhaus {district}", "association"),
)
# Groups in one district tell themselves apart by the part of it they work in.
DISTRICT_PARTS = ("", "", " Nord", " Süd", " Ost", " West", " Mitte")
SAINTS = ("Martin", "Laurentius", "Georg", "Elisabeth", "Bonifatius", "Marien", "Josef", "Franziskus")
TARGET_GROUPS = ("adults", "children", "youth", "women", "families", "seniors")
LANGUAGES = ("de", "ar", "uk", "fa", "en", "ru", "tr")
DESCRIPTION_TEMPLATES = (
    "Wir bieten {topic} in {district} an. {when}. Kommt einfach vorbei, keine Anmeldung nötig.",
    "{topic}: ehrenamtlich organisiert für Neuangekommene. Treffpunkt {street}. {when}.",
    "{when} findet bei uns {topic} statt. Alle sind willkommen, Kosten entstehen keine.",
    "Angebot {topic} im Stadtteil {district}. Zeit: {when}. Bitte vorher kurz melden.",
)
OTHER_SOURCES = (
    "urn:koordinate:initiative:helferplaner",
    "urn:koordinate:initiative:website-kalender",
)
