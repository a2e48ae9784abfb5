"""DuplicateIndex: incremental same-offer clusters with stable ids and final reviewer decisions.

Pure and in memory; `to_dict`/`from_dict` give plain dicts for state tables.
"""

from __future__ import annotations

import uuid
from collections.abc import Container, Iterable, Mapping
from typing import Any, Literal

from hub.engine.dedupe.blocking import CandidateIndex
from hub.engine.dedupe.cluster_ids import assign_cluster_ids, build_cluster
from hub.engine.dedupe.coherence import coherent_clusters
from hub.engine.dedupe.comparisons import schedule_similarity, two_pages_of_one_site, venue_comparison
from hub.engine.dedupe.config import DedupeConfig
from hub.engine.dedupe.deferred import DeferredProfile, Profiles
from hub.engine.dedupe.profile import OfferProfile, profile_from_dict
from hub.engine.dedupe.results import CLUSTER_NAMESPACE, Cluster, ClusterChange
from hub.engine.dedupe.scoring import PairEvidence, pair_key, score_pair
from hub.engine.steps import Steps, run_steps

__all__ = ["Decision", "DuplicateIndex", "UnknownClusterError"]

Decision = Literal["confirm", "reject"]
Pair = tuple[str, str]


class UnknownClusterError(KeyError):
    """Raised when a review names a cluster id the index does not hold."""


def _review_id(pair: Pair) -> str:
    return str(uuid.uuid5(CLUSTER_NAMESPACE, f"review:{pair[0]}:{pair[1]}"))


