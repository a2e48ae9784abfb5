"""One listing of a real offer, written the way one source system writes it."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from schemas.identity import entity_id
from schemas.parts import Location
from tests.synthetic_b.noise import case_variant, e_v_variant, slug, street_notation, transliterate, typo
from tests.synthetic_b.orgs import phone_variants
from tests.synthetic_b.places import CITY_ALIASES, DISTRICT_ALIASES
from tests.synthetic_b.slots import other_day, rrule_text, session_start, text_de, text_en, window
from tests.synthetic_b.sources import HABITS, Habits, record_id, source_uri, venue_name
from tests.synthetic_b.texts import description_for, title_for
from tests.synthetic_b.world import RealOffer

# the venue's own name is a newer contract field; without it the address still identifies the place
HAS_VENUE_NAME = "name" in Location.model_fields

# how a coarse system files categories it has no own column for
SPREADSHEET_CATEGORY = {"accompaniment_interpreting": "everyday_help", "clothing": "donations_in_kind",
                        "psychotherapy": "health", "support_insurance": "support_training",
                        "support_materials": "support_rooms"}




# target-group codes as other systems spell them
OTHER_GROUP_CODES = {"children": "kinder", "youth": "young_people", "women": "frauen", "families": "parents",
                     "adults": "erwachsene", "volunteers": "ehrenamtliche"}


@dataclass
class Posting:
    data: dict[str, object]
    truth: str
    kind: str
    notes: list[str]


class Renderer:
    """Numbers records per source, so record ids are unique and stable for a seed."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._numbers: dict[str, int] = {}
        self._texts: dict[str, str] = {}  # a German description already written for a real offer

    def render(self, offer: RealOffer, kind: str) -> Posting:
        rng, habits = self.rng, HABITS[kind]
        notes: list[str] = []
        english = kind == "english_listing"
        district = self._district_name(offer, kind, notes)
        title = title_for(rng, offer, kind, district, habits, notes)
        source = source_uri(kind, offer)
        number = self._numbers.get(source, 0) + 1
        self._numbers[source] = number
        rid = record_id(kind, number, title)
        posted = offer.anchor - timedelta(days=rng.randrange(0, 60)) + timedelta(days=rng.randrange(0, 90))
        schedule, sched_text = self._schedule(offer, habits, english, notes)
        data: dict[str, object] = {
            "id": entity_id(source, rid),
            "source": source,
            "source_record_id": rid,
            "revision": rng.randint(1, 6),
            "title": title,
            "description": self._copied_or_own(offer, kind, sched_text, notes),
            "category": self._category(offer, kind, habits, notes),
            "organisation": self._organisation(offer, kind, habits, notes),
            "area": {"ags": offer.org.municipality.ags,
                     "districts": [district] if rng.random() < habits.districts else []},
            "location": self._location(offer, habits, english, notes),
            "schedule": schedule,
            "capacity": self._capacity(offer, habits, notes),
            "languages": list(offer.languages) if rng.random() < habits.languages else [],
            "target_groups": self._target_groups(offer, habits, notes),
            "contact": self._contact(offer, habits, notes),
            "status": "paused" if kind == "coordination_spreadsheet" and rng.random() < 0.04 else "active",
            "valid_from": None,
            "valid_until": None,
            "occurred_at": posted.replace(hour=rng.randint(7, 19), minute=rng.randrange(60)).isoformat(),
        }
        if kind == "municipal_portal" and offer.concept.key.startswith("deutschkurs") and rng.random() < 0.5:
            start = offer.anchor.replace(hour=0, minute=0)
            data["valid_from"] = start.isoformat()
            data["valid_until"] = (start + timedelta(days=150)).isoformat()
            notes.append("validity:course_term")
        return Posting(data, offer.key, kind, notes)

    # -- fields ------------------------------------------------------------------------------------
    def _district_name(self, offer: RealOffer, kind: str, notes: list[str]) -> str:
        """The district as this listing names it; portals keep the official name."""
        name = offer.venue.district.name
        aliases = DISTRICT_ALIASES.get(name)
        if aliases and kind != "municipal_portal" and self.rng.random() < 0.25:
            notes.append("district:alias")
            return self.rng.choice(aliases)
        return name

    def _capacity(self, offer: RealOffer, habits: Habits, notes: list[str]) -> int | None:
        rng = self.rng
        if offer.capacity is None or rng.random() >= habits.capacity:
            return None
        if rng.random() < 0.15:
            # "about 15": a round number, or last year's figure
            notes.append("capacity:other")
            return max(1, round(offer.capacity / 5) * 5 + rng.choice((0, 5, -2, 3)))
        return offer.capacity

    def _target_groups(self, offer: RealOffer, habits: Habits, notes: list[str]) -> list[str]:
        rng = self.rng
        if not offer.target_groups or rng.random() >= habits.target_groups:
            return []
        if rng.random() < 0.15:
            # another system's own codes for the same people
            notes.append("target_groups:other_codes")
            return [OTHER_GROUP_CODES.get(code, code) for code in offer.target_groups]
        return list(offer.target_groups)

    def _organisation(self, offer: RealOffer, kind: str, habits: Habits, notes: list[str]) -> dict[str, str]:
        host = self._host(offer, kind)
        if host is not None:
            notes.append("org:host")
            return host
        return {"name": self._org_name(offer, kind, habits, notes), "kind": self._org_kind(offer, kind, notes)}

    def _host(self, offer: RealOffer, kind: str) -> dict[str, str] | None:
        """The house, not the group: a parish lists a guest group's offer as its own, a portal the library's."""
        rng, venue, org = self.rng, offer.venue, offer.org
        if kind == "church_website" and venue.kind == "church" and org.kind != "church" and rng.random() < 0.4:
            saint = re.search(r"St\. (\w+)|(\w+)kirche", venue.name)
            name = saint.group(1) or saint.group(2) if saint else venue.district.name
            parish = rng.choice((f"Kirchengemeinde St. {name}", f"Gemeinde St. {name}", f"Pfarrei St. {name}"))
            return {"name": parish, "kind": "church"}
        if kind == "municipal_portal" and venue.kind == "library" and org.family != "library" and rng.random() < 0.1:
            return {"name": f"Stadtbibliothek {venue.municipality.name}", "kind": "municipal"}
        return None

    def _org_name(self, offer: RealOffer, kind: str, habits: Habits, notes: list[str]) -> str:
        rng, org = self.rng, offer.org
        if kind == "english_listing" and rng.random() < 0.6:
            name = org.name_en
            notes.append("org:english")
        elif rng.random() < habits.official_name or not org.aliases:
            name = org.name
        else:
            name = rng.choice(org.aliases)
            notes.append("org:alias")
        if rng.random() < habits.name_noise:
            variant = rng.choice((e_v_variant, lambda n, r: transliterate(n), case_variant))(name, rng)
            if variant != name:
                name = variant
                notes.append("org:spelling")
        if rng.random() < habits.typo:
            name = typo(name, rng)
            notes.append("org:typo")
        return name

    def _org_kind(self, offer: RealOffer, kind: str, notes: list[str]) -> str:
        """Systems file a registered association's project group as an initiative, and the other way round."""
        own = offer.org.kind
        swap = {"initiative": "association", "association": "initiative", "church": "association"}
        if kind in ("volunteer_agency", "coordination_spreadsheet", "english_listing") and own in swap \
                and self.rng.random() < (0.03 if own == "church" else 0.08):
            notes.append("org:kind")
            return swap[own]
        return own

    def _category(self, offer: RealOffer, kind: str, habits: Habits, notes: list[str]) -> str:
        rng, concept = self.rng, offer.concept
        category = concept.category
        if concept.alt_categories and rng.random() < habits.alt_category:
            category = rng.choice(concept.alt_categories)
        if kind == "coordination_spreadsheet":
            category = SPREADSHEET_CATEGORY.get(category, category)
        if category != concept.category:
            notes.append(f"category:{category}")
        return category

    def _location(self, offer: RealOffer, habits: Habits, english: bool, notes: list[str]) -> dict[str, object] | None:
        rng, venue = self.rng, offer.venue
        loc: dict[str, object] = {}
        if rng.random() < habits.venue_name and HAS_VENUE_NAME:
            short = rng.random() < habits.short_venue
            loc["name"] = venue_name(venue, short, rng.randrange(3))
            if short:
                notes.append("venue:short")
        else:
            notes.append("venue:none")
        if rng.random() < habits.street:
            street, note = street_notation(venue.street, rng)
            loc["street"] = street
            notes.append(note)
        else:
            notes.append("street:none")
        if rng.random() < habits.postcode:
            loc["postcode"] = venue.district.postcode
        muni = venue.municipality
        loc["city"] = muni.name_en if english and rng.random() < 0.6 else muni.name
        if loc["city"] in CITY_ALIASES and rng.random() < (0.1 if habits.kind == "municipal_portal" else 0.3):
            loc["city"] = rng.choice(CITY_ALIASES[str(loc["city"])])
            notes.append("city:alias")
        if rng.random() < habits.coords:
            # each system geocodes on its own: a few metres apart, rounded differently
            digits = rng.choice((4, 5, 6))
            if rng.random() < 0.08:
                # geocoded from the postcode only: the district's centre, up to a kilometre off
                loc["lat"], loc["lon"] = round(venue.district.lat, 4), round(venue.district.lon, 4)
                notes.append("coords:district")
            else:
                loc["lat"] = round(venue.lat + rng.uniform(-0.0004, 0.0004), digits)
                loc["lon"] = round(venue.lon + rng.uniform(-0.0006, 0.0006), digits)
        return loc

    def _schedule(self, offer: RealOffer, habits: Habits, english: bool,
                  notes: list[str]) -> tuple[dict[str, object] | None, str]:
        rng, slot = self.rng, offer.slot
        if slot is not None and slot.on is None and offer.key in self._texts and rng.random() < 0.03:
            # a listing nobody updated after the group moved to another day: same offer, old time
            slot = other_day(slot, rng)
            notes.append("schedule:outdated")
        if rng.random() < habits.no_time:
            notes.append("schedule:none")
            return None, ""
        text = (text_en if english else text_de)(slot, rng)
        if slot is None or rng.random() >= habits.rrule:
            notes.append("schedule:text")
            return None, text
        if slot.on is not None:
            start, end = window(slot)
            notes.append("schedule:window")
            keep_text = rng.random() < habits.time_in_text * 0.3
            windows = [{"start": start.isoformat(), "end": end.isoformat()}]
            return {"timezone": "Europe/Berlin", "rules": [], "windows": windows}, text if keep_text else ""
        rules = []
        minutes = slot.minutes + (30 if rng.random() < 0.05 else 0)
        split = len(slot.days) > 1 and rng.random() < 0.3
        for days in ([(d,) for d in slot.days] if split else [slot.days]):
            part = type(slot)(slot.freq, days, slot.start, slot.minutes, slot.interval, slot.nth)
            rule = rrule_text(part, rng)
            start: datetime = session_start(part, rule, offer.anchor, rng.randrange(0, 6))
            rules.append({"rrule": rule, "dtstart": start.isoformat(), "duration_minutes": minutes})
        notes.append("schedule:rrule" + ("_split" if split else ""))
        keep_text = rng.random() < habits.time_in_text * 0.3
        return {"timezone": "Europe/Berlin", "rules": rules, "windows": []}, text if keep_text else ""

    def _copied_or_own(self, offer: RealOffer, kind: str, sched: str, notes: list[str]) -> str:
        """Editors often paste the text another system already has, sometimes cut short."""
        rng = self.rng
        earlier = self._texts.get(offer.key)
        if earlier and kind in ("municipal_portal", "volunteer_agency", "church_website", "organisation_website") and rng.random() < 0.2:
            notes.append("text:copied")
            if rng.random() < 0.4 and ". " in earlier:
                return earlier.split(". ", 1)[1]
            return earlier
        text = description_for(rng, offer, kind, sched, notes)
        if kind != "english_listing" and len(text) > 60:
            self._texts.setdefault(offer.key, text)
        return text

    def _contact(self, offer: RealOffer, habits: Habits, notes: list[str]) -> dict[str, object] | None:
        rng, org = self.rng, offer.org
        if rng.random() >= habits.contact:
            notes.append("contact:none")
            return None
        other = rng.random() < habits.other_contact
        if other:
            notes.append("contact:other")
        contact: dict[str, object] = {}
        if rng.random() < 0.8:
            email = org.alt_email if other else org.email
            contact["email"] = email[0].upper() + email[1:] if rng.random() < 0.05 else email
        if rng.random() < 0.6:
            contact["phone"] = rng.choice(phone_variants(org))
        if rng.random() < 0.6 or not contact:
            contact["url"] = rng.choice((f"https://{org.domain}", f"https://www.{org.domain}", f"http://{org.domain}/",
                                         f"https://{org.domain}/angebote/{slug(offer.concept.titles_de[0])}"))
        return contact
