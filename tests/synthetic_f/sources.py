"""How each kind of source system exports a real offer: its own title style, organisation name,
address detail, time notation, categories and contact fields.

``render`` returns the offer as a plain dict for ``schemas.Offer`` and the variant notes (what
this record did differently), which end up in truth.csv.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from schemas.identity import entity_id
from tests.synthetic_f.listings import APP, DIRECTORY, ENGLISH, PORTAL, ROUND_TABLE, WEBSITE
from tests.synthetic_f.organisations import town_short
from tests.synthetic_f.places import Town
from tests.synthetic_f.rng import chance, pick, stream, uid, weighted
from tests.synthetic_f.textvariants import (
    abbreviate_street, abbreviate_venue, drop_legal_form, recase, respell_legal_form, swiss_street, typo,
)
from tests.synthetic_f.times import (
    APPOINTMENT_DE, APPOINTMENT_EN, BERLIN, HARD_DE, STANDARD_EN, Slot, dtstart, english, german, german_short,
    moved, rrule,
)
from tests.synthetic_f.world import RealOffer

# how often a kind files the offer under the neighbouring category
NEIGHBOUR_CATEGORY = {PORTAL: 0.11, APP: 0.0, DIRECTORY: 0.05, ROUND_TABLE: 0.13, WEBSITE: 0.11, ENGLISH: 0.12}
STALE_TIME = 0.05  # a record showing an outdated time
# standard mode shows renames of organisations whose rank is below this; hard mode shows all
RENAME_THRESHOLD = {"standard": 0.35, "hard": 1.01}


def source_uri(kind: str, town: Town) -> str:
    t = town.slug
    return {
        PORTAL: f"https://freiwilligenboerse-{t}.example/export/stellen",
        APP: f"https://app.integration-{t}.example/api/v2/angebote",
        DIRECTORY: f"https://integrationsverzeichnis-{town.land}.example/hsds/{t}",
        ROUND_TABLE: f"https://runder-tisch-{t}.example/angebote.xlsx",
        WEBSITE: f"https://vereinsseiten.example/crawl/{t}",
        ENGLISH: f"https://welcome-guide-{t}.example/en/offers",
    }[kind]


@dataclass
class Context:
    """Counters that give every record of a source its own record id."""

    seed: int
    mode: str
    counters: dict[tuple[str, str], int] = field(default_factory=dict)

    def next(self, kind: str, town: Town, start: int) -> int:
        key = (kind, town.slug)
        self.counters[key] = self.counters.get(key, start) + 1
        return self.counters[key]


def render(ctx: Context, offer: RealOffer, kind: str) -> tuple[dict[str, Any], list[str]]:
    rnd = stream(ctx.seed, "render", ctx.mode, offer.index, kind)
    r = _Renderer(ctx, offer, kind, rnd)
    return r.build(), r.notes


class _Renderer:
    def __init__(self, ctx: Context, offer: RealOffer, kind: str, rnd: random.Random) -> None:
        self.ctx, self.o, self.kind, self.rnd = ctx, offer, kind, rnd
        self.hard = ctx.mode == "hard"
        self.notes: list[str] = []
        self.slot: Slot | None = offer.slot
        if self.slot and chance(rnd, STALE_TIME):
            self.slot = moved(self.slot, rnd)
            self.notes.append("time:stale")

    # --- the record

    def build(self) -> dict[str, Any]:
        o, kind = self.o, self.kind
        builder = {PORTAL: self._portal, APP: self._app, DIRECTORY: self._directory, ROUND_TABLE: self._round_table,
                   WEBSITE: self._website, ENGLISH: self._english}[kind]
        record = builder()
        source = source_uri(kind, o.town)
        record_id = record.pop("_record_id")
        day = datetime(2025, 10, 1, 7, 0, tzinfo=BERLIN) + timedelta(days=self.rnd.randrange(180))
        occurred = day.replace(hour=self.rnd.randint(7, 21), minute=self.rnd.randrange(60))
        revision = {PORTAL: self.rnd.randint(1, 15), ROUND_TABLE: self.rnd.randint(1, 4)}.get(
            kind, int(occurred.timestamp()) * (1_000_000 if kind in (APP, DIRECTORY) else 1))
        head = {"id": entity_id(source, record_id), "source": source, "source_record_id": record_id,
                "revision": revision}
        tail = {"status": self._status(), "occurred_at": occurred.isoformat()}
        return {**head, **{k: v for k, v in record.items() if v is not None}, **tail}

    def _portal(self) -> dict[str, Any]:
        o, rnd = self.o, self.rnd
        name = self._name_de(pick(rnd, o.activity.de))
        title = pick(rnd, (
            "Ehrenamtliche für {n} gesucht", "Helfer:innen gesucht: {n}", "Mitmachen beim Projekt „{n}“",
            "Wir suchen Verstärkung für „{n}“", "Engagiere dich: {n} in {d}", "Unterstützung gesucht – {n}",
            "{n}: Freiwillige gesucht!", "Gesucht: Ehrenamtliche für „{n}“ ({d})",
        )).format(n=name, d=o.venue.district.name)
        self.notes.append("title:call")
        parts = [o.org.intro_de]
        if o.activity.role:
            task = f"Für unser Team suchen wir Unterstützung. Deine Aufgaben: {o.activity.does_de}."
        else:
            task = (f"Für unser Angebot „{name}“ suchen wir Menschen, die mit anpacken. "
                    f"Teilnehmende können hier {o.activity.does_de}.")
        lines = [task]
        structured = self.slot is not None and chance(rnd, 0.15)
        time_text = self._time_de(("abbr_dot", "full", "jeden", "dotted", "ab"), p_missing=0.09)
        if time_text:
            lines.append(f"Wann: {time_text}.")
        where = o.venue.name_de
        if o.venue.district.name not in where:
            where = f"{where}, {o.venue.district.name}"
        lines.append(f"Wo: {where}.")
        lines.append(pick(rnd, ("Wir bieten Einarbeitung, Versicherungsschutz und ein herzliches Team.",
                                "Vorkenntnisse sind nicht nötig, wir arbeiten dich gerne ein.",
                                "Schon zwei Stunden im Monat helfen uns weiter.")))
        parts.append(" ".join(lines))
        schedule = self._schedule(structured, backs=(0, 40))
        street = self._street(p_missing=0.12, p_abbr=0.15)
        return {
            "_record_id": f"stelle-{self.ctx.next(PORTAL, o.town, 4000 + rnd.randrange(500))}",
            "title": title, "description": "\n\n".join(parts), "category": self._category(),
            "organisation": self._org(("legal", 0.55), ("short", 0.28), ("typo", 0.07), ("respelled", 0.1)),
            "area": self._area(0.7), "location": self._location(street, name_p=0.6, postcode_p=0.7, coords=None),
            "schedule": schedule, "contact": self._contact(email=0.95, phone=0.4, url=0.15),
            "languages": list(o.languages[:1]) if chance(rnd, 0.5) else [],
            "target_groups": list(o.targets) if chance(rnd, 0.3) else [],
        }

    def _app(self) -> dict[str, Any]:
        o, rnd = self.o, self.rnd
        title = self._name_de(o.activity.de[0] if chance(rnd, 0.6) else pick(rnd, o.activity.de[:3]), short=True)
        self.notes.append("title:short")
        desc = o.activity.does_de[0].upper() + o.activity.does_de[1:] + "." if chance(rnd, 0.7) else ""
        structured = self.slot is not None and chance(rnd, 0.92)
        if self.slot is None:
            self.notes.append("time:appointment")
        elif not structured:
            self.notes.append("time:none")
        street = self._street(p_missing=0.0, p_abbr=0.0)
        jitter = (round(rnd.uniform(-0.0002, 0.0002), 5), round(rnd.uniform(-0.0002, 0.0002), 5))
        return {
            "_record_id": str(self.ctx.next(APP, o.town, 10000 + rnd.randrange(5000))),
            "title": title, "description": desc, "category": self._category(),
            "organisation": self._org(("short", 0.7), ("abbr", 0.12), ("legal", 0.18)),
            "area": self._area(0.95), "location": self._location(street, name_p=0.5, postcode_p=1.0, coords=jitter),
            "schedule": self._schedule(structured, backs=(0, 30), styles=("plain", "plain", "until", "wkst")),
            "contact": self._contact(email=0.5, phone=0.85, url=0.3, phone_styles=("intl", "intl_grouped")),
            "languages": list(o.languages), "target_groups": list(o.targets),
            "capacity": o.capacity if chance(rnd, 0.4) else None,
        }

    def _directory(self) -> dict[str, Any]:
        o, rnd = self.o, self.rnd
        formal = pick(rnd, o.activity.formal)
        title = self._name_de(formal, formal_style=True)
        self.notes.append("title:formal")
        org = self._org(("legal", 0.85), ("respelled", 0.1), ("short", 0.05))
        carrier = org["name"] if org["name"].endswith(".") else org["name"] + "."
        lines = [f"{title}. Träger: {carrier}",
                 "Beschreibung: " + o.activity.does_de[0].upper() + o.activity.does_de[1:] + "."]
        structured = self.slot is not None and chance(rnd, 0.7)
        if not structured:
            text = self._time_de(("full", "dotted"), p_missing=0.25)
            if text:
                lines.append(f"Zeiten: {text}.")
        if o.targets:
            lines.append("Zielgruppe: " + ", ".join(_TARGETS_DE.get(t, t) for t in o.targets) + ".")
        street = self._street(p_missing=0.0, p_abbr=0.03)
        coords = (0.0, 0.0)
        return {
            "_record_id": f"service:{uid(self.ctx.seed, 'hsds', self.ctx.mode, o.index)}",
            "title": title, "description": " ".join(lines), "category": self._category(),
            "organisation": org, "area": self._area(0.5),
            "location": self._location(street, name_p=1.0, postcode_p=1.0, coords=coords, digits=rnd.choice((4, 5, 6))),
            "schedule": self._schedule(structured, backs=(0, 50), styles=("plain", "prefix", "interval")),
            "contact": self._contact(email=0.85, phone=0.85, url=0.85, phone_styles=("intl", "national", "slash")),
            "languages": list(o.languages), "target_groups": list(o.targets), "capacity": o.capacity,
        }

    def _round_table(self) -> dict[str, Any]:
        o, rnd = self.o, self.rnd
        title = pick(rnd, o.activity.abbr)
        if o.group:
            title = f"{title} {_group_short(o.group)}"
        time_short = german_short(self.slot) if self.slot else None
        timed = time_short is not None and not chance(rnd, 0.2)
        if self.slot and self.hard and timed and chance(rnd, 0.4):
            time_short = german(self.slot, pick(rnd, HARD_DE))
        if timed and chance(rnd, 0.25):
            title = f"{time_short} {title}"
            in_title = True
        else:
            in_title = False
        if chance(rnd, 0.25):
            title = f"{title} ({_district_short(o.venue.district.name)})"
        self.notes.append("title:abbr")
        bits: list[str] = []
        if timed and not in_title:
            bits.append(time_short or "")
        if not timed:
            self.notes.append("time:none" if self.slot else "time:appointment")
        elif in_title:
            self.notes.append("time:title")
        else:
            self.notes.append("time:text")
        if chance(rnd, 0.4):
            bits.append(abbreviate_venue(o.venue.name_de))
        if chance(rnd, 0.3):
            bits.append(pick(rnd, ("läuft", "neue Helfer willkommen", "Anmeldung über Koordination",
                                   "Ehrenamtl. gesucht", "seit Herbst", "Raum wechselt ggf.")))
        if o.status == "full" and chance(rnd, 0.6):
            bits.append("aktuell voll")
        # the description is often left empty unless it carries the time
        description = "; ".join(bits) if bits and (chance(rnd, 0.45) or (timed and not in_title)) else ""
        if not description and timed and not in_title:  # the time went with the dropped cell
            self.notes[-1] = "time:none"
        street = self._street(p_missing=0.24, p_abbr=0.65)
        location = self._location(street, name_p=0.35, postcode_p=0.35, coords=None, abbreviate_name=True,
                                  city=town_short(o.town))
        return {
            "_record_id": f"Tabelle1!A{self.ctx.next(ROUND_TABLE, o.town, 1)}",
            "title": title, "description": description, "category": self._category(),
            "organisation": self._org(("abbr", 0.45), ("short", 0.3), ("case", 0.08), ("typo", 0.07),
                                      ("legal", 0.1)),
            "area": self._area(0.9), "location": location,
            "contact": self._contact(email=0.45, phone=0.35, url=0.0, phone_styles=("slash", "national", "dash")),
        }

    def _website(self) -> dict[str, Any]:
        o, rnd = self.o, self.rnd
        if o.activity.role:
            title = pick(rnd, ("{b} – mach mit!", "Mitmachen im {b}", "{b} sucht Verstärkung")).format(b=o.activity.brands[0])
        else:
            title = o.brand
            if o.group:
                title = f"{title} – {_group_short(o.group)}" if chance(rnd, 0.8) else title
        self.notes.append("title:brand")
        time_text = self._time_de(("immer_ab", "ab", "jeden", "dotted"), p_missing=0.1)
        where = f"{o.venue.name_de}, {o.venue.street} {o.venue.number}"
        lines = []
        if time_text:
            lines.append(f"{time_text[0].upper()}{time_text[1:]} – Treffpunkt: {where}.")
        else:
            lines.append(f"Treffpunkt: {where}.")
        lines.append(f"Bei uns könnt ihr {o.activity.does_de}.")
        if o.group:
            lines.append(f"Diese Gruppe ist {o.group[0]}." if o.group[0].startswith("für ")
                         else f"Gruppe: {o.group[0]}.")
        lines.append(pick(rnd, ("Ein Angebot von", "Veranstalter:", "Organisiert von")) + f" {drop_legal_form(o.org.legal)}.")
        structured = self.slot is not None and chance(rnd, 0.25)
        street = self._street(p_missing=0.04, p_abbr=0.2)
        coords = (0.0, 0.0) if chance(rnd, 0.15) else None
        url = f"https://www.{o.org.domain}{o.path}"
        return {
            "_record_id": url, "title": title, "description": " ".join(lines), "category": self._category(),
            "organisation": self._org(("current", 0.6), ("current_short", 0.4)),
            "area": self._area(0.4), "location": self._location(street, name_p=0.9, postcode_p=0.8, coords=coords),
            "schedule": self._schedule(structured, backs=(0, 60)),
            "contact": {**(self._contact(email=0.7, phone=0.4, url=0.0) or {}), "url": url},
            "languages": list(o.languages) if chance(rnd, 0.5) else [],
            "target_groups": list(o.targets) if chance(rnd, 0.4) else [],
        }

    def _english(self) -> dict[str, Any]:
        o, rnd = self.o, self.rnd
        title = pick(rnd, o.activity.en)
        if o.group:
            title = f"{title} ({o.group[1]})" if o.activity.variants != "level" else f"{title} {o.group[1]}"
        self.notes.append("title:english")
        lines = [f"Come along to {o.activity.does_en}." if chance(rnd, 0.5) else
                 f"Here you can {o.activity.does_en}."]
        if self.slot:
            if chance(rnd, 0.9):
                lines.append(f"When: {english(self.slot, pick(rnd, STANDARD_EN))}.")
                self.notes.append("time:english")
            else:
                self.notes.append("time:none")
        else:
            lines.append(f"When: {pick(rnd, APPOINTMENT_EN)}.")
        lines.append(f"Where: {o.venue.name_en}.")
        lines.append(f"Run by {o.org.short}." if chance(rnd, 0.6) else o.org.intro_en)
        structured = self.slot is not None and chance(rnd, 0.2)
        street = self._street(p_missing=0.55, p_abbr=0.1)
        location = self._location(street, name_p=1.0, postcode_p=0.3, coords=(0.0, 0.0) if chance(rnd, 0.2) else None,
                                  english=True)
        return {
            "_record_id": f"guide-{self.ctx.next(ENGLISH, o.town, 100)}",
            "title": title, "description": " ".join(lines), "category": self._category(),
            "organisation": self._org(("short", 0.6), ("legal", 0.3), ("umbrella_en", 0.1)),
            "area": self._area(0.3), "location": location,
            "schedule": self._schedule(structured, backs=(0, 20)),
            "contact": self._contact(email=0.7, phone=0.3, url=0.4, phone_styles=("intl_grouped", "intl")),
            "languages": ["en", *[x for x in o.languages if x != "en"]][:3],
            "target_groups": list(o.targets) if chance(rnd, 0.6) else [],
        }

    # --- fields

    def _name_de(self, name: str, short: bool = False, formal_style: bool = False) -> str:
        g = self.o.group
        if not g:
            return name
        label = _group_short(g)
        if formal_style:
            return f"{name} (Niveau {label})" if self.o.activity.variants == "level" else f"{name} – {g[0]}"
        if self.o.activity.variants == "level":
            return f"{name} {label}"
        if short:
            return f"{name} – {label}"
        return f"{name} ({label})" if chance(self.rnd, 0.5) else f"{name} {g[0]}"

    def _category(self) -> str:
        if chance(self.rnd, NEIGHBOUR_CATEGORY[self.kind]):
            self.notes.append("category:neighbour")
            return self.o.activity.neighbour
        return self.o.activity.category

    def _status(self) -> str:
        status = self.o.status
        if status != "active" and self.kind in (ROUND_TABLE, ENGLISH, PORTAL) and chance(self.rnd, 0.5):
            return "active"  # the slower systems have not noticed yet
        return status

    def _org(self, *choices: tuple[str, float]) -> dict[str, str]:
        o, rnd, org = self.o, self.rnd, self.o.org
        how = weighted(rnd, list(choices))
        renamed = org.former_legal is not None and org.rename_rank < RENAME_THRESHOLD[self.ctx.mode]
        uses_former = renamed and self.kind in (DIRECTORY, ROUND_TABLE, PORTAL, APP) and chance(
            rnd, {DIRECTORY: 0.6, ROUND_TABLE: 0.6, PORTAL: 0.4, APP: 0.25}[self.kind] + (0.2 if self.hard else 0.0))
        legal = org.former_legal if uses_former and org.former_legal else org.legal
        short = org.former_short if uses_former and org.former_short else org.short
        if uses_former:
            self.notes.append("org:former_name")
        if how in ("legal", "current"):
            name = legal
        elif how in ("short", "current_short"):
            name = short
        elif how == "abbr":
            name = org.abbr if not uses_former else short
        elif how == "typo":
            name = typo(legal, rnd)
        elif how == "case":
            name = recase(short, rnd)
        elif how == "respelled":
            name = respell_legal_form(legal, rnd)
        else:  # umbrella_en
            name = f"{org.umbrella[0]} {town_short(o.town)}" if org.umbrella else short
        if org.umbrella and org.facility:
            name = self._facility_name(name, how)
        self.notes.append(f"org:{how}")
        return {"name": name, "kind": org.kind}

    def _facility_name(self, name: str, how: str) -> str:
        """Welfare facilities: the umbrella's legal name, the facility, or (hard) both joined."""
        org, rnd = self.o.org, self.rnd
        assert org.umbrella and org.facility
        abbr, legal, umbrella_short = org.umbrella
        if self.hard and chance(rnd, 0.45):
            self.notes.append("org:umbrella_prefix")
            return pick(rnd, (f"{umbrella_short} – {org.facility}", f"{org.facility} ({abbr} {town_short(self.o.town)})",
                              f"{legal}, {org.facility}"))
        if how in ("legal", "respelled", "typo", "current"):
            return name
        if how == "abbr":
            return org.abbr
        return org.short  # "AWO Begegnungsstätte Wesertor"

    def _area(self, p_district: float) -> dict[str, Any]:
        districts = [self.o.venue.district.name] if chance(self.rnd, p_district) else []
        return {"ags": self.o.ags, "districts": districts}

    def _street(self, p_missing: float, p_abbr: float) -> str | None:
        v, rnd = self.o.venue, self.rnd
        if chance(rnd, p_missing):
            self.notes.append("street:none")
            return None
        street = v.street
        if chance(rnd, p_abbr) and abbreviate_street(street) != street:
            street = abbreviate_street(street)
            self.notes.append("street:abbr")
        elif chance(rnd, 0.03) and "ß" in street:
            street = swiss_street(street)
            self.notes.append("street:ss")
        return f"{street} {v.number}"

    def _location(self, street: str | None, name_p: float, postcode_p: float, coords: tuple[float, float] | None,
                  digits: int = 5, abbreviate_name: bool = False, city: str | None = None,
                  english: bool = False) -> dict[str, Any] | None:
        v, rnd = self.o.venue, self.rnd
        name = (v.name_en if english else v.name_de) if chance(rnd, name_p) else None
        if name and abbreviate_name and chance(rnd, 0.5):
            name = abbreviate_venue(name)
        city = city or self.o.town.name
        # hard mode: some listings give the place only by its name
        place_only = {PORTAL: 0.2, ROUND_TABLE: 0.25, WEBSITE: 0.12, ENGLISH: 0.35}.get(self.kind, 0.0)
        if self.hard and chance(rnd, place_only):
            self.notes.append("location:name_only")
            if "street:none" not in self.notes:
                self.notes.append("street:none")
            name = (v.name_en if english else v.name_de)
            return {"name": name, "city": city} if chance(rnd, 0.5) else {"name": name}
        if street is None and name is None and chance(rnd, 0.3):
            return None
        location: dict[str, Any] = {"name": name, "street": street,
                                    "postcode": v.district.postcode if chance(rnd, postcode_p) else None,
                                    "city": city}
        if coords is not None:
            location["lat"] = round(v.lat + coords[0], digits)
            location["lon"] = round(v.lon + coords[1], digits)
        return {k: val for k, val in location.items() if val is not None}

    def _time_de(self, notations: tuple[str, ...], p_missing: float) -> str | None:
        rnd = self.rnd
        if self.slot is None:
            self.notes.append("time:appointment")
            return pick(rnd, APPOINTMENT_DE)
        if chance(rnd, p_missing):
            self.notes.append("time:none")
            return None
        notation = pick(rnd, notations)
        if self.hard and chance(rnd, 0.5):
            notation = pick(rnd, HARD_DE)
        self.notes.append(f"time:text:{notation}")
        return german(self.slot, notation)

    def _schedule(self, structured: bool, backs: tuple[int, int],
                  styles: tuple[str, ...] = ("plain",)) -> dict[str, Any] | None:
        if not structured or self.slot is None:
            return None
        slot, rnd = self.slot, self.rnd
        back = rnd.randint(*backs) if not slot.nth else rnd.randint(0, 6)
        self.notes.append("time:rrule")
        return {"timezone": "Europe/Berlin",
                "rules": [{"rrule": rrule(slot, pick(rnd, styles)), "dtstart": dtstart(slot, back),
                           "duration_minutes": slot.minutes}]}

    def _contact(self, email: float, phone: float, url: float,
                 phone_styles: tuple[str, ...] = ("national", "slash", "intl")) -> dict[str, str] | None:
        o, rnd = self.o, self.rnd
        contact: dict[str, str] = {}
        if chance(rnd, email):
            # most systems show the offer's address; some fall back to the organisation's general one
            contact["email"] = o.email if chance(rnd, 0.8) else o.org.email
        if o.phone and chance(rnd, phone):
            contact["phone"] = _phone(o.town.dialling_code, o.phone, pick(rnd, phone_styles))
        if chance(rnd, url):
            contact["url"] = f"https://www.{o.org.domain}/"
        return contact or None


_TARGETS_DE = {"adults": "Erwachsene", "children": "Kinder", "youth": "Jugendliche", "women": "Frauen",
               "men": "Männer", "families": "Familien", "parents": "Eltern", "girls": "Mädchen", "boys": "Jungen",
               "volunteers": "Ehrenamtliche"}


def _group_short(group: tuple[str, str, str]) -> str:
    label = group[0]
    return label[4:] if label.startswith("für ") else label


def _district_short(name: str) -> str:
    return name if len(name) <= 10 else name[:8] + "."


def _phone(code: str, digits: str, style: str) -> str:
    return {
        "national": f"0{code} {digits}",
        "slash": f"0{code}/{digits}",
        "dash": f"0{code}-{digits[:3]} {digits[3:]}",
        "intl": f"+49 {code} {digits}",
        "intl_grouped": f"+49 {code} {digits[:3]} {digits[3:]}",
    }[style]
