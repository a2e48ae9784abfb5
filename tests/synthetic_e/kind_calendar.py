"""An event calendar or social-media page that reposts offers as dated events.

Habits: emoji and hashtags, "Jeden Donnerstag: …!" titles, the next one to three dates as dated
windows instead of a rule, the venue by name only, no coordinates, text cut off after a teaser,
the homepage as the only contact, and now and then nothing but a title and the organisation.
"""

from __future__ import annotations

from . import render_common as rc
from .contacts import slug
from .real import RealOffer
from .seeding import chance
from .textcraft import truncate
from .timing import occurrences
from .timing_text import DE_LONG
from .titles import core, with_variant

KIND = "calendar"
AGE = (0, 45)
_EMOJI = ("🌍", "☕", "🤝", "💬", "🎉", "🌻", "📚", "⚽", "🧵", "🚲", "🍲", "✨", "👋", "❤️")
_TAGS = ("#Willkommen", "#Integration", "#Nachbarschaft", "#Ehrenamt", "#refugeeswelcome", "#Begegnung",
         "#Vielfalt", "#GemeinsamStark")


def eligibility(real: RealOffer) -> float:
    if real.variant and real.variant.kind == "event":
        return 2.0
    if real.category in ("leisure_sport", "childcare"):
        return 1.1
    if real.activity.counsel or real.category.startswith("support_"):
        return 0.1
    return 0.45


def source(real: RealOffer) -> str:
    if int(real.truth_id[1:]) % 5 < 3:
        return f"https://termine.{real.town.key}-erleben.example"
    return f"https://social.example/{slug(real.org.names.get('short', real.org.name))}"


def record_id(n: int) -> str:
    return f"evt-{n:06d}"


def _title(ctx: rc.Ctx) -> str:
    real, rng = ctx.real, ctx.rng
    x = core(real, "brand" if real.brand and chance(rng, 0.4) else ("en" if chance(rng, 0.1) else "de"), rng)
    x = with_variant(real, x, "de", rng)
    e = rng.choice(_EMOJI)
    timing = ctx.timing
    day = ""
    if timing and timing.slots and len(timing.slots[0].days) == 1 and not timing.slots[0].nth and timing.slots[0].every == 1:
        day = DE_LONG[timing.slots[0].days[0] - 1]
    forms = [f"{e} {x} {e}", f"{x} {e}", f"{e} {x}!", f"HEUTE: {x}", f"{x} im {real.venue.name_de}" if real.venue else x]
    if day:
        forms += [f"{e} Jeden {day}: {x}!", f"Jeden {day}: {x}"]
    ctx.note("title=social")
    return rng.choice(forms)


def render(ctx: rc.Ctx) -> dict:
    real, rng = ctx.real, ctx.rng
    minimal = chance(rng, 0.1) and not (real.fact and real.fact.field == "venue")
    title = _title(ctx)
    org = rc.org_name(ctx, {"short": 4, "full": 3, "abbr": 2})
    if minimal:
        ctx.note("title_org_only")
        return rc.offer(ctx, title=title, description="", category=rc.category(ctx, 0.15), org=org,
                        kind=rc.org_kind(ctx), area={"ags": real.town.ags, "districts": []}, location=None,
                        schedule=None, contact=None, languages=[], target_groups=[], capacity=None)
    text = f"{rng.choice(rc.texts(real, 'de'))} {rng.choice(_EMOJI)} "
    if real.blurb and chance(rng, 0.4):
        text += real.blurb + " "
    text += " ".join(rng.sample(_TAGS, 3)) + f" #{real.town.name.split()[0]}"
    if chance(rng, 0.2):
        # a repost copies the organisation's text and puts its own line in front
        text = f"{rng.choice(('Repost', 'Geteilt', 'Weitersagen!'))} von {org}: {text}"
        ctx.note("description_prefixed")
    if chance(rng, 0.5):
        text = truncate(text, rng.randint(70, 140), rng)
        ctx.note("description_truncated")
    schedule = None
    if ctx.timing and (ctx.timing.window or chance(rng, 0.8)):
        dates = occurrences(ctx.timing, ctx.occurred, rng.randint(1, 3))
        if dates:
            schedule = {"timezone": "Europe/Berlin", "rules": [],
                        "windows": [{"start": rc.iso(s), "end": rc.iso(e)} for s, e in dates]}
            ctx.note("schedule=dated_windows")
    return rc.offer(
        ctx, title=title, description=text, category=rc.category(ctx, 0.15), org=org, kind=rc.org_kind(ctx),
        area=rc.area(ctx, 0.3),
        location=rc.location(ctx, p_name=0.85, p_street=0.35, p_postcode=0.3, p_coords=0.15, jitter=0.002),
        schedule=schedule, contact=rc.contact(ctx, p_email=0.1, p_phone=0.0, p_url=0.5),
        languages=rc.languages(ctx, "none" if chance(rng, 0.6) else "de"), target_groups=[], capacity=None)
