"""Source systems and how each renders a real offer: which fields it knows, how it words and formats them.

Every source kind has habits: a weighted choice per dimension (title, description, schedule, location,
organisation, contact, category). The chosen options are recorded as variant notes ("title:org_prefix").
"""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from schemas.identity import entity_id
from tests.synthetic_c import noise, timeslots as ts

if TYPE_CHECKING:
    from tests.synthetic_c.world import RealOffer

# how common each kind of source is among listings, and the language it writes in
KINDS = {"portal": 0.2, "agency": 0.15, "web": 0.17, "newsletter": 0.07, "sheet": 0.12, "english": 0.08,
         "hsds": 0.09, "aggregator": 0.12}

# weight of each option per source kind (columns in the order of KINDS); a row is "dimension.option"
HABIT_TABLE = """
# option              portal agency    web newsle  sheet englis   hsds aggreg
title.own                 45     35     70     40     20     10     40     25
title.reworded            25     30      5     30     15      0     35      0
title.with_place          15     20      0      0      0      5      0     15
title.org_prefix           5      5      0      0      0      0     15     45
title.with_time            5      5     15     20     10      0      0      0
title.abbreviated          5      5      0      0     35      0      0      0
title.html                 0      0     10      0      0      0      0     10
title.caps                 0      0      0     10     20      0      0      5
title.translated           0      0      0      0      0     85     10      0
desc.full                 55     45     35     40     10     60     40      0
desc.intro                10     15     55     15      0      0     40      0
desc.shortened            20     25     10     35     35     30      0     20
desc.missing              15     15      0     10     55     10      0     15
desc.pasted                0      0      0      0      0      0     20     30
desc.truncated             0      0      0      0      0      0      0     35
sched.rrule               50     20     45      0      0     20     65     25
sched.text_de             25     50     40     75     60      0     10     20
sched.outdated            10     10     10     10     10      0     15     25
sched.missing             15     20      5     15     30     20     10     30
sched.text_en              0      0      0      0      0     60      0      0
loc.full                  55     20     30      0      0     40     70     20
loc.no_coords             15     20     30      0      0      0     15      0
loc.street_only           10     25     10     20     45     35      0     25
loc.district_centre       10      0      0      0     10      0     15     35
loc.name_only              5     25     30     60     25     15      0      0
loc.missing                5     10      0     20     20     10      0     20
org.legal                 50     20     30     20      0     25     70     20
org.short                 30     45     60     50     40     60     20     35
org.umbrella               5      0      0     20     10     15     10     25
org.no_ev                 10     15      0      0     20      0      0     10
org.host_venue             5     10      0     10      5      0      0      0
org.typo                   0     10      0      0     25      0      0     10
org.department             0      0     10      0      0      0      0      0
contact.central           45     30     40     30     20     60     70     45
contact.department        25     35     50      0      0      0     20      0
contact.phone_only        10      0     10     37     20      0      0      0
contact.reformatted       10     13      0      0     33     20      0     15
contact.missing           10     20      0     30     25     20     10     40
contact.in_text            0      2      0      3      2      0      0      0
cat.careful               80     60     75     50     45     70     85     55
cat.neighbour             15     30     25     35     30     20     15     25
cat.coarse                 5     10      0     15     25     10      0     20
"""


def _habits(table: str) -> dict[str, dict[str, dict[str, float]]]:
    out: dict[str, dict[str, dict[str, float]]] = {kind: {} for kind in KINDS}
    for line in table.strip().splitlines()[1:]:
        name, *weights = line.split()
        dim, option = name.split(".")
        for kind, w in zip(KINDS, weights):
            if float(w) > 0:
                out[kind].setdefault(dim, {})[option] = float(w)
    return out


HABITS = _habits(HABIT_TABLE)

LANG_DE = {"ar": "Arabisch", "uk": "Ukrainisch", "ru": "Russisch", "fa": "Farsi", "tr": "Türkisch", "ku": "Kurdisch",
           "ti": "Tigrinya", "ps": "Paschtu", "so": "Somali", "fr": "Französisch", "en": "Englisch"}
