"""A Land-wide directory export in the manner of HSDS: complete, formal, structured.

Habits: formal titles; organisation names with their legal form written out; the location always
has the venue's name, the full street ("Straße", never "Str."), postcode and precise coordinates;
schedules as RRULEs, often one rule per weekday; validity windows; revision in epoch microseconds.
"""

from __future__ import annotations

import hashlib

from . import render_common as rc
from .real import RealOffer
from .seeding import chance
from .titles import core, with_variant

KIND = "directory"
AGE = (0, 320)
_AUDIENCE = {"adults": "für Erwachsene", "children": "für Kinder", "youth": "für Jugendliche", "women": "für Frauen",
             "families": "für Familien", "seniors": "für Seniorinnen und Senioren", "newcomers": "für Neuzugewanderte"}


def eligibility(real: RealOffer) -> float:
    return 1.3 if real.org.otype in ("welfare", "charity", "municipal", "vhs", "library") else 0.8


def source(real: RealOffer) -> str:
    return f"https://verzeichnis.{real.town.land}.example/hsds"


def record_id(n: int) -> str:
    return "svc-" + hashlib.sha256(str(n).encode()).hexdigest()[:10]


def render(ctx: rc.Ctx) -> dict:
    real, rng = ctx.real, ctx.rng
    title = core(real, "de", rng)
    groups = [g for g in real.target_groups if g in _AUDIENCE]
    if groups and chance(rng, 0.35) and not real.variant:
        title = f"{title} {_AUDIENCE[groups[0]]}"
        ctx.note("title+audience")
    title = with_variant(real, title, "de", rng)
    parts = list(rc.texts(real, "de"))
    if real.brand and chance(rng, 0.6):
        parts.insert(0, f"Das Angebot läuft unter dem Namen „{real.brand}“.")
    if real.blurb:
        parts.insert(0, real.blurb)
    parts.append(rng.choice(rc.COST_DE))
    parts.append(rc.language_sentence_de(ctx))
    parts.append(f"Träger: {real.org.names.get('long', real.org.name)}.")
    description = " ".join(p for p in parts if p)
    if chance(rng, 0.15):
        description = f"Angebotsbeschreibung (vom Träger übernommen): {description}"
        ctx.note("description_prefixed")
    return rc.offer(
        ctx, title=title, description=description, category=rc.category(ctx, 0.12),
        org=rc.org_name(ctx, {"long": 5, "full": 3, "legal": 1}), kind=real.org.kind, area=rc.area(ctx, 0.5),
        location=rc.location(ctx, p_name=1.0, p_street=1.0, p_postcode=1.0, p_coords=0.97, jitter=0.0001,
                             street_style="plain"),
        schedule=rc.schedule(ctx, split_days=chance(rng, 0.5)) if chance(rng, 0.9) else None,
        contact=rc.contact(ctx, p_email=0.95, p_phone=0.85, p_url=0.9, p_mailbox=0.6, url_page=True),
        languages=rc.languages(ctx, "all"), target_groups=list(real.target_groups), capacity=real.capacity,
        validity=True)
