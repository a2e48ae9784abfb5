"""DedupeConfig: the thresholds and sizes of duplicate detection, with tuned defaults.

The pair scores are match probabilities from the scoring model (model.py); the model itself is
estimated from data (`koordinate dedupe train`), the thresholds below cut its probabilities.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hub.engine.dedupe.model import ScoringModel

__all__ = ["DedupeConfig", "default_model", "model_of"]


@dataclass(frozen=True)
class DedupeConfig:
    # Match probability >= auto_threshold: suspected duplicate; review_threshold..auto: human review.
    # 0.6 was chosen on generator A and the real listings (recall 0.89 -> 0.93 on A at the same
    # precision, no false link added on the NYC audit); pairs that only share who and where are
    # capped below it by the scoring guards whatever the threshold (docs/dedupe.md).
    auto_threshold: float = 0.6
    review_threshold: float = 0.3
    # A member of a cluster must be linked to at least this share of the other members; a
    # group that is not is split (average linkage) instead of chained together.
    min_cluster_cohesion: float = 0.5
    # A listing linked to two offers that say they are two (other times, other places) joins the one
    # whose link scores at least this much higher; with links closer than this it joins neither and a
    # person sees both. 0.05 on generators C to F, seeds 2: recall +0.6 to +1.2 points, precision
    # within 0.2 points (0.03 to 0.2 gave the same within 0.6 points).
    clearly_more_alike: float = 0.05
    # A blocking bucket with more offers than this is too common to identify anything
    # (a city-wide hotline, "Leipzig + language course"); probing it would make each new
    # offer cost O(offers in the city). It is skipped and counted instead.
    bucket_cap: int = 40
    # MinHash LSH over character shingles of title + description.
    lsh_threshold: float = 0.4
    lsh_num_perm: int = 64
    shingle_size: int = 4
    # Two slots on the same weekday this close count as the same slot (18:00 vs 18:30).
    slot_tolerance_minutes: int = 30
    # Venue cell for coordinates (about 150 m in Germany); neighbours are probed too.
    geo_cell_degrees: float = 0.0015
    # Coordinates this close (metres) are the same venue; up to `near_venue_m` near, farther another
    # place. When one record has no street its coordinates were geocoded from less (a place's name, a
    # district's centre): up to `approximate_venue_m` they are still near. On generator C, whose
    # listings without a street carry their district's centre, this kept 3.5 points more recall on
    # seed 5 at the same precision; generators A and B and the real listings did not move.
    venue_distance_m: float = 120.0
    near_venue_m: float = 500.0
    approximate_venue_m: float = 2000.0
    # The scoring model; None means the one shipped with the hub (default_model.py).
    model: ScoringModel | None = field(default=None, hash=False)

    def __post_init__(self) -> None:
        if not 0.0 <= self.review_threshold <= self.auto_threshold <= 1.0:
            raise ValueError("need 0 <= review_threshold <= auto_threshold <= 1")
        if not 0.0 <= self.clearly_more_alike <= 1.0:
            raise ValueError("clearly_more_alike is a difference of match probabilities, 0..1")
        if self.bucket_cap < 2:
            raise ValueError("bucket_cap must be at least 2")


@lru_cache(maxsize=1)
def default_model() -> ScoringModel:
    """The model shipped with the hub: trained on the project's synthetic tuning set (see docs/dedupe.md)."""
    from hub.engine.dedupe.default_model import MODEL
    from hub.engine.dedupe.model import ScoringModel

    return ScoringModel.from_dict(MODEL)


def model_of(config: DedupeConfig) -> ScoringModel:
    return config.model if config.model is not None else default_model()
