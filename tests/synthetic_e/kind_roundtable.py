"""A district round table's shared spreadsheet, one row per offer.

Habits: abbreviations in titles ('Begl. z. Ämtern', 'HA-Betr.') and organisations ('Ev. KG', 'AWO KV'),
times as 'Mo/Mi 16-18' in a remarks cell, an empty description more often than not, street without
house number, no postcode or coordinates, and the round table office's own contact where the
organisation's is unknown.
"""

from __future__ import annotations

from . import render_common as rc
from .real import RealOffer
from .seeding import chance, weighted
from .timing_text import timing_abbr
from .titles import core, with_variant

KIND = "roundtable"
AGE = (60, 420)
_REMARKS = ("Anm. erforderl.", "kostenlos", "offen f. alle", "Kinderbetr. mögl.", "Dolm. vorh.",
            "nur m. Termin", "Ansprechp. über Büro", "s. Aushang", "neu seit Herbst", "Raum wechselt")


def eligibility(real: RealOffer) -> float:
    return 0.8


def source(real: RealOffer) -> str:
    return f"urn:koordinate:source:runder-tisch-{real.town.key}"


def record_id(n: int) -> str:
    return f"Tabelle1-Z{n}"


def render(ctx: rc.Ctx) -> dict:
    real, rng = ctx.real, ctx.rng
    style = weighted(rng, [("abbr", 5), ("de", 4), ("district", 1)])
    ctx.note(f"title={style}")
    title = core(real, "abbr" if style == "abbr" else "de", rng)
    if style == "district":
        title = f"{title} {real.district.name[:3]}."
    title = with_variant(real, title, "de", rng)
    minimal = chance(rng, 0.08) and not (real.fact and real.fact.field == "venue")
    org = rc.org_name(ctx, {"abbr": 4, "short": 3, "full": 3, "typo": 0.5})
    if minimal:
        ctx.note("title_org_only")
        return rc.offer(ctx, title=title, description="", category=rc.category(ctx, 0.18), org=org,
                        kind=rc.org_kind(ctx), area={"ags": real.town.ags, "districts": [real.district.name]},
                        location=None, schedule=None, contact=None, languages=[], target_groups=[], capacity=None,
                        revision=rng.randint(1, 40))
    cells = []
    filled = chance(rng, 0.55)
    if ctx.timing and filled and chance(rng, 0.75):
        cells.append(timing_abbr(ctx.timing, rng))
        ctx.note("schedule=abbr_text")
    if filled and chance(rng, 0.6):
        cells.append(rng.choice(_REMARKS))
    description = "; ".join(cells)
    if chance(rng, 0.4):
        ctx.note("contact=office")
        contact = {"email": f"koordination@runder-tisch-{real.town.key}.example", "phone": None, "url": None}
    else:
        contact = rc.contact(ctx, p_email=0.6, p_phone=0.5, p_url=0.1, p_mailbox=0.2)
    location = rc.location(ctx, p_name=0.3, p_street=0.85, p_postcode=0.3, p_coords=0.0, jitter=0.0,
                           street_style="nonumber" if chance(rng, 0.4) else None)
    return rc.offer(
        ctx, title=title, description=description, category=rc.category(ctx, 0.18), org=org, kind=rc.org_kind(ctx),
        area=rc.area(ctx, 0.85), location=location, schedule=None, contact=contact,
        languages=rc.languages(ctx, "none" if chance(rng, 0.7) else "some"), target_groups=[], capacity=None,
        revision=rng.randint(1, 40))