LANG_EN = {"ar": "Arabic", "uk": "Ukrainian", "ru": "Russian", "fa": "Farsi", "tr": "Turkish", "ku": "Kurdish",
           "ti": "Tigrinya", "ps": "Pashto", "so": "Somali", "fr": "French", "en": "English"}
DEPARTMENTS = ["Migrationsdienst", "Fachbereich Integration", "Ehrenamtskoordination", "Team Flucht und Migration"]


def pick(rng: random.Random, weights: dict[str, float]) -> str:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def source_uri(kind: str, real: "RealOffer") -> str:
    town, org = real.town, real.org
    return {
        "portal": f"urn:koordinate:source:integrationsportal-{town.slug}",
        "agency": f"urn:koordinate:source:ehrenamtsboerse-{town.slug}",
        "web": f"urn:koordinate:source:website-{org.slug}",
        "newsletter": f"urn:koordinate:source:gemeindebrief-{org.slug}",
        "sheet": f"urn:koordinate:source:koordinierungstabelle-{town.slug}",
        "english": f"urn:koordinate:source:welcome-guide-{town.slug}",
        "hsds": f"urn:koordinate:source:hsds-export-{town.land}",
        "aggregator": f"urn:koordinate:source:hilfeportal-{town.land}",
    }[kind]


