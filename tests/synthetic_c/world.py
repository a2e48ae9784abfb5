"""The real world behind the listings: real offers, the hard-negative families, and which sources list what."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from tests.synthetic_c import timeslots as ts
from tests.synthetic_c.orgs import Org, build_orgs, orgs_for
from tests.synthetic_c.places import District, Municipality, Venue, build_venues, municipalities, slugify, venues_in
from tests.synthetic_c.sources import KINDS, LANG_DE, LANG_EN, Renderer, season_start
from tests.synthetic_c.vocab import (ACTIVITIES, AUDIENCE_LABELS, BY_KEY, EXTRA_LANGS, GROUP_LABELS, PROGRAMMES,
                                     SIBLING_AUDIENCES, SPORTY, Activity)

NOW = datetime(2026, 4, 20, 12, 0, tzinfo=ts.BERLIN)
FAMILIES = {"org_roles": 3, "same_activity_two_orgs": 3, "two_venues": 2, "two_groups_same_venue": 2,
            "franchise": 1.2, "regular_vs_special": 1.5, "target_group_siblings": 2}
# how many sources list one real offer: most are listed once, a few everywhere
LISTING_COUNTS = {1: 78, 2: 13, 3: 7, 4: 3.5, 5: 1.2, 6: 0.3}
ACTIVITY_WEIGHT = {"sprachcafe": 6, "deutsch_a1": 4, "hausaufgaben": 4, "kleiderkammer": 4, "begegnungscafe": 3,
                   "fahrradwerkstatt": 3, "frauentreff": 3, "asylberatung": 2.5, "migrationsberatung": 2.5,
                   "formularhilfe": 2.5, "behoerdenbegleitung": 2.5, "fussball": 2.5, "krabbelgruppe": 2}


@dataclass
class RealOffer:
    rid: str
    activity: Activity
    org: Org
    venue: Venue | None
    district: District
    slot: ts.Slot
    old_slot: ts.Slot
    generic_de: str
    generic_en: str
    season_start: date
    updated: datetime
    languages: list[str]
    target_groups: list[str]
    label: tuple[str, str] | None = None
    brand: str | None = None
    brand_full: bool = False
    programme: str | None = None
    programme_en: str | None = None
    window: datetime | None = None
    special: bool = False
    valid: tuple[datetime, datetime] | None = None
    capacity: int | None = None
    contact_dept: bool = False
    status: str = "active"
    family: str = ""
    family_id: str = ""
    extra_de: list[str] = field(default_factory=list)
    extra_en: list[str] = field(default_factory=list)

    @property
    def town(self) -> Municipality:
        return self.org.town

    @property
    def category(self) -> str:
        return self.activity.cat

    @property
    def slug(self) -> str:
        return slugify(self.generic_de)[:40]

    def with_label(self, text: str, english: bool) -> str:
        if not self.label:
            return text
        lab = self.label[1] if english else self.label[0]
        return f"{text} {lab}" if lab.startswith(("für", "for")) else f"{text} – {lab}" if not english else f"{text} ({lab})"

    @property
    def title_de(self) -> str:
        if self.special:
            return self.activity.special_de if self.activity.special_de != "Sonderveranstaltung" \
                else f"{self.generic_de}: Sonderveranstaltung"
        if self.programme:
            return self.with_label(self.programme, False)
        base = f"{self.brand} – {self.generic_de}" if self.brand and self.brand_full else (self.brand or self.generic_de)
        return self.with_label(base, False)

    @property
    def title_en(self) -> str:
        if self.special:
            return self.activity.special_en.capitalize()
        if self.programme:
            return self.with_label(f"{self.programme_en} ({self.programme})", True)
        return self.with_label(self.generic_en, True)

    @property
    def desc_de(self) -> str:
        parts = [self.activity.bde, *self.extra_de]
        extra = [LANG_DE[l] for l in self.languages if l != "de"]
        if extra:
            parts.append(f"Wir sprechen auch {' und '.join(extra)}.")
        return " ".join(parts)

    @property
    def desc_en(self) -> str:
        parts = [self.activity.ben, *self.extra_en]
        extra = [LANG_EN[l] for l in self.languages if l not in ("de", "en")]
        if extra:
            parts.append(f"Help is also available in {' and '.join(extra)}.")
        return " ".join(parts)


class World:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.seed = seed
        self.towns = municipalities()
        build_venues(self.rng, self.towns)
        self.orgs = build_orgs(self.rng, self.towns)
        self.reals: list[RealOffer] = []
        self.taken: set[tuple[str, str, str]] = set()
        self.n_families = 0

    # --- choosing --------------------------------------------------------------------------
    def town(self) -> Municipality:
        return self.rng.choices(self.towns, weights=[t.weight for t in self.towns])[0]

    def activity(self, pool: list[Activity] | None = None) -> Activity:
        pool = pool or ACTIVITIES
        return self.rng.choices(pool, weights=[ACTIVITY_WEIGHT.get(a.key, 1.0) for a in pool])[0]

    def org_for(self, town: Municipality, act: Activity, exclude: tuple[Org, ...] = ()) -> Org:
        cands = [o for o in orgs_for(self.orgs, town, act.roles) if o not in exclude]
        cands = cands or [o for o in self.orgs if o.town is town and o not in exclude]
        return self.rng.choice(cands)

    def venue_for(self, org: Org, district: District | None = None, act: Activity | None = None) -> Venue | None:
        rng = self.rng
        sporty = act is not None and act.key in SPORTY
        if org.home and district is None and rng.random() < 0.6 and (org.home.kind == "sport") == sporty:
            return org.home
        where = district or org.district
        cands = venues_in(org.town, where) or venues_in(org.town)
        fitting = [v for v in cands if (v.kind == "sport") == sporty] or \
            [v for v in venues_in(org.town) if (v.kind == "sport") == sporty] or cands
        return rng.choice(fitting)

    def new_real(self, act: Activity, org: Org, venue: Venue | None, slot: ts.Slot | None = None, **kw) -> RealOffer:
        rng = self.rng
        children = "children" in act.tg
        slot = slot or ts.random_slot(rng, act.rhythm, act.dur, children)
        langs = ["de"] + sorted(rng.sample(EXTRA_LANGS, k=rng.choice([0, 0, 1, 1, 2, 3])))
        r = RealOffer(
            rid=f"c{self.seed}-{len(self.reals):05d}", activity=act, org=org, venue=venue,
            district=venue.district if venue else org.district, slot=slot, old_slot=ts.other_slot(rng, slot),
            generic_de=rng.choice(act.de[:3]), generic_en=rng.choice(act.en), season_start=season_start(rng),
            updated=NOW - timedelta(days=rng.randint(5, 200), hours=rng.randint(0, 23)),
            languages=langs, target_groups=list(act.tg), contact_dept=rng.random() < 0.3)
        if act.brands and rng.random() < 0.25:
            r.brand, r.brand_full = rng.choice(act.brands), rng.random() < 0.5
        if act.rhythm == "course":
            start = r.season_start
            r.valid = (ts.at(start, 0, 0), ts.at(start + timedelta(days=rng.choice([70, 84, 112])), 23, 59))
            r.capacity = rng.choice([10, 12, 15, 16, 20])
        elif rng.random() < 0.1:
            r.capacity = rng.choice([8, 10, 15, 25])
        if rng.random() < 0.03:
            r.status = rng.choice(["paused", "full"])
        for k, v in kw.items():
            setattr(r, k, v)
        self.reals.append(r)
        return r

    # --- single offers and families ----------------------------------------------------------
    def single(self) -> list[RealOffer]:
        for _ in range(20):
            town = self.town()
            act = self.activity()
            org = self.org_for(town, act)
            venue = None if act.rhythm == "appointment" and self.rng.random() < 0.4 else self.venue_for(org, None, act)
            key = (org.key, act.key, venue.name if venue else "")
            if key not in self.taken:
                self.taken.add(key)
                return [self.new_real(act, org, venue)]
        return []

    def family(self, name: str) -> list[RealOffer]:
        rng = self.rng
        town = self.town()
        out: list[RealOffer] = []
        if name == "org_roles":
            org = rng.choice([o for o in self.orgs if o.town is town])
            acts = [a for a in ACTIVITIES if any(r in org.roles for r in a.roles)] or ACTIVITIES
            chosen = rng.sample(acts, k=min(len(acts), rng.choice([2, 2, 3])))
            venue = org.home or self.venue_for(org)
            shared = ts.random_slot(rng, "weekly", 120) if rng.random() < 0.4 else None
            dept = rng.random() < 0.5
            for act in chosen:
                slot = shared if shared and act.rhythm != "appointment" else None
                out.append(self.new_real(act, org, venue, slot, contact_dept=dept))
        elif name == "same_activity_two_orgs":
            act = self.activity([a for a in ACTIVITIES if a.rhythm != "appointment"])
            first = self.org_for(town, act)
            second = self.org_for(town, act, exclude=(first,))
            district = rng.choice(town.districts)
            v1 = self.venue_for(first, district, act)
            v2 = v1 if rng.random() < 0.3 else self.venue_for(second, district, act)
            title = rng.choice(act.de[:3])
            for org, venue in ((first, v1), (second, v2)):
                out.append(self.new_real(act, org, venue, generic_de=title))
        elif name == "two_venues":
            act = self.activity([a for a in ACTIVITIES if a.rhythm != "appointment"])
            org = self.org_for(town, act)
            d1, d2 = rng.sample(town.districts, k=2) if len(town.districts) > 1 else (town.districts[0],) * 2
            a = self.new_real(act, org, self.venue_for(org, d1, act))
            slot = a.slot if rng.random() < 0.5 else ts.other_slot(rng, a.slot)
            out = [a, self.new_real(act, org, self.venue_for(org, d2, act), slot, generic_de=a.generic_de,
                                    brand=a.brand, brand_full=a.brand_full, languages=a.languages)]
        elif name == "two_groups_same_venue":
            act = self.activity([a for a in ACTIVITIES if a.rhythm in ("weekly", "course", "twice")])
            org = self.org_for(town, act)
            venue = self.venue_for(org, None, act)
            learning = act.cat == "language_education" or act.key in ("schwimmen", "radfahrkurs", "computerkurs")
            labels = GROUP_LABELS[:2] if learning and rng.random() < 0.7 else GROUP_LABELS[2:]
            a = self.new_real(act, org, venue, label=labels[0][:2])
            change = rng.choice(["day", "time"])
            out = [a, self.new_real(act, org, venue, ts.other_slot(rng, a.slot, change), label=labels[1][:2],
                                    generic_de=a.generic_de, languages=a.languages, contact_dept=a.contact_dept)]
        elif name == "franchise":
            prog, prog_en, key, tg = rng.choice(PROGRAMMES)
            act = BY_KEY[key]
            towns = rng.sample([t for t in self.towns], k=rng.choice([2, 2, 3]))
            note_de = f"„{prog}“ ist ein landesweites Programm, das vor Ort von lokalen Trägern umgesetzt wird."
            note_en = f"'{prog_en}' is a statewide programme run locally by partner organisations."
            for t in towns:
                org = self.org_for(t, act)
                out.append(self.new_real(act, org, self.venue_for(org, None, act), programme=prog, programme_en=prog_en,
                                         target_groups=list(tg) or list(act.tg), extra_de=[note_de], extra_en=[note_en]))
        elif name == "regular_vs_special":
            act = self.activity([a for a in ACTIVITIES if a.special_de != "Sonderveranstaltung"])
            org = self.org_for(town, act)
            a = self.new_real(act, org, self.venue_for(org, None, act))
            day = NOW.date() + timedelta(days=rng.randint(10, 90))
            if not a.slot.appointment and a.slot.days:
                day = ts.first_on_or_after(a.slot, day)
            start = ts.at(day, a.slot.hour if not a.slot.appointment else 14, a.slot.minute)
            spec = ts.Slot((), start.hour, start.minute, max(a.slot.dur, 180))
            out = [a, self.new_real(act, org, a.venue, spec, window=start, special=True, generic_de=a.generic_de,
                                    contact_dept=a.contact_dept, languages=a.languages,
                                    extra_de=["Einmalige Aktion, alle sind herzlich eingeladen."],
                                    extra_en=["A one-off event, everyone is welcome."])]
        elif name == "target_group_siblings":
            act = self.activity([BY_KEY[k] for k in SIBLING_AUDIENCES])
            org = self.org_for(town, act)
            venue = self.venue_for(org, None, act)
            fitting = [lab for lab in AUDIENCE_LABELS if lab[2][0] in SIBLING_AUDIENCES[act.key]]
            labels = rng.sample(fitting, k=min(len(fitting), rng.choice([2, 2, 3])))
            first: RealOffer | None = None
            for lab in labels:
                slot = None if first is None or rng.random() < 0.7 else first.slot
                r = self.new_real(act, org, venue, slot, label=lab[:2], target_groups=list(lab[2]),
                                  generic_de=first.generic_de if first else rng.choice(act.de[:3]))
                first = first or r
                out.append(r)
        self.n_families += 1
        fid = f"{name}-{self.n_families:04d}"
        for r in out:
            r.family, r.family_id = name, fid
            self.taken.add((r.org.key, r.activity.key, r.venue.name if r.venue else ""))
        return out

    # --- listings ------------------------------------------------------------------------------
    def sources_for(self, real: RealOffer, k: int) -> list[str]:
        rng = self.rng
        kinds = dict(KINDS)
        if not (real.org.kind == "church" or (real.venue and real.venue.kind == "parish")):
            kinds.pop("newsletter")
        chosen: list[str] = []
        while len(chosen) < k:
            if chosen and rng.random() < 0.05:
                chosen.append(rng.choice(chosen))  # the same system lists it twice (re-entered record)
                continue
            left = {kk: w for kk, w in kinds.items() if kk not in chosen}
            if not left:
                break
            chosen.append(rng.choices(list(left), weights=list(left.values()))[0])
        # copy-cats come last: the aggregator and the HSDS export paste from what exists
        return sorted(chosen, key=lambda s: s in ("aggregator", "hsds"))


def build(seed: int, n_offers: int) -> tuple[list[dict], list[dict]]:
    """Listings and one truth row per listing (offer_id, truth_id, source_kind, variant_notes, hard_negative_family)."""
    world = World(seed)
    rng = world.rng
    renderer = Renderer(rng, NOW)
    offers: list[dict] = []
    rows: list[dict] = []
    counts, cweights = list(LISTING_COUNTS), list(LISTING_COUNTS.values())
    while len(offers) < n_offers:
        if rng.random() < 0.13:
            name = rng.choices(list(FAMILIES), weights=list(FAMILIES.values()))[0]
            group = world.family(name)
        else:
            group = world.single()
        for real in group:
            k = rng.choices(counts, weights=cweights)[0]
            earlier: list[dict] = []
            for kind in world.sources_for(real, k):
                payload, notes = renderer.render(real, kind, earlier)
                if kind in [r["source_kind"] for r in rows[len(rows) - len(earlier):]]:
                    notes.append("source:repeat")
                earlier.append(payload)
                offers.append(payload)
                rows.append({"offer_id": payload["id"], "truth_id": real.rid, "source_kind": kind,
                             "variant_notes": ";".join(notes), "hard_negative_family": real.family,
                             "family_id": real.family_id})
    return offers[:n_offers], rows[:n_offers]
