"""Invented organisations: welfare branches, parishes, initiatives, clubs, offices, with their names and contacts."""

from __future__ import annotations

import random
from dataclasses import dataclass

from tests.synthetic_c.places import District, Municipality, Venue, slugify, venues_in


@dataclass
class Org:
    key: str
    kind: str  # contract OrganisationKind
    legal: str
    short: str
    umbrella: str | None
    umbrella_kind: str
    roles: tuple[str, ...]
    slug: str
    town: Municipality
    district: District
    home: Venue | None
    phone: str  # central, "+49 341 5550123"
    dept_phone: str
    dept_email_local: str
    intro_de: str
    intro_en: str

    @property
    def domain(self) -> str:
        return f"{self.slug}.example.org"

    @property
    def email(self) -> str:
        return f"info@{self.domain}"

    @property
    def dept_email(self) -> str:
        return f"{self.dept_email_local}@{self.domain}"

    @property
    def url(self) -> str:
        return f"https://www.{self.domain}"


# roles, kind, legal name, short name, umbrella, umbrella's kind, venue kind of its home, intro (de, en)
# {c} city, {d} district, {s} a saint or church name, {y} founding year
TEMPLATES = [
    ("welfare", "association", "Arbeiterwohlfahrt Kreisverband {c} e.V.", "AWO {c}", "AWO", "association", "office",
     "Die AWO {c} steht seit über hundert Jahren für Solidarität und Gerechtigkeit. Unser Fachdienst Migration berät und begleitet Zugewanderte.",
     "AWO {c} stands for solidarity and fairness. Our migration service advises and supports newcomers."),
    ("welfare", "association", "Caritasverband für die Stadt {c} e.V.", "Caritas {c}", "Caritas", "church", "office",
     "Der Caritasverband ist der Wohlfahrtsverband der katholischen Kirche in {c}. Wir helfen Menschen in Not, unabhängig von Herkunft und Religion.",
     "Caritas is the Catholic welfare association in {c}. We help people in need regardless of origin or religion."),
    ("welfare", "association", "Diakonisches Werk {c} e.V.", "Diakonie {c}", "Diakonie", "church", "office",
     "Die Diakonie {c} ist der soziale Dienst der evangelischen Kirche. In unseren Beratungsstellen finden Geflüchtete Unterstützung.",
     "Diakonie {c} is the social service of the Protestant church, with counselling centres for refugees."),
    ("welfare", "association", "DRK-Kreisverband {c} e.V.", "DRK {c}", "Deutsches Rotes Kreuz", "association", "office",
     "Das Deutsche Rote Kreuz in {c} hilft Menschen in Notlagen – in der Migrationsarbeit seit {y}.",
     "The Red Cross in {c} helps people in need and has worked with migrants since {y}."),
    ("church family", "church", "Ev.-Luth. Kirchgemeinde {s} {d}", "{s}-Gemeinde {d}", "Diakonie", "association", "parish",
     "Als Kirchgemeinde im Stadtteil {d} öffnen wir unsere Türen für alle Nachbarinnen und Nachbarn, neue wie alte.",
     "As the parish in {d} we open our doors to all neighbours, new and old."),
    ("church family", "church", "Katholische Pfarrei {k} {c}", "Pfarrei {k}", "Caritas", "association", "parish",
     "Die Pfarrei {k} lebt Nächstenliebe im Stadtteil {d}. Ehrenamtliche gestalten unsere Angebote für Geflüchtete.",
     "The parish of {k} in {d}: volunteers run our offers for refugees."),
    ("initiative volunteer", "initiative", "Willkommensinitiative {d}", "Willkommen in {d}", None, "initiative", "civic",
     "Wir sind eine Gruppe von Nachbarinnen und Nachbarn, die sich seit {w} in {d} für ein gutes Ankommen engagieren.",
     "We are neighbours in {d} who have been helping newcomers settle in since {w}."),
    ("initiative", "association", "Flüchtlingshilfe {d} e.V.", "Flüchtlingshilfe {d}", None, "association", "civic",
     "Die Flüchtlingshilfe {d} e.V. wurde {w} gegründet. Über 60 Ehrenamtliche unterstützen Geflüchtete im Stadtteil.",
     "Flüchtlingshilfe {d} was founded in {w}; more than 60 volunteers support refugees in the neighbourhood."),
    ("initiative", "initiative", "Helferkreis Asyl {c}", "Helferkreis {c}", None, "initiative", "civic",
     "Der Helferkreis ist ein loser Zusammenschluss Ehrenamtlicher in {c}. Jede helfende Hand ist willkommen!",
     "The Helferkreis is an informal group of volunteers in {c}. Every helping hand is welcome!"),
    ("initiative women", "association", "Netzwerk Ankommen {c} e.V.", "Netzwerk Ankommen", None, "association", "civic",
     "Netzwerk Ankommen verbindet Menschen mit und ohne Fluchtgeschichte in {c}.",
     "Netzwerk Ankommen connects people with and without a refugee background in {c}."),
    ("women family", "association", "Frauenzentrum Lichtblick {c} e.V.", "Frauenzentrum Lichtblick", None, "association", "family",
     "Das Frauenzentrum Lichtblick ist ein Ort für Frauen aller Herkünfte – zum Lernen, Reden und Kraft schöpfen.",
     "Lichtblick is a place for women of all backgrounds to learn, talk and recharge."),
    ("sport youth", "association", "Sportverein {d} {v} e.V.", "SV {d}", "Stadtsportbund", "association", "sport",
     "Der SV {d} ist ein Breitensportverein mit Fußball, Turnen und Schwimmen. Bei uns ist jede und jeder willkommen.",
     "SV {d} is a community sports club with football, gymnastics and swimming. Everyone is welcome."),
    ("bike", "association", "Fahrradselbsthilfe {c} e.V.", "Radwerkstatt {c}", None, "association", "civic",
     "Wir betreiben eine offene Fahrradwerkstatt und sammeln Spendenräder für Menschen ohne eigenes Rad.",
     "We run an open bike workshop and collect donated bikes for people who need one."),
    ("school", "municipal", "Volkshochschule {c}", "VHS {c}", "Stadt {c}", "municipal", "school",
     "Die Volkshochschule {c} ist das kommunale Weiterbildungszentrum: Sprachen, Beruf, Gesundheit und Kultur.",
     "The adult education centre of {c}: languages, work, health and culture."),
    ("school", "company", "Lingua Viva Sprachschule {c} GmbH", "Lingua Viva", None, "company", "school",
     "Lingua Viva ist eine zertifizierte Sprachschule. Mit ehrenamtlichen Kursen geben wir der Stadt etwas zurück.",
     "Lingua Viva is a certified language school; our volunteer classes give something back to the city."),
    ("muni", "municipal", "Stadt {c} – Amt für Migration und Integration", "Integrationsbüro {c}", "Stadt {c}", "municipal", "office",
     "Das Integrationsbüro koordiniert die Arbeit mit Geflüchteten in {c} und unterstützt Ehrenamtliche.",
     "The integration office coordinates refugee work in {c} and supports volunteers."),
    ("library", "municipal", "Stadtbibliothek {c}", "Stadtbibliothek {c}", "Stadt {c}", "municipal", "library",
     "Die Stadtbibliothek ist ein offener Ort für alle: Medien in vielen Sprachen, Lernplätze und Veranstaltungen.",
     "The city library is open to all: media in many languages, study spaces and events."),
    ("volunteer", "association", "Freiwilligenagentur {c} e.V.", "Freiwilligenagentur {c}", None, "association", "civic",
     "Die Freiwilligenagentur vermittelt Engagement und berät Vereine und Initiativen in {c}.",
     "The volunteer centre matches volunteers and advises associations and initiatives in {c}."),
    ("psycho", "association", "Psychosoziales Zentrum für Geflüchtete {c} e.V.", "PSZ {c}", None, "association", "office",
     "Das Psychosoziale Zentrum bietet traumasensible Beratung und Therapie für Geflüchtete.",
     "The psychosocial centre offers trauma-sensitive counselling and therapy for refugees."),
    ("legal", "association", "Refugee Law Clinic {c} e.V.", "Law Clinic {c}", None, "association", "office",
     "Studierende der Rechtswissenschaft beraten ehrenamtlich und unter Anleitung von Volljuristinnen.",
     "Law students give free advice under the guidance of qualified lawyers."),
    ("youth family", "association", "Kinder- und Jugendhilfe {d} e.V.", "Jugendhilfe {d}", "Der Paritätische", "association", "youth",
     "Unser Verein betreibt den Jugendtreff und das Familienzentrum im Stadtteil {d}.",
     "We run the youth club and family centre in {d}."),
    ("mosque initiative", "association", "Islamische Gemeinde {c} e.V.", "Moscheegemeinde {c}", None, "association", "civic",
     "Unsere Gemeinde engagiert sich seit {y} für Nachbarschaft und interreligiösen Dialog.",
     "Our community has worked for good neighbourliness and interfaith dialogue since {y}."),
]

