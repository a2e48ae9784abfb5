"""The publishing systems and their habits: each turns a real offer into one contract-shaped listing.

Eight source kinds, each with its own way of naming, describing, locating and timing an offer:

- municipal_portal: the city's integration portal; formal German, strict category, full address, RRULE
- volunteer_agency: the Freiwilligenagentur's database; short titles, department mailbox, often no place
- org_website: the organisation's own page; brand names, HTML with entities, time only in the text
- welcome_guide_en: an English welcome guide; English titles, venue names instead of streets, "4-6 pm"
- coordination_sheet: the coordination office's spreadsheet; abbreviations, "Di 16-18h", gaps
- hsds_export: a Land-wide directory exported as HSDS; formal names, location.name, exact coordinates
- parish_newsletter: the district's parish newsletter; inviting prose, venue by name, parish office phone
- regional_aggregator: re-posts another listing with a prefix, stripped HTML and a truncated text
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from schemas.identity import entity_id
from schemas.privacy import find_contact_data
from schemas.taxonomy import category as category_of

from tests.synthetic_d import describe, noise
from tests.synthetic_d.orgs import central_mail, homepage, org_name, slug
from tests.synthetic_d.places import LAND_DIRECTORIES
from tests.synthetic_d.times import BERLIN, iso, schedule_dict, text_de, text_en
from tests.synthetic_d.world import Truth

SOURCE_KINDS: tuple[str, ...] = (
    "municipal_portal", "volunteer_agency", "org_website", "welcome_guide_en",
    "coordination_sheet", "hsds_export", "parish_newsletter", "regional_aggregator",
)
_LATEST = date(2026, 6, 30)
_EARLIEST = date(2025, 1, 2)
# how often a source still shows the schedule from before the last change
_OUTDATED = {"municipal_portal": 0.05, "volunteer_agency": 0.1, "org_website": 0.08, "welcome_guide_en": 0.2,
             "coordination_sheet": 0.15, "hsds_export": 0.05, "parish_newsletter": 0.1}


OfferDict = dict[str, Any]
"""A contract-shaped offer as JSON would carry it (validate with `schemas.Offer.model_validate`)."""


@dataclass
class Listing:
    offer: OfferDict
    kind: str
    truth: Truth
    notes: list[str] = field(default_factory=list)


def kind_weights(t: Truth) -> dict[str, float]:
    """Which sources plausibly list this offer, and how likely each is."""
    professional = category_of(t.act.category).professional_only
    help_group = category_of(t.act.category).group == "help"
    parish = t.org.kind == "church" or t.venue.church or t.org.umbrella in ("Caritas", "Diakonie")
    return {
        "municipal_portal": 3.0,
        "volunteer_agency": 0.6 if professional else 2.0,
        "org_website": 2.2 if t.org.has_website else 0.0,
        "welcome_guide_en": 1.3 if t.town.has_guide and help_group else 0.0,
        "coordination_sheet": 1.5,
        "hsds_export": 1.4,
        "parish_newsletter": 2.5 if parish else 0.0,
        "regional_aggregator": 0.8,
    }


def pick_kinds(t: Truth, rng: random.Random) -> list[tuple[str, bool]]:
    """(source kind, is a stale second copy) for each listing of the truth; the aggregator comes last."""
    weights = {k: w for k, w in kind_weights(t).items() if w > 0}
    chosen: list[str] = []
    while len(chosen) < t.n_listings and len(chosen) < len(weights):
        pool = [k for k in weights if k not in chosen]
        chosen.append(rng.choices(pool, weights=[weights[k] for k in pool])[0])
    out = [(k, False) for k in chosen]
    # a forgotten older record of the same offer in the same system: more listings than systems, or by chance
    stale_able = [k for k in chosen if k in ("municipal_portal", "volunteer_agency", "coordination_sheet")]
    while len(out) < t.n_listings:
        out.append((rng.choice(stale_able or ["municipal_portal"]), True))
    if len(out) >= 3 and stale_able and rng.random() < 0.08:
        out[-1] = (rng.choice(stale_able), True)
    return sorted(out, key=lambda ks: ks[0] == "regional_aggregator")


class Renderer:
    """Turns truths into listings; holds the per-source counters that make record ids."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._counters: dict[str, int] = {}
        self._ids: set[str] = set()
        self._habits: dict[str, Callable[[Truth, ListingDraft], None]] = {
            "municipal_portal": self._portal, "volunteer_agency": self._agency, "org_website": self._website,
            "welcome_guide_en": self._guide, "coordination_sheet": self._sheet, "hsds_export": self._hsds,
            "parish_newsletter": self._parish,
        }

    def render(self, t: Truth) -> list[Listing]:
        listings: list[Listing] = []
        for kind, stale in pick_kinds(t, self.rng):
            if kind == "regional_aggregator":
                listings.append(self._aggregator(t, [x for x in listings if x.kind != "regional_aggregator"]))
            else:
                listings.append(self._render(t, kind, stale))
        return listings

    # --- shared plumbing

    def _render(self, t: Truth, kind: str, stale: bool, emit: bool = True) -> Listing:
        rng = self.rng
        draft = ListingDraft(t, kind, rng)
        if stale:
            draft.day = max(_EARLIEST, t.listed_since - timedelta(days=rng.randint(90, 300)))
            draft.outdated = t.when.rhythm not in ("appointment", "once")
            draft.notes.append("stale_copy")
        elif t.when.rhythm not in ("appointment", "once") and rng.random() < _OUTDATED[kind]:
            draft.outdated = True
        if draft.outdated:
            draft.notes.append("time:outdated")
        self._habits[kind](t, draft)
        if stale and rng.random() < 0.3:
            draft.status = "paused"
            draft.notes.append("status:paused")
        offer = draft.build(self._record_id(draft.source, draft.record_hint) if emit else "draft")
        return Listing(offer, kind, t, draft.notes)

    def _record_id(self, source: str, hint: str) -> str:
        rng = self.rng
        n = self._counters.get(source, rng.randint(100, 4000)) + rng.randint(1, 6)
        self._counters[source] = n
        rid = hint.format(n=n, uuid=uuid.UUID(int=rng.getrandbits(128), version=4))
        while f"{source}:{rid}" in self._ids:  # the same page slug twice on one website
            rid = f"{rid}-{rng.randint(2, 99)}"
        self._ids.add(f"{source}:{rid}")
        return rid

    # --- the habits, one method per kind

    def _portal(self, t: Truth, d: ListingDraft) -> None:
        rng = self.rng
        d.source, d.record_hint = f"urn:koordinate:source:integrationsportal-{t.town.key}", "angebot-{n}"
        d.revision = rng.randint(1, 12)
        d.title_de(rng.choice(("formal", "formal", "variant", "variant", "brand")))
        parts = []
        if t.shared_text and rng.random() < 0.6:
            parts.append(t.shared_text[0])
        parts += [describe.about(t, "de", rng), *describe.fact_sentences(t, "de"), describe.practical(t, "de", rng)]
        d.schedule_rule(0.9, rng.choice(("plain", "plain", "year_end", "wkst")), portal=True)
        if d.schedule is None or rng.random() < 0.4:
            parts.append(describe.when_sentence_de(t, "long", "Termine: ", d.outdated))
        if rng.random() < 0.5:
            parts.append(describe.targets_sentence(t, "de"))
        d.description = " ".join(p for p in parts if p)
        d.category = t.category
        d.org(rng.choice(("legal", "legal", "legal", "long", "plain", "umbrella")))
        d.districts = [t.venue.street.district] if rng.random() < 0.7 else []
        d.location(name=rng.random() < 0.6, street="full", postcode=True, geo=5)
        d.contact(mail=t.mail if rng.random() < 0.7 else central_mail(t.org), phone_style="intl",
                  dept_phone=True, url=homepage(t.org))
        d.languages, d.targets = list(t.languages), list(t.targets)
        d.capacity = t.capacity
        d.validity()
        if t.capacity and t.when.until and rng.random() < 0.06:
            d.status = "full"
            d.notes.append("status:full")

    def _agency(self, t: Truth, d: ListingDraft) -> None:
        rng = self.rng
        d.source, d.record_hint = f"urn:koordinate:source:freiwilligenagentur-{t.town.key}", "FA{n:05d}"
        d.revision = rng.randint(1, 5)
        d.title_de(rng.choice(("short", "short", "variant", "formal")))
        if rng.random() < 0.25:
            d.title += f" ({t.venue.street.district})"
            d.notes.append("title:district_suffix")
        parts = [noise.truncate(describe.about(t, "de", rng), rng.choice((90, 140, 400)))]
        parts += describe.fact_sentences(t, "de")
        d.schedule_rule(0.5, "plain")
        if d.schedule is None:
            parts.append(describe.when_sentence_de(t, "abbr", "Zeit: ", d.outdated))
        d.description = " ".join(parts)
        d.category_maybe_alt(0.25)
        style = rng.choice(("short", "plain", "plain", "legal", "typo"))
        d.org(style)
        if rng.random() < 0.1 and t.org.kind in ("initiative", "association"):
            d.org_kind = "association" if t.org.kind == "initiative" else "initiative"
            d.notes.append("org:kind_differs")
        if "location" in t.keep or rng.random() < 0.75:
            d.location(name=False, street=rng.choice(("abbr", "full", "abbr_nodot")), postcode=rng.random() < 0.8, geo=0)
        else:
            d.notes.append("location:none")
        d.contact(mail=t.mail, phone_style=rng.choice(("national", "slash", "dash")) if rng.random() < 0.5 else None,
                  dept_phone=True, url=None)
        d.languages = ["de"] if rng.random() < 0.4 else []
        d.targets = list(t.targets) if rng.random() < 0.5 else []
        d.validity()

    def _website(self, t: Truth, d: ListingDraft) -> None:
        rng = self.rng
        d.source = f"urn:koordinate:source:web-{slug(t.org.base_name)}-{t.town.key}"
        d.revision = 0  # set from the publication time below
        d.title_de(rng.choice(("brand", "variant", "variant", "formal")))
        d.record_hint = "angebote/" + slug(d.title)[:60]
        umlauts = rng.random() < 0.4
        intro = (t.shared_text or (t.org.intro_de, ""))[0] if t.shared_text or rng.random() < 0.6 else ""
        when_text = text_de(t.old_when if d.outdated else t.when, rng.choice(("prose", "long")))
        where = f"{t.venue.name}, {noise.street(t.venue.street.name, t.venue.number, 'full')}"
        paragraphs = [intro, f"{describe.about(t, 'de', rng)} {describe.practical(t, 'de', rng)}",
                      *describe.fact_sentences(t, "de")]
        esc = [noise.entities(p, umlauts) for p in paragraphs if p]
        esc.append(f"<strong>Wann:</strong> {noise.entities(when_text, umlauts)}<br>"
                   f"<strong>Wo:</strong> {noise.entities(where, umlauts)}")
        if rng.random() < 0.3:
            # the page prints its phone and mail; the contract moves them into `contact` on validation
            number = noise.phone(t.town.area_code, t.org.phone(t.phone_ext), rng.choice(("national", "slash", "intl")))
            esc.append(f"Kontakt: Tel. {number} &middot; {t.mail}")
            d.notes.append("contact:in_text")
            d.contact(mail=None, phone_style=None, dept_phone=False, url=homepage(t.org))
        else:
            d.contact(mail=t.mail if rng.random() < 0.6 else None, phone_style=None, dept_phone=False,
                      url=homepage(t.org))
        d.description = "".join(f"<p>{p}</p>" for p in esc)
        d.notes.append("desc:html_entities" if umlauts else "desc:html")
        d.schedule_rule(0.2, "plain")
        d.category_maybe_alt(0.2)
        d.org(rng.choice(("legal", "brand_carrier", "brand", "plain")))
        d.location(name=rng.random() < 0.7, street="full", postcode=True, geo=4 if rng.random() < 0.3 else 0)

    def _guide(self, t: Truth, d: ListingDraft) -> None:
        rng = self.rng
        d.source, d.record_hint = f"urn:koordinate:source:welcome-guide-{t.town.key}", "entry-{n}"
        d.revision = rng.randint(1, 3)
        base, note = describe.base_title(t, "en", rng.choice(("formal", "variant")), rng)
        d.title = describe.decorate(t, base, "en", False, rng)
        d.notes.append(note)
        when = t.old_when if d.outdated else t.when
        parts = [describe.about(t, "en", rng)]
        if t.shared_text and rng.random() < 0.4:
            parts.insert(0, t.shared_text[1])
        parts += describe.fact_sentences(t, "en")
        parts.append(f"When: {text_en(when, rng.choice(('guide', 'guide', 'formal')))}.")
        parts.append(describe.practical(t, "en", rng))
        if rng.random() < 0.5:
            parts.append(describe.languages_sentence(t, "en"))
        parts.append(f"Where: {t.venue.name_en}, {t.venue.street.district}.")
        d.description = " ".join(p for p in parts if p)
        d.notes.append("desc:english")
        d.schedule_rule(0.25, "plain")
        d.category = t.category
        d.org(rng.choice(("en", "plain", "legal")))
        english_venue = rng.random() < 0.6
        d.location(name=True, street="full" if rng.random() < 0.3 else None, postcode=False,
                   geo=4 if rng.random() < 0.5 else 0, english_name=english_venue)
        d.contact(mail=central_mail(t.org) if rng.random() < 0.5 else None, phone_style=None, dept_phone=False,
                  url=homepage(t.org) if rng.random() < 0.8 else None)
        d.languages = list(t.languages)
        d.targets = list(t.targets) if rng.random() < 0.5 else []

    def _sheet(self, t: Truth, d: ListingDraft) -> None:
        rng = self.rng
        d.source, d.record_hint = f"urn:koordinate:source:koordinierungsstelle-{t.town.key}", "Angebote!{n}"
        d.revision = 1
        base, note = describe.base_title(t, "de", "short", rng)
        d.title = describe.decorate(t, base, "de", True, rng)
        d.notes.append(note)
        bits = []
        if rng.random() < 0.7:
            bits.append(text_de(t.old_when if d.outdated else t.when, "terse"))
            bits.append("m. Anm." if t.registration else "o. Anm.")
            if rng.random() < 0.5:
                bits.append(f"Ort: {describe.venue_terse(t.venue.name)}")
            d.description = "; ".join(bits)
            d.notes.append("schedule:terse_text")
        else:
            d.notes.append("desc:empty")
        d.schedule_rule(0.15, "plain")
        d.category_maybe_alt(0.4)
        d.org(rng.choice(("short", "short", "plain", "typo")))
        if "location" in t.keep or rng.random() < 0.8:
            d.location(name=False, street=rng.choice(("abbr", "abbr_nodot", "first_number", "ss")),
                       postcode=rng.random() < 0.5, geo=0)
        else:
            d.notes.append("location:none")
        roll = rng.random()
        if roll < 0.15:
            # the office gives its own mailbox: inquiries go through the coordination office
            d.contact(mail=f"koordination@stadt-{t.town.key}.example.org", phone_style=None, dept_phone=False, url=None)
            d.notes.append("contact:coordination_office")
        elif roll < 0.35:
            d.notes.append("contact:none")
        else:
            d.contact(mail=central_mail(t.org) if rng.random() < 0.4 else None,
                      phone_style=rng.choice(("slash", "national", "grouped")), dept_phone=rng.random() < 0.5, url=None)

    def _hsds(self, t: Truth, d: ListingDraft) -> None:
        rng = self.rng
        d.source, d.record_hint = f"urn:koordinate:source:hsds-{LAND_DIRECTORIES[t.town.land]}", "{uuid}"
        d.title_de(rng.choice(("formal", "variant")))
        parts = [describe.about(t, "de", rng), *describe.fact_sentences(t, "de"), describe.targets_sentence(t, "de")]
        parts.append("Kosten: keine." if t.free else "Kosten: Kostenbeitrag.")
        parts.append("Anmeldung: erforderlich." if t.registration else "Anmeldung: nicht erforderlich.")
        if t.shared_text and rng.random() < 0.3:
            parts.append(t.shared_text[0])
        d.description = " ".join(p for p in parts if p)
        d.schedule_rule(1.0, rng.choice(("prefix", "wkst", "plain", "interval", "split")))
        if d.schedule is None:
            d.description += " " + describe.when_sentence_de(t, "long", "Öffnungszeiten: ", d.outdated)
        d.category = t.category
        d.org(rng.choice(("legal", "legal", "long")))
        d.districts = [t.venue.street.district]
        d.location(name=True, street="full", postcode=True, geo=6)
        d.contact(mail=t.mail, phone_style=rng.choice(("intl", "intl_compact", "intl_zero")), dept_phone=True,
                  url=homepage(t.org))
        d.languages, d.targets = list(t.languages), list(t.targets)
        d.capacity = t.capacity
        d.validity()

    def _parish(self, t: Truth, d: ListingDraft) -> None:
        rng = self.rng
        district = t.venue.street.district
        d.source = f"urn:koordinate:source:gemeindebrief-{t.town.key}-{slug(district)}"
        d.record_hint = f"{d.day:%Y-%m}/" + "{n}"
        d.revision = int(f"{d.day:%Y%m}")
        d.title_de(rng.choice(("variant", "variant", "formal")))
        if rng.random() < 0.3:
            d.title = f"Herzliche Einladung: {d.title}"
            d.notes.append("title:invitation_prefix")
        when = text_de(t.old_when if d.outdated else t.when, "prose")
        opening = rng.choice(("Herzliche Einladung! ", "", "Neu bei uns: " if t.listed_since > d.day - timedelta(days=60) else ""))
        at = f"{t.venue.at_de} {t.venue.name}"
        parts = [f"{opening}{when[0].upper()}{when[1:]} {at}." if t.when.rhythm != "appointment"
                 else f"{opening}{at[0].upper()}{at[1:]}, {when}.",
                 describe.about(t, "de", rng), *describe.fact_sentences(t, "de"),
                 "Alle sind herzlich willkommen, ob mit oder ohne Deutschkenntnisse!"]
        if rng.random() < 0.5:
            parts.append("Weitere Infos im Gemeindebüro.")
        d.description = " ".join(parts)
        d.notes.append("schedule:prose_text")
        d.schedule_rule(0.1, "plain")
        d.category_maybe_alt(0.3)
        d.org(rng.choice(("long", "long", "legal", "short")))
        with_street = rng.random() < 0.4
        d.location(name=True, street="full" if with_street else None, postcode=with_street, geo=0)
        d.contact(mail=central_mail(t.org) if rng.random() < 0.4 else None,
                  phone_style=rng.choice(("grouped", "national", "slash")) if rng.random() < 0.7 else None,
                  dept_phone=False, url=None)

    def _aggregator(self, t: Truth, earlier: list[Listing]) -> Listing:
        rng = self.rng
        if earlier:
            base = rng.choice(earlier)
        else:  # the original is in a system this data set does not contain
            base = self._render(t, rng.choice(("municipal_portal", "volunteer_agency", "org_website")), False, emit=False)
        src = base.offer
        notes = [f"repost_of:{base.kind}"]
        if "time:outdated" in base.notes:
            notes.append("time:outdated")  # copied text and schedule carry the original's old time
        prefix = rng.choice((f"[{t.town.name}] ", f"{t.town.name}: ", "Tipp: ", "Angebot: ", ""))
        title = prefix + str(src["title"])
        notes.append("title:prefix" if prefix else "title:copied")
        decorated = bool(t.group or t.term or t.special or t.programme)
        if not decorated and rng.random() < 0.4:
            title = noise.truncate(title, 48)
            notes.append("title:truncated")
        text = noise.strip_html(str(src.get("description", "")))
        if len(text) > 200 and rng.random() < 0.6:
            text = noise.truncate(text, rng.choice((160, 200, 240)), " […]")
            notes.append("desc:truncated")
        if rng.random() < 0.4:
            text += f" (Quelle: {_source_label(base.kind, t)})"
        if find_contact_data(text):
            notes.append("contact:in_text")  # the page's phone or mail survived the cut
        category = str(src["category"])
        if t.act.alt_category and rng.random() < 0.3:
            category = t.act.alt_category
            notes.append("category:alt")
        day = min(_LATEST, _day_of(str(src["occurred_at"])) + timedelta(days=rng.randint(1, 20)))
        offer: OfferDict = {
            "title": title[:300], "description": text, "category": category,
            "organisation": dict(src["organisation"]),
            "area": {"ags": t.town.ags, "districts": []},
        }
        if "location" in src:
            loc = dict(src["location"])
            if rng.random() < 0.5:
                loc.pop("lat", None)
                loc.pop("lon", None)
                notes.append("geo:dropped")
            offer["location"] = loc
        if "schedule" in src and rng.random() < 0.6:
            offer["schedule"] = src["schedule"]
        else:
            notes.append("schedule:none")
        url = (src.get("contact") or {}).get("url")
        if url:
            offer["contact"] = {"url": url}
        for name in ("valid_from", "valid_until"):
            if name in src:
                offer[name] = src[name]
        source = "urn:koordinate:source:hilfenetz-aggregator"
        rid = self._record_id(source, "hn-{n}")
        stamp = _stamp(day, rng)
        offer.update(id=entity_id(source, rid), source=source, source_record_id=rid,
                     revision=int(stamp.timestamp()), occurred_at=iso(stamp))
        return Listing(_ordered(offer), "regional_aggregator", t, notes)


