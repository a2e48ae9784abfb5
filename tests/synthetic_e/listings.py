"""From real offers to listings: which systems list each offer, and rendering each listing.

About four in five real offers are listed by one system; the rest by two to five different systems.
Now and then one system lists an offer twice (an old record with an outdated time beside the new one).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from types import ModuleType

from . import (kind_app, kind_beratung, kind_calendar, kind_directory, kind_ehrenamt, kind_flyer, kind_guide,
               kind_roundtable, kind_website)
from . import render_common as rc
from .real import RealOffer
from .seeding import chance, stream, weighted
from .timing import BERLIN, shifted

KINDS: tuple[ModuleType, ...] = (kind_ehrenamt, kind_app, kind_directory, kind_calendar, kind_flyer,
                                 kind_roundtable, kind_guide, kind_website, kind_beratung)
BY_NAME = {k.KIND: k for k in KINDS}
SINGLE_SHARE = 0.84
MULTI_SIZES = ((2, 0.89), (3, 0.08), (4, 0.025), (5, 0.005))
STALE_SHARE = 0.02


@dataclass
class Listing:
    real: RealOffer
    kind: str
    stale: bool = False


def plan(real: RealOffer, seed: int) -> list[Listing]:
    """The systems that list this real offer."""
    rng = stream(seed, "plan", real.truth_id)
    size = 1 if chance(rng, SINGLE_SHARE) else weighted(rng, list(MULTI_SIZES))
    weights = {k.KIND: k.eligibility(real) for k in KINDS}
    chosen = [k for k in real.prefer if weights.get(k, 0) > 0][:size]
    while len(chosen) < size:
        options = [(name, w) for name, w in weights.items() if name not in chosen and w > 0]
        if not options:
            break
        chosen.append(weighted(rng, options))
    rng.shuffle(chosen)
    listings = [Listing(real, kind) for kind in chosen]
    if real.timing and not real.timing.window and chance(rng, STALE_SHARE):
        listings.append(Listing(real, rng.choice(chosen), stale=True))
    return listings


class Renderer:
    """Renders listings; keeps each source's record counter so record ids are unique per source."""

    def __init__(self, seed: int):
        self.seed = seed
        self.counters: dict[str, int] = {}

    def _record(self, module: ModuleType, source: str) -> str:
        if source not in self.counters:
            self.counters[source] = random.Random(f"{self.seed}:{source}").randint(100, 4000)
        self.counters[source] += 1
        return module.record_id(self.counters[source])

    def render(self, listing: Listing, index: int) -> tuple[dict, list[str]]:
        real = listing.real
        module = BY_NAME[listing.kind]
        rng = stream(self.seed, "listing", real.truth_id, listing.kind, index)
        source = module.source(real)
        low, high = module.AGE
        occurred = rc.occurred_at(rng, low, high)
        timing = real.timing
        notes: list[str] = []
        if listing.stale:
            occurred = rc.occurred_at(rng, high + 200, high + 700)
            timing = shifted(timing, rng) if timing else None
            notes += ["stale_copy", "outdated_time"]
        elif listing.kind == "guide" and timing and chance(rng, 0.35):
            timing = shifted(timing, rng)
            notes.append("outdated_time")
        if timing and not timing.window and occurred.date() < timing.since:
            # a system cannot list an offer before it started: the record is from after its start
            start = datetime.combine(timing.since, time(8, 0), tzinfo=BERLIN)
            occurred = min(rc.NOW, start + timedelta(days=rng.randint(5, 90), minutes=rng.randint(0, 600)))
        ctx = rc.Ctx(real=real, kind=listing.kind, source=source, record_id=self._record(module, source), rng=rng,
                     occurred=occurred, stale=listing.stale, notes=notes, timing=timing)
        offer = module.render(ctx)
        return offer, ctx.notes
