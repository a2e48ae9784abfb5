"""The organisations of a town and their venues: names (legal, everyday, abbreviated, umbrella,
former), the intro paragraph they paste into every listing, and invented contact data.

Umbrella names (AWO, Caritas, ...) are the welfare associations that really run such offers; every
facility, e-mail address, phone number and address below is invented (``.example`` domains,
``555`` numbers after a real dialling code).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from tests.synthetic_f.places import PLACE_WORDS, SAINTS, STREETS, VENUE_KINDS, District, Town
from tests.synthetic_f.rng import pick
from tests.synthetic_f.textvariants import abbreviate_words, drop_legal_form, slug

KINDS = {  # archetype -> Organisation.kind of the contract
    "initiative": "initiative", "welfare": "association", "church": "church", "migrant": "association",
    "municipal_vhs": "municipal", "municipal_library": "municipal", "municipal_youth": "municipal",
    "municipal_office": "municipal", "sport": "association", "legal": "association", "bike": "association",
    "company": "company",
}

# how many organisations of each archetype a town has
ARCHETYPES: tuple[tuple[str, int], ...] = (
    ("welfare", 5), ("initiative", 9), ("church", 3), ("migrant", 2), ("municipal_vhs", 1),
    ("municipal_library", 1), ("municipal_youth", 1), ("municipal_office", 1), ("sport", 2), ("legal", 1),
    ("bike", 1), ("company", 1),
)

UMBRELLAS = (  # abbreviation, legal name, umbrella short name
    ("AWO", "Arbeiterwohlfahrt Kreisverband {t} e.V.", "AWO Kreisverband {t}"),
    ("Caritas", "Caritasverband für die Stadt {t} e.V.", "Caritasverband {t}"),
    ("Diakonie", "Diakonisches Werk {t} e.V.", "Diakonie {t}"),
    ("DRK", "Deutsches Rotes Kreuz Kreisverband {t} e.V.", "DRK-Kreisverband {t}"),
    ("Malteser", "Malteser Hilfsdienst e.V. Stadtgliederung {t}", "Malteser {t}"),
    ("Johanniter", "Johanniter-Unfall-Hilfe e.V. Regionalverband {t}", "Johanniter {t}"),
)
FACILITIES = ("Begegnungsstätte {d}", "Familienzentrum {d}", "Migrationsdienst", "Stadtteilladen {d}",
              "Treffpunkt {d}", "Flüchtlingsberatung", "Integrationsfachdienst", "Quartiersbüro {d}")
FACILITY_VENUES = {"Begegnungsstätte": "community", "Familienzentrum": "family", "Migrationsdienst": "counselling",
                   "Stadtteilladen": "neighbourhood", "Treffpunkt": "neighbourhood",
                   "Flüchtlingsberatung": "counselling", "Integrationsfachdienst": "counselling",
                   "Quartiersbüro": "community"}

INITIATIVES = (
    "Freundeskreis Asyl {d} e.V.", "Willkommensinitiative {d}", "Netzwerk Willkommen {d} e.V.",
    "Helferkreis Asyl {d}", "Nachbarschaftshilfe {d} e.V.", "Initiative Ankommen in {d}",
    "Bündnis Weltoffenes {d}", "Patenschaftsnetzwerk {t} e.V.", "Willkommen in {t} e.V.", "{t} hilft e.V.",
    "Refugees Welcome {t} e.V.", "Zusammenleben in {d} e.V.", "Brücken bauen {t} e.V.",
    "Interkultureller Verein {d} e.V.", "Offene Türen {d} e.V.", "Café Asyl {d}", "Runder Tisch Asyl {d}",
    "Ehrenamtsnetzwerk {d} e.V.",
)
RENAMES = (  # former name, current name
    ("Flüchtlingshilfe {d} e.V.", "Miteinander {d} e.V."),
    ("Asylkreis {d} e.V.", "Netzwerk Vielfalt {d} e.V."),
    ("Helferkreis Flüchtlinge {d}", "Nachbarschaft verbindet {d} e.V."),
    ("Flüchtlingsinitiative {t} e.V.", "Ankommen in {t} e.V."),
    ("Arbeitskreis Asyl {d} e.V.", "Forum Zusammenleben {d} e.V."),
    ("Asylhelferkreis {t}", "Neue Nachbarn {t} e.V."),
)
MIGRANT = ("Syrischer Kulturverein {t} e.V.", "Afghanischer Frauenverein {t} e.V.", "Ukrainischer Verein {t} e.V.",
           "Eritreische Gemeinschaft {t} e.V.", "Kurdisches Kulturzentrum {t} e.V.",
           "Deutsch-Arabischer Freundeskreis {t} e.V.", "Iranischer Kulturverein {t} e.V.")
CHURCHES = (  # legal name, everyday name, abbreviation
    ("Evangelische Kirchengemeinde St. {s}", "Kirchengemeinde St. {s}", "Ev. KG St. {s}"),
    ("Ev.-luth. Kirchengemeinde St. {s}", "St.-{s}-Gemeinde", "Ev.-luth. KG St. {s}"),
    ("Katholische Pfarrei St. {s}", "Pfarrei St. {s}", "Kath. Pfarrei St. {s}"),
    ("Katholische Kirchengemeinde St. {s} {d}", "Gemeinde St. {s}", "Kath. KG St. {s}"),
)
SPORT = (  # legal, everyday, abbreviation
    ("Turn- und Sportverein {d} 1898 e.V.", "TuS {d}", "TuS {d}"),
    ("Sportverein Blau-Weiß {d} e.V.", "SV Blau-Weiß {d}", "SV BW {d}"),
    ("Fußballclub {d} 1912 e.V.", "FC {d}", "FC {d}"),
    ("Boxclub {t} e.V.", "Boxclub {t}", "BC {t}"),
    ("Sportgemeinschaft {d} e.V.", "SG {d}", "SG {d}"),
)
LEGAL = (("Refugee Law Clinic {t} e.V.", "Refugee Law Clinic {t}", "RLC {t}"),
         ("Beratungsnetz Asyl {t} e.V.", "Beratungsnetz Asyl", "BNA {t}"),
         ("Verein für Asyl- und Aufenthaltsrecht {t} e.V.", "Asylrechtsverein {t}", "VAA {t}"))
BIKE = (("Rad und Tat {t} e.V.", "Rad und Tat", "RuT"), ("Speichenwerk {t} e.V.", "Speichenwerk", "Speichenwerk"),
        ("Fahrradinitiative Rückenwind {t}", "Rückenwind", "Rückenwind"), ("Radgeber {t} e.V.", "Radgeber", "Radgeber"))
COMPANY = (("Sozialkaufhaus {t} gGmbH", "Sozialkaufhaus {t}", "Sozialkaufhaus"),
           ("Möbelhof {t} gGmbH", "Möbelhof {t}", "Möbelhof"),
           ("Gebrauchtwarenhaus Kreislauf gGmbH", "Kreislauf {t}", "Kreislauf"))
MUNICIPAL = {
    "municipal_vhs": ("Volkshochschule {t}", "VHS {t}", "VHS"),
    "municipal_library": ("Stadtbibliothek {t}", "Stadtbibliothek {t}", "StaBi"),
    "municipal_youth": ("Stadt {t} – Jugendamt, Offene Kinder- und Jugendarbeit", "Jugendamt {t}", "JA {t}"),
    "municipal_office": ("Stadt {t} – Amt für Integration und Migration", "Integrationsbüro {t}", "Integrationsbüro"),
}
HOME_VENUES = {"initiative": ("community", "neighbourhood", "civic", "parish"), "church": ("parish",),
               "migrant": ("culture", "neighbourhood", "community"), "municipal_vhs": ("civic",),
               "municipal_library": ("library",), "municipal_youth": ("youth",), "municipal_office": ("townhall",),
               "sport": ("sports",), "legal": ("counselling",), "bike": ("workshop",), "company": ("shop",)}

EMAIL_USERS = ("info", "kontakt", "hallo", "mail", "buero")


def town_short(town: Town) -> str:
    return {"Freiburg im Breisgau": "Freiburg", "Halle (Saale)": "Halle"}.get(town.name, town.name)


@dataclass
class Venue:
    key: str
    kind: str
    name_de: str
    name_en: str
    street: str
    number: str
    district: District
    lat: float
    lon: float


@dataclass
class Org:
    key: str
    archetype: str
    kind: str
    legal: str  # full current name with legal form
    short: str  # everyday name
    abbr: str  # round-table abbreviation
    district: District
    venue: Venue
    domain: str
    email: str
    phone: str  # subscriber digits after the dialling code, "5550312"
    intro_de: str
    intro_en: str
    umbrella: tuple[str, str, str] | None = None  # (abbreviation, legal, umbrella short name)
    facility: str | None = None
    former_legal: str | None = None
    former_short: str | None = None
    rename_rank: float = 1.0  # renames with a rank below the mode's threshold show in the data
    offers: int = 0


@dataclass
class TownWorld:
    """Everything generated for one town; its venues and organisations grow as offers need them."""

    town: Town
    rnd: random.Random
    orgs: list[Org] = field(default_factory=list)
    venues: dict[tuple[str, str], Venue] = field(default_factory=dict)  # (kind, district name) -> venue
    streets_used: dict[str, int] = field(default_factory=dict)
    phones_used: dict[str, int] = field(default_factory=dict)
    domains_used: dict[str, int] = field(default_factory=dict)
    saints_used: dict[str, int] = field(default_factory=dict)

    def venue(self, kind: str, district: District) -> Venue:
        key = (kind, district.name)
        if key not in self.venues:
            self.venues[key] = self._new_venue(kind, district)
        return self.venues[key]

    def _new_venue(self, kind: str, district: District, saint: tuple[str, str] | None = None) -> Venue:
        rnd = self.rnd
        template = next(v for v in VENUE_KINDS if v[0] == kind)
        saint = saint or pick(rnd, SAINTS)
        place = pick(rnd, PLACE_WORDS)
        fill = {"d": district.name, "s": saint[0], "se": saint[1], "p": place[0], "pe": place[1]}
        name_de, name_en = template[1].format(**fill), template[2].format(**fill)
        if kind == "counselling":
            name_de = f"{name_de} ({district.name})"
            name_en = f"{name_en} ({district.name})"
        street = self._street()
        number = str(rnd.randint(1, 140)) + (pick(rnd, ("a", "b", "")) if rnd.random() < 0.15 else "")
        lat = round(district.lat + rnd.uniform(-0.008, 0.008), 5)
        lon = round(district.lon + rnd.uniform(-0.012, 0.012), 5)
        return Venue(f"{self.town.slug}:{kind}:{district.name}:{name_de}", kind, name_de, name_en, street, number,
                     district, lat, lon)

    def parish(self, district: District, saint: tuple[str, str]) -> Venue:
        key = ("parish", district.name)
        if key not in self.venues:
            self.venues[key] = self._new_venue("parish", district, saint)
        return self.venues[key]

    def _street(self) -> str:
        for _ in range(50):
            street = pick(self.rnd, STREETS)
            if street not in self.streets_used:
                self.streets_used[street] = 1
                return street
        return pick(self.rnd, STREETS)

    def phone(self) -> str:
        while True:
            digits = "555" + f"{self.rnd.randrange(10000):04d}"
            if digits not in self.phones_used:
                self.phones_used[digits] = 1
                return digits

    def domain(self, name: str) -> str:
        base = _cut(slug(drop_legal_form(name)), 36)
        town = slug(town_short(self.town))
        if town not in base:  # domains are unique across towns too
            base = f"{_cut(base, 28)}-{town}"
        if base in self.domains_used:
            self.domains_used[base] += 1
            base = f"{base}-{self.domains_used[base]}"
        else:
            self.domains_used[base] = 1
        return base + ".example"


def build_town(town: Town, rnd: random.Random, rename_share: float = 0.35) -> TownWorld:
    """The organisations of one town (see ARCHETYPES), each with its home venue and contact."""
    world = TownWorld(town, rnd)
    t = town_short(town)
    umbrellas = list(UMBRELLAS)
    rnd.shuffle(umbrellas)
    initiatives = list(INITIATIVES)
    rnd.shuffle(initiatives)
    saints = list(SAINTS)
    rnd.shuffle(saints)
    for archetype, count in ARCHETYPES:
        for i in range(count):
            district = pick(rnd, town.districts)
            fill = {"t": t, "d": district.name}
            umbrella = facility = former_legal = former_short = None
            rename_rank = 1.0
            if archetype == "welfare":
                umbrella_t = umbrellas[i % len(umbrellas)]
                umbrella = (umbrella_t[0], umbrella_t[1].format(**fill), umbrella_t[2].format(**fill))
                facility = pick(rnd, FACILITIES).format(**fill)
                legal, short, abbr = umbrella[1], f"{umbrella[0]} {facility}", f"{umbrella[0]} {t}"
                venue = world.venue(FACILITY_VENUES[facility.split(" ")[0]], district)
            elif archetype == "initiative":
                if rnd.random() < rename_share:
                    former, current = (x.format(**fill) for x in pick(rnd, RENAMES))
                    former_legal, former_short = former, drop_legal_form(former)
                    legal = current
                    rename_rank = rnd.random()
                else:
                    legal = initiatives[i % len(initiatives)].format(**fill)
                short = drop_legal_form(legal)
                abbr = abbreviate_words(short)
                venue = world.venue(pick(rnd, HOME_VENUES["initiative"]), district)
            elif archetype == "church":
                saint = saints[i % len(saints)]
                names = pick(rnd, CHURCHES)
                fill_s = {**fill, "s": saint[0]}
                legal, short, abbr = (x.format(**fill_s) for x in names)
                venue = world.parish(district, saint)
            elif archetype == "migrant":
                legal = MIGRANT[(rnd.randrange(len(MIGRANT)) + i) % len(MIGRANT)].format(**fill)
                short = drop_legal_form(legal)
                abbr = abbreviate_words(short)
                venue = world.venue(pick(rnd, HOME_VENUES["migrant"]), district)
            else:
                table = {"sport": SPORT, "legal": LEGAL, "bike": BIKE, "company": COMPANY}.get(archetype)
                names = pick(rnd, table) if table else MUNICIPAL[archetype]
                if archetype == "sport" and i == 1 and world.orgs and world.orgs[-1].archetype == "sport":
                    names = SPORT[(SPORT.index(names) + 1) % len(SPORT)] if _same(world.orgs[-1], names, fill) else names
                legal, short, abbr = (x.format(**fill) for x in names)
                venue = world.venue(pick(rnd, HOME_VENUES[archetype]), district)
            if any(o.legal == legal and o.facility == facility for o in world.orgs):
                continue  # the same name drawn twice: one organisation less
            # a renamed organisation keeps its homepage (the domain of its former name)
            domain_name = former_short or short
            if umbrella:
                domain_name = f"{umbrella[0]} {t}"
            elif archetype in ("municipal_youth", "municipal_office"):
                domain_name = f"Stadt {t}"
            if umbrella and _has_domain(world, umbrella):
                domain = _umbrella_domain(world, umbrella)
            elif archetype in ("municipal_youth", "municipal_office") and _has_city_domain(world):
                domain = _city_domain(world)
            else:
                domain = world.domain(domain_name)
            user = pick(rnd, EMAIL_USERS)
            if facility:
                user = _cut(slug(facility), 30)
            elif archetype == "municipal_youth":
                user = "jugendarbeit"
            elif archetype == "municipal_office":
                user = "integration"
            org = Org(
                key=f"{town.slug}:{archetype}:{i}", archetype=archetype, kind=KINDS[archetype], legal=legal,
                short=short, abbr=abbr, district=district, venue=venue, domain=domain, email=f"{user}@{domain}",
                phone=world.phone(), intro_de="", intro_en="", umbrella=umbrella, facility=facility,
                former_legal=former_legal, former_short=former_short, rename_rank=rename_rank,
            )
            org.intro_de, org.intro_en = _intros(org, town, rnd)
            world.orgs.append(org)
    return world


def _cut(text: str, limit: int) -> str:
    """`text` cut at a hyphen so that it has at most `limit` characters."""
    while len(text) > limit and "-" in text:
        text = text.rsplit("-", 1)[0]
    return text[:limit]


def _has_city_domain(world: TownWorld) -> bool:
    return any(o.archetype in ("municipal_youth", "municipal_office") for o in world.orgs)


def _city_domain(world: TownWorld) -> str:
    return next(o.domain for o in world.orgs if o.archetype in ("municipal_youth", "municipal_office"))


def _same(org: Org, names: tuple[str, str, str], fill: dict[str, str]) -> bool:
    return org.legal == names[0].format(**fill)


def _has_domain(world: TownWorld, umbrella: tuple[str, str, str]) -> bool:
    return any(o.umbrella and o.umbrella[0] == umbrella[0] for o in world.orgs)


def _umbrella_domain(world: TownWorld, umbrella: tuple[str, str, str]) -> str:
    return next(o.domain for o in world.orgs if o.umbrella and o.umbrella[0] == umbrella[0])


_INTRO_DE = (
    "{name} engagiert sich seit {year} für geflüchtete Menschen in {where}. Rund {n} Ehrenamtliche "
    "gestalten unsere Angebote, von der Sprachförderung bis zur Begleitung im Alltag.",
    "Über uns: {name} ist seit {year} Anlaufstelle für Neuzugewanderte in {where}. Wir verstehen uns als "
    "offenen Treffpunkt für alle Nachbarinnen und Nachbarn, unabhängig von Herkunft und Religion.",
    "Seit {year} unterstützt {name} Familien und Einzelpersonen mit Fluchterfahrung in {where}. Unser Team "
    "aus etwa {n} Engagierten freut sich über jede helfende Hand.",
    "{name} bringt seit {year} Alteingesessene und Neuzugezogene in {where} zusammen. Wir arbeiten "
    "ehrenamtlich, überparteilich und in enger Abstimmung mit der Stadt.",
)
_INTRO_EN = (
    "{name} has supported refugees in {where} since {year}. Around {n} volunteers run its activities.",
    "{name} has been a point of contact for newcomers in {where} since {year}, open to everyone.",
    "Since {year}, {name} has helped families and individuals who fled their home countries in {where}.",
)


def _intros(org: Org, town: Town, rnd: random.Random) -> tuple[str, str]:
    where = org.district.name if org.archetype in ("initiative", "church") else town_short(town)
    name = org.legal if not org.facility else f"{org.short}"
    fill = {"name": name, "year": rnd.randint(1990, 2016), "where": where, "n": pick(rnd, (15, 20, 25, 30, 40, 60))}
    return pick(rnd, _INTRO_DE).format(**fill), pick(rnd, _INTRO_EN).format(**{**fill, "name": org.short})
