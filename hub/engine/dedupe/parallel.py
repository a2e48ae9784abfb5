"""Parallel offers (Doppelstruktur): different groups doing the same thing at the same place and time.

Reported only where their joint capacity exceeds the local demand the caller knows of.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from itertools import combinations

from hub.engine.dedupe.components import connected_groups
from hub.engine.dedupe.config import DedupeConfig
from hub.engine.dedupe.profile import OfferProfile
from hub.engine.dedupe.results import CLUSTER_NAMESPACE, Cluster
from hub.engine.dedupe.scoring import organisation_similarity
from hub.engine.dedupe.slots import matching_slots

__all__ = ["find_parallel_offers"]

# Paused and ended offers add no capacity, so they cannot make a place over-served.
_COUNTED_STATUSES = frozenset({"active", "full"})
_SAME_GROUP = 0.85


def _overlaps(a: frozenset[str], b: frozenset[str]) -> bool:
    # No districts or target groups given means the whole city or everyone.
    return not a or not b or bool(a & b)


def _parallel(a: OfferProfile, b: OfferProfile, config: DedupeConfig) -> bool:
    # Every pair of an area and category is asked, so the cheap and selective tests come first: few
    # pairs meet at the same weekly time, and comparing organisation names cost most of a sweep.
    if not (
        _overlaps(a.district_set, b.district_set)
        and _overlaps(a.target_groups, b.target_groups)
        and matching_slots(a.weekly_slots, b.weekly_slots, config.slot_tolerance_minutes)
    ):
        return False
    # one group twice is a duplicate or its own second offer, not a parallel one
    return not (a.contact_keys & b.contact_keys) and (organisation_similarity(a, b) or 0.0) < _SAME_GROUP


def find_parallel_offers(
    profiles: Iterable[OfferProfile],
    local_demand: int | Mapping[tuple[str, str], int],
    config: DedupeConfig | None = None,
) -> list[Cluster]:
    """Groups of parallel offers per (ags, category) whose joint capacity exceeds demand.

    `local_demand` is the open demand (people or slots) per (ags, category), or one number
    for all. Pairs are compared within one municipality and category only, so the caller
    bounds the cost by what it passes in (one partition's area).
    """
    config = config or DedupeConfig()
    groups: dict[tuple[str, str], list[OfferProfile]] = {}
    for profile in sorted(profiles, key=lambda profile: profile.offer_id):
        if profile.status in _COUNTED_STATUSES and profile.weekly_slots:
            groups.setdefault((profile.ags, profile.category), []).append(profile)
    clusters: list[Cluster] = []
    for (ags, category), members in sorted(groups.items()):
        demand = local_demand if isinstance(local_demand, int) else local_demand.get((ags, category), 0)
        for component in _components(members, config):
            clusters.extend(_cluster_if_over_served(ags, category, component, demand, config))
    return clusters


def _components(members: list[OfferProfile], config: DedupeConfig) -> list[list[OfferProfile]]:
    by_id = {profile.offer_id: profile for profile in members}
    links = [(a.offer_id, b.offer_id) for a, b in combinations(members, 2) if _parallel(a, b, config)]
    groups = connected_groups([profile.offer_id for profile in members], links)
    return [[by_id[offer_id] for offer_id in group] for group in groups if len(group) > 1]


def _cluster_if_over_served(
    ags: str, category: str, component: list[OfferProfile], demand: int, config: DedupeConfig
) -> list[Cluster]:
    capacity = sum(profile.capacity or 0 for profile in component)
    if capacity <= demand:
        return []
    overlap = sorted(
        {
            slot
            for a, b in combinations(component, 2)
            if _parallel(a, b, config)
            for slot in matching_slots(a.weekly_slots, b.weekly_slots, config.slot_tolerance_minutes)
        }
    )
    members = tuple(profile.offer_id for profile in component)
    cluster_id = str(uuid.uuid5(CLUSTER_NAMESPACE, f"parallel_offers:{ags}:{category}:{members[0]}"))
    details = {
        "ags": ags,
        "category": category,
        "slots": [list(slot) for slot in overlap],
        "joint_capacity": capacity,
        "local_demand": demand,
        "unknown_capacity": sum(1 for profile in component if profile.capacity is None),
        "organisations": sorted({profile.organisation_name for profile in component}),
    }
    # Score: how much of the joint capacity is beyond demand (1.0 = no demand at all).
    score = round(1 - demand / capacity, 4) if capacity else 0.0
    return [Cluster(cluster_id, "parallel_offers", members, "suspected", score, (), details)]
