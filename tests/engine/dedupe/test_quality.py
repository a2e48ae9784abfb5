"""Quality of same-offer detection on synthetic labelled offers (run with -s to see the figures).

The shipped scoring model was trained on the TUNING seeds of this generator and of the independent one
(tests/synthetic_b; see docs/dedupe.md); the HELD_OUT seed is measured here. This is still a generator the
model was tuned on: the cross-family figures and those on real listings are in bench/README.md
(bench/dedupe_quality.py).
"""

from __future__ import annotations

from itertools import combinations

from hub.engine.dedupe.batch import find_duplicate_clusters
from hub.engine.dedupe.clusters import DuplicateIndex
from hub.engine.dedupe.config import DedupeConfig
from hub.engine.dedupe.profile import profile_of_record

from tests.synthetic.offers import generate_offers

TUNING_SEED = 1  # with seed 3; what the defaults were tuned on; kept here so nobody tunes on HELD_OUT_SEED
HELD_OUT_SEED = 2
HELD_OUT_SIZE = 2000


def _pairs(groups: list[tuple[str, ...]]) -> set[tuple[str, str]]:
    return {pair for members in groups for pair in combinations(sorted(members), 2)}


def test_same_offer_precision_and_recall_on_held_out_offers() -> None:
    data = generate_offers(seed=HELD_OUT_SEED, n_offers=HELD_OUT_SIZE)
    truth = data.true_pairs()
    index = DuplicateIndex(DedupeConfig())
    for record in data.records:  # generator order: initiative first, retyped copies after
        index.upsert(profile_of_record(record))

    candidates = {tuple(sorted((offer_id, other))) for offer_id in data.cluster_of for other in index.candidates_of(offer_id)}
    found = _pairs([cluster.members for cluster in index.clusters()])
    with_review = found | {cluster.members for cluster in index.review_queue()}
    true_found = len(found & truth)
    precision = true_found / len(found)
    recall = true_found / len(truth)
    blocking_recall = len(candidates & truth) / len(truth)
    print(
        f"\nheld-out seed {HELD_OUT_SEED}: {len(data.records)} offers, {len(truth)} true duplicate pairs, "
        f"{len(candidates)} candidate pairs\n"
        f"  blocking recall {blocking_recall:.4f}\n"
        f"  same_offer precision {precision:.4f}  recall {recall:.4f}  (auto-accepted clusters, pairwise)\n"
        f"  recall incl. review queue {len(with_review & truth) / len(truth):.4f}, review items {len(index.review_queue())}\n"
        f"  skipped oversized buckets {dict(index.skipped_buckets)}"
    )
    # the worker sees offers in arrival order, `koordinate dedupe` in id order: same clusters
    assert {c.members for c in index.clusters()} == {
        c.members for c in find_duplicate_clusters([profile_of_record(record) for record in data.records])
    }
    assert blocking_recall >= 0.99
    # Measured at 0.989 / 0.915 here at the default threshold, 0.974 with the review band (model
    # 2026-12-02b). Two records of one source with titles merely alike go to review (a source lists an
    # offer once: on the real NYC listing they were an organisation's sibling roles), which costs recall
    # on this generator's copies entered twice in one system (bench/README.md); a listing linked to two
    # offers at other times joins neither; and retraining moves a few borderline pairs ("Betreuung für
    # Kinder während des Kurses" / "Kinderbetreuung während der Sprachkurse") in or out of the band.
    assert precision >= 0.97
    assert recall >= 0.86
    assert len(with_review & truth) / len(truth) >= 0.97
