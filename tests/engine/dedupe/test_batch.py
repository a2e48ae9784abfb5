from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from hub.engine.dedupe.batch import find_duplicate_clusters
from hub.engine.dedupe.clusters import DuplicateIndex
from hub.engine.dedupe.config import DedupeConfig
from hub.engine.dedupe.profile import profile_of_record

from tests.synthetic.offers import generate_offers

CONFIG = DedupeConfig()
PROFILES = [profile_of_record(r) for r in generate_offers(seed=5, n_offers=120).records]


def _membership(clusters: list) -> set[tuple[tuple[str, ...], str]]:
    return {(cluster.members, cluster.status) for cluster in clusters}


def test_batch_equals_the_incremental_index_fed_in_id_order() -> None:
    index = DuplicateIndex(CONFIG)
    for profile in sorted(PROFILES, key=lambda p: p.offer_id):
        index.upsert(profile)
    assert find_duplicate_clusters(PROFILES, CONFIG) == index.clusters()
    assert find_duplicate_clusters(PROFILES, CONFIG)  # the sample does contain duplicates


@settings(max_examples=15, deadline=None)
@given(st.permutations(PROFILES))
def test_batch_result_does_not_depend_on_input_order(order: list) -> None:
    assert find_duplicate_clusters(order, CONFIG) == find_duplicate_clusters(PROFILES, CONFIG)


@settings(max_examples=10, deadline=None)
@given(st.permutations(PROFILES))
def test_incremental_clusters_do_not_depend_on_arrival_order(order: list) -> None:
    index = DuplicateIndex(CONFIG)
    for profile in order:
        index.upsert(profile)
    # Ids are history (see cluster_ids); the members and statuses are not.
    assert _membership(index.clusters()) == _membership(find_duplicate_clusters(PROFILES, CONFIG))


def test_pair_reviews_apply_before_linking() -> None:
    [first, *_] = find_duplicate_clusters(PROFILES, CONFIG)
    a, b = first.members[0], first.members[1]
    after = find_duplicate_clusters(PROFILES, CONFIG, reviews=[((a, b), "reject")])
    assert all((a, b) not in {pair.key for pair in cluster.evidence} for cluster in after)


def test_cluster_reviews_apply_after_all_offers() -> None:
    clusters = find_duplicate_clusters(PROFILES, CONFIG)
    target = clusters[0]
    after = find_duplicate_clusters(PROFILES, CONFIG, reviews=[(target.cluster_id, "confirm")])
    [confirmed] = [c for c in after if c.cluster_id == target.cluster_id]
    assert confirmed.status == "confirmed"
