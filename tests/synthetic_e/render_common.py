"""Building blocks every source kind uses: identity, organisation name, location, contact, category.

Each function takes the listing context (the real offer, the source, a random stream and the list of
variant notes) and returns one field the way the calling source writes it, noting what it changed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from schemas.identity import entity_id

from .facts import shown
from .real import RealOffer
from .seeding import chance, weighted
from .textcraft import ascii_umlauts
from .timing import BERLIN, Timing, iso, schedule_rules, schedule_window
from .titles import canonical

NOW = datetime(2026, 11, 16, 9, 0, tzinfo=BERLIN)
LANG_DE = {"de": "Deutsch", "en": "Englisch", "ar": "Arabisch", "fa": "Farsi/Dari", "uk": "Ukrainisch",
           "ru": "Russisch", "tr": "Türkisch", "ku": "Kurdisch", "ti": "Tigrinya", "ps": "Paschtu",
           "so": "Somali", "fr": "Französisch", "es": "Spanisch"}
LANG_EN = {"de": "German", "en": "English", "ar": "Arabic", "fa": "Farsi/Dari", "uk": "Ukrainian",
           "ru": "Russian", "tr": "Turkish", "ku": "Kurdish", "ti": "Tigrinya", "ps": "Pashto",
           "so": "Somali", "fr": "French", "es": "Spanish"}
# sources written long ago still show an organisation's former name
OLD_KINDS = ("guide", "flyer", "roundtable")


@dataclass
class Ctx:
    real: RealOffer
    kind: str
    source: str
    record_id: str
    rng: random.Random
    occurred: datetime
    stale: bool = False
    notes: list[str] = field(default_factory=list)
    timing: Timing | None = None

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)


def occurred_at(rng: random.Random, min_days: int, max_days: int) -> datetime:
    minutes = rng.randint(min_days * 1440, max_days * 1440)
    return (NOW - timedelta(minutes=minutes)).replace(second=0, microsecond=0)


# -- organisation -----------------------------------------------------------------------------------
def org_name(ctx: Ctx, weights: dict[str, float]) -> str:
    org = ctx.real.org
    if org.former and (ctx.kind in OLD_KINDS or ctx.stale) and chance(ctx.rng, 0.7):
        ctx.note("renamed_org")
        return org.former
    options = [(style, w) for style, w in weights.items() if style in org.names and w > 0]
    style = weighted(ctx.rng, options) if options else "full"
    if style != "full":
        ctx.note(f"org={style}")
    return org.names[style]


def org_kind(ctx: Ctx) -> str:
    kind = ctx.real.org.kind
    # church charities are filed as associations by some systems, initiatives as associations too
    if kind == "church" and ctx.real.org.otype in ("charity", "welfare") and chance(ctx.rng, 0.3):
        ctx.note("org_kind_differs")
        return "association"
    if kind == "initiative" and ctx.real.org.registered and chance(ctx.rng, 0.4):
        ctx.note("org_kind_differs")
        return "association"
    return kind


# -- place ------------------------------------------------------------------------------------------
def street_text(ctx: Ctx, style: str | None = None) -> str | None:
    """The venue's street in one of the notations sources use."""
    venue = ctx.real.venue
    if venue is None:
        return None
    rng = ctx.rng
    style = style or weighted(rng, [("plain", 5), ("str", 3), ("range", 1), ("nonumber", 1), ("ascii", 0.6),
                                    ("str_nodot", 0.5), ("comma", 0.4)])
    street, number = venue.street, venue.number
    if style == "range" and venue.number_range:
        number = venue.number_range
    elif style == "range":
        style = "plain"
    if style in ("str", "str_nodot"):
        abbrev = "Str." if style == "str" else "Str"
        street = street.replace("straße", "str." if style == "str" else "str").replace("Straße", abbrev)
    if style == "ascii":
        street = ascii_umlauts(street)
    if style != "plain":
        ctx.note(f"street={style}")
    if style == "nonumber":
        return street
    return f"{street}, {number}" if style == "comma" else f"{street} {number}"


