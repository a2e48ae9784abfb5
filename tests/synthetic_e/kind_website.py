"""The organisation's own website: brand names, prose times, HTML left in the text.

Habits: the offer's brand as title ('Café Miteinander'), 'immer dienstags ab 18 Uhr' in a sentence
instead of a schedule, paragraphs with tags and entities, the address from the page footer, the
homepage link left in the text (contact.url carries it too), the e-mail address cut out by the
gateway, the organisation's current name only.
"""

from __future__ import annotations

from schemas.quality import CONTACT_MARKER

from . import render_common as rc
from .real import RealOffer
from .seeding import chance, weighted
from .textcraft import html_title, htmlify
from .timing_text import timing_prose_de
from .titles import core, with_variant

KIND = "website"
AGE = (0, 420)


def eligibility(real: RealOffer) -> float:
    return 0.35 if real.org.otype in ("municipal", "company") else 0.9


def source(real: RealOffer) -> str:
    return real.org.homepage


def record_id(n: int) -> str:
    return f"/angebote/{n}"


def render(ctx: rc.Ctx) -> dict:
    real, rng = ctx.real, ctx.rng
    style = weighted(rng, [("brand", 5 if real.brand else 0), ("unser", 1.5), ("de", 3.5)])
    ctx.note(f"title={style}")
    x = core(real, "brand" if style == "brand" else "de", rng)
    title = with_variant(real, x, "de", rng)
    if style == "unser":
        title = rng.choice(("Unser Angebot: ", "Bei uns: ", "Neu bei uns: ")) + title
    if chance(rng, 0.15):
        title = html_title(title, rng)
        ctx.note("html_entities_title")
    paragraphs = list(rng.sample(rc.texts(real, "de"), len(rc.texts(real, "de"))))
    if real.blurb:
        paragraphs.insert(0, real.blurb)
    if ctx.timing:
        lead = "Sprechzeiten:" if real.activity.counsel else rng.choice(("Wir treffen uns", "Wir sind da:"))
        paragraphs.append(f"{lead} {timing_prose_de(ctx.timing, rng)}.")
        ctx.note("schedule=prose")
    if real.venue:
        paragraphs.append(f"Ort: {real.venue.name_de}, {real.venue.address}")
    contact = rc.contact(ctx, p_email=0.7, p_phone=0.4, p_url=1.0)
    assert contact is not None
    contact["url"] = real.org.homepage
    paragraphs.append(f"Mehr Infos: {real.org.homepage.replace('https://', '')}")
    if contact.get("email"):
        paragraphs.append(f"Schreibt uns: {CONTACT_MARKER}")
        ctx.note("contact_in_text_moved")
    description = htmlify(paragraphs, rng)
    ctx.note("html")
    return rc.offer(
        ctx, title=title, description=description, category=rc.category(ctx, 0.12),
        org=rc.org_name(ctx, {"full": 6, "short": 3, "legal": 1}) if not real.org.former else real.org.name,
        kind=real.org.kind, area=rc.area(ctx, 0.5),
        location=rc.location(ctx, p_name=0.4, p_street=0.75, p_postcode=0.7, p_coords=0.0, jitter=0.0),
        schedule=rc.schedule(ctx) if chance(rng, 0.2) else None, contact=contact,
        languages=rc.languages(ctx, "some"), target_groups=[], capacity=None)

