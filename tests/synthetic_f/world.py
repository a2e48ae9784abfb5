"""The real world: real offers in real towns, run by organisations at venues, with a weekly slot.

Each real offer gets a truth id. Besides ordinary offers, the world holds groups of distinct offers
that look alike (hard negatives):

- ``org_roles``: one organisation's 3-8 volunteer roles at one venue, sharing its intro and contact;
- ``same_activity_other_org``: two organisations offering the same activity in one town;
- ``org_two_groups``: one organisation's two groups of one activity (A1/B1, girls/boys) at other times;
- ``course_and_childcare``: a course and the childcare during it, same organisation, venue and time.

The world does not depend on the mode: the mode changes only how many systems list an offer and
how they write it (see listings.py and sources.py).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

from tests.synthetic_f.activities import ACTIVITIES, BY_KEY, COURSE_WITH_CHILDCARE, ROLES, VARIANT_GROUPS, Activity
from tests.synthetic_f.organisations import Org, TownWorld, Venue, build_town
from tests.synthetic_f.places import TOWNS, Town
from tests.synthetic_f.rng import chance, pick, stream, uid, weighted
from tests.synthetic_f.textvariants import slug
from tests.synthetic_f.times import Slot, parse

FAMILIES = ("org_roles", "same_activity_other_org", "org_two_groups", "course_and_childcare")

TOWN_WEIGHTS = {"kassel": 2.0, "leipzig": 4.0, "muenster": 2.5, "freiburg": 2.3, "halle": 2.4, "nuernberg": 3.5,
                "hannover": 3.5, "chemnitz": 2.4, "bonn": 3.0, "rostock": 2.1, "erfurt": 2.1, "kiel": 2.4}

# how common an activity is among ordinary offers
_COMMON = {"sprachcafe": 3.0, "deutschkurs": 3.0, "hausaufgaben": 2.5, "kleiderkammer": 2.5, "begegnungscafe": 3.0,
           "behoerden": 2.5, "fahrradwerkstatt": 2.0, "fussball": 2.0, "asylberatung": 1.5, "frauentreff": 1.5,
           "moebel": 1.5, "wohnungssuche": 1.5, "formulare": 1.5, "spielgruppe": 1.5, "dolmetschen": 1.5}
_RARE_CATEGORIES = ("support_rooms", "support_materials", "support_training", "support_insurance",
                    "support_funding_advice", "psychotherapy")


@dataclass
class RealOffer:
    index: int
    truth_id: str
    town: Town
    org: Org
    activity: Activity
    venue: Venue
    slot: Slot | None
    group: tuple[str, str, str] | None  # (German label, English label, target group)
    brand: str
    email: str
    phone: str | None  # subscriber digits after the dialling code
    path: str  # page of the offer on the organisation's website
    languages: tuple[str, ...]
    targets: tuple[str, ...]
    capacity: int | None
    status: str
    family: str = ""
    family_id: str = ""

    @property
    def ags(self) -> str:
        return self.town.ags


class World:
    """Towns with their organisations, and a growing list of real offers."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.towns = {t.slug: build_town(t, stream(seed, "town", t.slug)) for t in TOWNS}
        self.offers: list[RealOffer] = []
        self.used: dict[tuple[str, str], list[RealOffer]] = {}  # (town, activity) -> offers
        self.brands: dict[tuple[str, str], int] = {}
        self.paths: dict[tuple[str, str], int] = {}

    # --- one unit of the world at a time

    def add_unit(self, unit: int, family: str) -> list[RealOffer]:
        """Add one ordinary offer (family "") or one hard-negative group; returns its real offers."""
        rnd = stream(self.seed, "unit", unit)
        town = self.towns[weighted(rnd, [(t.slug, TOWN_WEIGHTS[t.slug]) for t in TOWNS])]
        family_id = uid(self.seed, "family", unit) if family else ""
        if family == "org_roles":
            made = self._roles(town, rnd)
        elif family == "same_activity_other_org":
            made = self._two_orgs(town, rnd)
        elif family == "org_two_groups":
            made = self._two_groups(town, rnd)
        elif family == "course_and_childcare":
            made = self._course_and_childcare(town, rnd)
        else:
            made = [self._ordinary(town, rnd)]
        for offer in made:
            offer.family, offer.family_id = family, family_id
        return made

    def _ordinary(self, tw: TownWorld, rnd: random.Random) -> RealOffer:
        activity = None
        for _ in range(8):  # prefer an activity the town does not have yet
            candidate = weighted(rnd, [(a, _weight(a)) for a in ACTIVITIES])
            activity = candidate
            if (tw.town.slug, candidate.key) not in self.used:
                break
        assert activity is not None
        earlier = self.used.get((tw.town.slug, activity.key), [])
        if not earlier:
            org = self._org_for(tw, activity, rnd)
            return self._offer(tw, org, activity, self._venue_for(tw, org, activity, rnd), self._slot(activity, rnd), rnd)
        # the town has this activity already: an ordinary repeat is another organisation in another
        # district (an easy negative); look-alikes closer than that are the labelled families
        taken_orgs = [o.org.key for o in earlier]
        taken_districts = [o.venue.district.name for o in earlier]
        candidates = [o for o in tw.orgs if o.archetype in activity.orgs and o.key not in taken_orgs
                      and o.district.name not in taken_districts]
        org = pick(rnd, candidates) if candidates else self._org_for(tw, activity, rnd)
        free = [d for d in tw.town.districts if d.name not in taken_districts] or list(tw.town.districts)
        venue = org.venue if org.venue.district.name not in taken_districts and org.venue.kind in activity.venues \
            else tw.venue(pick(rnd, activity.venues), pick(rnd, free))
        return self._offer(tw, org, activity, venue, self._slot(activity, rnd), rnd)

    def _roles(self, tw: TownWorld, rnd: random.Random) -> list[RealOffer]:
        org = self._pick_org(tw, ("initiative", "welfare", "church", "migrant"), rnd)
        count = weighted(rnd, [(3, 3.0), (4, 3.0), (5, 2.5), (6, 1.5), (7, 1.0), (8, 0.5)])
        roles = list(ROLES)
        rnd.shuffle(roles)
        made = []
        for role in roles[:count]:
            offer = self._offer(tw, org, role, org.venue, self._slot(role, rnd), rnd)
            offer.email, offer.phone = org.email, org.phone  # the organisation's contact on every role
            made.append(offer)
        return made

    def _two_orgs(self, tw: TownWorld, rnd: random.Random) -> list[RealOffer]:
        candidates = [a for a in ACTIVITIES if len({o.key for o in tw.orgs if o.archetype in a.orgs}) >= 2
                      and a.category not in _RARE_CATEGORIES]
        activity = weighted(rnd, [(a, _weight(a)) for a in candidates])
        first = self._org_for(tw, activity, rnd)
        others = [o for o in tw.orgs if o.archetype in activity.orgs and o.key != first.key]
        second = pick(rnd, others)
        slot_a = self._slot(activity, rnd)
        slot_b = slot_a if chance(rnd, 0.35) else self._slot(activity, rnd)
        venue_a = self._venue_for(tw, first, activity, rnd)
        venue_b = venue_a if chance(rnd, 0.3) else self._venue_for(tw, second, activity, rnd)
        a = self._offer(tw, first, activity, venue_a, slot_a, rnd)
        b = self._offer(tw, second, activity, venue_b, slot_b, rnd)
        return [a, b]

    def _two_groups(self, tw: TownWorld, rnd: random.Random) -> list[RealOffer]:
        activity = pick(rnd, [a for a in ACTIVITIES if a.variants])
        org = self._org_for(tw, activity, rnd)
        groups = list(VARIANT_GROUPS[activity.variants])
        if activity.variants == "level":
            start = rnd.randrange(len(groups) - 1)
            step = 1 if start == len(groups) - 2 else pick(rnd, (1, 2))
            chosen = [groups[start], groups[start + step]]
        else:
            chosen = groups[:2] if chance(rnd, 0.5) else [groups[1], groups[0]]
        venue = self._venue_for(tw, org, activity, rnd)
        slot_a = self._slot(activity, rnd) or parse(pick(rnd, [s for s in activity.slots if s]))
        assert slot_a is not None  # activities with groups have fixed times
        slot_b = _other_time(slot_a, activity, rnd)
        made = []
        for group, slot in zip(chosen, (slot_a, slot_b)):
            offer = self._offer(tw, org, activity, venue, slot, rnd, group=group)
            made.append(offer)
        made[1].email, made[1].phone = made[0].email, made[0].phone
        made[1].brand = made[0].brand
        return made

    def _course_and_childcare(self, tw: TownWorld, rnd: random.Random) -> list[RealOffer]:
        course = BY_KEY[pick(rnd, COURSE_WITH_CHILDCARE)]
        care = BY_KEY["kursbetreuung"]
        org = self._pick_org(tw, ("welfare", "municipal_vhs", "initiative", "church"), rnd)
        venue = self._venue_for(tw, org, course, rnd)
        slot = self._slot(course, rnd) or parse(course.slots[0])
        a = self._offer(tw, org, course, venue, slot, rnd)
        b = self._offer(tw, org, care, venue, slot, rnd)
        b.email, b.phone = a.email, a.phone
        return [a, b]

    # --- parts

    def _offer(self, tw: TownWorld, org: Org, activity: Activity, venue: Venue, slot: Slot | None,
               rnd: random.Random, group: tuple[str, str, str] | None = None) -> RealOffer:
        index = len(self.offers)
        brand = pick(rnd, activity.brands)
        key = (tw.town.slug, brand)
        if key in self.brands:  # another offer in town already uses the brand: make it local
            brand = f"{brand} {venue.district.name}" if chance(rnd, 0.6) else f"{brand} im {venue.name_de}"
        self.brands[key] = self.brands.get(key, 0) + 1
        email = org.email if activity.role or chance(rnd, 0.65) else \
            f"{slug(activity.de[0]).split('-')[0][:16]}@{org.domain}"
        phone = org.phone if chance(rnd, 0.7) else (tw.phone() if chance(rnd, 0.65) else None)
        path = f"/angebote/{slug(brand)}" if not group else f"/angebote/{slug(brand)}-{slug(group[0])}"
        n = self.paths.get((org.domain, path), 0)
        self.paths[(org.domain, path)] = n + 1
        if n:
            path = f"{path}-{n + 1}"
        targets = tuple(t for t in activity.targets)
        if group and group[2] and group[2] not in targets:
            targets = (*targets, group[2])
        capacity = rnd.randint(*activity.capacity) if activity.capacity else None
        status = weighted(rnd, [("active", 0.94), ("full", 0.03), ("paused", 0.03)])
        if status == "full" and capacity is None:
            capacity = rnd.randint(8, 20)
        offer = RealOffer(index, uid(self.seed, "real", index), tw.town, org, activity, venue, slot, group, brand,
                          email, phone, path, activity.langs, targets, capacity, status)
        self.offers.append(offer)
        self.used.setdefault((tw.town.slug, activity.key), []).append(offer)
        org.offers += 1
        return offer

    def _org_for(self, tw: TownWorld, activity: Activity, rnd: random.Random) -> Org:
        return self._pick_org(tw, activity.orgs, rnd)

    @staticmethod
    def _pick_org(tw: TownWorld, archetypes: tuple[str, ...], rnd: random.Random) -> Org:
        candidates = [o for o in tw.orgs if o.archetype in archetypes] or tw.orgs
        return weighted(rnd, [(o, 1.0 / (1 + o.offers)) for o in candidates])

    @staticmethod
    def _venue_for(tw: TownWorld, org: Org, activity: Activity, rnd: random.Random) -> Venue:
        if org.venue.kind in activity.venues or (chance(rnd, 0.5) and not activity.role):
            return org.venue
        district = org.district if chance(rnd, 0.6) else pick(rnd, tw.town.districts)
        return tw.venue(pick(rnd, activity.venues), district)

    @staticmethod
    def _slot(activity: Activity, rnd: random.Random) -> Slot | None:
        slot = parse(pick(rnd, activity.slots))
        if slot is None:
            return None
        if chance(rnd, 0.2) and slot.nth == 0:  # the same kind of time, an hour or half an hour off
            shift = pick(rnd, (-60, -30, 30, 60))
            if 8 * 60 <= slot.start + shift and slot.end + shift <= 21 * 60 + 30:
                slot = replace(slot, start=slot.start + shift, end=slot.end + shift)
        if slot.nth == 0 and slot.interval == 1 and len(slot.days) == 1 and chance(rnd, 0.1):
            slot = replace(slot, interval=2, phase=rnd.randrange(2))
        return slot


def _weight(activity: Activity) -> float:
    if activity.category in _RARE_CATEGORIES:
        return 0.4
    return _COMMON.get(activity.key, 1.0)


def _other_time(slot: Slot, activity: Activity, rnd: random.Random) -> Slot:
    """The second group's time: another of the activity's slots, or the same day two hours later."""
    others = [s for s in (parse(x) for x in activity.slots if x) if s and s.days != slot.days]
    if others and chance(rnd, 0.6):
        return pick(rnd, others)
    length = slot.minutes
    if slot.end + length <= 21 * 60:
        return replace(slot, start=slot.end, end=slot.end + length)
    return replace(slot, start=slot.start - length, end=slot.start)
