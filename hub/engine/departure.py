"""A need or an offer that moved to a municipality another partition holds leaves the one it was in.

Why: each area partition's engine holds the entities of its municipalities. When a source corrects an
entity's municipality (its AGS), the new revision goes to the partition of the new one, and the old
partition would keep the old copy for ever: an offer counted as capacity where it no longer is, a need
raising gaps there, a duplicate cluster holding an offer of another town. The worker's router, which
remembers each entity's AGS, sends the old partition a *departure* (the new revision, marked as one),
and the engine there lets the entity go: what its presence caused is
withdrawn (coverage, matches, clusters, parallel offers, an open gap: resolved as "withdrawn"), its
records are deleted, and no state of the entity is derived here; the partition it moved to derives
that.

A departure is applied once: only over an older revision of the entity held under another AGS. The
entity moving within one partition (both municipalities hashed to it) arrives as an ordinary revision
first and the departure that follows finds it under its new AGS and is ignored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from schemas import Need, Offer, derived_id, is_newer

from hub.engine.cache import EngineCache
from hub.engine.config import EngineConfig
from hub.engine.coverage import CoverageKey
from hub.engine.duplicates import keep_pairs
from hub.engine.entity_state import state_key
from hub.engine.gaps import resolve_gap
from hub.engine.outcome import Derived
from hub.engine.parallel_offers import refresh_parallel_offers
from hub.engine.reactions import emit_cluster_changes, refresh_coverage, rematch_category
from hub.engine.store import EngineTables


@dataclass(frozen=True)
class Departure:
    """The new revision of an entity, as the partition it left hears of it."""

    entity: Need | Offer

    @property
    def moved_to(self) -> str:
        return self.entity.area.ags


def held_here(tables: EngineTables, departure: Departure) -> bool:
    """Whether this engine holds an older revision of the entity under another municipality."""
    entity = departure.entity
    kind = "need" if isinstance(entity, Need) else "offer"
    record = (tables.needs if kind == "need" else tables.offers).get(entity.id)
    if record is None:
        return False
    held = record[kind]  # type: ignore[literal-required]
    return held["area"]["ags"] != departure.moved_to and is_newer(entity.revision, held["revision"])


def need_left(tables: EngineTables, cache: EngineCache, config: EngineConfig, need_id: str,
              now: datetime) -> list[Derived]:
    old, record = cache.needs[need_id], tables.needs[need_id]
    derived: list[Derived] = []
    gap = tables.gaps.get(need_id)
    if gap is not None:
        del tables.gaps[need_id]
        if (resolved := resolve_gap(gap, need_id, "withdrawn", now)) is not None:
            derived.append(resolved)
    for offer_id in record.get("matches", []):  # a match that comes back later goes out again
        tables.emitted.pop(derived_id("match", need_id, offer_id), None)
    _drop_commitments(tables, need_id, "need_id")
    cache.forget_need(need_id)
    del tables.needs[need_id]
    tables.emitted.pop(state_key(need_id), None)
    derived.extend(refresh_coverage(tables, cache, config, [CoverageKey.of_need(old)], now))
    derived.extend(refresh_parallel_offers(tables, cache, config, old.area.ags, old.category, now))
    return derived


def offer_left(tables: EngineTables, cache: EngineCache, config: EngineConfig, offer_id: str,
               now: datetime) -> list[Derived]:
    old = cache.offers[offer_id]
    derived: list[Derived] = list(emit_cluster_changes(tables, cache.duplicates.remove(offer_id), now))
    keep_pairs(tables.pairs, cache.duplicates.take_pair_changes())
    keys = cache.keys_served_by(old)
    _drop_commitments(tables, offer_id, "offer_id")
    cache.forget_offer(offer_id)
    del tables.offers[offer_id]
    tables.emitted.pop(state_key(offer_id), None)
    derived.extend(rematch_category(tables, cache, config, old.category, now, [old]))
    derived.extend(refresh_coverage(tables, cache, config, keys, now))
    derived.extend(refresh_parallel_offers(tables, cache, config, old.area.ags, old.category, now))
    return derived


def _drop_commitments(tables: EngineTables, entity_id: str, field: Literal["need_id", "offer_id"]) -> None:
    """Commitments of the entity (`field`: "need_id" or "offer_id"): their timers would reach for its
    record. A scan of this partition's commitments, which a departure, rare, can afford."""
    for key in [key for key, record in tables.commitments.items() if record[field] == entity_id]:
        del tables.commitments[key]
