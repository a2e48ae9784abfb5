"""Duplicate offers: the dedupe index's cluster changes as Duplicate events, reviews, and restoring the index.

The index itself is an in-memory cache; the `clusters` and `reviews` maps are what survives a
restart, so cluster ids (which are history, see dedupe.cluster_ids) stay stable across restarts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, MutableMapping
from datetime import datetime
from itertools import combinations
from typing import Any, Literal

from schemas import Duplicate, PairEvidence

from hub.engine.dedupe.clusters import Decision, DuplicateIndex
from hub.engine.dedupe.config import DedupeConfig
from hub.engine.dedupe.deferred import DeferredProfile
from hub.engine.dedupe.results import ClusterChange
from hub.engine.dedupe.scoring import PairEvidence as ScoredPair
from hub.engine.dedupe.scoring import pair_key
from hub.engine.steps import Steps
from hub.engine.store import ModelJson, ReviewRecord

TIER_NAMES = {1: "shared_contact", 2: "same_group_same_slot", 3: "fuzzy_text"}
# A mid-band pair waiting for a person is still a suspicion on the wire; its score says how strong.
STATUS_ON_WIRE: dict[str, Literal["suspected", "confirmed", "rejected"]] = {
    "suspected": "suspected", "review": "suspected", "confirmed": "confirmed", "rejected": "rejected",
}


def _evidence(pair: ScoredPair) -> PairEvidence:
    return PairEvidence(offer_a=pair.offer_a, offer_b=pair.offer_b, score=pair.score, fields=dict(pair.fields),
                        tier=TIER_NAMES.get(pair.tier, str(pair.tier)), weights=dict(pair.weights))


def duplicate_of(change: ClusterChange, now: datetime) -> Duplicate:
    """The Duplicate event for one cluster change (id: the stable cluster id).

    A cluster closed without a reviewer's reject (an offer ended, clusters merged) has no status of
    its own in the contract yet: it goes out with score 0 and no evidence.
    """
    cluster = change.cluster
    dissolved = change.change == "closed" and cluster.status != "rejected"
    return Duplicate(
        id=cluster.cluster_id,
        kind=cluster.kind,
        offer_ids=sorted(set(cluster.members)),
        score=0.0 if dissolved else round(cluster.score, 4),
        evidence=[] if dissolved else [_evidence(pair) for pair in cluster.evidence],
        status=STATUS_ON_WIRE[cluster.status],
        detected_at=now,
    )


def last_change_per_cluster(changes: Iterable[ClusterChange]) -> list[ClusterChange]:
    """One change per cluster id, the last one: a review applied pair by pair passes through states nobody needs to see."""
    last: dict[str, ClusterChange] = {}
    for change in changes:
        last.pop(change.cluster_id, None)
        last[change.cluster_id] = change
    return list(last.values())


def keep_cluster(clusters: MutableMapping[str, ModelJson], change: ClusterChange) -> None:
    """Mirror one change into the `clusters` map (closed clusters leave it)."""
    if change.change == "closed":
        clusters.pop(change.cluster_id, None)
    else:
        clusters[change.cluster_id] = change.cluster.to_dict()


def review_pairs(offer_ids: Iterable[str]) -> list[tuple[str, str]]:
    """A reviewer's decision on a set of offers holds for every pair of them."""
    return sorted(pair_key(a, b) for a, b in combinations(sorted(set(offer_ids)), 2))


def decisions_of(reviews: Mapping[str, ReviewRecord]) -> dict[tuple[str, str], Decision]:
    """Pair decisions from the `reviews` map; a later review (occurred_at, then id) wins."""
    decisions: dict[tuple[str, str], Decision] = {}
    for review in sorted(reviews.values(), key=lambda r: (datetime.fromisoformat(r["occurred_at"]), r["review_id"])):
        for pair in review_pairs(review["offer_ids"]):
            decisions[pair] = review["decision"]
    return decisions


def keep_pairs(pairs: MutableMapping[str, ModelJson], changes: Mapping[tuple[str, str], ScoredPair | None]) -> None:
    """Mirror the index's changed pairs into the `pairs` map."""
    for (a, b), evidence in changes.items():
        if evidence is None:
            pairs.pop(f"{a}/{b}", None)
        else:
            pairs[f"{a}/{b}"] = evidence.to_dict()


def restoring_duplicate_index(
    offers: Iterable[DeferredProfile],
    pairs: Iterable[Mapping[str, Any]],
    clusters: Iterable[Mapping[str, Any]],
    decisions: Mapping[tuple[str, str], Decision],
    config: DedupeConfig,
) -> Steps[DuplicateIndex]:
    """The index as it was, one offer or pair per step: the offers that have not ended (each
    municipality's profiled and filed on its first use, see dedupe/deferred.py), the kept pairs,
    decisions and the kept clusters.

    Pairs are restored, not re-scored: which candidates blocking offered an offer depended on what
    had arrived before it (buckets have caps), so re-scoring now would find other pairs and let the
    clusters drift after every restart.
    """
    clusters = list(clusters)
    return (yield from DuplicateIndex.restoring(
        sorted(offers, key=lambda offer: offer.offer_id),
        sorted((dict(pair) for pair in pairs), key=lambda pair: (pair["offer_a"], pair["offer_b"])),
        dict(sorted(decisions.items())),
        [c for c in clusters if c["status"] != "review"],
        [c for c in clusters if c["status"] == "review"],
        config,
        track_pair_changes=True,
    ))