def city_text(ctx: Ctx, with_district: float = 0.0) -> str:
    town = ctx.real.town
    rng = ctx.rng
    variants = {
        "freiburg": ("Freiburg im Breisgau", "Freiburg", "Freiburg i. Br."),
        "landau": ("Landau in der Pfalz", "Landau", "Landau/Pfalz"),
        "rostock": ("Rostock", "Hansestadt Rostock"),
        "marburg": ("Marburg", "Universitätsstadt Marburg", "Marburg (Lahn)"),
        "lueneburg": ("Lüneburg", "Hansestadt Lüneburg"),
        "greifswald": ("Greifswald", "Universitäts- und Hansestadt Greifswald"),
    }.get(town.key, (town.name,))
    city = rng.choice(variants)
    if chance(rng, with_district) and ctx.real.district is not town.districts[0]:
        city = f"{city}-{ctx.real.district.name}"
        ctx.note("city_with_district")
    return city


def coords(ctx: Ctx, jitter: float) -> tuple[float | None, float | None]:
    venue = ctx.real.venue
    if venue is None:
        return None, None
    rng = ctx.rng
    return (round(venue.lat + rng.uniform(-jitter, jitter), 6), round(venue.lon + rng.uniform(-jitter, jitter), 6))


def location(ctx: Ctx, *, p_name: float, p_street: float, p_postcode: float, p_coords: float, jitter: float,
             name_lang: str = "de", city_district: float = 0.0, street_style: str | None = None) -> dict | None:
    venue = ctx.real.venue
    if venue is None:
        return None
    rng = ctx.rng
    loc: dict[str, Any] = {"name": None, "street": None, "postcode": None, "city": None, "lat": None, "lon": None}
    if chance(rng, p_name):
        loc["name"] = venue.name_en if name_lang == "en" else venue.name_de
        if name_lang == "en":
            ctx.note("venue_en")
    if chance(rng, p_street):
        loc["street"] = street_text(ctx, street_style)
        if chance(rng, p_postcode):
            loc["postcode"] = venue.district.postcode
    if not loc["name"] and not loc["street"]:
        ctx.note("location_missing")
        return None
    if not loc["street"]:
        ctx.note("street_missing")
    loc["city"] = city_text(ctx, city_district)
    if chance(rng, p_coords):
        loc["lat"], loc["lon"] = coords(ctx, jitter)
    else:
        ctx.note("coords_missing")
    return loc


def area(ctx: Ctx, p_district: float) -> dict:
    districts = [ctx.real.district.name] if chance(ctx.rng, p_district) else []
    return {"ags": ctx.real.town.ags, "districts": districts}


# -- contact ----------------------------------------------------------------------------------------
def email(ctx: Ctx, p_mailbox: float = 0.5) -> str:
    org, real = ctx.real.org, ctx.real
    if real.mailbox and chance(ctx.rng, p_mailbox):
        return org.mailbox(real.mailbox)
    return org.central_mail


def contact(ctx: Ctx, *, p_email: float, p_phone: float, p_url: float, p_mailbox: float = 0.5,
            url_page: bool = False) -> dict | None:
    rng, org = ctx.rng, ctx.real.org
    out: dict[str, Any] = {"email": None, "phone": None, "url": None}
    if chance(rng, p_email):
        out["email"] = email(ctx, p_mailbox)
    if ctx.real.contact_phone and chance(rng, p_phone):
        out["phone"] = org.phone(rng, None if chance(rng, 0.6) else rng.choice(
            ("intl", "intl_dash", "national", "national_dash", "slash", "plain", "grouped")))
    if chance(rng, p_url):
        out["url"] = org.homepage + (f"/angebote/{ctx.real.activity.key}" if url_page and chance(rng, 0.5) else "")
    if not any(out.values()):
        ctx.note("contact_missing")
        return None
    return out


# -- classification ---------------------------------------------------------------------------------
def category(ctx: Ctx, p_near: float) -> str:
    if chance(ctx.rng, p_near):
        ctx.note("category=near")
        return ctx.real.activity.near
    return ctx.real.category


def languages(ctx: Ctx, mode: str) -> list[str]:
    langs = ctx.real.languages
    if mode == "all":
        return list(langs)
    if mode == "de":
        return ["de"]
    if mode == "none":
        return []
    if mode == "en":
        return list(dict.fromkeys(["en", *langs]))
    return list(langs[: ctx.rng.randint(1, max(1, len(langs)))])


