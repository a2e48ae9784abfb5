"""The real offers ("truths") behind the listings, including the hard-negative families.

A hard-negative family is a small group of *different* real offers built to look alike. Each family
states which fact tells its members apart (`keep`), and the sources must never drop that fact: the
data should be hard, but a careful reader must still be able to decide.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from schemas.taxonomy import category as category_of

from tests.synthetic_d.orgs import PATTERNS, Org, OrgRegistry, can_run, central_mail, mailbox
from tests.synthetic_d.places import TOWNS, Town, Venue, VenueBook, pick_town
from tests.synthetic_d.times import When, event_when, make_when, moved, outdated
from tests.synthetic_d.vocab import ACTIVITIES, GENERIC_SPECIAL, PROGRAMMES, Activity, Group, activity

FAMILIES: tuple[str, ...] = (
    "same_org_other_role",        # one organisation, one venue, one contact, shared intro text, two activities
    "same_activity_two_carriers",  # the same activity by two organisations in one town (sometimes one venue)
    "same_org_two_venues",        # one organisation runs the same activity at two places
    "parallel_groups_one_venue",  # levels, ages or women/men groups of one activity at one venue
    "weekly_and_special_event",   # a regular offer and a one-off event of the same organiser
    "programme_other_town",       # one programme name, different carriers in different towns
    "consecutive_terms",          # the autumn and the spring term of one course
    "umbrella_sibling_branches",  # two local branches of one umbrella, same service, same mail domain
)
_FAMILY_WEIGHTS = (1.3, 1.3, 1.0, 1.2, 1.0, 0.8, 0.8, 0.8)
FAMILY_SHARE = 0.18  # of scenarios; each family yields 2-3 truths, so about a third of truths are in one

_POPULAR = ("sprachcafe", "deutschkurs", "hausaufgabenhilfe", "kleiderkammer", "behoerdenbegleitung",
            "formularhilfe", "fahrradwerkstatt", "elterncafe", "migrationsberatung", "frauentreff")
_TERMS = {
    # term label (German, English, terse) and the Monday it opens; courses run in terms, holiday
    # programmes in the school holidays
    "course": ((("Herbstkurs 2025", "autumn term 2025", "Herbst 25"), date(2025, 9, 1)),
               (("Frühjahrskurs 2026", "spring term 2026", "Frühj. 26"), date(2026, 2, 23)),
               (("Sommerkurs 2026", "summer term 2026", "Sommer 26"), date(2026, 6, 8))),
    "holiday": ((("Herbstferien 2025", "autumn holidays 2025", "Herbstf. 25"), date(2025, 10, 13)),
                (("Osterferien 2026", "Easter holidays 2026", "Osterf. 26"), date(2026, 3, 30)),
                (("Sommerferien 2026", "summer holidays 2026", "Sommerf. 26"), date(2026, 7, 6))),
}


@dataclass
class Truth:
    """One real offer; every listing of it is derived from these facts."""

    id: str
    act: Activity
    org: Org
    venue: Venue
    when: When
    old_when: When
    category: str
    mail: str
    phone_ext: int
    listed_since: date
    languages: tuple[str, ...]
    targets: tuple[str, ...]
    capacity: int | None = None
    free: bool = True
    registration: bool = False
    group: Group | None = None
    special: tuple[str, str] | None = None
    term: tuple[str, str, str] | None = None
    programme: str = ""
    shared_text: tuple[str, str] | None = None  # text this truth shares with its family (de, en)
    family: str = ""
    family_group: str = ""
    keep: frozenset[str] = field(default_factory=frozenset)
    n_listings: int = 1

    @property
    def town(self) -> Town:
        return self.org.town


def listing_count(rng: random.Random) -> int:
    """How many sources list one real offer: most only one, a few up to six."""
    # 85 % once: with these cluster sizes about 30 % of all listings have a duplicate somewhere
    if rng.random() < 0.85:
        return 1
    return rng.choices((2, 3, 4, 5, 6), weights=(78, 15, 4, 2, 1))[0]


class WorldBuilder:
    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.rng = random.Random(seed)
        self.venues = VenueBook(self.rng)
        self.registry = OrgRegistry(self.rng, self.venues)
        self.truths: list[Truth] = []
        self.used: set[tuple[str, str, str, str]] = set()  # (org, activity, group, term) of each truth
        self.groups = 0

    # --- building blocks

    def pick_activity(self, pool: tuple[Activity, ...] = ACTIVITIES) -> Activity:
        def weight(a: Activity) -> float:
            cat = category_of(a.category)
            if cat.group == "support":
                return 0.5
            if cat.professional_only:
                return 0.7
            return 2.5 if a.key in _POPULAR else 1.0

        return self.rng.choices(pool, weights=[weight(a) for a in pool])[0]

    def org_for(self, town: Town, act: Activity) -> Org:
        """An organisation of the town able to run `act`: an existing one often, a new one otherwise."""
        free = [o for o in self.registry.in_town(town, act) if not self._runs(o, act)]
        if free and self.rng.random() < 0.7:
            return self.rng.choice(free)
        return self.registry.create(town, act)

    def _runs(self, org: Org, act: Activity) -> bool:
        return any(k[0] == org.key and k[1] == act.key for k in self.used)

    def venue_for(self, org: Org, act: Activity, other_than: Venue | None = None) -> Venue:
        """Where the organisation runs `act`: its own house mostly, else another (shared) venue.

        `other_than`: a second place for the same activity, in another district.
        """
        rng = self.rng
        if other_than is None and rng.random() < 0.65 and act.place in ("", org.home.place):
            return org.home

        def fits(v: Venue) -> bool:
            return v is not org.home and (other_than is None or v.street.district != other_than.street.district)

        pool = [v for v in self.venues.in_town(org.town, act.place) if fits(v)]
        if pool and rng.random() < 0.5:
            return rng.choice(pool)
        districts = sorted({s.district for s in org.town.streets} - {other_than.street.district if other_than else ""})
        return self.venues.new(org.town, place=act.place, district=rng.choice(districts) if other_than else None)

    def new_truth(self, act: Activity, org: Org, venue: Venue, when: When | None = None,
                  since: date | None = None, **facts: object) -> Truth:
        rng = self.rng
        since = since or date(2025, 1, 10) + timedelta(days=rng.randint(0, 440))
        when = when or make_when(act.rhythm, act.slot, act.minutes, since, rng)
        extra = [lang for lang in act.langs[1:] if rng.random() < 0.6]
        languages = (act.langs[0], *extra)
        targets = tuple(act.targets)
        group = facts.get("group")
        if isinstance(group, tuple):
            words = set(group[1].split())
            for word, code in (("women", "women"), ("men", "men"), ("children", "children"), ("young", "youth")):
                if word in words and code not in targets:
                    targets = (*targets, code)
        is_course = when.until is not None
        is_group = when.rhythm in ("weekly", "biweekly", "monthly") and not when.by_appointment
        truth = Truth(
            id=f"d{self.seed}-t{len(self.truths):05d}", act=act, org=org, venue=venue, when=when,
            old_when=outdated(when, rng), category=act.category,
            mail=mailbox(org, act, False) if rng.random() < 0.7 else central_mail(org),
            phone_ext=rng.randint(1, 9) if rng.random() < 0.6 else 0,
            listed_since=since, languages=languages, targets=targets,
            capacity=rng.choice((8, 10, 12, 12, 15, 16, 20)) if is_course or (is_group and rng.random() < 0.15)
            else None,
            free=rng.random() < 0.85, registration=is_course or when.rhythm == "appointment" or rng.random() < 0.25,
            n_listings=listing_count(rng),
        )
        for name, value in facts.items():
            setattr(truth, name, value)
        self.truths.append(truth)
        self.used.add((org.key, act.key, _label(truth.group), _label(truth.term)))
        return truth

    def _free_key(self, org: Org, act: Activity, group: Group | None = None,
                  term: tuple[str, str, str] | None = None) -> bool:
        return (org.key, act.key, _label(group), _label(term)) not in self.used

    def _family(self, name: str, truths: list[Truth], keep: tuple[str, ...]) -> list[Truth]:
        self.groups += 1
        for t in truths:
            t.family, t.family_group, t.keep = name, f"hn{self.groups:04d}", frozenset(keep)
        return truths

    # --- scenarios

    def plain(self) -> list[Truth]:
        rng = self.rng
        for _ in range(20):
            town = pick_town(rng)
            act = self.pick_activity()
            org = self.org_for(town, act)
            group = rng.choice(act.groups) if act.groups and rng.random() < 0.25 else None
            if self._free_key(org, act, group):
                return [self.new_truth(act, org, self.venue_for(org, act), group=group)]
        return []

    def same_org_other_role(self) -> list[Truth]:
        rng = self.rng
        town = pick_town(rng)
        first = self.pick_activity(tuple(a for a in ACTIVITIES if not a.place))  # both in the organisation's house
        org = self.org_for(town, first)
        others = [a for a in ACTIVITIES if a.key != first.key and a.place in ("", org.home.place)
                  and can_run(org.pattern, a) and self._free_key(org, a)]
        if not others or not self._free_key(org, first):
            return []
        close = [a for a in others if a.category == first.category]
        second = rng.choice(close if close and rng.random() < 0.5 else others)
        shared = (org.intro_de, org.intro_en)
        contact = central_mail(org)
        t1 = self.new_truth(first, org, org.home, shared_text=shared, mail=contact, phone_ext=0)
        when2 = None
        length = rng.choice(second.minutes)
        if t1.when.rhythm == "weekly" and t1.when.end + length <= 21 * 60 and rng.random() < 0.4:
            # back to back on the same day
            when2 = replace(t1.when, start=t1.when.end, end=t1.when.end + length, by_appointment=False)
            if second.rhythm != "course":
                when2 = replace(when2, until=None)
        t2 = self.new_truth(second, org, org.home, when=when2, since=t1.listed_since, shared_text=shared,
                            mail=contact, phone_ext=0)
        return self._family("same_org_other_role", [t1, t2], ("activity",))

    def same_activity_two_carriers(self) -> list[Truth]:
        rng = self.rng
        town = pick_town(rng)
        act = self.pick_activity()
        one = self.org_for(town, act)
        two = self.registry.create(town, act, exclude=(one.base_name,))
        if not self._free_key(one, act) or one.key == two.key:
            return []
        t1 = self.new_truth(act, one, self.venue_for(one, act))
        venue = t1.venue if rng.random() < 0.3 else self.venue_for(two, act)
        when = None
        if venue is t1.venue and t1.when.days:
            # one house, two carriers: another weekday, or the same room would be double-booked
            when = moved(t1.when, tuple(sorted({(d + 2) % 5 for d in t1.when.days})))
        t2 = self.new_truth(act, two, venue, when=when)
        return self._family("same_activity_two_carriers", [t1, t2], ("org",))

    def same_org_two_venues(self) -> list[Truth]:
        rng = self.rng
        town = rng.choice([t for t in TOWNS if t.big])
        act = self.pick_activity(tuple(a for a in ACTIVITIES if a.rhythm != "appointment"))  # place-bound ones
        org = self.org_for(town, act)
        if not self._free_key(org, act):
            return []
        t1 = self.new_truth(act, org, self.venue_for(org, act))
        second = self.venue_for(org, act, other_than=t1.venue)
        when = t1.when if rng.random() < 0.4 else None
        # the second place is a separate real offer: the key differs by venue, not by group
        self.used.discard((org.key, act.key, "", ""))
        t2 = self.new_truth(act, org, second, when=when, since=t1.listed_since, mail=t1.mail)
        return self._family("same_org_two_venues", [t1, t2], ("location",))

    def parallel_groups_one_venue(self) -> list[Truth]:
        rng = self.rng
        act = self.pick_activity(tuple(a for a in ACTIVITIES if a.groups))
        town = pick_town(rng)
        org = self.org_for(town, act)
        count = 3 if len(act.groups) >= 3 and rng.random() < 0.3 else 2
        groups = rng.sample(act.groups, count)
        if not all(self._free_key(org, act, g) for g in groups):
            return []
        venue = self.venue_for(org, act)
        base = self.new_truth(act, org, venue, group=groups[0])
        truths = [base]
        how = rng.random()
        for i, g in enumerate(groups[1:], start=1):
            when: When | None = base.when
            if base.when.days and how < 0.4:
                pass  # parallel rooms at the same time
            elif base.when.days and how < 0.75:
                shift = i * (base.when.minutes + rng.choice((0, 15, 30)))
                when = replace(base.when, start=base.when.start + shift, end=base.when.end + shift)
                if when.end > 21 * 60:
                    when = moved(base.when, tuple(sorted({(d + i) % 5 for d in base.when.days})))
            else:
                when = None
            truths.append(self.new_truth(act, org, venue, when=when, since=base.listed_since, group=g,
                                         mail=base.mail, phone_ext=base.phone_ext))
        return self._family("parallel_groups_one_venue", truths, ("group",))

    def weekly_and_special_event(self) -> list[Truth]:
        rng = self.rng
        pool = tuple(a for a in ACTIVITIES if a.rhythm not in ("appointment", "consult")
                     and not category_of(a.category).professional_only)
        act = self.pick_activity(pool)
        town = pick_town(rng)
        org = self.org_for(town, act)
        if not self._free_key(org, act):
            return []
        regular = self.new_truth(act, org, self.venue_for(org, act))
        day = regular.listed_since + timedelta(days=rng.randint(20, 150))
        if regular.when.days and rng.random() < 0.5:
            day = _aligned(day, regular.when.days[0])  # on the usual weekday: harder to tell apart
        else:
            day = _aligned(day, 5)
        special = act.special or GENERIC_SPECIAL
        category = act.category if rng.random() < 0.7 else "leisure_sport"
        event = self.new_truth(act, org, regular.venue, when=event_when(day, rng), since=day - timedelta(days=30),
                               special=special, category=category, mail=regular.mail, phone_ext=regular.phone_ext,
                               registration=rng.random() < 0.3, capacity=None)
        return self._family("weekly_and_special_event", [regular, event], ("special",))

    def programme_other_town(self) -> list[Truth]:
        rng = self.rng
        name, key, blurb = rng.choice(PROGRAMMES)
        act = activity(key)
        towns: list[Town] = []
        while len(towns) < 2:
            town = pick_town(rng)
            if town not in towns:
                towns.append(town)
        shared = (blurb, f"{name} is a programme that runs under the same name in several towns.")
        truths = []
        for town in towns:
            org = self.registry.create(town, act)
            truths.append(self.new_truth(act, org, self.venue_for(org, act), programme=name, shared_text=shared))
        return self._family("programme_other_town", truths, ("org",))

    def consecutive_terms(self) -> list[Truth]:
        rng = self.rng
        act = self.pick_activity(tuple(a for a in ACTIVITIES if a.rhythm in ("course", "holiday")))
        town = pick_town(rng)
        org = self.org_for(town, act)
        terms = _TERMS[act.rhythm]
        pair = sorted(rng.sample(range(len(terms)), 2))
        group = rng.choice(act.groups) if act.groups and rng.random() < 0.4 else None
        if not all(self._free_key(org, act, group, terms[i][0]) for i in pair):
            return []
        venue = self.venue_for(org, act)
        whens: list[When] = []
        for i in pair:
            start = terms[i][1] + timedelta(days=rng.randint(0, 14) if act.rhythm == "course" else 0)
            when = make_when(act.rhythm, act.slot, act.minutes, start, rng)
            if whens and act.rhythm == "course" and rng.random() < 0.7:  # same weekday and hour as before
                prev = whens[0]
                first = min(_aligned(start, d) for d in prev.days)
                when = replace(prev, first=first, until=first + timedelta(weeks=rng.choice((12, 14, 16))))
            whens.append(when)
        assert whens[0].until and whens[1].first
        if whens[0].until >= whens[1].first:  # the earlier term ends a week before the next opens
            whens[0] = replace(whens[0], until=whens[1].first - timedelta(days=7))
        truths: list[Truth] = []
        for i, when in zip(pair, whens):
            assert when.first
            truths.append(self.new_truth(act, org, venue, when=when, since=when.first - timedelta(days=rng.randint(20, 50)),
                                         term=terms[i][0], group=group,
                                         mail=truths[0].mail if truths else central_mail(org)))
        return self._family("consecutive_terms", truths, ("term",))

    def umbrella_sibling_branches(self) -> list[Truth]:
        rng = self.rng
        umbrella = rng.choice(("Caritas", "Diakonie", "AWO", "DRK"))
        town = rng.choice([t for t in TOWNS if t.big])
        # the umbrella's branch pattern decides what its branches may run
        pattern = next(p for p in PATTERNS if p.umbrella == umbrella)
        act = self.pick_activity(tuple(a for a in ACTIVITIES if can_run(pattern, a) and not a.place))
        one = self.registry.create(town, act, umbrella=umbrella, must_be_new=True)
        streets = [s for s in town.streets if s.district != one.district]
        two = self.registry.create(town, act, umbrella=umbrella, street=rng.choice(streets),
                                   exclude=(one.base_name,), must_be_new=True)
        shared = (f"Die {umbrella} in {town.name} ist für alle Menschen da – unabhängig von Herkunft, Religion und Aufenthaltsstatus.",
                  f"{umbrella} in {town.name} is there for everyone, whatever their origin, religion or residence status.")
        truths = [self.new_truth(act, org, org.home, shared_text=shared, mail=mailbox(org, act, True))
                  for org in (one, two)]
        return self._family("umbrella_sibling_branches", truths, ("location", "org"))


def _aligned(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def _label(value: tuple[str, ...] | None) -> str:
    return value[0] if value else ""


def build_truths(seed: int, n_offers: int) -> list[Truth]:
    """Real offers whose listing counts add up to `n_offers` (exactly, unless too few can be trimmed)."""
    builder = WorldBuilder(seed)
    rng = builder.rng
    scenarios = {name: getattr(builder, name) for name in FAMILIES}
    total = 0
    while total < n_offers:
        if rng.random() < FAMILY_SHARE:
            name = rng.choices(FAMILIES, weights=_FAMILY_WEIGHTS)[0]
            made = scenarios[name]()
        else:
            made = builder.plain()
        total += sum(t.n_listings for t in made)
    # trim the overshoot from the most recent multi-listed offers; the count stays exact
    excess = total - n_offers
    for t in reversed(builder.truths):
        if excess <= 0:
            break
        cut = min(excess, t.n_listings - 1)
        t.n_listings -= cut
        excess -= cut
    return builder.truths