class Renderer:
    """Renders listings; keeps record-id counters per source so ids are unique and reproducible."""

    def __init__(self, rng: random.Random, now: datetime):
        self.rng = rng
        self.now = now
        self.counters: dict[str, int] = {}

    def record_id(self, kind: str, source: str, real: "RealOffer") -> str:
        n = self.counters[source] = self.counters.get(source, 0) + 1
        rng = self.rng
        if kind == "portal":
            return f"angebot/{1000 + n * 7}"
        if kind == "agency":
            return str(20000 + n * 13)
        if kind == "web":
            return f"/angebote/{real.slug}-{n}"
        if kind == "newsletter":
            return f"{self.now.year}-{rng.randint(1, 6):02d}-{n}"
        if kind == "sheet":
            return f"Tabelle1!A{n + 1}"
        if kind == "english":
            return f"en-{n:04d}"
        if kind == "hsds":
            return str(uuid.UUID(int=rng.getrandbits(128), version=4))
        return f"agg-{n:05d}-{rng.getrandbits(24):06x}"

    # --- one listing ------------------------------------------------------------------------
    def render(self, real: "RealOffer", kind: str, earlier: list[dict]) -> tuple[dict, list[str]]:
        rng = self.rng
        habits = HABITS[kind]
        choice = {dim: pick(rng, w) for dim, w in habits.items()}
        if real.family == "org_roles" and choice["desc"] == "full" and rng.random() < 0.5:
            choice["desc"] = "intro"  # one organisation, one boilerplate paragraph on every page
        notes: list[str] = []
        english = kind == "english"
        source = source_uri(kind, real)
        rid = self.record_id(kind, source, real)

        title = self._title(real, choice["title"], english, notes)
        schedule, sched_text = self._schedule(real, choice["sched"], english, kind, notes)
        desc = self._description(real, choice["desc"], english, kind, sched_text, earlier, notes)
        org = self._org(real, choice["org"], notes)
        contact, contact_text = self._contact(real, choice["contact"], notes)
        if contact_text:
            desc = (desc + " " + contact_text).strip()
        category = self._category(real, choice["cat"], notes)
        location = self._location(real, choice["loc"], notes)

        updated = real.updated + timedelta(days=rng.randint(-40, 20), minutes=rng.randint(0, 1440))
        if choice["sched"] == "outdated" or kind == "aggregator" and rng.random() < 0.4:
            updated -= timedelta(days=rng.randint(60, 300))
            notes.append("time:stale_listing")
        updated = min(updated, self.now)
        payload: dict = {
            "id": entity_id(source, rid),
            "source": source,
            "source_record_id": rid,
            "revision": rng.randint(1, 12) if kind in ("portal", "sheet") else int(updated.timestamp() * 1_000_000),
            "title": title[:300],
            "description": desc[:5000],
            "category": category,
            "organisation": org,
            "area": self._area(real, kind),
            "occurred_at": updated.isoformat(),
        }
        if location is not None:
            payload["location"] = location
        if schedule is not None:
            payload["schedule"] = schedule
        if contact is not None:
            payload["contact"] = contact
        if kind in ("portal", "hsds", "web", "english") and real.languages:
            langs = list(real.languages)
            if english and "en" not in langs:
                langs.append("en")
            payload["languages"] = langs if rng.random() < 0.8 else langs[:1]
        if kind in ("portal", "hsds", "agency", "web") and real.target_groups and rng.random() < 0.75:
            payload["target_groups"] = list(real.target_groups)
        if kind in ("portal", "hsds", "web") and real.capacity is not None and rng.random() < 0.7:
            payload["capacity"] = real.capacity
        if real.valid and kind in ("portal", "hsds", "web", "agency"):
            payload["valid_from"] = real.valid[0].isoformat()
            payload["valid_until"] = real.valid[1].isoformat()
        if real.status != "active" and rng.random() < 0.6:
            payload["status"] = real.status
        return payload, notes

    # --- dimensions -------------------------------------------------------------------------
    def _title(self, real: "RealOffer", opt: str, english: bool, notes: list[str]) -> str:
        rng = self.rng
        base = real.title_en if english else real.title_de
        if opt == "own" and english:
            notes.append("title:german_kept")
            return real.title_de
        if opt == "reworded":
            choices = [t for t in real.activity.de if t != real.generic_de] or [real.generic_de]
            alt = rng.choice(choices) if not real.brand or rng.random() < 0.5 else real.generic_de
            t = real.with_label(alt, english=False)
            if real.programme:
                t = f"{real.programme} – {alt}"
            notes.append("title:reworded")
            return t
        if opt == "translated":
            notes.append("title:translated")
            return real.title_en
        if opt == "org_prefix":
            who = real.org.umbrella if real.org.umbrella and rng.random() < 0.4 else real.org.short
            notes.append("title:org_prefix")
            return rng.choice([f"{who}: {base}", f"{base} ({who})", f"{base} | {who}", f"{who} – {base}"])
        if opt == "with_time":
            notes.append("title:with_time")
            if real.window:
                return f"{base} am {real.window.day}.{real.window.month}."
            if real.slot.appointment:
                return f"{base} (nach Vereinbarung)"
            if rng.random() < 0.5:
                return f"{base} ({ts.short_de(real.slot)})"
            return f"{base} – {ts.DE_DAYS[real.slot.days[0]].lower()}s"
        if opt == "with_place":
            notes.append("title:with_place")
            if real.venue and rng.random() < 0.6:
                place = rng.choice((real.venue.name,) + real.venue.aliases)
                return f"{base} in {place}" if english else f"{base} {preposition(place)} {place}"
            return f"{base} {real.district.name}" if rng.random() < 0.6 else f"{base} in {real.town.name}"
        if opt == "abbreviated":
            short = noise.abbreviate(base, rng)
            notes.append("title:abbreviated" if short != base else "title:own")
            return short
        if opt == "caps":
            notes.append("title:caps")
            return base.upper()
        if opt == "html":
            notes.append("title:html")
            return noise.html_noise(base, rng)
        notes.append("title:own")
        return base

    def _schedule(self, real: "RealOffer", opt: str, english: bool, kind: str, notes: list[str]) -> tuple[dict | None, str]:
        rng = self.rng
        if opt == "text_en" or (english and opt == "text_de"):
            opt = "text_en"
        if real.window:
            if opt in ("rrule", "outdated"):
                notes.append("sched:window")
                return ts.window(real.window, real.slot.dur), ""
            if opt == "missing":
                notes.append("sched:missing")
                return None, ""
            notes.append("sched:date_text")
            return None, (ts.date_text_en(real.window) if english else ts.date_text_de(real.window))
        if real.slot.appointment:
            if opt == "missing":
                notes.append("sched:missing")
                return None, ""
            notes.append("sched:appointment_text")
            return None, ts.text_en(real.slot, rng) if english else ts.text_de(real.slot, rng)
        if opt == "rrule":
            slot = real.slot
            if slot.interval == 2 and kind in ("agency", "aggregator", "portal") and rng.random() < 0.3:
                slot = ts.Slot(slot.days, slot.hour, slot.minute, slot.dur)
                notes.append("sched:biweekly_as_weekly")
            notes.append("sched:rrule")
            until = real.valid[1] if real.valid and rng.random() < 0.7 else None
            return ts.schedule(slot, real.season_start, until, style=rng.choice([0, 0, 0, 1, 2, 3])), ""
        if opt == "outdated":
            old = real.old_slot
            notes.append("sched:outdated")
            start = real.season_start - timedelta(days=rng.choice([120, 180, 240]))
            if rng.random() < 0.6:
                until = ts.at(real.season_start - timedelta(days=rng.randint(10, 40)), 23, 0)
                return ts.schedule(old, start, until if until.date() > start else None), ""
            return (ts.schedule(old, start), "") if rng.random() < 0.6 else (None, ts.text_de(old, rng))
        if opt == "text_de":
            notes.append("sched:text_de")
            return None, ts.text_de(real.slot, rng)
        if opt == "text_en":
            notes.append("sched:text_en")
            return None, ts.text_en(real.slot, rng)
        notes.append("sched:missing")
        return None, ""

    def _description(self, real: "RealOffer", opt: str, english: bool, kind: str, sched_text: str,
                     earlier: list[dict], notes: list[str]) -> str:
        rng = self.rng
        core = real.desc_en if english else real.desc_de
        if opt == "pasted":
            donors = [e["description"] for e in earlier if e.get("description")
                      and ("welcome-guide" in e["source"]) == english]
            if donors:
                notes.append("desc:pasted")
                text = rng.choice(donors)
                return noise.truncate(text, rng) if rng.random() < 0.3 else text
            opt = "full"
        if opt == "missing":
            notes.append("desc:missing")
            return sched_text
        if opt == "shortened":
            notes.append("desc:shortened")
            text = noise.shorten(core)
        elif opt == "truncated":
            notes.append("desc:truncated")
            text = noise.truncate(real.org.intro_de + " " + core if rng.random() < 0.4 else core, rng)
        elif opt == "intro":
            notes.append("desc:org_intro")
            intro = real.org.intro_en if english else real.org.intro_de
            text = intro + ("\n\n" if rng.random() < 0.6 else " ") + core
        else:
            notes.append("desc:full")
            text = core
        if sched_text:
            text = (text + ("\n" if rng.random() < 0.5 else " ") + sched_text).strip()
        if real.venue and opt in ("full", "intro") and rng.random() < 0.35:
            text += (f" Where: {real.venue.name}." if english else f" Ort: {real.venue.name}.")
        if kind in ("web", "aggregator") and rng.random() < 0.25:
            notes.append("desc:html")
            text = noise.html_description(text, rng)
        return text

    def _org(self, real: "RealOffer", opt: str, notes: list[str]) -> dict:
        rng, org = self.rng, real.org
        if opt == "host_venue" and not (real.venue and real.venue.kind in ("library", "parish", "youth", "civic", "family", "school")):
            opt = "short"
        notes.append(f"org:{opt}")
        if opt == "short":
            return {"name": org.short, "kind": org.kind}
        if opt == "umbrella":
            if org.umbrella:
                return {"name": org.umbrella, "kind": org.umbrella_kind}
            return {"name": org.short, "kind": org.kind}
        if opt == "typo":
            return {"name": noise.typo(rng.choice([org.legal, org.short]), rng), "kind": org.kind}
        if opt == "no_ev":
            return {"name": noise.flip_ev(org.legal, rng), "kind": org.kind}
        if opt == "host_venue" and real.venue and real.venue.kind in ("library", "parish", "youth", "civic", "family", "school"):
            kind = "church" if real.venue.kind == "parish" else "municipal" if real.venue.kind in ("library", "school") \
                else "association"
            return {"name": real.venue.name, "kind": kind}
        if opt == "department":
            return {"name": f"{org.short} – {rng.choice(DEPARTMENTS)}", "kind": org.kind}
        return {"name": org.legal, "kind": org.kind}

    def _contact(self, real: "RealOffer", opt: str, notes: list[str]) -> tuple[dict | None, str]:
        rng, org = self.rng, real.org
        notes.append(f"contact:{opt}")
        dept = real.contact_dept
        email = org.dept_email if dept else org.email
        phone = org.dept_phone if dept else org.phone
        if opt == "central":
            c = {"email": org.email, "phone": org.phone}
            if rng.random() < 0.4:
                c["url"] = org.url
            return c, ""
        if opt == "department":
            return {"email": org.dept_email, "phone": org.dept_phone}, ""
        if opt == "phone_only":
            return {"phone": noise.phone_variant(phone, rng) if rng.random() < 0.5 else phone}, ""
        if opt == "reformatted":
            return {"email": email, "phone": noise.phone_variant(phone, rng)}, ""
        if opt == "in_text":
            return None, rng.choice([f"Anmeldung unter {noise.phone_variant(phone, rng)}.", f"Infos: {email}"])
        return None, ""

    def _category(self, real: "RealOffer", opt: str, notes: list[str]) -> str:
        cat = real.category
        if opt == "neighbour" and real.activity.alt:
            notes.append("cat:neighbour")
            return self.rng.choice(real.activity.alt)
        if opt == "coarse":
            coarse = "everyday_help" if not cat.startswith("support_") else "support_training"
            if coarse != cat:
                notes.append("cat:coarse")
                return coarse
        notes.append("cat:careful")
        return cat

    def _location(self, real: "RealOffer", opt: str, notes: list[str]) -> dict | None:
        rng, v = self.rng, real.venue
        if v is None or opt == "missing":
            notes.append("loc:missing")
            return None
        notes.append(f"loc:{opt}")
        name = v.name
        if v.aliases and rng.random() < 0.25:
            name = rng.choice(v.aliases)
            notes.append("loc:alias")
        street, number = v.street, v.number
        if rng.random() < 0.35:
            street, number = noise.street_variant(street, rng), noise.number_variant(number, rng)
            notes.append("loc:street_notation")
        address = f"{street} {number}"
        city = v.city if rng.random() < 0.8 else f"{v.city.split(' ')[0]}-{v.district.name}"
        if opt == "full":
            return {"name": name, "street": address, "postcode": v.district.postcode, "city": city, "lat": v.lat, "lon": v.lon}
        if opt == "no_coords":
            return {"name": name, "street": address, "postcode": v.district.postcode, "city": city}
        if opt == "name_only":
            return {"name": name}
        if opt == "street_only":
            loc = {"street": address}
            if rng.random() < 0.6:
                loc.update(postcode=v.district.postcode, city=city)
            return loc
        loc = {"city": city, "lat": v.district.lat, "lon": v.district.lon}  # district centre
        if rng.random() < 0.5:
            loc["name"] = name
        return loc

    def _area(self, real: "RealOffer", kind: str) -> dict:
        districts = [real.district.name] if kind in ("portal", "hsds", "agency") and self.rng.random() < 0.6 else []
        return {"ags": real.town.ags, "districts": districts}


def preposition(place: str) -> str:
    if place.startswith(("Sportplatz",)):
        return "auf dem"
    if place.startswith(("Bibliothek", "Stadtteilbibliothek", "Stadtbibliothek", "Bücherei", "Grundschule", "Oberschule",
                         "Schule", "GS ", "GU ", "Kirchgemeinde", "Gemeinschaftsunterkunft", "Unterkunft", "Beratungsstelle", "Migrationsberatungsstelle",
                         "Sporthalle", "Turnhalle", "Halle")):
        return "in der"
    return "im"


def season_start(rng: random.Random) -> date:
    return rng.choice([date(2025, 9, 1), date(2025, 10, 6), date(2026, 1, 7), date(2026, 3, 2)])
