"""Stable cluster ids: who keeps which id when clusters are founded, grow, merge and split.

No function of the members alone can keep an id stable while a cluster grows (A-B and B-C
would force one id on every overlapping set), so the id is history: it is founded from a
pair, kept while the cluster grows, and on a merge the lexicographically smaller id wins.
The rules use only ids, never arrival time, so the same input sequence gives the same ids.
"""

from __future__ import annotations

import uuid
from collections.abc import Container, Mapping, Sequence

from hub.engine.dedupe.components import connected_groups
from hub.engine.dedupe.results import CLUSTER_NAMESPACE, Cluster, ClusterStatus
from hub.engine.dedupe.scoring import PairEvidence, pair_key

__all__ = ["assign_cluster_ids", "build_cluster", "founding_id"]


def founding_id(linking: Sequence[PairEvidence], members: Sequence[str], in_use: Container[str]) -> str:
    """Id of a new cluster: from its smallest linking pair; from all members if that is taken."""
    first = min(pair.key for pair in linking) if linking else (members[0], members[-1])
    candidate = str(uuid.uuid5(CLUSTER_NAMESPACE, f"same_offer:{first[0]}:{first[1]}"))
    if candidate in in_use:
        candidate = str(uuid.uuid5(CLUSTER_NAMESPACE, "same_offer:" + ",".join(members)))
    return candidate


def assign_cluster_ids(
    components: Sequence[Sequence[str]],
    old: Mapping[str, Cluster],
    linking: Mapping[tuple[str, ...], Sequence[PairEvidence]],
    in_use: Container[str],
) -> dict[tuple[str, ...], str]:
    """Map each new component to an id; old ids go to where most of their members went.

    A merge keeps the smallest of the merged ids; on a split the old id stays with the
    part holding most of its members (ties: the part with the smaller first member).
    `in_use` is only asked about single ids (a view of all clusters, never copied).
    """
    home: dict[str, tuple[str, ...]] = {}
    for cluster_id, cluster in old.items():
        members = set(cluster.members)
        best = max(
            (tuple(component) for component in components if members & set(component)),
            key=lambda component: (len(members & set(component)), [-ord(ch) for ch in component[0]]),
            default=None,
        )
        if best is not None:
            home[cluster_id] = best
    ids: dict[tuple[str, ...], str] = {}
    given: set[str] = set()
    taken = _Either(in_use, given)
    for component in sorted(tuple(c) for c in components):
        kept = sorted(cluster_id for cluster_id, place in home.items() if place == component)
        cluster_id = kept[0] if kept else founding_id(linking[component], component, taken)
        ids[component] = cluster_id
        given.add(cluster_id)
    return ids


class _Either(Container[str]):
    def __init__(self, *parts: Container[str]) -> None:
        self._parts = parts

    def __contains__(self, item: object) -> bool:
        return any(item in part for part in self._parts)


def build_cluster(
    cluster_id: str,
    members: Sequence[str],
    linking: Sequence[PairEvidence],
    decisions: Mapping[tuple[str, str], str],
) -> Cluster:
    """A same_offer cluster; confirmed when confirmed pairs alone connect every member."""
    confirmed = [pair.key for pair in linking if decisions.get(pair_key(*pair.key)) == "confirm"]
    status: ClusterStatus = "confirmed" if len(connected_groups(members, confirmed)) == 1 else "suspected"
    evidence = tuple(sorted(linking, key=lambda pair: pair.key))
    score = round(sum(pair.score for pair in evidence) / len(evidence), 4) if evidence else 0.0
    return Cluster(cluster_id, "same_offer", tuple(members), status, score, evidence)
