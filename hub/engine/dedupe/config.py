"""DedupeConfig: the thresholds and sizes of duplicate detection, with tuned defaults.

Defaults were tuned by hand on the synthetic tuning set (seed A) only; see test_quality.py.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DedupeConfig"]


@dataclass(frozen=True)
class DedupeConfig:
    # Pair score >= auto_threshold: suspected duplicate; review_threshold..auto: human review.
    auto_threshold: float = 0.78
    review_threshold: float = 0.60
    # Tiers 1 and 2 (the only ones that can reach auto) need at least this title similarity.
    min_title_similarity: float = 0.55
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
    # Coordinates this close (metres) are the same venue.
    venue_distance_m: float = 120.0

    def __post_init__(self) -> None:
        if not 0.0 <= self.review_threshold <= self.auto_threshold <= 1.0:
            raise ValueError("need 0 <= review_threshold <= auto_threshold <= 1")
        if self.bucket_cap < 2:
            raise ValueError("bucket_cap must be at least 2")
