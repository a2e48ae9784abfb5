"""The real world behind the listings: organisations, their activities, venues and times.

Besides plain offers, the world is built from situations that make false duplicates likely
(hard negatives): one organisation running many different activities from one house, several
organisations running the same activity in one city, one organisation running the same activity
twice (another weekday or another venue), and branch networks offering one format everywhere.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from tests.synthetic_b.concepts import BY_KEY, CONCEPTS, FRANCHISE_CONCEPTS, ROLE_CONCEPTS, Concept
from tests.synthetic_b.facts import Fact, pick_facts
from tests.synthetic_b.orgs import GROUPS, Organisation, make_organisation
from tests.synthetic_b.places import SAINTS, District, Municipality, Venue, VenueBook, pick_municipality
from tests.synthetic_b.slots import BERLIN, Slot, make_slot, other_day

# how many listings one real offer has: about half appear in one system only
POSTINGS_PER_OFFER = ((1, 0.50), (2, 0.25), (3, 0.15), (4, 0.10))
SCENARIOS = (("plain", 0.36), ("org_roles", 0.16), ("parallel", 0.16), ("same_activity", 0.16), ("franchise", 0.16))
ORG_GROUPS = (("association", 0.30), ("initiative", 0.22), ("welfare", 0.18), ("church", 0.17), ("municipal", 0.08),
              ("company", 0.05))
LANGUAGES = ("ar", "fa", "uk", "ru", "tr", "en", "fr", "ti", "ku", "ps", "so")

# which branch network runs a franchise concept, by organisation template family
FRANCHISE_FAMILY = {
    "sprachcafe": "library", "lesepaten": "library", "smartphone_hilfe": "library", "deutschkurs_a1": "vhs",
    "asylberatung": "caritas", "kleiderkammer": "drk", "hausaufgabenhilfe": "youth_office", "begegnungscafe": "awo",
    "formularhilfe": "integration_office",
}
# activities an organisation family is likely to run (others are possible but rarer)
AFFINITY = {
    "library": ("sprachcafe", "lesepaten", "computerkurs", "smartphone_hilfe", "sprachtandem", "materialpool"),
    "vhs": ("deutschkurs_a1", "deutschkurs_frauen", "alphabetisierung", "computerkurs", "mietfuehrerschein"),
    "sport": ("fussball_jugend", "frauenfitness", "frauenschwimmen", "radfahrkurs"),
    "housing_coop": ("wohnungssuche", "mietfuehrerschein", "stromspar", "gruppenraum", "nachbarschaftsfest"),
    "bike_shop": ("fahrradwerkstatt", "fahrradspende", "radfahrkurs", "fahrradbasar"),
    "youth_office": ("hausaufgabenhilfe", "ferienbetreuung", "ausbildungslotsen", "nachhilfe"),
    "integration_office": ("formularhilfe", "ehrenamtsschulung", "versicherung", "foerderberatung", "gruppenraum"),
    "integration_centre": ("ehrenamtsschulung", "supervision", "foerderberatung", "anerkennungsberatung"),
}


@dataclass
class RealOffer:
    key: str
    org: Organisation
    concept: Concept
    venue: Venue
    slot: Slot | None
    anchor: datetime
    languages: tuple[str, ...]
    target_groups: tuple[str, ...]
    capacity: int | None
    postings: int
    facts: tuple[Fact, ...] = ()  # what every listing may repeat about it ("kostenlos", "Anmeldung nötig")
    families: list[str] = field(default_factory=list)  # hard-negative families this offer belongs to
    label: str = ""  # what tells it apart inside its family ("Gruppe 2", a weekday, a branch)


def _weighted(rng: random.Random, pairs: tuple[tuple[str, float], ...] | tuple[tuple[int, float], ...]):  # type: ignore[no-untyped-def]
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


class World:
    """Builds real offers scenario by scenario until enough listings are planned."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.venues = VenueBook(rng)
        self.offers: list[RealOffer] = []
        self._orgs: dict[str, Organisation] = {}
        self._orgs_by_ags: dict[str, list[Organisation]] = {}
        self._runs: dict[str, set[str]] = {}  # concepts each organisation already runs
        self._signatures: set[tuple[object, ...]] = set()

    # -- organisations -------------------------------------------------------------------------
    def _org(self, muni: Municipality, district: District, group: str | None = None, family: str | None = None) -> Organisation:
        rng = self.rng
        if family is not None:
            templates = [t for g in GROUPS.values() for t in g if t[0] == family]
        else:
            templates = list(GROUPS[group or _weighted(rng, ORG_GROUPS)])
        template = rng.choice(templates)
        # one organisation per name: per town, per district, or per parish saint in a town
        saint = rng.choice(SAINTS) if "{saint}" in template[2] else None
        key = f"{muni.ags}:{template[2]}"
        if "{district}" in template[2]:
            key += f":{district.name}"
        if saint:
            key += f":{saint}"
        if key not in self._orgs:
            group_of = next(g for g, members in GROUPS.items() if template in members)
            org = make_organisation(rng, f"org-{len(self._orgs) + 1:04d}", group_of, muni, district, template, saint)
            self._orgs[key] = org
            self._orgs_by_ags.setdefault(muni.ags, []).append(org)
        return self._orgs[key]

    def _some_org(self, muni: Municipality, district: District) -> Organisation:
        known = self._orgs_by_ags.get(muni.ags, [])
        if known and self.rng.random() < 0.35:
            return self.rng.choice(known)
        return self._org(muni, district)

    # -- activities ------------------------------------------------------------------------------
    def _concept_for(self, org: Organisation) -> Concept:
        """An activity the organisation does not run yet (running it twice is its own scenario)."""
        rng = self.rng
        runs = self._runs.get(org.key, set())
        liked = [k for k in AFFINITY.get(org.family, ()) if k not in runs]
        if liked and rng.random() < 0.8:
            return BY_KEY[rng.choice(liked)]
        pool = [c for c in CONCEPTS if c.key not in runs and (not c.role or rng.random() < 0.2)]
        return rng.choice(pool or list(CONCEPTS))

    def _venue(self, org: Organisation, concept: Concept, district: District) -> Venue:
        rng = self.rng
        kind = rng.choice(concept.venue_kinds)
        muni = org.municipality
        if org.kind == "church" and rng.random() < 0.85:
            return self.venues.church_venue(muni, district, org.saint or rng.choice(("Markus", "Lukas")))
        if kind == "church":
            return self.venues.church_venue(muni, district, rng.choice(("Markus", "Lukas", "Paulus", "Marien")))
        if kind == "premises":
            label = {"kleiderkammer": "Kleiderkammer", "moebellager": "Möbellager", "fahrradwerkstatt": "Fahrradwerkstatt",
                     "fahrradspende": "Fahrradwerkstatt"}.get(concept.key, "Geschäftsstelle")
            # an organisation's own rooms are where it is based, wherever the activity's district
            return self.venues.own_premises(muni, org.district, org.key, f"{label} {org.aliases[0] if org.aliases else org.name}")
        return self.venues.public_venue(muni, district, kind)

    def _new_offer(self, org: Organisation, concept: Concept, venue: Venue, slot: Slot | None = None,
                   families: list[str] | None = None, label: str = "") -> RealOffer:
        rng = self.rng
        if slot is None and concept.rhythm != "appointment":
            slot = make_slot(rng, concept.rhythm, concept.hours, concept.minutes)
        # two real offers must differ in something a person could tell apart
        while (org.key, concept.key, venue.key, slot) in self._signatures:
            if slot is not None:
                slot = other_day(slot, rng)
            else:
                venue = self.venues.public_venue(venue.municipality, rng.choice(venue.municipality.districts))
        self._signatures.add((org.key, concept.key, venue.key, slot))
        self._runs.setdefault(org.key, set()).add(concept.key)
        langs = ("de", *rng.sample(LANGUAGES, rng.choice((0, 1, 2, 3))))
        capacity = rng.randint(*concept.capacity) if concept.capacity else None
        anchor = datetime(2026, 1, 5, tzinfo=BERLIN) + timedelta(days=rng.randrange(0, 240))
        offer = RealOffer(f"rw-{len(self.offers) + 1:05d}", org, concept, venue, slot, anchor, langs,
                          concept.target_groups, capacity, _weighted(rng, POSTINGS_PER_OFFER), pick_facts(rng),
                          families or [], label)
        self.offers.append(offer)
        return offer

    # -- scenarios ---------------------------------------------------------------------------------
    def add_scenario(self) -> list[RealOffer]:
        rng = self.rng
        muni = pick_municipality(rng)
        district = rng.choice(muni.districts)
        kind = _weighted(rng, SCENARIOS)
        return getattr(self, f"_{kind}")(muni, district)

    def _plain(self, muni: Municipality, district: District) -> list[RealOffer]:
        org = self._some_org(muni, district)
        concept = self._concept_for(org)
        return [self._new_offer(org, concept, self._venue(org, concept, district))]

    def _org_roles(self, muni: Municipality, district: District) -> list[RealOffer]:
        rng = self.rng
        # houses with many activities: welfare associations, parishes, neighbourhood associations
        org = self._org(muni, district, family=rng.choice(("caritas", "diakonie", "awo", "drk", "parish", "verein")))
        runs = self._runs.get(org.key, set())
        # the roles a big house asks volunteers for, sewing among them
        free_roles = [k for k in (*ROLE_CONCEPTS, "naehwerkstatt") if k not in runs]
        roles = rng.sample(free_roles, min(len(free_roles), rng.randint(2, 4)))
        # at least three activities in all, topped up with ordinary ones when the roles are used up
        wanted = max(rng.randint(1, 3), 3 - len(roles))
        others = rng.sample([c.key for c in CONCEPTS if not c.role and c.key not in runs], wanted)
        if not roles:
            roles, others = others[:1], others[1:]
        home = self._venue(org, BY_KEY[roles[0]], district)
        family = f"org_roles:{org.key}"
        out = []
        for key in roles + others:
            concept = BY_KEY[key]
            venue = home if rng.random() < 0.75 else self._venue(org, concept, district)
            out.append(self._new_offer(org, concept, venue, families=[family]))
        return out

    def _parallel(self, muni: Municipality, district: District) -> list[RealOffer]:
        rng = self.rng
        concept = rng.choice([c for c in CONCEPTS if not c.role])
        family = f"parallel:{concept.key}@{muni.ags}"
        out: list[RealOffer] = []
        seen: set[str] = set()
        for _ in range(rng.choice((2, 2, 3))):
            where = district if rng.random() < 0.4 else rng.choice(muni.districts)
            org = self._org(muni, where)
            if org.key in seen or concept.key in self._runs.get(org.key, set()):
                continue
            seen.add(org.key)
            out.append(self._new_offer(org, concept, self._venue(org, concept, where), families=[family]))
        return out

    def _same_activity(self, muni: Municipality, district: District) -> list[RealOffer]:
        rng = self.rng
        org = self._some_org(muni, district)
        runs = self._runs.get(org.key, set())
        concept = rng.choice([c for c in CONCEPTS if not c.role and c.key not in runs])
        family = f"same_activity:{org.key}/{concept.key}"
        first = self._new_offer(org, concept, self._venue(org, concept, district), families=[family], label="Gruppe 1")
        out = [first]
        for n in range(2, rng.choice((3, 3, 4))):
            if first.slot is not None and rng.random() < 0.6:
                # a second group: same place, another weekday
                slot = other_day(first.slot, rng)
                out.append(self._new_offer(org, concept, first.venue, slot, [family], f"Gruppe {n}"))
            else:
                where = rng.choice(muni.districts)
                venue = self._venue(org, concept, where)
                if venue.key == first.venue.key:
                    venue = self.venues.public_venue(muni, where)
                out.append(self._new_offer(org, concept, venue, first.slot, [family], f"Gruppe {n}"))
        return out

    def _franchise(self, muni: Municipality, district: District) -> list[RealOffer]:
        rng = self.rng
        concept = BY_KEY[rng.choice(FRANCHISE_CONCEPTS)]
        org = self._org(muni, district, family=FRANCHISE_FAMILY[concept.key])
        family = f"franchise:{org.key}/{concept.key}"
        out: list[RealOffer] = []
        used: set[str] = set()
        for _ in range(rng.randint(3, 5)):
            where = rng.choice(muni.districts)
            kind = "library" if org.family == "library" else rng.choice(concept.venue_kinds)
            venue = (self.venues.public_venue(muni, where, kind) if kind not in ("premises", "church")
                     else self._venue(org, concept, where))
            if venue.key in used:
                venue = self.venues.public_venue(muni, where)
            if venue.key in used:
                continue
            used.add(venue.key)
            out.append(self._new_offer(org, concept, venue, families=[family], label=venue.district.name))
        return out


def build_world(rng: random.Random, n_postings: int) -> list[RealOffer]:
    """Real offers whose listing counts add up to exactly `n_postings`."""
    world = World(rng)
    planned = 0
    while planned < n_postings:
        for offer in world.add_scenario():
            if planned >= n_postings:
                world.offers.remove(offer)
                continue
            offer.postings = min(offer.postings, n_postings - planned)
            planned += offer.postings
    return world.offers
