"""Putting it together: grow the world until the listings reach exactly `n_offers`, render each
listing in its source's style, and shuffle the records."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tests.synthetic_f.listings import kinds_for
from tests.synthetic_f.rng import stream
from tests.synthetic_f.sources import Context, render
from tests.synthetic_f.world import World

MODES = ("standard", "hard")
FAMILY_SHARE = 0.125  # share of offers aimed at in hard-negative groups
_LISTINGS_PER_OFFER = 1.8  # for turning that share into a number of real offers before listing
_FAMILY_CYCLE = ("same_activity_other_org", "org_two_groups", "org_roles", "same_activity_other_org",
                 "org_two_groups", "course_and_childcare", "same_activity_other_org", "org_two_groups", "org_roles")


@dataclass(frozen=True)
class Row:
    offer_id: str
    truth_id: str
    source_kind: str
    variant_notes: str
    hard_negative_family: str

    def as_dict(self) -> dict[str, str]:
        return {"offer_id": self.offer_id, "truth_id": self.truth_id, "source_kind": self.source_kind,
                "variant_notes": self.variant_notes, "hard_negative_family": self.hard_negative_family}


def build(seed: int, n_offers: int, mode: str) -> tuple[list[dict[str, Any]], list[Row]]:
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
    if n_offers < 0:
        raise ValueError("n_offers must not be negative")
    world = World(seed)
    listings: list[tuple[Any, str]] = []
    family_target = round(FAMILY_SHARE * n_offers / _LISTINGS_PER_OFFER)
    unit = family_real = 0
    while family_real < family_target and len(listings) < n_offers:
        made = world.add_unit(unit, _FAMILY_CYCLE[unit % len(_FAMILY_CYCLE)])
        unit += 1
        family_real += len(made)
        for offer in made:
            listings.extend((offer, kind) for kind in kinds_for(seed, mode, offer))
    while len(listings) < n_offers:
        for offer in world.add_unit(unit, ""):
            listings.extend((offer, kind) for kind in kinds_for(seed, mode, offer))
        unit += 1
    listings = listings[:n_offers]

    ctx = Context(seed, mode)
    pairs = []
    for offer, kind in listings:
        record, notes = render(ctx, offer, kind)
        row = Row(record["id"], offer.truth_id, kind, ";".join(notes), offer.family)
        pairs.append((record, row))
    stream(seed, "order", mode).shuffle(pairs)
    return [p[0] for p in pairs], [p[1] for p in pairs]
