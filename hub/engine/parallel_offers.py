"""Parallel offers (Doppelstrukturen) of one municipality and category, kept current as offers and demand change.

Demand is the open demand the coverage map holds for the municipality and category, so a place is
"over-served" only where several groups' joint capacity exceeds what is asked for there.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from schemas import Duplicate, Window, overlaps

from hub.engine.cache import EngineCache
from hub.engine.config import EngineConfig
from hub.engine.dedupe.parallel import find_parallel_offers
from hub.engine.dedupe.results import Cluster
from hub.engine.store import EngineTables

_OVERLAP_HORIZON = timedelta(days=7)


def local_demand(tables: EngineTables, cache: EngineCache, ags: str, category: str) -> int:
    """Open demand of a municipality and category, summed over its districts' coverage figures."""
    # the cache knows the keys in use; walking the whole coverage map per event would dominate
    texts = [key.text for key in cache.coverage_keys_by_area.get((ags, category), ())]
    return sum(int(tables.coverage[text]["open_demand"]) for text in texts if text in tables.coverage)


def refresh_parallel_offers(tables: EngineTables, cache: EngineCache, config: EngineConfig, ags: str,
                            category: str, now: datetime) -> list[Duplicate]:
    """Duplicate events (kind parallel_offers) for clusters that appeared, changed or dissolved."""
    profiles = [
        cache.profile(tables, offer_id)
        for offer_id in sorted(cache.offers_by_area.get((ags, category), ()))
    ]
    demand = local_demand(tables, cache, ags, category)
    clusters = find_parallel_offers(profiles, {(ags, category): demand}, config.dedupe)
    key = f"{ags}/{category}"
    previous = {cluster["cluster_id"]: cluster for cluster in tables.parallel.get(key, [])}
    out: list[Duplicate] = []
    for cluster in clusters:
        out.extend(_emit(tables, _duplicate_of(cluster, cache, now)))
        previous.pop(cluster.cluster_id, None)
    for gone in previous.values():
        # dissolved (demand grew, an offer ended): no status for it in the contract yet, so score 0
        out.extend(_emit(tables, Duplicate(
            id=gone["cluster_id"], kind="parallel_offers", offer_ids=sorted(gone["members"]), score=0.0,
            open_demand=demand, combined_capacity=0, detected_at=now,
        )))
    current = [cluster.to_dict() for cluster in clusters]
    if tables.parallel.get(key, []) != current:
        tables.parallel[key] = current
    return out


def _duplicate_of(cluster: Cluster, cache: EngineCache, now: datetime) -> Duplicate:
    return Duplicate(
        id=cluster.cluster_id, kind="parallel_offers", offer_ids=sorted(set(cluster.members)),
        score=cluster.score, overlap=_shared_windows(cluster, cache, now),
        open_demand=int(cluster.details["local_demand"]), combined_capacity=int(cluster.details["joint_capacity"]),
        detected_at=now,
    )


def _shared_windows(cluster: Cluster, cache: EngineCache, now: datetime) -> list[Window]:
    """The next week's times at which at least two members run at once."""
    schedules = [schedule for schedule in (cache.offers[member].schedule for member in cluster.members) if schedule]
    windows: set[tuple[datetime, datetime]] = set()
    for i, first in enumerate(schedules):
        for second in schedules[i + 1:]:
            windows.update((w.start, w.end) for w in overlaps(first, second, now, now + _OVERLAP_HORIZON))
    return [Window(start=start, end=end) for start, end in sorted(windows)]


def _emit(tables: EngineTables, duplicate: Duplicate) -> list[Duplicate]:
    fingerprint = json.dumps(duplicate.model_dump(mode="json", exclude={"id", "detected_at", "overlap"}),
                             sort_keys=True)
    if tables.emitted.get(duplicate.id) == fingerprint:
        return []
    tables.emitted[duplicate.id] = fingerprint
    return [duplicate]
