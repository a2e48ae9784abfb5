"""The municipal refugee-help app: short texts, strict categories, structured schedules.

Habits: short titles, a quarter of them in Leichte Sprache and some bilingual; one or two short
sentences; the category is always the app's own strict one (the real category); schedules as RRULEs;
every address geocoded (slightly off the venue); districts set; languages listed in full.
"""

from __future__ import annotations

from . import render_common as rc
from .real import RealOffer
from .seeding import chance, weighted
from .textcraft import shorten_sentence
from .titles import core, with_variant

KIND = "app"
AGE = (0, 150)
_SMALL = ("landau", "greifswald", "eberswalde", "weimar")


def eligibility(real: RealOffer) -> float:
    if real.category.startswith("support_"):
        return 0.3
    return 0.5 if real.town.key in _SMALL else 1.2


def source(real: RealOffer) -> str:
    return f"https://app.willkommen-{real.town.key}.example"


def record_id(n: int) -> str:
    return f"angebot-{n}"


def render(ctx: rc.Ctx) -> dict:
    real, rng = ctx.real, ctx.rng
    style = weighted(rng, [("de", 4.5), ("easy", 2), ("bilingual", 1.5), ("brand", 1 if real.brand else 0),
                           ("district", 1)])
    ctx.note(f"title={style}")
    if style == "easy":
        title = with_variant(real, core(real, "easy", rng), "de", rng)
        text = rng.choice(rc.texts(real, "easy"))
        ctx.note("leichte_sprache")
    else:
        if style == "bilingual":
            title = f"{core(real, 'de', rng)}{rng.choice((' / ', ' | ', ' – '))}{core(real, 'en', rng)}"
        elif style == "brand":
            title = core(real, "brand", rng)
        elif style == "district":
            title = f"{core(real, 'de', rng)} {rng.choice(('in ', '', '– '))}{real.district.name}"
        else:
            title = core(real, "de", rng)
        title = with_variant(real, title, "de", rng)
        text = shorten_sentence(rng.choice(rc.texts(real, "de")))
        if chance(rng, 0.3):
            text = rng.choice(rc.texts(real, "easy"))
            ctx.note("leichte_sprache")
    if real.blurb and chance(rng, 0.5):
        text = f"{text} {real.blurb}"
    if chance(rng, 0.3):
        text += " " + rng.choice(("Das kostet nichts.", "Kostenlos.", "Sie brauchen keine Anmeldung."))
    return rc.offer(
        ctx, title=title, description=text, category=real.category,
        org=rc.org_name(ctx, {"short": 5, "full": 4, "abbr": 1}), kind=rc.org_kind(ctx), area=rc.area(ctx, 0.9),
        location=rc.location(ctx, p_name=0.6, p_street=0.95, p_postcode=0.9, p_coords=0.85, jitter=0.0008,
                             street_style="plain" if chance(rng, 0.7) else None),
        schedule=rc.schedule(ctx) if chance(rng, 0.85) else None,
        contact=rc.contact(ctx, p_email=0.85, p_phone=0.6, p_url=0.4),
        languages=rc.languages(ctx, "all"), target_groups=list(real.target_groups),
        capacity=real.capacity if chance(rng, 0.5) else None, revision=rng.randint(1, 14), validity=True)
