"""The world: towns, venues, organisations and their real offers (the ground truth).

Plain real offers are drawn here; hard-negative families (families.py) add groups of look-alikes.
Within one organisation an activity runs once, so two plain real offers are never the same thing.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from . import activities
from .activity_model import Activity
from .organisations import Org, OrgFactory
from .real import RealOffer
from .seeding import chance, stream, weighted
from .timing import Slot, Timing
from .towns import TOWNS, Town
from .venues import Venue, build_venues

# share of organisations by type; municipal offices, libraries and the VHS are few per town
ORG_TYPES = (("initiative", 20), ("association", 18), ("church", 13), ("charity", 6), ("welfare", 7),
             ("municipal", 6), ("library", 2), ("vhs", 2), ("agency", 1.5), ("migrant", 7), ("sport", 8),
             ("student", 4), ("company", 3))
ORG_TYPE_NAMES = frozenset(t for t, _ in ORG_TYPES)
# how many plain offers an organisation of a type tends to have
OFFERS_PER_ORG = {"welfare": (2, 9), "charity": (2, 9), "municipal": (1, 6), "vhs": (2, 8), "library": (1, 5),
                  "agency": (1, 5)}


class World:
    def __init__(self, seed: int):
        self.seed = seed
        self.venues: dict[str, list[Venue]] = build_venues(seed)
        self.factory = OrgFactory(seed, self.venues)
        self.orgs: list[Org] = []
        self.reals: list[RealOffer] = []
        self.next_truth = 1
        self.used: set[tuple[str, str]] = set()   # (org, activity) pairs of plain offers

    # -- look-ups ----------------------------------------------------------------------------------
    def truth_id(self) -> str:
        tid = f"T{self.next_truth:05d}"
        self.next_truth += 1
        return tid

    def pick_town(self, rng: random.Random) -> Town:
        return weighted(rng, [(t, t.weight) for t in TOWNS])

    def venue_for(self, org: Org, activity: Activity, rng: random.Random) -> Venue:
        if "home" in activity.venue and chance(rng, 0.7):
            return org.home
        kinds = [k for k in activity.venue if k != "home"] or ["community"]
        pool = [v for v in self.venues[org.town.key] if v.kind in kinds]
        near = [v for v in pool if v.district == org.district]
        return rng.choice(near or pool or [org.home])

    def new_org(self, otype: str, town: Town, label: object, **kw: object) -> Org | None:
        org = self.factory.make(otype, town, label, **kw)  # type: ignore[arg-type]
        if org:
            self.orgs.append(org)
        return org

    # -- real offers ------------------------------------------------------------------------------
    def make_real(self, org: Org, activity: Activity, rng: random.Random, *, venue: Venue | None = None,
                  timing: Timing | None = None, **kw: object) -> RealOffer:
        venue = venue or self.venue_for(org, activity, rng)
        langs = ["de", *rng.sample(activity.langs, min(len(activity.langs), rng.randint(0, 3)))]
        if chance(rng, 0.2) and "en" not in langs:
            langs.append("en")
        groups = [g for g in activity.groups if chance(rng, 0.7)]
        cap = rng.randint(*activity.capacity) if activity.capacity else (
            rng.choice((None, None, None, 10, 12, 15, 20, 25, 30)))
        real = RealOffer(
            truth_id=self.truth_id(), org=org, activity=activity, town=org.town, district=venue.district,
            venue=venue, timing=timing if timing is not None else make_timing(activity, rng),
            category=activity.category, languages=langs, target_groups=groups, capacity=cap,
            brand=rng.choice(activity.brand) if activity.brand and chance(rng, 0.3) else None,
            mailbox=activity.mailbox if activity.mailbox and chance(rng, 0.55) else "",
            contact_phone=chance(rng, 0.8),
        )
        for key, value in kw.items():
            setattr(real, key, value)
        return real

    def plain_offers(self, count: int) -> list[RealOffer]:
        """`count` real offers of ordinary organisations, each with one to a dozen offers."""
        out: list[RealOffer] = []
        i = 0
        while len(out) < count:
            rng = stream(self.seed, "plain-org", i)
            i += 1
            town = self.pick_town(rng)
            otype = weighted(rng, list(ORG_TYPES))
            if otype == "student" and not town.university:
                otype = "initiative"
            org = self.new_org(otype, town, f"plain-{i}")
            if org is None:
                continue
            low, high = OFFERS_PER_ORG.get(otype, (1, 5))
            n = rng.randint(low, high)
            if chance(rng, 0.05):
                n += rng.randint(4, 8)   # the big ones: a parish or an association doing a bit of everything
            candidates = activities.for_org_type(otype)
            rng.shuffle(candidates)
            for activity in candidates[:n]:
                if (org.key, activity.key) in self.used:
                    continue
                self.used.add((org.key, activity.key))
                out.append(self.make_real(org, activity, rng))
                if len(out) >= count:
                    break
        return out


def _since(rng: random.Random) -> date:
    return date(2024, 9, 2) + timedelta(days=rng.randint(0, 720))


def make_timing(activity: Activity, rng: random.Random, *, since: date | None = None,
                until: date | None = None, hours: tuple | None = None, day: int | None = None) -> Timing | None:
    """A plausible timing for the activity: weekly by default, several days for courses, two office
    hours for counselling, monthly for trainings, none for offers arranged individually."""
    if activity.key in ("sprachpaten", "familienpaten", "ausbildungspaten", "zimmervermittlung", "dolmetscherpool") \
            and chance(rng, 0.6):
        return None
    start, end = hours or rng.choice(activity.hours)
    days = list(activity.days)
    first = day or rng.choice(days)
    freq = activity.freq
    slots: list[Slot]
    if freq == "multi":
        count = rng.choice((2, 2, 3, 5)) if len(days) >= 5 else 2
        pool = sorted(set(days) - {first})
        chosen = sorted({first, *rng.sample(pool, min(len(pool), count - 1))})
        if count == 5 and set(range(1, 6)) <= set(days):
            chosen = [1, 2, 3, 4, 5]
        slots = [Slot(tuple(chosen), start, end)]
    elif freq == "office":
        second_day = rng.choice([d for d in days if d != first] or [first])
        other = rng.choice(activity.hours)
        slots = [Slot((first,), start, end)]
        if second_day != first:
            slots.append(Slot((second_day,), other[0], other[1]))
        slots.sort(key=lambda s: s.days)
    elif freq == "m":
        slots = [Slot((first,), start, end, nth=rng.choice((1, 1, 2, 2, 3, 4)))]
    elif freq == "w2":
        slots = [Slot((first,), start, end, every=2)]
    else:
        slots = [Slot((first,), start, end, every=2 if chance(rng, 0.1) else 1)]
    kids = any(g in activity.groups for g in ("children", "youth"))
    return Timing(slots=tuple(slots), holidays_closed=chance(rng, 0.6 if kids else 0.15),
                  since=since or _since(rng), until=until)


def retime(timing: Timing | None, **changes: object) -> Timing | None:
    return replace(timing, **changes) if timing else None  # type: ignore[arg-type]
