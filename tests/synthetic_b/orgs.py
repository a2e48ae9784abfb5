"""Invented organisations: official names, the other spellings they appear under, intro, contact.

Names follow real German patterns (welfare associations, parishes, city offices, initiatives) but
every contact is invented: e-mail and web addresses under example.org, phone numbers 555-0xxx style.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from tests.synthetic_b.noise import slug
from tests.synthetic_b.places import SAINTS, District, Municipality


@dataclass(frozen=True)
class Organisation:
    key: str
    name: str  # official
    aliases: tuple[str, ...]  # other spellings sources use for it
    name_en: str
    kind: str  # schemas.parts.OrganisationKind
    family: str  # caritas, library, vhs, parish, initiative ...
    municipality: Municipality
    district: District
    domain: str
    email: str
    alt_email: str
    phone_local: str  # "5550123"
    intro_de: str
    intro_en: str
    saint: str | None = None


# (family, kind, official, aliases, english, can run many activities)
_WELFARE = (
    ("caritas", "association", "Caritasverband für die Stadt {city} e.V.",
     ("Caritas {city}", "Caritasverband {city}", "Caritas"), "Caritas {city_en}"),
    ("diakonie", "association", "Diakonisches Werk {city} e.V.", ("Diakonie {city}", "Diakonie", "DW {city}"),
     "Diakonie {city_en}"),
    ("awo", "association", "Arbeiterwohlfahrt Kreisverband {city} e.V.",
     ("AWO {city}", "AWO Kreisverband {city}", "Arbeiterwohlfahrt {city}"), "AWO {city_en}"),
    ("drk", "association", "Deutsches Rotes Kreuz Kreisverband {city} e.V.",
     ("DRK {city}", "DRK-Kreisverband {city}", "Rotes Kreuz {city}"), "German Red Cross {city_en}"),
    ("johanniter", "association", "Johanniter-Unfall-Hilfe e.V. Regionalverband {city}",
     ("Johanniter {city}", "Die Johanniter"), "Johanniter {city_en}"),
    ("malteser", "association", "Malteser Hilfsdienst e.V. {city}", ("Malteser {city}", "Malteser"), "Malteser {city_en}"),
)
_ASSOCIATIONS = (
    ("verein", "association", "Willkommen in {district} e.V.", ("Willkommen in {district}", "Willkommen {district} e.V."),
     "Welcome to {district}"),
    ("verein", "association", "Flüchtlingshilfe {city} e.V.", ("Flüchtlingshilfe {city}", "FLH {city}"),
     "Refugee Aid {city_en}"),
    ("verein", "association", "Freundeskreis Asyl {district} e.V.", ("FK Asyl {district}", "Freundeskreis Asyl"),
     "Friends of Asylum {district}"),
    ("verein", "association", "Interkultureller Verein {district} e.V.", ("Interkult. Verein {district}",
     "Interkultureller Verein"), "Intercultural Association {district}"),
    ("verein", "association", "Bürgerverein {district} e.V.", ("Bürgerverein {district}", "BV {district}"),
     "Citizens' Association {district}"),
    ("sport", "association", "Sportverein {district} 1921 e.V.", ("SV {district}", "SV {district} 1921",
     "Sportverein {district}"), "SV {district} sports club"),
    ("verein", "association", "Netzwerk Nachbarschaft {district} e.V.", ("Netzwerk Nachbarschaft",
     "NW Nachbarschaft {district}"), "Neighbourhood Network {district}"),
    ("verein", "association", "Deutsch-Arabischer Kulturverein {city} e.V.", ("DAKV {city}",
     "Deutsch-Arabischer Kulturverein"), "German-Arab Cultural Association {city_en}"),
    ("verein", "association", "Ukrainischer Verein {city} e.V.", ("Ukrainischer Verein", "Ukr. Verein {city}"),
     "Ukrainian Association {city_en}"),
    ("verein", "association", "Frauentreff {district} e.V.", ("Frauentreff {district}", "Frauentreff"),
     "Women's Meeting Point {district}"),
    ("verein", "association", "Mehrgenerationenhaus {district} e.V.", ("MGH {district}",
     "Mehrgenerationenhaus {district}"), "Multi-generation House {district}"),
)
_INITIATIVES = (
    ("initiative", "initiative", "Helferkreis {district}", ("HK {district}", "Helferkreis Asyl {district}"),
     "Helpers' circle {district}"),
    ("initiative", "initiative", "Initiative Nachbarn für Nachbarn {district}", ("Nachbarn für Nachbarn",
     "Ini Nachbarn für Nachbarn"), "Neighbours for Neighbours {district}"),
    ("initiative", "initiative", "Refugees Welcome {city}", ("Refugees Welcome", "RW {city}"), "Refugees Welcome {city_en}"),
    ("initiative", "initiative", "Willkommensbündnis {district}", ("Willkommensbuendnis {district}",
     "Bündnis Willkommen {district}"), "Welcome Alliance {district}"),
    ("initiative", "initiative", "Patenschaftsnetz {city}", ("Patennetz {city}", "Patenschaftsnetzwerk {city}"),
     "Mentoring Network {city_en}"),
    ("initiative", "initiative", "Offene Werkstatt {district}", ("Werkstatt {district}", "Offene Werkstatt"),
     "Open Workshop {district}"),
)
_MUNICIPAL = (
    ("integration_office", "municipal", "Stadt {city} – Amt für Integration", ("Amt für Integration",
     "Integrationsamt {city}", "Stadt {city}, Integrationsbüro"), "City of {city_en} – Integration Office"),
    ("library", "municipal", "Stadtbibliothek {city}", ("Städtische Bibliotheken {city}", "Stadtbibliothek",
     "Stadtbücherei {city}"), "{city_en} City Library"),
    ("vhs", "municipal", "Volkshochschule {city}", ("VHS {city}", "vhs {city}", "Volkshochschule"),
     "Adult Education Centre {city_en} (VHS)"),
    ("integration_centre", "municipal", "Kommunales Integrationszentrum {city}", ("KI {city}",
     "Komm. Integrationszentrum {city}"), "Municipal Integration Centre {city_en}"),
    ("youth_office", "municipal", "Jugendamt der Stadt {city}", ("Jugendamt {city}", "Stadt {city} Jugendamt"),
     "{city_en} Youth Welfare Office"),
)
_CHURCHES = (
    ("parish", "church", "Ev.-Luth. Kirchengemeinde St. {saint} {city}", ("Evangelisch-Lutherische Kirchengemeinde St. {saint}",
     "Kirchengemeinde St. {saint}", "Ev. Kirchengemeinde Sankt {saint}"), "St. {saint} Lutheran Parish"),
    ("parish", "church", "Kath. Pfarrei St. {saint}", ("Katholische Pfarrgemeinde St. {saint}", "Pfarrei Sankt {saint}",
     "St. {saint}"), "St. {saint} Catholic Parish"),
    ("parish", "church", "Ev. Kirchengemeinde {district}", ("Evangelische Kirchengemeinde {district}",
     "Kirchengemeinde {district}"), "Protestant Parish {district}"),
)
_COMPANIES = (
    ("housing_coop", "company", "Wohnungsbaugenossenschaft {district} eG", ("WBG {district}", "Wohnungsgenossenschaft {district}"),
     "{district} Housing Cooperative"),
    ("bike_shop", "company", "Radhaus {district} GmbH", ("Radhaus {district}", "Radhaus"), "Radhaus bike shop {district}"),
)
GROUPS: dict[str, tuple[tuple[str, str, str, tuple[str, ...], str], ...]] = {
    "welfare": _WELFARE, "association": _ASSOCIATIONS, "initiative": _INITIATIVES,
    "municipal": _MUNICIPAL, "church": _CHURCHES, "company": _COMPANIES,
}

# intro paragraphs by kind of organisation; the name is filled in, so every organisation has its own
_INTROS_DE: dict[str, tuple[str, ...]] = {
    "association": (
        "{name} engagiert sich seit {year} für geflüchtete Menschen in {city}. Rund {n} Ehrenamtliche unterstützen "
        "Neuangekommene beim Ankommen im Alltag.",
        "Wir sind {name}. Seit {year} bringen wir Menschen in {place} zusammen, unabhängig von Herkunft, Religion "
        "und Sprache.",
        "{name} lädt alle Menschen in {place} herzlich ein. Unsere Angebote sind kostenlos und werden von etwa {n} "
        "Freiwilligen getragen.",
    ),
    "welfare": (
        "Als Wohlfahrtsverband bietet {name} seit {year} Beratung, Begleitung und Begegnung für Zugewanderte in "
        "{city} an.",
        "{name} ist in {city} mit Beratungsstellen, Treffpunkten und vielen Ehrenamtlichen für Menschen mit "
        "Fluchtgeschichte da.",
        "Haupt- und ehrenamtlich Engagierte von {name} unterstützen seit {year} Geflüchtete in {city} dabei, hier "
        "Fuß zu fassen.",
    ),
    "initiative": (
        "{name} ist ein Zusammenschluss von Nachbarinnen und Nachbarn, die sich seit {year} in {place} für ein "
        "gutes Miteinander einsetzen.",
        "Wir sind eine kleine Gruppe von Freiwilligen in {place}. Seit {year} helfen wir, wo Hilfe gebraucht wird.",
        "{name}: Seit {year} engagieren sich bei uns rund {n} Menschen aus {place} ehrenamtlich.",
    ),
    "municipal": (
        "{name} unterstützt Zugewanderte in {city} mit kostenlosen Angeboten, gemeinsam mit Ehrenamtlichen und "
        "Vereinen.",
        "Die Angebote von {name} stehen allen Menschen in {city} offen, unabhängig vom Aufenthaltsstatus.",
        "{name} fördert das Zusammenleben in {place} und arbeitet dafür mit vielen Partnern zusammen.",
    ),
    "church": (
        "Die Gemeinde {name} ist offen für alle Menschen im Viertel. Seit {year} gibt es bei uns Angebote für "
        "Geflüchtete und ihre Familien.",
        "In {name} treffen sich Menschen aus vielen Ländern. Ehrenamtliche aus der Gemeinde gestalten die Angebote.",
    ),
    "company": (
        "{name} ist seit {year} in {place} zu Hause und unterstützt Neuangekommene mit einem eigenen Angebot.",
        "Als Unternehmen in {city} engagiert sich {name} für ein gutes Ankommen in der Nachbarschaft.",
    ),
}
_INTROS_EN = (
    "{name} has supported refugees in {city} since {year}, with about {n} volunteers.",
    "We are {name}. Since {year} we have brought people together in {place}, whatever their origin or language.",
    "{name} offers advice, support and meeting places for newcomers in {city}.",
)


def _fill(text: str, muni: Municipality, district: District, saint: str | None) -> str:
    return text.format(city=muni.name, city_en=muni.name_en, district=district.name, saint=saint or "")


def make_organisation(rng: random.Random, key: str, group: str, muni: Municipality, district: District,
                      template: tuple[str, str, str, tuple[str, ...], str] | None = None,
                      saint: str | None = None) -> Organisation:
    family, kind, official, aliases, english = template or rng.choice(GROUPS[group])
    if "{saint}" in official:
        saint = saint or rng.choice(SAINTS)
    name = _fill(official, muni, district, saint)
    alias_names = tuple(dict.fromkeys(_fill(a, muni, district, saint) for a in aliases))
    short = alias_names[0] if alias_names else name
    # the domain names the place when the short name does not, so two towns' groups never share one
    where = [p for keys, p in ((("{district}",), district.name), (("{city}", "{saint}"), muni.name))
             if any(k in official for k in keys) and p not in short]
    domain = f"{slug(' '.join([short, *where]))}.example.org"
    local = rng.choice(("info", "kontakt", "post", "hallo", "buero"))
    alt = rng.choice(("integration", "ehrenamt", "angebote", "migration", "team"))
    phone = f"5550{rng.randint(100, 999)}"
    year = rng.randint(1990, 2023)
    fill = {"name": name, "year": year, "n": rng.choice((12, 20, 25, 40, 60, 80, 150)), "city": muni.name,
            "place": rng.choice((muni.name, district.name))}
    intros_de = _INTROS_DE[group if group in _INTROS_DE else "association"]
    # a sentence ending in the name's own full stop ("e.V.") gets no second one
    intro_de = rng.choice(intros_de).format(**fill).replace("..", ".")
    intro_en = rng.choice(_INTROS_EN).format(**{**fill, "city": muni.name_en}).replace("..", ".")
    return Organisation(key, name, alias_names, _fill(english, muni, district, saint), kind, family, muni, district,
                        domain, f"{local}@{domain}", f"{alt}@{domain}", phone, intro_de, intro_en, saint)


def phone_variants(org: Organisation) -> tuple[str, ...]:
    """The one number written the ways sources write numbers."""
    area, local = org.municipality.phone_area, org.phone_local
    return (f"+49 {area} {local}", f"0{area} {local}", f"0{area}/{local}", f"+49 (0){area} {local}",
            f"+49{area}{local}", f"0{area}-{local[:3]} {local[3:]}")
