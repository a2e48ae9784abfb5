"""Ehrenamtsbörse: a volunteer exchange that lists roles for volunteers, not offers for refugees.

Habits: the title is a call for volunteers ("Ehrenamtliche Lernpat*innen gesucht"); every posting of
an organisation opens with the same intro paragraph; tasks, time commitment and place follow as
labelled lines; the contact is often the volunteer agency's placement desk; structured schedules
are rare; coordinates only when the exchange geocoded the address.
"""

from __future__ import annotations

from . import render_common as rc
from .real import RealOffer
from .seeding import chance
from .timing_text import timing_de
from .titles import core, with_variant

KIND = "ehrenamt"
AGE = (0, 220)

_CALLS = (
    "Wir suchen Unterstützung für {x}", "Ehrenamtliche für {x} gesucht", "Mitmachen: {x}",
    "Helfende Hände für {x} gesucht", "Verstärkung gesucht: {x}", "{x} – Ehrenamtliche (m/w/d) gesucht",
    "Engagier dich: {x}", "Unterstützung gesucht für: {x}", "Ehrenamt im Bereich {x}",
)
_TASK_LABEL = ("Ihre Aufgaben:", "Was Sie tun:", "Deine Aufgaben:", "Tätigkeit:", "Das erwartet Sie:")
_OFFERS = ("Wir bieten: Einarbeitung, Versicherungsschutz und ein nettes Team.",
           "Wir bieten Fortbildungen, Austauschtreffen und Fahrtkostenerstattung.",
           "Sie erhalten eine Einarbeitung und auf Wunsch einen Ehrenamtsnachweis.")
_NEEDS = ("Voraussetzungen: Offenheit, Geduld und Zuverlässigkeit.",
          "Sie brauchen keine Vorkenntnisse – Fremdsprachen sind willkommen.",
          "Erweitertes Führungszeugnis erforderlich.", "")


def eligibility(real: RealOffer) -> float:
    if not real.activity.volunteer or real.org.otype in ("municipal", "vhs", "library"):
        return 0.05
    return 1.3 if real.activity.role else 0.9


def source(real: RealOffer) -> str:
    return f"https://www.ehrenamt-{real.town.key}.example"


def record_id(n: int) -> str:
    return f"stelle-{n:05d}"


def _title(ctx: rc.Ctx) -> str:
    real, rng = ctx.real, ctx.rng
    own_role = [r for r in real.activity.role]
    if own_role and chance(rng, 0.45) and not real.variant and not real.fact:
        ctx.note("title=role")
        return rng.choice(own_role)
    x = core(real, "brand" if real.brand and chance(rng, 0.25) else "de", rng)
    ctx.note("title=call")
    x = with_variant(real, x, "de", rng)
    if chance(rng, 0.25):
        x += f" in {real.district.name}"
        ctx.note("title+district")
    return rng.choice(_CALLS).format(x=x)


def render(ctx: rc.Ctx) -> dict:
    real, rng = ctx.real, ctx.rng
    agency = chance(rng, 0.35)
    lines = [real.org.intro, ""]
    task = real.activity.task or f"beim Angebot „{real.activity.de[0]}“ mithelfen"
    lines.append(f"{rng.choice(_TASK_LABEL)} {task[0].upper()}{task[1:]}.")
    if real.blurb and chance(rng, 0.75):
        lines.append(real.blurb)
    if ctx.timing and chance(rng, 0.6):
        lines.append(f"Einsatzzeit: {timing_de(ctx.timing, rng)}")
        ctx.note("schedule=text")
    else:
        lines.append(f"Zeitaufwand: ca. {rng.choice((2, 3, 4))} Stunden {rng.choice(('pro Woche', 'im Monat', 'wöchentlich'))}")
    if real.venue and chance(rng, 0.6):
        lines.append(f"Einsatzort: {real.venue.name_de}, {real.venue.address}")
    lines.append(rng.choice(_OFFERS))
    lines.append(rng.choice(_NEEDS))
    if agency:
        lines.append(f"Vermittlung über die Freiwilligenagentur {real.town.name.split()[0]}.")
    description = "\n".join(line for line in lines)
    if agency:
        ctx.note("contact=agency")
        contact = {"email": f"vermittlung@freiwillig-{real.town.key}.example",
                   "phone": None, "url": f"https://www.ehrenamt-{real.town.key}.example"}
    else:
        contact = rc.contact(ctx, p_email=0.9, p_phone=0.5, p_url=0.4, p_mailbox=0.3)
        if contact and contact.get("email") and chance(rng, 0.5):
            contact["email"] = real.org.mailbox("ehrenamt")
    return rc.offer(
        ctx, title=_title(ctx), description=description, category=rc.category(ctx, 0.12),
        org=rc.org_name(ctx, {"full": 6, "legal": 2, "short": 1, "long": 1, "typo": 0.4, "abbr": 0.4}),
        kind=rc.org_kind(ctx), area=rc.area(ctx, 0.7),
        location=rc.location(ctx, p_name=0.5, p_street=0.85, p_postcode=0.8, p_coords=0.4, jitter=0.001),
        schedule=rc.schedule(ctx) if chance(rng, 0.2) else None, contact=contact,
        languages=rc.languages(ctx, "de" if chance(rng, 0.7) else "some"), target_groups=[],
        capacity=None, revision=rng.randint(1, 9))
