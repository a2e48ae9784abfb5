"""A nationwide finder for counselling services (migration, asylum, social, debt, health advice).

Habits: only counselling offers; formal service names with the carrier appended; office hours as
several RRULEs, one per weekday; the counselling department's mailbox and phone; every language the
service is offered in; full address and coordinates.
"""

from __future__ import annotations

from . import render_common as rc
from .real import RealOffer
from .seeding import chance
from .timing_text import timing_de
from .titles import core, with_variant

KIND = "beratung"
AGE = (0, 200)


def eligibility(real: RealOffer) -> float:
    return 2.2 if real.activity.counsel else 0.0


def source(real: RealOffer) -> str:
    return "https://www.beratungsstellen-finder.example"


def record_id(n: int) -> str:
    return f"bst-{n:05d}"


def render(ctx: rc.Ctx) -> dict:
    real, rng = ctx.real, ctx.rng
    title = with_variant(real, core(real, "de", rng), "de", rng)
    if chance(rng, 0.4):
        title = f"{title} – {real.org.names.get('short', real.org.name)}"
        ctx.note("title+org")
    parts = list(rc.texts(real, "de"))
    if real.blurb:
        parts.insert(0, real.blurb)
    if not any("kostenlos" in p for p in parts):
        parts.append("Die Beratung ist kostenlos und vertraulich.")
    parts.append(rc.language_sentence_de(ctx))
    if ctx.timing and chance(rng, 0.4):
        parts.append(f"Offene Sprechstunde: {timing_de(ctx.timing, rng)}.")
    location = rc.location(ctx, p_name=0.8, p_street=1.0, p_postcode=1.0, p_coords=0.9, jitter=0.0003)
    return rc.offer(
        ctx, title=title, description=" ".join(p for p in parts if p), category=rc.category(ctx, 0.08),
        org=rc.org_name(ctx, {"full": 5, "long": 3, "short": 1}), kind=real.org.kind, area=rc.area(ctx, 0.4),
        location=location, schedule=rc.schedule(ctx, split_days=True) if chance(rng, 0.8) else None,
        contact=rc.contact(ctx, p_email=0.95, p_phone=0.9, p_url=0.6, p_mailbox=0.8, url_page=True),
        languages=rc.languages(ctx, "all"), target_groups=list(real.target_groups), capacity=None)
