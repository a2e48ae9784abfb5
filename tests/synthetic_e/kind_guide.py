"""An English welcome guide for newcomers, edited once a year.

Habits: English titles and text, sometimes bilingual; times as 'Tuesdays 6-8 pm' and 'every other
Thursday', a good share of them outdated; venues by their English name, often with nothing else;
organisation names translated; the homepage as the contact; an older date on every record.
"""

from __future__ import annotations

from . import render_common as rc
from .real import RealOffer
from .seeding import chance, weighted
from .timing_text import timing_en
from .titles import core, with_variant

KIND = "guide"
AGE = (200, 720)


def eligibility(real: RealOffer) -> float:
    base = 0.9 if real.town.university else 0.2
    return base * (0.2 if real.category.startswith("support_") else 1.0)


def source(real: RealOffer) -> str:
    return f"https://welcome.{real.town.key}.example/en/guide"


def record_id(n: int) -> str:
    return f"guide-2025-{n:04d}"


def render(ctx: rc.Ctx) -> dict:
    real, rng = ctx.real, ctx.rng
    style = weighted(rng, [("en", 6), ("bilingual", 2.5), ("brand", 1.5 if real.brand else 0)])
    ctx.note(f"title={style}")
    if style == "bilingual":
        title = f"{core(real, 'de', rng)} / {core(real, 'en', rng)}"
    elif style == "brand":
        title = f"{core(real, 'brand', rng)} ({core(real, 'en', rng)})"
    else:
        title = core(real, "en", rng)
    title = with_variant(real, title, "en", rng)
    parts = [rng.choice(rc.texts(real, "en"))]
    if ctx.timing:
        parts.append(f"When: {timing_en(ctx.timing, rng)}.")
        ctx.note("schedule=text_en")
    venue_only = real.venue is not None and chance(rng, 0.3)
    if real.venue:
        parts.append(f"Where: {real.venue.name_en}.")
    parts.append(rng.choice(rc.COST_EN))
    parts.append(rc.language_sentence_en(ctx))
    if venue_only:
        ctx.note("venue_name_only")
        location = {"name": real.venue.name_en, "street": None, "postcode": None,
                    "city": rc.city_text(ctx), "lat": None, "lon": None}
    else:
        location = rc.location(ctx, p_name=0.9, p_street=0.8, p_postcode=0.5, p_coords=0.2, jitter=0.001,
                               name_lang="en")
    return rc.offer(
        ctx, title=title, description=" ".join(p for p in parts if p), category=rc.category(ctx, 0.12),
        org=rc.org_name(ctx, {"en": 4, "full": 4, "short": 2}), kind=rc.org_kind(ctx), area=rc.area(ctx, 0.3),
        location=location, schedule=rc.schedule(ctx, with_until=False) if chance(rng, 0.25) else None,
        contact=rc.contact(ctx, p_email=0.4, p_phone=0.3, p_url=0.75),
        languages=rc.languages(ctx, "en"), target_groups=list(real.target_groups) if chance(rng, 0.4) else [],
        capacity=None, revision=2025)
