"""A PDF flyer run through text extraction.

Habits: headline in capitals, body text with the column's line breaks and words split by a hyphen
('Sprach-\\ncafé'), a 'Wann: … | Wo: …' line, a few OCR slips, the contact printed on the flyer
(the gateway moves it into the contact field and leaves a marker), no structured schedule, the
venue by name with or without street, no coordinates.
"""

from __future__ import annotations

from schemas.quality import CONTACT_MARKER

from . import render_common as rc
from .real import RealOffer
from .seeding import chance
from .textcraft import hyphenate_lines, ocr_noise
from .timing_text import timing_abbr, timing_de
from .titles import core, with_variant

KIND = "flyer"
AGE = (20, 520)
_INVITES = ("Herzliche Einladung!", "Alle sind willkommen!", "Kommen Sie vorbei!", "Neu im Stadtteil?",
            "Wir freuen uns auf Sie!", "Willkommen – Welcome – أهلا وسهلا")


def eligibility(real: RealOffer) -> float:
    return 0.9 if real.org.otype in ("church", "initiative", "association", "migrant", "charity") else 0.3


def source(real: RealOffer) -> str:
    return f"urn:koordinate:source:flyer-archiv-{real.town.key}"


def record_id(n: int) -> str:
    return f"flyer-{n:04d}-s1"


def render(ctx: rc.Ctx) -> dict:
    real, rng = ctx.real, ctx.rng
    x = core(real, "brand" if real.brand and chance(rng, 0.5) else "de", rng)
    title = with_variant(real, x, "de", rng)
    if chance(rng, 0.35):
        title = title.upper()
        ctx.note("title=caps")
    elif chance(rng, 0.25):
        title = f"Einladung: {title}"
    body = " ".join([rng.choice(_INVITES), *rng.sample(rc.texts(real, "de"), min(2, len(rc.texts(real, "de")))),
                     rng.choice(rc.COST_DE)])
    if real.blurb and chance(rng, 0.5):
        body += " " + real.blurb
    lines = [hyphenate_lines(body, rng, width=rng.randint(30, 46))]
    ctx.note("hyphenated_lines")
    when = ""
    if ctx.timing:
        when = timing_abbr(ctx.timing, rng) if chance(rng, 0.4) else timing_de(ctx.timing, rng)
        ctx.note("schedule=text")
    where = real.venue.name_de if real.venue else ""
    if real.venue and chance(rng, 0.4):
        where += f", {rc.street_text(ctx)}"
    if when or where:
        lines.append(" | ".join(p for p in (f"Wann: {when}" if when else "", f"Wo: {where}" if where else "") if p))
    contact = rc.contact(ctx, p_email=0.7, p_phone=0.6, p_url=0.2)
    if contact and (contact["email"] or contact["phone"]):
        lines.append(f"{rng.choice(('Kontakt', 'Infos', 'Anmeldung'))}: {CONTACT_MARKER}")
        ctx.note("contact_in_text_moved")
    description = "\n".join(lines)
    if chance(rng, 0.5):
        description = ocr_noise(description, rng, 0.015)
        ctx.note("ocr_noise")
    return rc.offer(
        ctx, title=title, description=description, category=rc.category(ctx, 0.15),
        org=rc.org_name(ctx, {"full": 4, "long": 2, "umbrella": 1, "short": 2, "typo": 0.4}), kind=rc.org_kind(ctx),
        area=rc.area(ctx, 0.4),
        location=rc.location(ctx, p_name=0.9, p_street=0.4, p_postcode=0.2, p_coords=0.0, jitter=0.0),
        schedule=None, contact=contact, languages=rc.languages(ctx, "some" if chance(rng, 0.5) else "none"),
        target_groups=[], capacity=None, revision=1)
