"""Batch entry for the offline `koordinate dedupe` command: the incremental index, fed in id order.

Feeding profiles sorted by id makes the result, cluster ids included, independent of input order.
"""

from __future__ import annotations

from collections.abc import Iterable

from hub.engine.dedupe.clusters import Decision, DuplicateIndex
from hub.engine.dedupe.config import DedupeConfig
from hub.engine.dedupe.profile import OfferProfile
from hub.engine.dedupe.results import Cluster

__all__ = ["find_duplicate_clusters"]


def find_duplicate_clusters(
    profiles: Iterable[OfferProfile],
    config: DedupeConfig | None = None,
    reviews: Iterable[tuple[tuple[str, str] | str, Decision]] = (),
    *,
    with_review_queue: bool = False,
) -> list[Cluster]:
    """Same-offer clusters of `profiles`; decisions on pairs apply before any offer is linked.

    Decisions naming a cluster id apply after all offers are in (those ids only exist then).
    With `with_review_queue`, mid-band pairs follow the clusters as status "review" items.
    """
    index = DuplicateIndex(config)
    reviews = list(reviews)
    for target, decision in reviews:
        if isinstance(target, tuple):
            index.apply_review(target, decision)
    for profile in sorted(profiles, key=lambda profile: profile.offer_id):
        index.upsert(profile)
    for target, decision in reviews:
        if not isinstance(target, tuple):
            index.apply_review(target, decision)
    return index.clusters() + (index.review_queue() if with_review_queue else [])