def _source_label(kind: str, t: Truth) -> str:
    return {"municipal_portal": f"Integrationsportal {t.town.name}",
            "volunteer_agency": f"Freiwilligenagentur {t.town.name}",
            "org_website": "Website des Trägers", "welcome_guide_en": "Welcome Guide",
            "coordination_sheet": "Koordinierungsstelle", "hsds_export": "Landesverzeichnis",
            "parish_newsletter": "Gemeindebrief"}.get(kind, "Partner")


def _day_of(stamp: str) -> date:
    return datetime.fromisoformat(stamp).date()


def _stamp(day: date, rng: random.Random) -> datetime:
    return datetime(day.year, day.month, day.day, rng.randint(7, 21), rng.randint(0, 59), rng.randint(0, 59),
                    tzinfo=BERLIN)


_ORDER = ("id", "source", "source_record_id", "revision", "title", "description", "category", "organisation",
          "area", "location", "schedule", "capacity", "languages", "target_groups", "contact", "status",
          "valid_from", "valid_until", "occurred_at")


def _ordered(offer: OfferDict) -> OfferDict:
    # one key order for every source keeps the JSON lines diffable
    return {k: offer[k] for k in _ORDER if k in offer}


class ListingDraft:
    """One listing being written: the habits fill it, `build` turns it into the contract's shape."""

    def __init__(self, t: Truth, kind: str, rng: random.Random) -> None:
        self.t, self.kind, self.rng = t, kind, rng
        self.notes: list[str] = []
        self.outdated = False
        latest = _LATEST
        if t.when.rhythm == "once" and t.when.first:
            latest = min(latest, t.when.first - timedelta(days=1))
        self.day = min(latest, t.listed_since + timedelta(days=rng.randint(0, 90)))
        self.source = ""
        self.record_hint = "{n}"
        self.revision = 1
        self.title = ""
        self.description = ""
        self.category = t.category
        self.org_name = t.org.legal
        self.org_kind = t.org.kind
        self.districts: list[str] = []
        self.loc: dict[str, object] | None = None
        self.schedule: dict[str, object] | None = None
        self.contact_data: dict[str, str] | None = None
        self.languages: list[str] = []
        self.targets: list[str] = []
        self.capacity: int | None = None
        self.status = "active"
        self.valid: tuple[str, str] | None = None

    def title_de(self, mode: str) -> None:
        base, note = describe.base_title(self.t, "de", mode, self.rng)
        self.title = describe.decorate(self.t, base, "de", False, self.rng)
        self.notes.append(note)

    def category_maybe_alt(self, chance: float) -> None:
        self.category = self.t.category
        if self.t.act.alt_category and self.t.category == self.t.act.category and self.rng.random() < chance:
            self.category = self.t.act.alt_category
            self.notes.append("category:alt")

    def org(self, style: str) -> None:
        self.org_name, note = org_name(self.t.org, style, self.rng)
        self.notes.append(note)

    def schedule_rule(self, chance: float, habit: str, portal: bool = False) -> None:
        """An RRULE schedule with probability `chance` (events always get their window)."""
        t, rng = self.t, self.rng
        when = t.old_when if self.outdated else t.when
        if when.rhythm == "appointment":
            self.notes.append("schedule:by_appointment")
            return
        if when.rhythm != "once" and rng.random() >= chance:
            self.notes.append("schedule:text_only")
            return
        if portal and when.first and rng.random() < 0.7:
            ref = when.first
        else:
            ref = max(when.first or self.day, self.day - timedelta(days=rng.randint(0, 45)))
        if when.until and when.first:
            # a course is listed from its first session, or from one still ahead before it ends
            ref = when.first if rng.random() < 0.7 else min(ref, when.until - timedelta(days=7))
        self.schedule = schedule_dict(when, ref, habit, rng)
        if ref != when.first and when.rhythm != "once":
            self.notes.append("dtstart:later_session")
        if when.rhythm == "once":
            self.notes.append("schedule:window")
        else:
            rules = self.schedule["rules"] if self.schedule else []
            split = habit == "split" and isinstance(rules, list) and len(rules) > 1
            self.notes.append(f"schedule:rrule_{'plain' if habit == 'split' and not split else habit}")

    def location(self, name: bool, street: str | None, postcode: bool, geo: int, english_name: bool = False) -> None:
        v = self.t.venue
        loc: dict[str, object] = {}
        if name:
            loc["name"] = v.name_en if english_name else v.name
            if english_name:
                self.notes.append("location:english_name")
        if street:
            style = street
            if street == "full" and self.rng.random() < 0.25:
                style = self.rng.choice(("abbr", "range_dash", "spaced", "first_number"))
            loc["street"] = noise.street(v.street.name, v.number, style)
            if style != "full":
                self.notes.append(f"street:{style}")
        else:
            self.notes.append("location:no_street")
        if postcode:
            loc["postcode"] = v.street.postcode
        loc["city"] = v.town.name
        if geo:
            jitter = 0.0 if geo >= 5 else self.rng.uniform(-0.0015, 0.0015)  # geocoded from the street, not the door
            loc["lat"], loc["lon"] = round(v.lat + jitter, geo), round(v.lon + jitter, geo)
            if geo < 5:
                self.notes.append("geo:approx")
        else:
            self.notes.append("geo:none")
        self.loc = loc

    def contact(self, mail: str | None, phone_style: str | None, dept_phone: bool, url: str | None) -> None:
        t = self.t
        data: dict[str, str] = {}
        if mail:
            data["email"] = mail
            self.notes.append("contact:dept_mail" if mail == t.mail and mail != central_mail(t.org) else "contact:central_mail")
        if phone_style:
            data["phone"] = noise.phone(t.town.area_code, t.org.phone(t.phone_ext if dept_phone else 0), phone_style)
            self.notes.append(f"phone:{phone_style}")
        if url:
            data["url"] = url
        self.contact_data = data or None
        if not data:
            self.notes.append("contact:none")

    def validity(self) -> None:
        when = self.t.when
        if when.until and when.first:
            self.valid = (iso(datetime(when.first.year, when.first.month, when.first.day, tzinfo=BERLIN)),
                          iso(datetime(when.until.year, when.until.month, when.until.day, 23, 59, tzinfo=BERLIN)))

    def build(self, record_id: str) -> OfferDict:
        stamp = _stamp(self.day, self.rng)
        revision = self.revision or int(stamp.timestamp() * 1_000_000)
        if self.kind in ("org_website", "hsds_export"):  # updated_at in epoch microseconds
            revision = int(stamp.timestamp() * 1_000_000)
        offer: OfferDict = {
            "id": entity_id(self.source, record_id), "source": self.source, "source_record_id": record_id,
            "revision": revision, "title": self.title, "description": self.description, "category": self.category,
            "organisation": {"name": self.org_name, "kind": self.org_kind},
            "area": {"ags": self.t.town.ags, "districts": self.districts},
        }
        if self.loc:
            offer["location"] = self.loc
        if self.schedule:
            offer["schedule"] = self.schedule
        if self.capacity is not None:
            offer["capacity"] = self.capacity
        if self.languages:
            offer["languages"] = self.languages
        if self.targets:
            offer["target_groups"] = self.targets
        if self.contact_data:
            offer["contact"] = self.contact_data
        offer["status"] = self.status
        if self.valid:
            offer["valid_from"], offer["valid_until"] = self.valid
        offer["occurred_at"] = iso(stamp)
        return _ordered(offer)