def language_sentence_de(ctx: Ctx) -> str:
    names = [LANG_DE[code] for code in ctx.real.languages if code in LANG_DE]
    if len(names) <= 1:
        return ""
    return ctx.rng.choice((f"Wir sprechen {', '.join(names[:-1])} und {names[-1]}.",
                           f"Sprachen: {', '.join(names)}.", f"Auch auf {', '.join(names[1:])}."))


def language_sentence_en(ctx: Ctx) -> str:
    names = [LANG_EN[code] for code in ctx.real.languages if code in LANG_EN]
    if len(names) <= 1:
        return ""
    return ctx.rng.choice((f"Languages: {', '.join(names)}.", f"We speak {', '.join(names[:-1])} and {names[-1]}."))


COST_DE = ("Kostenlos.", "Die Teilnahme ist kostenlos.", "Eintritt frei.", "Kostenfrei, Spenden willkommen.",
           "Ohne Anmeldung, kostenlos.", "Das Angebot ist kostenfrei.")
COST_EN = ("Free of charge.", "Free, no registration needed.", "No cost.", "Free entry.")


def texts(real: RealOffer, lang: str) -> tuple[str, ...]:
    """The sentences that describe the real offer: a special event has its own, others the activity's."""
    own = {"de": real.texts_de, "en": real.texts_en, "easy": real.texts_de}[lang]
    if own:
        return own
    a = real.activity
    return {"de": a.d_de, "en": a.d_en, "easy": a.d_easy or a.d_de}[lang]


# -- schedule ---------------------------------------------------------------------------------------
def schedule(ctx: Ctx, split_days: bool = False, with_until: bool = True) -> dict | None:
    timing = ctx.timing
    if timing is None:
        return None
    if timing.window:
        return schedule_window(timing)
    if not timing.slots:
        return None
    ctx.note("schedule=rrule")
    return schedule_rules(timing, ctx.rng, split_days=split_days, with_until=with_until)


# -- the record -------------------------------------------------------------------------------------
def offer(ctx: Ctx, *, title: str, description: str, category: str, org: str, kind: str, area: dict,
          location: dict | None, schedule: dict | None, contact: dict | None, languages: list[str],
          target_groups: list[str], capacity: int | None, revision: int | None = None,
          status: str | None = None, validity: bool = False) -> dict:
    real = ctx.real
    data: dict[str, Any] = {
        "id": entity_id(ctx.source, ctx.record_id),
        "source": ctx.source,
        "source_record_id": ctx.record_id,
        "revision": revision if revision is not None else int(ctx.occurred.timestamp() * 1_000_000),
        "title": title.strip()[:300],
        "description": description.strip()[:5000],
        "category": category,
        "organisation": {"name": org, "kind": kind},
        "area": area,
        "location": location,
        "schedule": schedule,
        "capacity": capacity,
        "languages": languages,
        "target_groups": target_groups,
        "contact": contact,
        "status": status or real.status,
        "valid_from": iso(_day(real.valid_from)) if validity and real.valid_from else None,
        "valid_until": iso(_day(real.valid_until, end=True)) if validity and real.valid_until else None,
        "occurred_at": iso(ctx.occurred),
    }
    if schedule is None:
        ctx.note("schedule_missing" if real.timing else "no_schedule")
    if not data["description"]:
        ctx.note("description_empty")
    _enforce_fact(ctx, data)
    return data


def _day(d: Any, end: bool = False) -> datetime:
    return datetime(d.year, d.month, d.day, 23 if end else 0, 59 if end else 0, tzinfo=BERLIN)


def _enforce_fact(ctx: Ctx, data: dict) -> None:
    """Hard-negative listings always show what tells them apart: a source that dropped it gets it back
    in the plainest form (a careful reader could then still decide)."""
    real = ctx.real
    fact = real.fact
    if fact is None:
        return
    if fact.field == "title":
        leaks = any(shown(data, other) for other in real.sibling_facts if other.values)
        if leaks or (fact.values and not shown(data, fact)):
            data["title"] = canonical(real)
            ctx.note("title_plain")
    elif fact.field == "org" and not shown(data, fact):
        data["organisation"]["name"] = real.org.names["full"]
    elif fact.field == "venue" and not shown(data, fact):
        venue = real.venue
        assert venue is not None
        loc = data["location"] or {"name": None, "street": None, "postcode": None, "city": venue.town.name,
                                   "lat": None, "lon": None}
        loc["name"] = venue.name_de
        data["location"] = loc
