"""Invented organisations: their legal names, short forms, brands, contacts, and the names sources use.

Umbrella names (Caritas, Diakonie, AWO, DRK) only ever prefix an invented local branch. Every
organisation has its own `.example.org` domain and a block of 555 phone numbers in its town.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from schemas.taxonomy import category

from tests.synthetic_d.places import Street, Town, Venue, VenueBook
from tests.synthetic_d.vocab import Activity


@dataclass(frozen=True)
class Pattern:
    legal: str  # {d} district, {t} town, {a} town adjective
    short: str
    kind: str
    form: str  # legal form appended to the legal name ("" for none)
    fits: tuple[str, ...]  # "*" any non-professional help; else category codes or activity keys
    umbrella: str = ""
    name_en: str = ""
    hall: tuple[str, str] | None = None  # a parish's own hall (German, English), named after the parish
    home_place: str = ""  # a sports club's home is a sports ground, not a neighbourhood house


_HELP = ("*",)
PATTERNS: tuple[Pattern, ...] = (
    Pattern("Willkommensbündnis {d}", "WiBü {d}", "initiative", "", _HELP),
    Pattern("Initiative {d} hilft", "Ini {d} hilft", "initiative", "", _HELP),
    Pattern("Freundeskreis Asyl {t}", "FK Asyl", "initiative", "e.V.", _HELP),
    Pattern("Helferkreis Asyl {d}", "HK Asyl {d}", "initiative", "", _HELP),
    Pattern("Netzwerk Ankommen {d}", "NW Ankommen", "initiative", "", _HELP),
    Pattern("Runder Tisch Geflüchtete {d}", "RT Geflüchtete", "initiative", "", _HELP),
    Pattern("Nachbarschaftsinitiative {d} für alle", "NBI {d}", "initiative", "e.V.", _HELP),
    Pattern("Refugees Welcome {d}", "RW {d}", "initiative", "", _HELP),
    Pattern("Interkulturelles Zentrum {d}", "IKZ {d}", "association", "e.V.", _HELP + ("support_rooms",),
            name_en="Intercultural Centre {d}"),
    Pattern("Verein für Begegnung und Bildung {d}", "VBB {d}", "association", "e.V.", _HELP),
    Pattern("Lernwerkstatt {d}", "LW {d}", "association", "e.V.", ("language_education", "childcare", "work_training")),
    Pattern("Frauentreff {d}", "FT {d}", "association", "e.V.",
            ("frauentreff", "naehtreff", "yoga", "muetterkurs", "frauengesundheit", "krabbelgruppe", "elterncafe",
             "schwimmkurs", "radfahrkurs", "hebamme"), name_en="Women's Centre {d}"),
    Pattern("Kulturbrücke {t}", "KuBrü", "association", "e.V.", _HELP),
    Pattern("Stadtteilverein {d}", "STV {d}", "association", "e.V.", _HELP),
    Pattern("Bildungswerk Neue Wege {t}", "BNW {t}", "association", "gGmbH",
            ("language_education", "work_training", "support_training", "childcare", "fuehrerschein")),
    Pattern("Sportverein Blau-Weiß {d}", "SV BW {d}", "association", "e.V.",
            ("fussball", "schwimmkurs", "boxen", "yoga", "radfahrkurs"), name_en="Blue-White {d} sports club",
            home_place="sports"),
    Pattern("Turn- und Sportverein {d} 1891", "TuS {d}", "association", "e.V.",
            ("fussball", "schwimmkurs", "boxen", "yoga"), home_place="sports"),
    Pattern("Zentrum für Migration und Teilhabe {t}", "ZMT {t}", "association", "gGmbH",
            _HELP + ("legal_asylum_counselling", "support_training", "support_funding_advice")),
    Pattern("Psychosoziales Zentrum für Geflüchtete {t}", "PSZ {t}", "association", "e.V.",
            ("psychotherapy", "health", "support_training"), name_en="Psychosocial Centre for Refugees {t}"),
    Pattern("Beratungsnetz Migration {t}", "BNM {t}", "association", "e.V.",
            ("legal_asylum_counselling", "everyday_help", "support_training", "work_training")),
    Pattern("Refugee Law Clinic {t}", "RLC {t}", "association", "e.V.",
            ("aufenthaltsrecht", "asylberatung", "familiennachzug", "asylrecht_schulung")),
    Pattern("Elterninitiative {d}", "EI {d}", "association", "e.V.", ("childcare", "hausaufgabenhilfe", "vorlesen")),
    Pattern("Caritas-Zentrum {d}", "CZ {d}", "association", "", _HELP + ("legal_asylum_counselling", "psychotherapy"),
            umbrella="Caritas"),
    Pattern("Diakonie-Stadtteilladen {d}", "Diakonie {d}", "association", "", _HELP + ("legal_asylum_counselling",),
            umbrella="Diakonie"),
    Pattern("AWO Begegnungsstätte {d}", "AWO {d}", "association", "", _HELP + ("legal_asylum_counselling",),
            umbrella="AWO"),
    Pattern("DRK-Ortsverein {d}", "DRK OV {d}", "association", "e.V.", _HELP + ("erstehilfe",), umbrella="DRK"),
    Pattern("Stadt {t} – Fachstelle Integration", "FS Integration", "municipal", "", _HELP + (
        "support_rooms", "support_materials", "support_training", "support_insurance", "support_funding_advice"),
            name_en="City of {t} – Integration Office"),
    Pattern("Stadtteilbüro {d}", "STB {d}", "municipal", "", _HELP + ("support_rooms", "support_funding_advice"),
            name_en="{d} District Office"),
    Pattern("Stadtbibliothek {t}", "StaBi {t}", "municipal", "",
            ("vorlesen", "computerkurs", "tandem", "sprachcafe", "digitalsprechstunde", "lehrmaterial"),
            name_en="{t} Public Library"),
    Pattern("Volkshochschule {t}", "VHS {t}", "municipal", "",
            ("language_education", "work_training", "support_training", "erstehilfe"), name_en="{t} Adult Education Centre"),
    Pattern("Stadt {t} – Ehrenamtsbüro", "Ehrenamtsbüro", "municipal", "",
            ("support_rooms", "support_materials", "support_training", "support_insurance", "support_funding_advice",
             "patenschaften", "alltagsbegleitung"), name_en="City of {t} – Volunteering Office"),
    Pattern("Stadt {t} – Familienbüro", "Familienbüro", "municipal", "",
            ("childcare", "hebamme", "elterncafe", "krabbelgruppe"), name_en="City of {t} – Family Office"),
    Pattern("Ev. Kirchengemeinde {d}", "Ev. KG {d}", "church", "", _HELP + ("support_rooms",),
            name_en="Protestant parish {d}", hall=("Ev. Gemeindehaus {d}", "{d} Protestant parish hall")),
    Pattern("Kath. Pfarrei Heilig Kreuz {d}", "Hl. Kreuz {d}", "church", "", _HELP + ("support_rooms",),
            name_en="Holy Cross Catholic parish {d}", hall=("Pfarrsaal Heilig Kreuz", "Holy Cross parish hall")),
    Pattern("Ev.-Luth. Friedensgemeinde {d}", "Friedensgem. {d}", "church", "", _HELP,
            hall=("Gemeindehaus der Friedenskirche", "Peace Church parish hall")),
    Pattern("Ev. Versöhnungsgemeinde {d}", "Versöhnungsgem. {d}", "church", "", _HELP + ("support_rooms",),
            hall=("Gemeindezentrum Versöhnungskirche", "Reconciliation Church community centre")),
    Pattern("Kath. Pfarrgemeinde Heilig Geist {d}", "Hl. Geist {d}", "church", "", _HELP,
            hall=("Pfarrheim Heilig Geist", "Holy Spirit parish centre")),
    Pattern("Freie evangelische Gemeinde {d}", "FeG {d}", "church", "", _HELP,
            hall=("Gemeindesaal der FeG {d}", "Free Evangelical Church hall {d}")),
    Pattern("Christuskirchengemeinde {d}", "Christus-KG {d}", "church", "", _HELP,
            hall=("Gemeindehaus an der Christuskirche", "Christ Church parish hall")),
    Pattern("Islamische Gemeinde {d}", "IG {d}", "church", "e.V.",
            ("sprachcafe", "hausaufgabenhilfe", "kochtreff", "frauentreff", "lebensmittel", "kleiderkammer",
             "behoerdenbegleitung", "jugendtreff"), hall=("Gemeindezentrum der Islamischen Gemeinde {d}",
                                                          "Islamic community centre {d}")),
    Pattern("Wohnungsgenossenschaft {d}", "WoGe {d}", "company", "eG",
            ("wohnungssuche", "mietfuehrerschein", "wohnraumvermittlung", "lagerraum")),
    Pattern("Stadtbus {t}", "Stadtbus", "company", "GmbH", ("oepnv_training",)),
    Pattern("Sozialkaufhaus Fundgrube {t}", "Fundgrube", "company", "gGmbH",
            ("moebellager", "sachspenden", "kleiderkammer", "umzugshilfe", "lagerraum")),
    Pattern("Radhaus {d}", "Radhaus", "company", "GmbH", ("fahrradwerkstatt", "fahrradausgabe")),
    Pattern("Fahrschule Grüne Welle {t}", "Grüne Welle", "company", "GmbH", ("fuehrerschein",)),
    Pattern("Wohnbau {t}", "Wohnbau {t}", "company", "GmbH", ("wohnungssuche", "wohnraumvermittlung", "mietfuehrerschein")),
)

_BRANDS = ("Haus der Vielfalt", "Treffpunkt Regenbogen", "Offenes Wohnzimmer", "Die Brücke", "Lernhaus",
           "Werkstatt Miteinander", "Treffpunkt Kompass", "Haus Lichtblick", "Stube International",
           "Nachbarschaftsladen Mosaik", "Zentrum Ankerplatz", "Haus Weltoffen", "Treff Horizont", "Kiezstube")

_INTRO_DE = {
    "initiative": "Wir sind Nachbarinnen und Nachbarn, die sich seit {y} für ein gutes Ankommen in {d} einsetzen – ehrenamtlich und unabhängig.",
    "association": "{n} ist seit {y} ein offener Ort für Menschen aus aller Welt im Stadtteil {d}.",
    "church": "Die {n} öffnet ihre Räume für Begegnung und Unterstützung, unabhängig von Herkunft und Religion.",
    "municipal": "Unter dem Dach von {n} finden Zugewanderte und Ehrenamtliche in {t} Angebote und Ansprechpartner.",
    "company": "Als {n} engagieren wir uns seit {y} für gute Nachbarschaft in {t}.",
}
_INTRO_EN = {
    "initiative": "We are neighbours who have volunteered since {y} to help newcomers settle in {d}.",
    "association": "Since {y}, {n} has been an open place for people from all over the world in {d}.",
    "church": "The parish opens its rooms for encounter and support, regardless of origin or religion.",
    "municipal": "This municipal office brings together offers for newcomers and volunteers in {t}.",
    "company": "{n} has supported good neighbourhood relations in {t} since {y}.",
}


@dataclass(frozen=True)
class Org:
    key: str
    base_name: str  # legal name without legal form
    form: str
    short: str
    name_en: str
    brand: str
    kind: str
    umbrella: str
    town: Town
    district: str
    home: Venue
    domain: str
    phone_block: int  # four digits after 555, last digit 0: extensions fill the block
    intro_de: str
    intro_en: str
    has_website: bool
    pattern: Pattern
    branch: str  # slug naming this branch among others at one domain, e.g. "berg-am-laim-sued"

    @property
    def legal(self) -> str:
        return f"{self.base_name} {self.form}".strip()

    def phone(self, extension: int = 0) -> str:
        """Area code and local number as digits, e.g. ("341", "5550120")."""
        return f"555{self.phone_block + extension:04d}"


def slug(text: str) -> str:
    """ASCII slug for domains and record ids: umlauts spelled out, everything else to hyphens."""
    text = text.lower()
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"), ("é", "e")):
        text = text.replace(a, b)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def can_run(pattern: Pattern, act: Activity) -> bool:
    if pattern.kind not in act.runners and not (pattern.kind == "company" and act.key in pattern.fits):
        return False
    if act.key in pattern.fits or act.category in pattern.fits:
        return True
    cat = category(act.category)  # the contract knows which categories are paid professional work
    return "*" in pattern.fits and cat.group == "help" and not cat.professional_only


class OrgRegistry:
    """All organisations of one generated world; keeps names, brands, domains and phone blocks unique."""

    def __init__(self, rng: random.Random, venues: VenueBook) -> None:
        self.rng = rng
        self.venues = venues
        self.orgs: list[Org] = []
        self._names: set[str] = set()
        self._brands: set[str] = set()
        self._phones: set[tuple[str, int]] = set()

    def in_town(self, town: Town, act: Activity) -> list[Org]:
        return [o for o in self.orgs if o.town is town and can_run(o.pattern, act)]

    def create(self, town: Town, act: Activity, umbrella: str | None = None, street: Street | None = None,
               exclude: tuple[str, ...] = (), must_be_new: bool = False) -> Org:
        """An organisation able to run `act`; `umbrella` forces a branch of that umbrella.

        When every fitting name is taken in the town, an existing organisation is returned instead,
        unless `must_be_new`: then a branch with a compass point ("... Süd") is founded.
        """
        rng = self.rng
        fits = [p for p in PATTERNS if can_run(p, act) and (umbrella is None or p.umbrella == umbrella)]
        if not fits:
            raise ValueError(f"nobody runs {act.key}")
        suffix = ""
        for attempt in range(80):
            pat = rng.choice(fits)
            st = street or rng.choice(town.streets)
            if attempt >= 60:
                suffix = rng.choice(("Nord", "Süd", "Ost", "West", "Mitte"))
            base = _base_name(pat, town, st, suffix)
            if f"{town.key}|{base}" not in self._names and base not in exclude:
                break
            if attempt == 59 and not must_be_new:
                existing = [o for o in self.orgs if o.town is town and can_run(o.pattern, act)
                            and o.base_name not in exclude]
                if existing:
                    return rng.choice(existing)
        self._names.add(f"{town.key}|{base}")
        d = district_label(town, st)
        short = pat.short.format(d=d, t=town.name, a=town.adjective) + (f" {suffix}" if suffix else "")
        name_en = pat.name_en.format(d=d, t=town.name) + (f" ({suffix})" if suffix else "") if pat.name_en else ""
        if base.startswith("Bezirksamt"):
            name_en = name_en.replace(f"City of {town.name}", f"{d} District Office")
        brand = ""
        if pat.kind in ("association", "initiative", "church") and rng.random() < 0.35:
            options = [b for b in _BRANDS if f"{town.key}|{b}" not in self._brands]
            if options:
                brand = rng.choice(options)
                self._brands.add(f"{town.key}|{brand}")
        if pat.umbrella:
            domain = f"{slug(pat.umbrella)}-{town.key}.example.org"
            branch = slug(base.split(" ", 1)[1] if " " in base else base)
        elif pat.kind == "municipal":
            domain = f"stadt-{town.key}.example.org"
            branch = slug(short)
        else:
            domain = f"{slug(short if len(short) > 4 else base)}-{town.key}.example.org"
            if any(o.domain == domain for o in self.orgs):
                domain = f"{slug(base)}-{town.key}.example.org"
            branch = ""
        if any(o.domain == domain and o.branch == branch for o in self.orgs):
            branch = slug(base)  # base names are unique in a town, and shared domains are per town
        while True:
            block = rng.randrange(0, 10000, 10)
            if (town.key, block) not in self._phones:
                self._phones.add((town.key, block))
                break
        # an organisation named after a district has its house there
        hall = (pat.hall[0].format(d=d), pat.hall[1].format(d=d)) if pat.hall else None
        home = self.venues.new(town, place=pat.home_place, district=st.district, hall=hall, home=True)
        year = rng.choice((1998, 2004, 2012, 2014, 2015, 2016, 2016, 2017, 2019, 2022, 2022, 2023))
        fill = {"n": base, "d": d, "t": town.name, "y": year}
        org = Org(
            key=f"{town.key}|{base}", base_name=base, form=pat.form, short=short, name_en=name_en,
            brand=brand, kind=pat.kind, umbrella=pat.umbrella, town=town, district=st.district, home=home,
            domain=domain, phone_block=block,
            intro_de=_INTRO_DE[pat.kind].format(**fill), intro_en=_INTRO_EN[pat.kind].format(**fill),
            has_website=pat.kind != "initiative" or rng.random() < 0.5, pattern=pat, branch=branch,
        )
        self.orgs.append(org)
        return org


def district_label(town: Town, st: Street) -> str:
    """How an organisation names its area: small towns say the town, not "Innenstadt"."""
    if not town.big and st.district in ("Innenstadt", "Stadtmitte", "Altstadt"):
        return town.name
    return st.district


def _base_name(pat: Pattern, town: Town, st: Street, suffix: str) -> str:
    d = district_label(town, st)
    base = pat.legal.format(d=d, t=town.name, a=town.adjective)
    if town.key in ("berlin", "hamburg") and base.startswith(f"Stadt {town.name} – "):
        # city states: district offices (Bezirksamt), not a "Stadt", run these services
        base = base.replace(f"Stadt {town.name}", f"Bezirksamt {d}", 1)
    return f"{base} {suffix}" if suffix else base


# --- how sources write an organisation's name

_LONG_FORMS = (("Ev.-Luth.", "Evangelisch-Lutherische"), ("Ev.", "Evangelische"), ("Kath.", "Katholische"))
_FORM_SPELLINGS = {"e.V.": ("e. V.", "eV", "(e.V.)", "e.V"), "gGmbH": ("gemeinnützige GmbH", "g GmbH"),
                   "eG": ("e.G.",), "GmbH": ("Gmbh",)}


def typo(text: str, rng: random.Random) -> str:
    """One slip of the keyboard in a longer word: swapped, dropped or doubled letter."""
    words = text.split(" ")
    candidates = [i for i, w in enumerate(words) if len(w) >= 6 and w.isalpha()]
    if not candidates:
        return text
    i = rng.choice(candidates)
    w = words[i]
    p = rng.randint(1, len(w) - 3)
    how = rng.choice(("swap", "drop", "double"))
    if how == "swap":
        w = w[:p] + w[p + 1] + w[p] + w[p + 2:]
    elif how == "drop":
        w = w[:p] + w[p + 1:]
    else:
        w = w[:p] + w[p] + w[p:]
    words[i] = w
    return " ".join(words)


def org_name(org: Org, style: str, rng: random.Random) -> tuple[str, str]:
    """The organisation's name as one source writes it, and a note naming the variant."""
    if style == "legal":
        if org.form and rng.random() < 0.3:
            return f"{org.base_name} {rng.choice(_FORM_SPELLINGS[org.form])}", "org:form_spelling"
        return org.legal, "org:legal"
    if style == "plain":
        return org.base_name, "org:no_legal_form" if org.form else "org:legal"
    if style == "long":
        for short, long in _LONG_FORMS:
            if org.base_name.startswith(short + " "):
                return org.base_name.replace(short, long, 1), "org:spelled_out"
        return org.legal, "org:legal"
    if style == "short":
        return org.short, "org:short"
    if style == "brand" and org.brand:
        return org.brand, "org:brand"
    if style == "brand_carrier" and org.brand:
        return f"{org.brand} ({org.legal})", "org:brand_and_carrier"
    if style == "umbrella" and org.umbrella:
        local = org.base_name.split(" ", 1)[1] if " " in org.base_name else org.base_name
        return rng.choice((f"{org.umbrella} – {org.base_name}", f"{org.umbrella} {org.town.name}, {local}",
                           f"{org.umbrella}verband {org.town.name} – {org.base_name}")), "org:umbrella_prefix"
    if style == "en" and org.name_en:
        return org.name_en, "org:english"
    if style == "typo":
        name = typo(org.legal, rng)
        return name, "org:typo" if name != org.legal else "org:legal"
    if style == "upper":
        return org.legal.upper(), "org:upper_case"
    return org.legal, "org:legal"


def mailbox(org: Org, act: Activity, branch_suffix: bool) -> str:
    """The department address; branches sharing a domain (umbrella, city) add their branch to keep apart."""
    box = act.mailbox
    if org.branch and (branch_suffix or org.umbrella or org.kind == "municipal"):
        box = f"{box}-{org.branch}"
    return f"{box}@{org.domain}"


def central_mail(org: Org) -> str:
    if org.umbrella:
        return f"info-{org.branch}@{org.domain}"
    if org.kind == "municipal":
        return f"{org.branch}@{org.domain}"
    if org.kind == "church":
        return f"gemeindebuero@{org.domain}"
    return f"info@{org.domain}"


def homepage(org: Org) -> str:
    if org.umbrella or org.kind == "municipal":
        return f"https://www.{org.domain}/{org.branch}"
    return f"https://www.{org.domain}/"
