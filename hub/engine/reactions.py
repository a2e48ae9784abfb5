"""What follows from a change of state: a need's matches and gap, coverage of touched keys, duplicate clusters.

Each reaction compares with what was emitted before (the `emitted`, `gaps` and `coverage` maps),
so it derives an event only when something changed: redelivery and replay derive nothing new.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime, timedelta

from schemas import Coverage, Duplicate, Gap, GapResolved, Match, derived_id

from hub.engine.cache import EngineCache
from hub.engine.compact import OfferView
from hub.engine.config import EngineConfig
from hub.engine.coverage import CoverageKey, coverage_event, coverage_of
from hub.engine.dedupe.results import ClusterChange
from hub.engine.duplicates import duplicate_of, keep_cluster, keep_pairs, last_change_per_cluster
from hub.engine.gaps import gap_record, is_gap_due, raise_gap, resolve_gap
from hub.engine.lifecycle import is_open, uncovered
from hub.engine.matching import CandidateSearch, find_candidate_offers
from hub.engine.steps import Steps, run_steps
from hub.engine.store import EngineTables


def _fingerprint(model: Match | Duplicate, time_field: str) -> str:
    return json.dumps(model.model_dump(mode="json", exclude={"id", time_field}), sort_keys=True)


def search_for(tables: EngineTables, cache: EngineCache, config: EngineConfig, need_id: str,
               now: datetime) -> CandidateSearch:
    """The ranked candidates of one need right now, limited to max_matches_per_need."""
    need = cache.needs[need_id]
    return find_candidate_offers(
        need, uncovered(tables.needs[need_id]), cache.offers_in_reach(tables, need, config.match_distance_km), now,
        config.match_distance_km, timedelta(days=config.coverage_horizon_days), config.max_matches_per_need,
    )


def rematch_need(tables: EngineTables, cache: EngineCache, config: EngineConfig, need_id: str,
                 now: datetime) -> list[Match]:
    """Matches of a need that are new or changed score, rank or reasons; dropped ones are forgotten."""
    record = tables.needs[need_id]
    search = search_for(tables, cache, config, need_id, now) if is_open(record) else CandidateSearch()
    out: list[Match] = []
    for rank, candidate in enumerate(search.candidates, start=1):
        match = Match(
            id=derived_id("match", need_id, candidate.offer_id), need_id=need_id, offer_id=candidate.offer_id,
            score=candidate.score, reasons=list(candidate.reasons), rank=rank, computed_at=now,
        )
        fingerprint = _fingerprint(match, "computed_at")
        if tables.emitted.get(match.id) != fingerprint:
            tables.emitted[match.id] = fingerprint
            out.append(match)
    current = [c.offer_id for c in search.candidates]
    for offer_id in record.get("matches", []):
        if offer_id not in current:
            # no retraction event exists; forgetting it lets the match go out again if it returns
            tables.emitted.pop(derived_id("match", need_id, offer_id), None)
    if record.get("matches", []) != current:
        tables.needs[need_id] = {**record, "matches": current}
    return out


def rematch_category(tables: EngineTables, cache: EngineCache, config: EngineConfig, category: str,
                     now: datetime, changed: Iterable[OfferView]) -> list[Match]:
    """Re-match the open needs of a category that the changed offers (before and after) can reach;
    a need out of reach of every changed offer keeps its candidates."""
    out: list[Match] = []
    for item in list(cache.open_needs_in_reach(tables, category, changed, config.match_distance_km)):
        out.extend(rematch_need(tables, cache, config, item.need.id, now))
    return out


def settle_gap(tables: EngineTables, cache: EngineCache, config: EngineConfig, need_id: str,
               now: datetime) -> list[Gap | GapResolved]:
    """Resolve a need's open gap if it is no longer open; raise one if its SLA ran out at `now`."""
    record = tables.needs[need_id]
    gap = tables.gaps.get(need_id)
    if gap is not None:
        if is_open(record):
            return []
        del tables.gaps[need_id]
        resolved = resolve_gap(gap, need_id, record["status"], now)
        return [resolved] if resolved is not None else []
    if not is_gap_due(record, now, config):
        return []
    open_since = datetime.fromisoformat(record["open_since"])
    # the gap happened when the SLA ran out, not when a driver noticed: replays agree on the time
    raised_at = open_since + config.sla_of(record["need"]["urgency"])
    search = search_for(tables, cache, config, need_id, now)
    gap_event = raise_gap(cache.needs[need_id], open_since, search.reasons, raised_at, config)
    tables.gaps[need_id] = gap_record(gap_event)
    if tables.emitted.get(gap_event.id) is not None:
        return []
    tables.emitted[gap_event.id] = "raised"
    return [gap_event]


def refresh_coverage(tables: EngineTables, cache: EngineCache, config: EngineConfig,
                     keys: Iterable[CoverageKey], now: datetime) -> list[Coverage]:
    """Coverage events for the keys whose figures changed since they were last emitted."""
    return run_steps(refreshing_coverage(tables, cache, config, keys, now))


def refreshing_coverage(tables: EngineTables, cache: EngineCache, config: EngineConfig,
                        keys: Iterable[CoverageKey], now: datetime) -> Steps[list[Coverage]]:
    """`refresh_coverage` one key per step (a sweep of every area and category takes seconds at 100,000 entities)."""
    out: list[Coverage] = []
    horizon = timedelta(days=config.coverage_horizon_days)
    for key in sorted(set(keys)):
        yield
        demand, capacity = coverage_of(
            key, cache.open_needs(tables, key.category, key.ags), cache.offer_states(tables, key.category, key.ags), now,
            horizon, config.unknown_capacity_slots,
        )
        last = tables.coverage.get(key.text)
        if last is None and demand == 0 and capacity == 0:
            continue
        if last is not None and (last["open_demand"], last["available_capacity"]) == (demand, capacity):
            continue
        seq = (last["seq"] + 1) if last is not None else 1
        event = coverage_event(key, demand, capacity, seq, now, config.coverage_horizon_days, config.coverage_gap_ratio)
        tables.coverage[key.text] = {
            "open_demand": demand, "available_capacity": capacity, "is_gap": event.is_gap, "seq": seq,
        }
        cache.add_coverage_key(key)
        out.append(event)
    return out


def emit_cluster_changes(tables: EngineTables, changes: Iterable[ClusterChange], now: datetime) -> list[Duplicate]:
    """Duplicate events for cluster changes whose content differs from what went out last."""
    out: list[Duplicate] = []
    for change in last_change_per_cluster(changes):
        keep_cluster(tables.clusters, change)
        duplicate = duplicate_of(change, now)
        fingerprint = _fingerprint(duplicate, "detected_at")
        if tables.emitted.get(duplicate.id) != fingerprint:
            tables.emitted[duplicate.id] = fingerprint
            out.append(duplicate)
    return out


def reindex_offer(tables: EngineTables, cache: EngineCache, offer_id: str, now: datetime) -> list[Duplicate]:
    """Feed an offer's current profile to the dedupe index (an ended offer leaves it)."""
    profile = cache.profile(tables, offer_id)
    changes = cache.duplicates.upsert(profile)
    keep_pairs(tables.pairs, cache.duplicates.take_pair_changes())
    return emit_cluster_changes(tables, changes, now)