class DuplicateIndex:
    """Offers in, cluster changes out. Same input in the same order gives the same ids."""

    def __init__(self, config: DedupeConfig | None = None, track_pair_changes: bool = False) -> None:
        self.config = config or DedupeConfig()
        # The engine keeps the stored pairs in a table and asks for what changed; a standalone index
        # (the dedupe command, the benchmarks) does not, and keeps no record of changes.
        self._track_pair_changes = track_pair_changes
        self._profiles = Profiles(self._file_deferred)
        self._candidates = CandidateIndex(self.config)
        self._pairs: dict[Pair, PairEvidence] = {}
        # offer -> the offers it has a stored pair with; a tuple (most offers have one or two, and a set
        # costs 216 bytes)
        self._neighbours: dict[str, tuple[str, ...]] = {}
        self._decisions: dict[Pair, Decision] = {}
        self._clusters: dict[str, Cluster] = {}
        self._cluster_of: dict[str, str] = {}
        self._reviews: dict[Pair, Cluster] = {}
        self._reviews_of: dict[str, set[Pair]] = {}  # offer id -> its pairs in the review queue
        self._pair_changes: dict[Pair, PairEvidence | None] = {}

    # -- queries ---------------------------------------------------------------------------
    @property
    def skipped_buckets(self) -> Mapping[str, int]:
        """How often a blocking bucket was too common to probe, by key kind."""
        return dict(self._candidates.skipped_buckets)

    def clusters(self) -> list[Cluster]:
        return sorted(self._clusters.values(), key=lambda cluster: cluster.members)

    def review_queue(self) -> list[Cluster]:
        return [self._reviews[pair] for pair in sorted(self._reviews)]

    def holds(self, offer_id: str) -> bool:
        return offer_id in self._profiles

    def filing(self, areas: Iterable[str]) -> Steps[None]:
        """Profile and file the restored offers of these municipalities still deferred, one per step
        (deferred.py): before an event of theirs, so that its filing does not hold a worker's loop."""
        yield from self._profiles.filing(areas)

    def file_deferred(self) -> None:
        """Profile and file every restored offer still deferred (see deferred.py), e.g. to measure what
        deferring spared a restore."""
        self._profiles.file_everything()

    def candidates_of(self, offer_id: str) -> set[str]:
        """Blocking candidates of an indexed offer (used to measure blocking recall)."""
        return self._candidates.candidates(self._profiles[offer_id])

    # -- commands --------------------------------------------------------------------------
    def upsert(self, profile: OfferProfile) -> list[ClusterChange]:
        """Add or replace one offer; an ended offer leaves the index."""
        if profile.status == "ended":
            return self.remove(profile.offer_id)
        self._profiles.file_areas([profile.ags])  # its candidates are among its municipality's offers
        if self._profiles.get(profile.offer_id) == profile:
            return []  # a replayed revision changes nothing and emits nothing
        touched = self._drop_pairs(profile.offer_id)
        self._profiles[profile.offer_id] = profile
        self._candidates.add(profile)
        candidates = self._candidates.candidates(profile) | self._decided_partners(profile.offer_id)
        for other_id in sorted(candidates):
            self._store_pair(score_pair(profile, self._profiles[other_id], self.config))
        # Only offers whose stored pairs changed can change cluster or review state.
        return self._recompute(touched.union(self._neighbours.get(profile.offer_id, ()), (profile.offer_id,)))

    def remove(self, offer_id: str) -> list[ClusterChange]:
        if offer_id not in self._profiles:
            return []
        touched = self._drop_pairs(offer_id)
        del self._profiles[offer_id]
        self._candidates.remove(offer_id)
        return self._recompute(touched | {offer_id})

    def apply_review(self, target: Pair | str, decision: Decision) -> list[ClusterChange]:
        """Record a reviewer's decision on a pair, a review item or a whole cluster.

        Scoring never overrides a decision; only a later decision by a person replaces it.
        """
        if decision not in ("confirm", "reject"):
            raise ValueError(f"decision must be confirm or reject, not {decision!r}")
        pairs = self._pairs_of_target(target)
        for pair in pairs:
            self._decisions[pair] = decision
            if decision == "confirm" and pair not in self._pairs and all(i in self._profiles for i in pair):
                self._store_pair(score_pair(self._profiles[pair[0]], self._profiles[pair[1]], self.config))
        return self._recompute({offer_id for pair in pairs for offer_id in pair})

    # -- state -----------------------------------------------------------------------------
    def take_pair_changes(self) -> dict[Pair, PairEvidence | None]:
        """Stored pairs changed since the last call: the new evidence, or None for a dropped pair."""
        changes, self._pair_changes = self._pair_changes, {}
        return changes

    def to_dict(self) -> dict[str, Any]:
        return {
            "profiles": [self._profiles[key].to_dict() for key in sorted(self._profiles)],
            "pairs": [self._pairs[key].to_dict() for key in sorted(self._pairs)],
            "decisions": [[a, b, decision] for (a, b), decision in sorted(self._decisions.items())],
            "clusters": [cluster.to_dict() for cluster in self.clusters()],
            "reviews": [cluster.to_dict() for cluster in self.review_queue()],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], config: DedupeConfig | None = None,
                  track_pair_changes: bool = False) -> DuplicateIndex:
        return cls.restore(
            [profile_from_dict(profile_data) for profile_data in data["profiles"]],
            data["pairs"], {(a, b): decision for a, b, decision in data["decisions"]},
            data["clusters"], data["reviews"], config, track_pair_changes,
        )

    @classmethod
    def restore(cls, profiles: Iterable[OfferProfile | DeferredProfile], pairs: Iterable[Mapping[str, Any]],
                decisions: Mapping[Pair, Decision], clusters: Iterable[Mapping[str, Any]],
                reviews: Iterable[Mapping[str, Any]], config: DedupeConfig | None = None,
                track_pair_changes: bool = False) -> DuplicateIndex:
        """The index from its parts; profiles are taken as they are (a worker restoring its state
        already holds them, and turning each into a dict and back cost more than indexing it)."""
        return run_steps(cls.restoring(profiles, pairs, decisions, clusters, reviews, config, track_pair_changes))

    @classmethod
    def restoring(cls, profiles: Iterable[OfferProfile | DeferredProfile], pairs: Iterable[Mapping[str, Any]],
                  decisions: Mapping[Pair, Decision], clusters: Iterable[Mapping[str, Any]],
                  reviews: Iterable[Mapping[str, Any]], config: DedupeConfig | None = None,
                  track_pair_changes: bool = False) -> Steps[DuplicateIndex]:
        """`restore` one offer or pair per step (see `hub.engine.steps`). A `DeferredProfile` is profiled
        and filed when its municipality is first asked about (`deferred.py`)."""
        index = cls(config, track_pair_changes)
        for profile in profiles:
            if isinstance(profile, DeferredProfile):
                index._profiles.defer(profile)
            else:
                index._file(profile)
            yield
        # the decisions first: a confirmed pair is kept whatever its score (`_store_pair`)
        index._decisions = dict(decisions)
        for pair_data in pairs:
            index._store_pair(PairEvidence.from_dict(pair_data))
            yield
        index._pair_changes.clear()  # restored, not changed
        for cluster_data in clusters:
            cluster = Cluster.from_dict(cluster_data)
            index._clusters[cluster.cluster_id] = cluster
            index._cluster_of.update(dict.fromkeys(cluster.members, cluster.cluster_id))
        for review_data in reviews:
            review = Cluster.from_dict(review_data)
            index._set_review((review.members[0], review.members[1]), review)
        return index

    # -- internals -------------------------------------------------------------------------
    def _file(self, profile: OfferProfile) -> None:
        self._profiles.settle(profile)
        self._candidates.add(profile)

    def _file_deferred(self, deferred: DeferredProfile) -> None:
        self._file(deferred.make())

    def _store_pair(self, evidence: PairEvidence) -> None:
        key = evidence.key
        if evidence.score < self.config.review_threshold and key not in self._decisions:
            return
        evidence = evidence.compact()
        self._pairs[key] = evidence
        if self._track_pair_changes:
            self._pair_changes[key] = evidence
        for node, other in (key, key[::-1]):
            partners = self._neighbours.get(node, ())
            if other not in partners:
                self._neighbours[node] = (*partners, other)

    def _drop_pairs(self, offer_id: str) -> set[str]:
        partners = set(self._neighbours.pop(offer_id, ()))
        for other in partners:
            rest = tuple(node for node in self._neighbours.get(other, ()) if node != offer_id)
            if rest:
                self._neighbours[other] = rest
            else:
                self._neighbours.pop(other, None)
            key = pair_key(offer_id, other)
            if self._pairs.pop(key, None) is not None and self._track_pair_changes:
                self._pair_changes[key] = None
        return partners

    def _decided_partners(self, offer_id: str) -> set[str]:
        # A confirmed pair links even when blocking no longer finds it (e.g. after an edit).
        return {
            a if b == offer_id else b
            for (a, b), decision in self._decisions.items()
            if decision == "confirm" and offer_id in (a, b) and (a if b == offer_id else b) in self._profiles
        }

    def _pairs_of_target(self, target: Pair | str) -> list[Pair]:
        if isinstance(target, tuple):
            return [pair_key(*target)]
        if target in self._clusters:
            members = set(self._clusters[target].members)
            return sorted(pair for pair in self._pairs if pair[0] in members and pair[1] in members and self._links(pair))
        for pair, review in self._reviews.items():
            if review.cluster_id == target:
                return [pair]
        raise UnknownClusterError(target)

    def _links(self, pair: Pair) -> bool:
        decision = self._decisions.get(pair)
        if decision is not None:
            return decision == "confirm"
        return self._pairs[pair].score >= self.config.auto_threshold

    def _linked(self, a: str, b: str) -> bool:
        key = pair_key(a, b)
        return key in self._pairs and self._links(key)

    def _told_apart(self, a: str, b: str) -> bool:
        """The two say they are two offers: other times, other places, or each its own page of one site."""
        first, second = self._profiles[a], self._profiles[b]
        if schedule_similarity(first, second, self.config) == 0.0:
            return True
        if two_pages_of_one_site(first.contact_keys, second.contact_keys):
            return True
        venue = venue_comparison(first, second, self.config)
        return venue is not None and venue[0] == 2

    def _link_strength(self, a: str, b: str) -> float:
        key = pair_key(a, b)
        if self._decisions.get(key) == "confirm":
            return 1.0
        return self._pairs[key].score

    def _confirmed(self, a: str, b: str) -> bool:
        return self._decisions.get(pair_key(a, b)) == "confirm"

    def _component(self, start: str, seen: set[str]) -> list[str]:
        stack, component = [start], []
        seen.add(start)
        while stack:
            node = stack.pop()
            component.append(node)
            for other in self._neighbours.get(node, ()):
                if other not in seen and self._links(pair_key(node, other)):
                    seen.add(other)
                    stack.append(other)
        return sorted(component)

    def _recompute(self, touched: Iterable[str]) -> list[ClusterChange]:
        old_ids = {self._cluster_of[node] for node in touched if node in self._cluster_of}
        start_nodes = set(touched) | {m for cid in old_ids for m in self._clusters[cid].members}
        seen: set[str] = set()
        components = [
            part
            for node in sorted(start_nodes)
            if node in self._profiles and node not in seen
            for component in [self._component(node, seen)]
            if len(component) > 1
            for part in coherent_clusters(component, self._linked, self._confirmed, self.config.min_cluster_cohesion,
                                          self._told_apart, self._link_strength,
                                          self.config.clearly_more_alike)
            if len(part) > 1
        ]
        old_ids |= {self._cluster_of[m] for component in components for m in component if m in self._cluster_of}
        old = {cid: self._clusters[cid] for cid in old_ids}
        linking = {
            tuple(component): [
                self._pairs[pair_key(a, b)]
                for i, a in enumerate(component)
                for b in component[i + 1 :]
                if pair_key(a, b) in self._pairs and self._links(pair_key(a, b))
            ]
            for component in components
        }
        ids = assign_cluster_ids(components, old, linking, _IdsInUse(self._clusters, old_ids))
        changes: list[ClusterChange] = []
        new: dict[str, Cluster] = {}
        for component in components:
            cluster = build_cluster(ids[tuple(component)], component, linking[tuple(component)], self._decisions)
            new[cluster.cluster_id] = cluster
            previous = old.get(cluster.cluster_id)
            if previous is None:
                changes.append(ClusterChange("opened", cluster))
            elif previous != cluster:
                changes.append(ClusterChange("updated", cluster))
        for cid, cluster in sorted(old.items()):
            if cid not in new:
                rejected = all(self._decisions.get(pair_key(e.offer_a, e.offer_b)) == "reject" for e in cluster.evidence)
                status = "rejected" if rejected and cluster.evidence else cluster.status
                changes.append(ClusterChange("closed", Cluster(cid, "same_offer", cluster.members, status, cluster.score, cluster.evidence)))
            del self._clusters[cid]
            for member in cluster.members:
                if self._cluster_of.get(member) == cid:
                    del self._cluster_of[member]
        for cid, cluster in new.items():
            self._clusters[cid] = cluster
            self._cluster_of.update(dict.fromkeys(cluster.members, cid))
        return changes + self._recompute_reviews(start_nodes | {m for c in components for m in c})

    def _recompute_reviews(self, nodes: set[str]) -> list[ClusterChange]:
        pairs = {pair for node in nodes for pair in self._reviews_of.get(node, ())}
        pairs |= {pair_key(node, other) for node in nodes for other in self._neighbours.get(node, ())}
        changes: list[ClusterChange] = []
        for pair in sorted(pairs):
            evidence = self._pairs.get(pair)
            # a link that coherence kept out of one cluster is shown to a person as well
            wanted = (
                evidence is not None
                and pair not in self._decisions
                and not (self._cluster_of.get(pair[0]) is not None and self._cluster_of.get(pair[0]) == self._cluster_of.get(pair[1]))
            )
            current = self._reviews.get(pair)
            if wanted and evidence is not None:  # `wanted` holds evidence; the check tells the type checker
                review = Cluster(_review_id(pair), "same_offer", pair, "review", evidence.score, (evidence,))
                if review != current:
                    changes.append(ClusterChange("opened" if current is None else "updated", review))
                    self._set_review(pair, review)
            elif current is not None:
                status = "rejected" if self._decisions.get(pair) == "reject" else current.status
                changes.append(ClusterChange("closed", Cluster(current.cluster_id, "same_offer", pair, status, current.score, current.evidence)))
                self._drop_review(pair)
        return changes

    def _set_review(self, pair: Pair, review: Cluster) -> None:
        self._reviews[pair] = review
        for node in pair:
            self._reviews_of.setdefault(node, set()).add(pair)

    def _drop_review(self, pair: Pair) -> None:
        del self._reviews[pair]
        for node in pair:
            pairs = self._reviews_of[node]
            pairs.discard(pair)
            if not pairs:
                del self._reviews_of[node]


class _IdsInUse(Container[str]):
    """Cluster ids taken by clusters this change does not touch, asked one at a time (no copy of all)."""

    def __init__(self, clusters: Mapping[str, Cluster], changing: set[str]) -> None:
        self._clusters = clusters
        self._changing = changing

    def __contains__(self, cluster_id: object) -> bool:
        return cluster_id in self._clusters and cluster_id not in self._changing
