"""Hard-negative families: groups of different real offers built to look alike.

Every builder returns the group's real offers with the family name, a group id and the fact that
tells them apart (facts.py); the listings always show that fact.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import replace

from . import activities
from .activity_model import Activity
from .contacts import slug
from .facts import Fact
from .organisations import Org
from .real import RealOffer
from .seeding import chance, stream
from .timing import Slot, Timing
from .towns import TOWN_BY_KEY, TOWNS
from .variants import (AGE_SET, AGES, DAYPARTS, EVENTS, GENDER, LEVELS, TERMS, YOUTH_GENDER, event_variant,
                       event_texts, event_window, term_variant)
from .world import ORG_TYPE_NAMES, World, make_timing

FAMILIES = ("org_roles", "same_activity_two_orgs", "one_org_two_venues", "parallel_groups",
            "regular_vs_event", "programme_towns", "course_terms", "welfare_branches")

ROLE_POOL = ("naehcafe", "fahrradwerkstatt", "hausaufgabenhilfe", "buero_hilfe", "buchhaltung",
             "oeffentlichkeitsarbeit", "fahrdienst", "einkaufshilfe", "kleiderkammer", "sprachcafe",
             "behoerdenbegleitung", "kinderbetreuung", "kochen", "formularhilfe", "garten", "umzugshilfe",
             "digitalcafe", "lesepaten", "arztbegleitung", "moebelboerse", "spielgruppe", "repaircafe")
SHARED_ACTIVITIES = ("sprachcafe", "kleiderkammer", "hausaufgabenhilfe", "fahrradwerkstatt", "begegnungscafe",
                     "fussball", "behoerdenbegleitung", "fruehstueck", "frauentreff", "naehcafe", "formularhilfe",
                     "digitalcafe", "spielgruppe", "bewerbungshilfe", "kochen", "wohnungssuche")
TWO_VENUE_ACTIVITIES = ("sprachcafe", "hausaufgabenhilfe", "begegnungscafe", "kleiderkammer", "formularhilfe",
                        "sozialberatung", "mbe", "digitalcafe", "spielgruppe", "frauentreff", "lesepaten",
                        "bewerbungshilfe", "deutschkurs", "jugendtreff", "asylverfahrensberatung")
REGULAR_FOR_EVENT = ("begegnungscafe", "sprachcafe", "fussball", "garten", "kochen", "fruehstueck", "chor",
                     "jugendtreff", "frauentreff", "naehcafe", "fahrradwerkstatt", "kleiderkammer", "musik")
COURSES = ("deutschkurs", "alphabetisierung", "computerkurs", "fahrradkurs", "schwimmkurs",
           "pruefungsvorbereitung", "berufssprachkurs", "mietfuehrerschein", "frauen_deutsch")
BRANCH_SERVICES = ("mbe", "sozialberatung", "schuldnerberatung", "kleiderkammer", "lebensmittelausgabe",
                   "asylverfahrensberatung", "erstehilfe", "psychosozial", "secondhandladen")
TOWN_PAIRS = (("kassel", "marburg"), ("erfurt", "weimar"), ("mainz", "landau"), ("rostock", "greifswald"),
              ("goettingen", "lueneburg"), ("freiburg", "tuebingen"))
PROGRAMMES = (
    ("Lernpaten-Programm „Bildung schafft Zukunft“", "hausaufgabenhilfe",
     "„Bildung schafft Zukunft“ bringt ehrenamtliche Lernpatinnen und Lernpaten mit Schulkindern aus "
     "zugewanderten Familien zusammen. Das Programm wird von einer Stiftung gefördert und in mehreren "
     "Städten von lokalen Trägern umgesetzt."),
    ("Stadtteilmütter", "familienpaten",
     "Stadtteilmütter sind geschulte Frauen mit eigener Migrationsgeschichte, die Familien in ihrer "
     "Muttersprache besuchen und zu Kita, Schule, Gesundheit und Erziehung informieren. Das Modell wird "
     "bundesweit von lokalen Trägern angeboten."),
    ("Mentoring „Ankommen“", "praktikumsmentoring",
     "Im Mentoring-Programm „Ankommen“ begleiten berufserfahrene Ehrenamtliche Geflüchtete beim Einstieg "
     "in Praktikum, Ausbildung und Arbeit. Tandems treffen sich ein halbes Jahr lang regelmäßig."),
    ("Sprachbrücke", "sprachpaten",
     "Die Sprachbrücke vermittelt Sprachpatenschaften zwischen Ehrenamtlichen und Menschen, die Deutsch "
     "lernen. Das Programm bietet Schulungen, Materialien und Austauschtreffen für alle Patinnen und Paten."),
    ("Kicken ohne Grenzen", "fussball",
     "Kicken ohne Grenzen ist ein offenes Fußballangebot für junge Menschen mit und ohne Fluchterfahrung. "
     "Lokale Vereine und Initiativen organisieren das Training, die Landessportjugend unterstützt."),
    ("Job-Lotsen", "bewerbungshilfe",
     "Job-Lotsen sind Ehrenamtliche, die bei Bewerbungen, Lebenslauf und Vorstellungsgesprächen helfen. "
     "Das Programm gibt es an mehreren Standorten; jeder Standort organisiert seine Sprechzeiten selbst."),
    ("Kulturschlüssel", "kulturpaten",
     "Der Kulturschlüssel vermittelt kostenlose Eintrittskarten für Konzerte, Theater und Museen und "
     "Begleitung durch Kulturpatinnen und Kulturpaten. Träger vor Ort koordinieren die Vermittlung."),
    ("Lesestart international", "lesepaten",
     "Lesestart international bringt mehrsprachige Bilderbücher und Vorlesestunden in Bibliotheken und "
     "Familienzentren. Jede teilnehmende Einrichtung gestaltet ihre eigenen Termine."),
    ("Café Weltoffen", "begegnungscafe",
     "Café Weltoffen ist ein offenes Begegnungsformat: Ehrenamtliche laden Nachbarinnen, Nachbarn und "
     "Neuzugewanderte zu Kaffee, Kuchen und Gesprächen ein. Das Konzept wird an vielen Orten umgesetzt."),
)


class FamilyBuilder:
    def __init__(self, world: World):
        self.world = world
        self.groups = 0

    def _gid(self, family: str) -> str:
        self.groups += 1
        return f"hn{self.groups:04d}"

    def _fresh_org(self, otypes: tuple[str, ...], town, rng: random.Random, label: str, **kw) -> Org | None:
        otypes = tuple(t for t in otypes if t in ORG_TYPE_NAMES) or ("association",)
        for attempt in range(6):
            otype = rng.choice(otypes)
            if otype == "student" and not town.university:
                continue
            org = self.world.new_org(otype, town, f"{label}-{attempt}", **kw)
            if org:
                return org
        return None

    def _finish(self, family: str, reals: list[RealOffer], facts: list[Fact]) -> list[RealOffer]:
        gid = self._gid(family)
        for real, fact in zip(reals, facts):
            real.family, real.group, real.fact = family, gid, fact
            real.sibling_facts = [f for f in facts if f is not fact]
        return reals

    # -- the families -----------------------------------------------------------------------------
    def org_roles(self, rng: random.Random, i: int) -> list[RealOffer]:
        """One organisation posts several volunteer roles for one venue, sharing intro and contact."""
        town = self.world.pick_town(rng)
        org = self._fresh_org(("association", "initiative", "church"), town, rng, f"roles-{i}")
        if not org:
            return []
        pool = [activities.get(k) for k in ROLE_POOL]
        rng.shuffle(pool)
        chosen: list[Activity] = []
        wanted = rng.choice((3, 4, 4, 5, 6, 8))
        for a in pool:
            if all(not activities.collides(a, b) for b in chosen):
                chosen.append(a)
            if len(chosen) >= wanted:
                break
        reals = []
        mailbox = rng.choice(("ehrenamt", "mitmachen", "helfen"))
        for a in chosen:
            timing = make_timing(a, rng) if chance(rng, 0.7) else None
            reals.append(self.world.make_real(org, a, rng, venue=org.home, timing=timing, mailbox=mailbox,
                                              contact_phone=True, brand=None, prefer=("ehrenamt",)))
        facts = [Fact("title", r.activity.marks, r.activity.de[0]) for r in reals]
        return self._finish("org_roles", reals, facts)

    def same_activity_two_orgs(self, rng: random.Random, i: int) -> list[RealOffer]:
        """Two organisations run the same activity in one town, sometimes in the same venue on
        another weekday."""
        town = self.world.pick_town(rng)
        a = activities.get(rng.choice(SHARED_ACTIVITIES))
        types = tuple(t for t in a.orgs if t in ("initiative", "association", "church", "charity", "welfare",
                                                 "migrant", "student", "library", "sport"))
        first = self._fresh_org(types, town, rng, f"same-{i}-a")
        second = self._fresh_org(types, town, rng, f"same-{i}-b")
        if not first or not second:
            return []
        shared_venue = chance(rng, 0.5)
        t1 = make_timing(a, rng)
        day2 = None
        if t1 and shared_venue:
            used = {d for s in t1.slots for d in s.days}
            free = [d for d in range(1, 7) if d not in used]
            day2 = rng.choice(free) if free else None
        t2 = make_timing(a, rng, day=day2) if day2 else make_timing(a, rng)
        r1 = self.world.make_real(first, a, rng, venue=first.home, timing=t1)
        r2 = self.world.make_real(second, a, rng, venue=first.home if shared_venue else second.home, timing=t2)
        facts = [Fact("org", first.spellings()), Fact("org", second.spellings())]
        return self._finish("same_activity_two_orgs", [r1, r2], facts)

    def one_org_two_venues(self, rng: random.Random, i: int) -> list[RealOffer]:
        """One organisation runs the same activity at two or three places in town."""
        town = self.world.pick_town(rng)
        a = activities.get(rng.choice(TWO_VENUE_ACTIVITIES))
        types = tuple(t for t in a.orgs if t in ("initiative", "association", "church", "charity", "welfare",
                                                 "library", "vhs", "municipal", "migrant"))
        org = self._fresh_org(types or ("association",), town, rng, f"venues-{i}")
        if not org:
            return []
        venues, streets, districts = [], set(), set()
        candidates = list(self.world.venues[town.key])
        rng.shuffle(candidates)
        for v in [org.home] + candidates:
            if v.street in streets or v.district.name in districts or v.kind in ("pool", "sport", "garden"):
                continue
            venues.append(v)
            streets.add(v.street)
            districts.add(v.district.name)
            if len(venues) >= rng.choice((2, 2, 3)):
                break
        if len(venues) < 2:
            return []
        same_time = chance(rng, 0.4)
        base = make_timing(a, rng)
        reals = [self.world.make_real(org, a, rng, venue=v, timing=base if same_time else make_timing(a, rng))
                 for v in venues]
        facts = [Fact("venue", v.markers(), v.name_de) for v in venues]
        return self._finish("one_org_two_venues", reals, facts)

    def parallel_groups(self, rng: random.Random, i: int) -> list[RealOffer]:
        """Parallel groups at one venue: levels, age groups, women's and men's groups, morning and evening."""
        candidates = [a for a in activities.ALL if a.facets]
        a = rng.choice(candidates)
        facet = rng.choice(a.facets)
        town = self.world.pick_town(rng)
        types = tuple(t for t in a.orgs if t not in ("company",)) or ("association",)
        org = self._fresh_org(types, town, rng, f"parallel-{i}")
        if not org:
            return []
        venue = self.world.venue_for(org, a, rng)
        base = make_timing(a, rng)
        if base is None or not base.slots:
            base = Timing(slots=(Slot((rng.choice(a.days),), *a.hours[0]),), since=base.since if base else
                          make_timing(activities.get("sprachcafe"), rng).since)
        if facet == "level":
            variants = LEVELS["cefr"] if a.key in ("deutschkurs", "berufssprachkurs") else LEVELS["steps"]
            variants = variants[: rng.randint(2, len(variants))]
        elif facet == "age":
            variants = AGES[AGE_SET.get(a.key, "school")][:]
            variants = variants[: rng.randint(2, len(variants))]
        elif facet == "gender":
            variants = GENDER["youth" if a.key in YOUTH_GENDER else "adults"]
        else:
            keys = rng.sample(list(DAYPARTS), 2)
            variants = [DAYPARTS[k][0] for k in sorted(keys, key=list(DAYPARTS).index)]
        reals, facts = [], []
        used_days = set()
        for n, variant in enumerate(variants):
            slot = base.slots[0]
            if facet == "daypart":
                _, start, end = next(DAYPARTS[k] for k in DAYPARTS if DAYPARTS[k][0] is variant)
                slot = replace(slot, start=start, end=end)
            elif facet in ("gender", "level") and chance(rng, 0.6):
                free = [d for d in a.days if d not in used_days and d not in slot.days] or list(a.days)
                slot = replace(slot, days=(rng.choice(free),) + slot.days[1:] if len(slot.days) == 1 else slot.days)
            elif facet == "age":
                shift = n * (slot.minutes // 60 or 1)
                slot = replace(slot, start=(min(20, slot.start[0] + shift), slot.start[1]),
                               end=(min(22, slot.end[0] + shift), slot.end[1]))
                if slot.minutes <= 0:
                    slot = base.slots[0]
            used_days.update(slot.days)
            timing = replace(base, slots=(slot,) + base.slots[1:])
            reals.append(self.world.make_real(org, a, rng, venue=venue, timing=timing, variant=variant, brand=None))
            facts.append(Fact("title", variant.marks, variant.de[0]))
        return self._finish("parallel_groups", reals, facts)

    def regular_vs_event(self, rng: random.Random, i: int) -> list[RealOffer]:
        """A regular offer and its one-off special event at the same place."""
        a = activities.get(rng.choice(REGULAR_FOR_EVENT))
        events = [k for k, e in EVENTS.items() if e[6] is None or a.key in e[6]]
        event = rng.choice(events)
        town = self.world.pick_town(rng)
        types = tuple(t for t in a.orgs if t != "company") or ("association",)
        org = self._fresh_org(types, town, rng, f"event-{i}")
        if not org:
            return []
        regular = self.world.make_real(org, a, rng)
        window = event_window(event, 2027, rng.randint(0, 30))
        special = self.world.make_real(org, a, rng, venue=regular.venue, timing=Timing(window=window),
                                       variant=event_variant(event), brand=regular.brand, capacity=None,
                                       event_of=a.de[0])
        special.prefer = ("calendar",)
        special.texts_de, special.texts_en = event_texts(event, a.de[0], window)
        facts = [Fact("title", (), a.de[0]), Fact("title", special.variant.marks, special.variant.de[0])]
        return self._finish("regular_vs_event", [regular, special], facts)

    def programme_towns(self, rng: random.Random, i: int) -> list[RealOffer]:
        """One programme name, run by different carriers in different towns, sharing a blurb."""
        name, key, blurb = PROGRAMMES[i % len(PROGRAMMES)]
        a = activities.get(key)
        towns = rng.sample(list(TOWNS), rng.choice((2, 2, 3)))
        reals = []
        for n, town in enumerate(towns):
            types = tuple(t for t in a.orgs if t not in ("company",)) or ("association",)
            org = self._fresh_org(types, town, rng, f"programme-{i}-{n}")
            if not org:
                continue
            reals.append(self.world.make_real(org, a, rng, blurb=blurb, programme=name, brand=name))
        if len(reals) < 2:
            return []
        facts = [Fact("area", (r.town.ags,), r.town.name) for r in reals]
        return self._finish("programme_towns", reals, facts)

    def course_terms(self, rng: random.Random, i: int) -> list[RealOffer]:
        """Consecutive terms of one course: same place, same time, another term."""
        a = activities.get(rng.choice(COURSES))
        town = self.world.pick_town(rng)
        types = tuple(t for t in a.orgs if t in ("vhs", "association", "welfare", "charity", "sport", "church",
                                                 "municipal", "initiative")) or ("association",)
        org = self._fresh_org(types, town, rng, f"terms-{i}")
        if not org:
            return []
        venue = self.world.venue_for(org, a, rng)
        first = rng.randint(0, len(TERMS) - 2)
        count = 3 if first == 0 and chance(rng, 0.3) else 2
        base = make_timing(a, rng)
        if base is None:
            return []
        level = rng.choice(LEVELS["cefr"]) if a.key in ("deutschkurs", "berufssprachkurs") else None
        reals, facts = [], []
        for n in range(first, first + count):
            _, start, end, _, _ = TERMS[n]
            timing = replace(base, since=start, until=end, holidays_closed=False)
            variant = term_variant(n)
            if level:
                variant = replace(variant, de=tuple(f"{level.de[0]} – {d}" for d in variant.de),
                                  en=tuple(f"{level.en[0]} – {e}" for e in variant.en))
            reals.append(self.world.make_real(org, a, rng, venue=venue, timing=timing, variant=variant, brand=None,
                                              valid_from=start, valid_until=end))
            facts.append(Fact("title", term_variant(n).marks, TERMS[n][3].split(";")[0]))
        return self._finish("course_terms", reals, facts)

    def welfare_branches(self, rng: random.Random, i: int) -> list[RealOffer]:
        """Two local branches of one welfare umbrella: same service, same mail domain."""
        umbrella = rng.choice(("awo", "drk", "caritas", "diakonie", "johanniter"))
        a = activities.get(rng.choice(BRANCH_SERVICES))
        if chance(rng, 0.5):
            keys = rng.choice(TOWN_PAIRS)
            towns = [TOWN_BY_KEY[k] for k in keys]
            places = [t.name.split()[0] for t in towns]
            domain = f"{umbrella}-{slug(towns[0].land)}.example"
            districts = [None, None]
        else:
            town = self.world.pick_town(rng)
            ds = rng.sample(list(town.districts[1:]), 2)
            towns = [town, town]
            places = [f"{town.name.split()[0]}-{d.name}" for d in ds]
            domain = f"{umbrella}-{town.key}.example"
            districts = ds
        reals, facts = [], []
        same_blurb = chance(rng, 0.5)
        for n, (town, place, district) in enumerate(zip(towns, places, districts)):
            org = self.world.factory.branch(umbrella, town, place, domain, f"{i}-{n}", district)
            if not org:
                return []
            self.world.orgs.append(org)
            real = self.world.make_real(org, a, rng, venue=org.home, mailbox=f"{a.mailbox or 'beratung'}-{slug(place)}")
            if same_blurb:
                real.blurb = rng.choice(a.d_de)
            reals.append(real)
            facts.append(Fact("org", org.spellings(), org.name))
        return self._finish("welfare_branches", reals, facts)


def build_families(world: World, target: int) -> list[list[RealOffer]]:
    """Groups until about `target` real offers belong to a family; families take turns."""
    builder = FamilyBuilder(world)
    methods: list[Callable[[random.Random, int], list[RealOffer]]] = [getattr(builder, f) for f in FAMILIES]
    groups: list[list[RealOffer]] = []
    count = 0
    i = 0
    while count < target and i < target * 3:
        method = methods[i % len(methods)]
        rng = stream(world.seed, "family", method.__name__, i)
        reals = method(rng, i)
        i += 1
        if len(reals) >= 2:
            groups.append(reals)
            count += len(reals)
    return groups
