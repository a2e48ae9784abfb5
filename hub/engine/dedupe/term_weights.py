"""Title term weights (IDF) from the offers an index holds, per municipality.

A word every listing of one city uses ("... for Professionals", "Ehrenamtliche gesucht") says
nothing about which offer is meant, however rare it was in the data a model was trained on. The
index therefore counts, per municipality, in how many current offers' titles each term occurs and
weighs terms by that; until a municipality holds `min_offers`, the model's own table is used. The
counts are a function of the offers held now (not of their order), so a restored index weighs
exactly as the one it replaces.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping

from hub.engine.dedupe.profile import OfferProfile

__all__ = ["TermWeights", "TitleTermCounts"]


class TermWeights:
    """`get(term, default)` as a Mapping would answer it, computed from live counts."""

    def __init__(self, counts: Counter[str], offers: int) -> None:
        self._counts = counts
        self._offers = offers

    def get(self, term: str, default: float) -> float:
        return math.log((self._offers + 1) / (self._counts.get(term, 0) + 0.5)) + 1


class TitleTermCounts:
    def __init__(self, min_offers: int = 50) -> None:
        self._min_offers = min_offers
        self._counts: dict[str, Counter[str]] = {}
        self._offers: Counter[str] = Counter()

    def add(self, profile: OfferProfile) -> None:
        self._counts.setdefault(profile.ags, Counter()).update(profile.title_terms)
        self._offers[profile.ags] += 1

    def remove(self, profile: OfferProfile) -> None:
        counts = self._counts.get(profile.ags)
        if counts is None:
            return
        counts.subtract(profile.title_terms)
        for term in profile.title_terms:
            if counts[term] <= 0:
                del counts[term]
        self._offers[profile.ags] -= 1
        if self._offers[profile.ags] <= 0:
            del self._offers[profile.ags]
            del self._counts[profile.ags]

    def weights(self, ags: str, fallback: Mapping[str, float]) -> Mapping[str, float] | TermWeights:
        offers = self._offers.get(ags, 0)
        if offers < self._min_offers:
            return fallback
        return TermWeights(self._counts[ags], offers)
