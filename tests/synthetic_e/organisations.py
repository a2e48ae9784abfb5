"""Invented organisations of many kinds and the spellings of their names across systems.

An organisation has one current name and a fixed set of other spellings (with or without legal form,
abbreviated, written out, English, with the umbrella in front, one typo, and a former name when it
was renamed). Sources pick from that set, so two organisations never share a spelling by accident.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from .contacts import format_phone, phone_number, slug
from .seeding import chance, stream
from .textcraft import typo
from .towns import District, Town
from .venues import SAINTS, Venue

# (German name, English name, abbreviation); {p} district or town, {t} town, {y} founding year
_INITIATIVE = (
    ("Willkommensbündnis {p}", "Welcome Alliance {p}", "WiBü {p}"),
    ("Netzwerk Asyl {p}", "Asylum Network {p}", "NW Asyl {p}"),
    ("Helferkreis Asyl {p}", "{p} Refugee Support Circle", "HK Asyl {p}"),
    ("Initiative Willkommen in {p}", "Welcome to {p} Initiative", "Ini Willkommen {p}"),
    ("{t} hilft", "{t} Helps", "{t} hilft!"),
    ("Refugees Welcome {p}", "Refugees Welcome {p}", "RW {p}"),
    ("Nachbarschaftsnetz {p}", "{p} Neighbourhood Network", "NNetz {p}"),
    ("Arbeitskreis Asyl {p}", "Asylum Working Group {p}", "AK Asyl {p}"),
    ("Flüchtlingshilfe {p}", "Refugee Aid {p}", "FlüHi {p}"),
    ("Willkommenskreis {p}", "{p} Welcome Circle", "WK {p}"),
    ("Patenkreis {p}", "{p} Mentors' Circle", "Patenkreis {p}"),
    ("Bündnis Weltoffenes {t}", "Alliance for an Open {t}", "BWO {t}"),
    ("Runder Tisch Flucht {p}", "{p} Refugee Round Table", "RT Flucht {p}"),
)
_ASSOCIATION = (
    ("Interkultureller Garten {t}", "Intercultural Garden {t}", "IKG {t}"),
    ("Brückenschlag {t}", "Brückenschlag (Bridge Building) {t}", "Brückenschlag"),
    ("Zusammen in {p}", "Together in {p}", "Zusammen in {p}"),
    ("Lernpaten {t}", "Learning Mentors {t}", "LP {t}"),
    ("Freundeskreis Asyl {p}", "Friends of Refugees {p}", "FK Asyl {p}"),
    ("Kulturbrücke {t}", "Culture Bridge {t}", "Kulturbrücke"),
    ("Mosaik – Verein für Begegnung {t}", "Mosaik Association for Encounter {t}", "Mosaik {t}"),
    ("Bunte Nachbarschaft {p}", "Colourful Neighbourhood {p}", "Bunte Nachbarschaft"),
    ("Rückenwind {t}", "Rückenwind (Tailwind) {t}", "Rückenwind"),
    ("Ankommen in {t}", "Arriving in {t}", "AiT"),
    ("Verein für interkulturelle Arbeit {t}", "Association for Intercultural Work {t}", "VIA {t}"),
    ("Frauen für Frauen {t}", "Women for Women {t}", "FfF {t}"),
    ("Mehrgenerationenhaus {p}", "{p} Multi-Generation House", "MGH {p}"),
    ("Offene Tür {p}", "Open Door {p}", "Offene Tür"),
    ("Internationaler Bund der Nachbarn {t}", "International Neighbours {t}", "IBN {t}"),
    ("Kinderglück {t}", "Kinderglück Children's Charity {t}", "Kinderglück"),
)
_MIGRANT = (
    ("Syrischer Kulturverein {t}", "Syrian Cultural Association {t}", "SKV {t}"),
    ("Ukrainische Gemeinde {t}", "Ukrainian Community {t}", "UG {t}"),
    ("Afghanischer Frauenverein {t}", "Afghan Women's Association {t}", "AFV {t}"),
    ("Eritreische Gemeinschaft {t}", "Eritrean Community {t}", "EG {t}"),
    ("Deutsch-Arabisches Zentrum {t}", "German-Arab Centre {t}", "DAZ {t}"),
    ("Kurdisches Gemeinschaftszentrum {t}", "Kurdish Community Centre {t}", "KGZ {t}"),
    ("Afrikanisches Forum {t}", "African Forum {t}", "AfriForum {t}"),
    ("Iranischer Kulturverein Pars {t}", "Pars Iranian Cultural Association {t}", "Pars {t}"),
    ("Migrantinnenverein Dialog {t}", "Dialog Migrant Women's Association {t}", "Dialog {t}"),
)
_SPORT = (
    ("TSV {d} {y}", "TSV {d} Sports Club", "TSV {d}", "Turn- und Sportverein {d} {y}"),
    ("SV Blau-Weiß {d}", "Blue-White {d} Sports Club", "SV BW {d}", "Sportverein Blau-Weiß {d}"),
    ("FC Internationale {t}", "FC Internationale {t}", "FC Inter {t}", "Fußballclub Internationale {t}"),
    ("Schwimmclub Delphin {t}", "Dolphin Swim Club {t}", "SC Delphin {t}", "Schwimmclub Delphin {t} von {y}"),
    ("Boxclub {d}", "{d} Boxing Club", "BC {d}", "Boxclub {d} {y}"),
    ("Radsportverein Pedale {t}", "Pedale Cycling Club {t}", "RSV Pedale {t}", "Radsportverein Pedale {t} {y}"),
    ("Turnverein {d} {y}", "{d} Gymnastics Club", "TV {d}", "Turnverein {d} von {y}"),
)
_STUDENT = (
    ("Refugee Law Clinic {t}", "Refugee Law Clinic {t}", "RLC {t}", "association"),
    ("Studis für Geflüchtete {t}", "Students for Refugees {t}", "SfG {t}", "initiative"),
    ("Medizinstudis helfen {t}", "Medical Students Help {t}", "MSH {t}", "initiative"),
    ("Uni hilft {t}", "University Helps {t}", "Uni hilft", "initiative"),
)
_COMPANY = (
    ("Stadtwerke {t} GmbH", "{t} Municipal Utilities", "Stadtwerke {t}"),
    ("Brenner Logistik GmbH", "Brenner Logistics", "Brenner Logistik"),
    ("Nordlicht Versicherung AG", "Nordlicht Insurance", "Nordlicht Versicherung"),
    ("Kramer & Söhne Maschinenbau GmbH", "Kramer & Sons Engineering", "Kramer & Söhne"),
    ("Heller Software GmbH", "Heller Software", "Heller Software"),
    ("Bäckerei Sonnenkorn GmbH", "Sonnenkorn Bakery", "Sonnenkorn"),
    ("Autohaus Weber GmbH & Co. KG", "Weber Car Dealership", "Autohaus Weber"),
)
# umbrella -> (full, long, abbreviated, short, English, kind, umbrella label)
_WELFARE = {
    "awo": ("AWO Kreisverband {t} e.V.", "Arbeiterwohlfahrt Kreisverband {t} e.V.", "AWO KV {t}", "AWO {t}",
            "Workers' Welfare Association (AWO) {t}", "association", "AWO"),
    "drk": ("DRK-Kreisverband {t} e.V.", "Deutsches Rotes Kreuz Kreisverband {t} e.V.", "DRK KV {t}", "DRK {t}",
            "German Red Cross {t}", "association", "DRK"),
    "parität": ("Der Paritätische {t}", "Paritätischer Wohlfahrtsverband Kreisgruppe {t}", "Parität. {t}",
                "Paritätischer {t}", "Paritätischer Welfare Association {t}", "association", "Der Paritätische"),
    "johanniter": ("Johanniter-Unfall-Hilfe e.V., Regionalverband {t}", "Johanniter-Unfall-Hilfe Regionalverband {t}",
                   "JUH {t}", "Johanniter {t}", "Johanniter (St. John) {t}", "association", "Johanniter"),
    "caritas": ("Caritasverband für die Stadt {t} e.V.", "Caritasverband für die Stadt {t} e.V.", "CV {t}",
                "Caritas {t}", "Caritas {t} (Catholic charity)", "church", "Caritas"),
    "diakonie": ("Diakonisches Werk {t}", "Diakonisches Werk {t} e.V.", "DW {t}", "Diakonie {t}",
                 "Diakonie {t} (Protestant social services)", "church", "Diakonie"),
}
# branches of an umbrella: the place goes into every spelling
_BRANCH = {
    "awo": ("AWO Ortsverein {b}", "Arbeiterwohlfahrt Ortsverein {b}", "AWO OV {b}", "AWO {b}", "AWO {b} branch"),
    "drk": ("DRK-Ortsverein {b}", "Deutsches Rotes Kreuz Ortsverein {b}", "DRK OV {b}", "DRK {b}", "Red Cross {b}"),
    "caritas": ("Caritas-Zentrum {b}", "Caritasverband, Caritas-Zentrum {b}", "CZ {b}", "Caritas {b}", "Caritas Centre {b}"),
    "diakonie": ("Diakonie-Beratungszentrum {b}", "Diakonisches Werk, Beratungszentrum {b}", "DBZ {b}",
                 "Diakonie {b}", "Diakonie Counselling Centre {b}"),
    "johanniter": ("Johanniter Ortsverband {b}", "Johanniter-Unfall-Hilfe Ortsverband {b}", "JUH OV {b}",
                   "Johanniter {b}", "Johanniter {b} unit"),
}
_MUNICIPAL = {
    "integration": ("Integrationsbüro der Stadt {t}", "Stadt {t} – Integrationsbüro", "IB {t}",
                    "Integrationsbüro {t}", "City of {t} – Integration Office"),
    "sozialamt": ("Sozialamt {t}", "Stadt {t} – Sozialamt", "SozA {t}", "Amt für Soziales {t}",
                  "{t} Social Welfare Office"),
    "jobcenter": ("Jobcenter {t}", "Jobcenter Stadt {t}", "JC {t}", "Jobcenter {t}", "{t} Job Centre"),
    "welcome": ("Welcome Center {t}", "Welcome Center der Stadt {t}", "WCC {t}", "Welcome Centre {t}",
                "{t} Welcome Centre"),
    "quartier": ("Quartiersmanagement {d}", "Stadt {t} – Quartiersmanagement {d}", "QM {d}",
                 "Stadtteilmanagement {d}", "{d} Neighbourhood Management"),
    "library": ("Stadtbibliothek {t}", "Stadtbibliothek {t} – Zentralbibliothek", "StaBi {t}", "Stadtbücherei {t}",
                "{t} City Library"),
    "vhs": ("Volkshochschule {t}", "Volkshochschule der Stadt {t}", "VHS {t}", "vhs {t}",
            "{t} Adult Education Centre (VHS)"),
    "agency": ("Freiwilligenagentur {t}", "Freiwilligenagentur {t} e.V.", "FWA {t}", "Freiwilligenzentrum {t}",
               "{t} Volunteer Centre"),
}

# where each organisation type usually meets
HOME_VENUE = {
    "initiative": ("community", "cafe", "church"), "association": ("community", "cafe", "workshop", "family"),
    "church": ("church",), "charity": ("office", "community"), "welfare": ("office", "community"),
    "municipal": ("office",), "library": ("library",), "vhs": ("vhs",), "agency": ("office", "community"),
    "migrant": ("community", "cafe"), "sport": ("sport",), "student": ("cafe", "office"), "company": ("office",),
}

_INTROS = {
    "initiative": (
        "{name} ist ein Zusammenschluss von Nachbarinnen und Nachbarn, die seit {year} Geflüchtete in {p} "
        "unterstützen. Wir sind parteipolitisch und konfessionell unabhängig und freuen uns über jede helfende Hand.",
        "Wir sind rund {size} Ehrenamtliche aus {p}. Seit {year} organisieren wir gemeinsam mit Geflüchteten "
        "Begegnungen, Lernangebote und ganz praktische Hilfe im Alltag.",
    ),
    "association": (
        "{name} wurde {year} gegründet und bringt Menschen unterschiedlicher Herkunft in {t} zusammen. Unsere "
        "Angebote sind kostenlos und werden fast vollständig von Ehrenamtlichen getragen.",
        "Seit {year} setzt sich {name} für ein gutes Miteinander in {t} ein. Rund {size} Mitglieder und viele "
        "Unterstützerinnen und Unterstützer machen unsere Arbeit möglich.",
    ),
    "church": (
        "Die {name} öffnet ihre Räume für Menschen aller Herkunft. Seit {year} gibt es bei uns Angebote für "
        "Geflüchtete, getragen von einem engagierten Team aus der Gemeinde und dem Stadtteil.",
        "Als Kirchengemeinde im Stadtteil {p} verstehen wir Gastfreundschaft als Auftrag. Unser Helferteam "
        "besteht aus rund {size} Ehrenamtlichen.",
    ),
    "welfare": (
        "{name} ist ein Wohlfahrtsverband mit vielen Diensten in {t}. Im Bereich Migration und Integration "
        "arbeiten Hauptamtliche und Ehrenamtliche seit {year} Hand in Hand.",
        "Unter dem Dach von {umbrella} engagieren sich in {t} hauptamtliche Fachkräfte und rund {size} "
        "Ehrenamtliche für Menschen in schwierigen Lebenslagen.",
    ),
    "municipal": (
        "{name} ist Ansprechpartner für Fragen rund um Zuwanderung und Integration in {t}. Wir vernetzen Ämter, "
        "Vereine und Ehrenamtliche.",
        "Die Stadt {t} unterstützt Neuzugewanderte beim Ankommen. {name} koordiniert seit {year} die Angebote "
        "von Verwaltung und Zivilgesellschaft.",
    ),
    "migrant": (
        "{name} ist eine Selbstorganisation von Zugewanderten. Seit {year} helfen wir Neuankommenden in ihrer "
        "Muttersprache und bauen Brücken zur Stadtgesellschaft in {t}.",
    ),
    "sport": (
        "Der {name} ist ein Sportverein mit rund {size} Mitgliedern. Bei uns ist jede und jeder willkommen – "
        "egal woher, egal wie sportlich.",
    ),
    "student": (
        "{name} ist eine studentische Initiative in {t}. Wir sind ehrenamtlich aktiv und arbeiten mit "
        "Fachleuten aus der Praxis zusammen.",
    ),
    "company": (
        "Im Rahmen ihres Corporate-Volunteering-Programms engagieren sich Mitarbeitende der {name} seit {year} "
        "in {t} für Geflüchtete.",
    ),
}
_INTRO_TYPE = {"charity": "welfare", "library": "municipal", "vhs": "municipal", "agency": "municipal"}


@dataclass
class Org:
    key: str
    otype: str
    kind: str
    town: Town
    district: District
    names: dict[str, str]
    former: str | None
    domain: str
    homepage: str
    central_mail: str
    phone_local: str
    phone_style: str
    intro: str
    home: Venue
    umbrella: str | None = None
    registered: bool = False
    extra_mail: dict[str, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.names["full"]

    def spellings(self) -> tuple[str, ...]:
        """Every name a source may print for this organisation, the former name included."""
        out = list(dict.fromkeys(self.names.values()))
        if self.former:
            out.append(self.former)
        return tuple(out)

    def mailbox(self, local: str) -> str:
        return f"{local}@{self.domain}"

    def phone(self, rng: random.Random, style: str | None = None) -> str:
        return format_phone(self.town.dialling, self.phone_local, rng, style or self.phone_style)


def _variants(full: str, long: str, abbr: str, short: str, english: str, rng: random.Random,
              legal: str | None = None, umbrella: str | None = None) -> dict[str, str]:
    names = {"full": full, "long": long, "abbr": abbr, "short": short, "en": english}
    if legal:
        names["legal"] = legal
    if umbrella:
        names["umbrella"] = umbrella
    names["typo"] = typo(full, rng)
    if names["typo"] == full:
        del names["typo"]
    return names


class OrgFactory:
    """Creates organisations with globally unique spellings (a spelling shared by two organisations
    would make a true duplicate out of two different offers)."""

    def __init__(self, seed: int, venues: dict[str, list[Venue]]):
        self.seed = seed
        self.venues = venues
        self.taken: set[str] = set()
        self.domains: set[str] = set()
        self.count = 0

    # -- name sets per organisation type -------------------------------------------------------
    def _names(self, otype: str, town: Town, district: District, rng: random.Random, sub: str | None) -> tuple[
            dict[str, str], str, str, str | None, bool] | None:
        t = town.name.split(" ")[0] if town.key != "landau" else "Landau"
        d = district.name
        year = rng.randint(1880, 1995)
        if otype == "initiative":
            de, en, ab = rng.choice(_INITIATIVE)
            p = d if rng.random() < 0.6 else t
            full = de.format(p=p, t=t)
            registered = rng.random() < 0.3
            legal = f"{full} e.V." if registered else None
            long = f"{full} ({t})" if p != t else f"{full} – Bürgerinitiative"
            names = _variants(legal or full, long, ab.format(p=p, t=t), full, en.format(p=p, t=t), rng,
                              legal=full if registered else None)
            return names, "initiative", full, None, registered
        if otype == "association":
            de, en, ab = rng.choice(_ASSOCIATION)
            p = d if rng.random() < 0.5 else t
            base = de.format(p=p, t=t)
            names = _variants(f"{base} e.V.", f"{base} eingetragener Verein", ab.format(p=p, t=t), base,
                              en.format(p=p, t=t), rng, legal=base,
                              umbrella=f"Der Paritätische / {base} e.V." if rng.random() < 0.4 else None)
            return names, "association", base, None, True
        if otype == "migrant":
            de, en, ab = rng.choice(_MIGRANT)
            base = de.format(t=t)
            names = _variants(f"{base} e.V.", f"{base} eingetragener Verein", ab.format(t=t), base,
                              en.format(t=t), rng, legal=base)
            return names, "association", base, None, True
        if otype == "sport":
            de, en, ab, long = rng.choice(_SPORT)
            fill = {"d": d, "t": t, "y": year}
            base = de.format(**fill)
            names = _variants(f"{base} e.V.", f"{long.format(**fill)} e.V.", ab.format(**fill), base,
                              en.format(**fill), rng, legal=base)
            return names, "association", base, None, True
        if otype == "student":
            de, en, ab, kind = rng.choice(_STUDENT)
            base = de.format(t=t)
            full = f"{base} e.V." if kind == "association" else base
            names = _variants(full, f"{base} an der Universität {t}", ab.format(t=t), base, en.format(t=t), rng)
            return names, kind, base, None, kind == "association"
        if otype == "company":
            de, en, ab = rng.choice(_COMPANY)
            full = de.format(t=t)
            names = _variants(full, f"Corporate Volunteering der {full}", ab.format(t=t), ab.format(t=t),
                              en.format(t=t), rng)
            return names, "company", ab.format(t=t), None, False
        if otype == "church":
            saint, saint_en = rng.choice(SAINTS)
            style = rng.choice(("luth", "kath", "ev", "frei"))
            if style == "luth":
                names = _variants(f"Ev.-luth. Kirchengemeinde St. {saint}",
                                  f"Evangelisch-lutherische Kirchengemeinde St. {saint} {t}",
                                  f"Ev.-Luth. KG St. {saint}", f"St.-{saint}-Gemeinde",
                                  f"Lutheran Parish of {saint_en}", rng,
                                  legal=f"Evangelisch-lutherische Kirchengemeinde Sankt {saint}")
                core = f"St. {saint}"
            elif style == "kath":
                names = _variants(f"Kath. Pfarrei St. {saint}", f"Katholische Pfarrei St. {saint} {t}",
                                  f"Kath. KG St. {saint}", f"Pfarrei Sankt {saint}", f"Catholic Parish of {saint_en}",
                                  rng, legal=f"Katholische Pfarrgemeinde St. {saint}")
                core = f"St. {saint}"
            elif style == "ev":
                names = _variants(f"Ev. Kirchengemeinde {d}", f"Evangelische Kirchengemeinde {t}-{d}",
                                  f"Ev. KG {d}", f"Kirchengemeinde {d}", f"Protestant Parish {d}", rng,
                                  legal=f"Evangelische Kirchengemeinde {d}")
                core = d
            else:
                names = _variants(f"Evangelisch-Freikirchliche Gemeinde {t}-{d}", f"Evangelisch-Freikirchliche "
                                  f"Gemeinde (Baptisten) {t}-{d}", f"EFG {t}-{d}", f"Baptistengemeinde {d}",
                                  f"Baptist Church {t}-{d}", rng)
                core = d
            return names, "church", core, None, False
        if otype in ("welfare", "charity"):
            umbrella = sub or rng.choice(("awo", "drk", "parität", "johanniter") if otype == "welfare"
                                         else ("caritas", "diakonie"))
            full, long, ab, short, en, kind, label = _WELFARE[umbrella]
            names = _variants(full.format(t=t), long.format(t=t), ab.format(t=t), short.format(t=t),
                              en.format(t=t), rng)
            return names, kind, short.format(t=t), label, True
        if otype in ("municipal", "library", "vhs", "agency"):
            sub = sub or {"library": "library", "vhs": "vhs", "agency": "agency"}.get(otype) or rng.choice(
                ("integration", "sozialamt", "jobcenter", "welcome", "quartier", "integration"))
            full, long, ab, short, en = _MUNICIPAL[sub]
            fill = {"t": t, "d": d}
            names = _variants(full.format(**fill), long.format(**fill), ab.format(**fill), short.format(**fill),
                              en.format(**fill), rng)
            kind = "association" if otype == "agency" and rng.random() < 0.5 else "municipal"
            return names, kind, short.format(**fill), None, False
        raise ValueError(otype)

    def _home(self, otype: str, town: Town, district: District, rng: random.Random, core: str = "") -> Venue:
        kinds = HOME_VENUE[otype]
        if otype == "church" and core.startswith("St. "):
            # a parish meets in its own parish hall, named after the same saint
            own = [v for v in self.venues[town.key] if v.kind == "church" and v.name_de.endswith(core)]
            if own:
                return rng.choice(own)
        pool = [v for v in self.venues[town.key] if v.kind in kinds and v.district == district]
        pool = pool or [v for v in self.venues[town.key] if v.kind in kinds] or self.venues[town.key]
        return rng.choice(pool)

    def make(self, otype: str, town: Town, rng_label: object, *, district: District | None = None,
             sub: str | None = None, renamed: bool | None = None) -> Org | None:
        """A new organisation, or None when every spelling drawn is taken already."""
        rng = stream(self.seed, "org", town.key, otype, rng_label)
        for _ in range(12):
            dist = district or rng.choice(town.districts)
            made = self._names(otype, town, dist, rng, sub)
            assert made is not None
            names, kind, core, umbrella, registered = made
            if not any(n in self.taken for n in names.values()):
                break
        else:
            return None
        former = None
        if renamed if renamed is not None else (otype in ("initiative", "association") and chance(rng, 0.12)):
            former_made = self._names(otype, town, dist, rng, sub)
            assert former_made is not None
            candidate = former_made[0]["full"]
            if candidate not in self.taken and candidate not in names.values():
                former = candidate
        # the homepage keeps the old name's address after a renaming: that is how people recognise it
        domain_base = slug(former or core)
        if otype == "church":
            domain_base = slug(f"kirche-{core}-{town.key}" if core.startswith("St.") else f"kirchengemeinde-{core}")
        if umbrella:
            domain_base = slug(f"{umbrella.split()[-1]}-{town.key}")
        domain = domain_base + ".example"
        n = 2
        while domain in self.domains:
            domain = f"{domain_base}-{n}.example"
            n += 1
        self.domains.add(domain)
        self.taken.update(names.values())
        if former:
            self.taken.add(former)
        self.count += 1
        otype_intro = _INTRO_TYPE.get(otype, otype)
        intro = rng.choice(_INTROS[otype_intro]).format(
            name=names["full"], year=rng.randint(2014, 2023), p=dist.name, t=town.name.split(" ")[0],
            size=rng.choice((12, 15, 20, 25, 30, 40, 60, 80, 120)), umbrella=umbrella or "")
        intro = intro[0].upper() + intro[1:]
        return Org(
            key=f"o{self.count:04d}", otype=otype, kind=kind, town=town, district=dist, names=names, former=former,
            domain=domain, homepage=f"https://{'www.' if rng.random() < 0.7 else ''}{domain}",
            central_mail=f"{rng.choice(('info', 'kontakt', 'post', 'hallo', 'buero', 'mail', 'team'))}@{domain}",
            phone_local=phone_number(town.dialling, rng), phone_style=rng.choice(
                ("intl", "national", "national_dash", "slash", "grouped")),
            intro=intro, home=self._home(otype, town, dist, rng, core), umbrella=umbrella, registered=registered)

    def branch(self, umbrella: str, town: Town, place: str, domain: str, rng_label: object,
               district: District | None = None) -> Org | None:
        """A local branch of a welfare umbrella; the place is part of every spelling, the mail domain is
        the umbrella's regional one."""
        rng = stream(self.seed, "branch", umbrella, town.key, place, rng_label)
        full, long, ab, short, en = (s.format(b=place) for s in _BRANCH[umbrella])
        names = _variants(full, long, ab, short, en, rng)
        if any(n in self.taken for n in names.values()):
            return None
        self.taken.update(names.values())
        self.count += 1
        dist = district or town.districts[0]
        label = _WELFARE[umbrella][6]
        intro = rng.choice(_INTROS["welfare"]).format(name=full, year=rng.randint(2014, 2023), p=dist.name,
                                                      t=town.name.split(" ")[0], size=rng.choice((20, 40, 60)),
                                                      umbrella=label)
        return Org(
            key=f"o{self.count:04d}", otype="welfare", kind=_WELFARE[umbrella][5], town=town, district=dist,
            names=names, former=None, domain=domain, homepage=f"https://www.{domain}/{slug(place)}",
            central_mail=f"{slug(place)}@{domain}", phone_local=phone_number(town.dialling, rng),
            phone_style=rng.choice(("intl", "national", "slash")), intro=intro,
            home=self._home("welfare", town, dist, rng), umbrella=label, registered=True)