SAINTS = ["St. Lukas", "St. Markus", "St. Nikolai", "Paul-Gerhardt", "Emmaus", "Zachäus", "St. Thomas", "Versöhnung"]
CATHOLIC = ["Heilig Kreuz", "St. Bonifatius", "St. Elisabeth", "Maria Hilf", "St. Josef", "St. Michael", "St. Hedwig"]
DEPT_LOCALS = ["migration", "integration", "ehrenamt", "beratung", "fluechtlingshilfe", "kontakt", "buero", "team"]


def build_orgs(rng: random.Random, towns: list[Municipality]) -> list[Org]:
    orgs: list[Org] = []
    used_slugs: set[str] = set()
    for town in towns:
        n = max(5, round(town.weight * 2.6))
        # the welfare branches, an office and a library exist in nearly every town; the rest by chance
        must = [t for t in TEMPLATES if t[0].split()[0] in ("welfare", "muni", "library", "volunteer")]
        pool = must[:] if not town.small else rng.sample(must, k=4)
        others = [t for t in TEMPLATES if t not in must]
        while len(pool) < n:
            pool.append(rng.choice(others))
        for i, (roles, kind, legal, short, umbrella, ukind, home_kind, ide, ien) in enumerate(pool):
            district = rng.choice(town.districts)
            fill = {"c": town.name, "d": district.name, "s": rng.choice(SAINTS), "k": rng.choice(CATHOLIC), "y": rng.choice(range(1990, 2020)),
                    "w": rng.choice([2014, 2015, 2015, 2016, 2022]), "v": rng.choice(range(1890, 1990))}
            homes = venues_in(town, district, home_kind) or venues_in(town, None, home_kind) or venues_in(town, district)
            legal_name = legal.format(**fill)
            if any(o.legal == legal_name for o in orgs):
                continue  # one "AWO Leipzig" only
            slug = slugify(short.format(**fill))
            while slug in used_slugs:
                slug = f"{slug}-{rng.randint(2, 99)}"
            used_slugs.add(slug)
            base = rng.randint(100, 899)
            orgs.append(Org(
                key=f"{town.slug}-{i:02d}-{slug}", kind=kind, legal=legal_name, short=short.format(**fill),
                umbrella=umbrella.format(**fill) if umbrella else None, umbrella_kind=ukind,
                roles=tuple(roles.split()), slug=slug, town=town, district=district,
                home=rng.choice(homes) if homes else None,
                phone=f"+49 {town.area_code} 5550{base:03d}", dept_phone=f"+49 {town.area_code} 5550{base + rng.randint(1, 99):03d}",
                dept_email_local=rng.choice(DEPT_LOCALS),
                intro_de=ide.format(**fill), intro_en=ien.format(**fill)))
    return orgs


def orgs_for(orgs: list[Org], town: Municipality, roles: tuple[str, ...]) -> list[Org]:
    return [o for o in orgs if o.town is town and any(r in o.roles for r in roles)]
