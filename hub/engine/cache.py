"""In-memory caches derived from the EngineTables: parsed models, category indexes, the dedupe index.

Nothing here is state of its own: `EngineCache.rebuild` recreates all of it from the maps.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from schemas import PRIVACY_CHECKED, Need, Offer

from hub.engine.coverage import CoverageKey, OpenNeed
from hub.engine.dedupe.clusters import DuplicateIndex
from hub.engine.dedupe.config import DedupeConfig
from hub.engine.dedupe.profile import OfferProfile, profile_of
from hub.engine.duplicates import decisions_of, restore_duplicate_index
from hub.engine.fit import offer_serves
from hub.engine.lifecycle import is_open, remaining_capacity, uncovered
from hub.engine.matching import OfferState
from hub.engine.store import EngineTables


def _with_status(profile: OfferProfile, status: str) -> OfferProfile:
    return profile if profile.status == status else replace(profile, status=status)


@dataclass
class EngineCache:
    """Parsed models by id, ids by category and by (AGS, category), the coverage keys in use and the
    DuplicateIndex.

    Matching reaches across municipalities (within a distance), so it walks a whole category;
    coverage and parallel offers stay inside one municipality and walk only its (AGS, category):
    walking the whole category there made the cost of an event grow with every other area's state.
    """

    needs: dict[str, Need] = field(default_factory=dict)
    offers: dict[str, Offer] = field(default_factory=dict)
    needs_by_category: dict[str, set[str]] = field(default_factory=dict)
    offers_by_category: dict[str, set[str]] = field(default_factory=dict)
    needs_by_area: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    offers_by_area: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    coverage_keys: set[CoverageKey] = field(default_factory=set)
    coverage_keys_by_area: dict[tuple[str, str], set[CoverageKey]] = field(default_factory=dict)
    duplicates: DuplicateIndex = field(default_factory=lambda: DuplicateIndex(track_pair_changes=True))
    # an offer's profile (text normal forms, slots) is asked for by dedupe and by parallel offers on
    # every change in its area; computing it costs more than the rest of an offer event
    profiles: dict[str, OfferProfile] = field(default_factory=dict)

    @classmethod
    def rebuild(cls, tables: EngineTables, dedupe: DedupeConfig) -> EngineCache:
        cache = cls()
        for need_id, record in tables.needs.items():
            cache.put_need(Need.model_validate(record["need"], context=PRIVACY_CHECKED))
        profiles = []
        for offer_id, offer_record in tables.offers.items():
            offer = Offer.model_validate(offer_record["offer"], context=PRIVACY_CHECKED)
            cache.put_offer(offer)
            profiles.append(cache.profile(offer_id, offer_record["status"]))
        for text in tables.coverage:
            cache.add_coverage_key(CoverageKey.parse(text))
        cache.duplicates = restore_duplicate_index(
            profiles, tables.pairs.values(), tables.clusters.values(), decisions_of(tables.reviews), dedupe
        )
        return cache

    def put_need(self, need: Need) -> None:
        old = self.needs.get(need.id)
        if old is not None:
            self.needs_by_category.get(old.category, set()).discard(need.id)
            self.needs_by_area.get((old.area.ags, old.category), set()).discard(need.id)
        self.needs[need.id] = need
        self.needs_by_category.setdefault(need.category, set()).add(need.id)
        self.needs_by_area.setdefault((need.area.ags, need.category), set()).add(need.id)
        self.add_coverage_key(CoverageKey.of_need(need))

    def put_offer(self, offer: Offer) -> None:
        old = self.offers.get(offer.id)
        if old is not None:
            self.offers_by_category.get(old.category, set()).discard(offer.id)
            self.offers_by_area.get((old.area.ags, old.category), set()).discard(offer.id)
        self.offers[offer.id] = offer
        self.profiles.pop(offer.id, None)
        self.offers_by_category.setdefault(offer.category, set()).add(offer.id)
        self.offers_by_area.setdefault((offer.area.ags, offer.category), set()).add(offer.id)

    def profile(self, offer_id: str, status: str) -> OfferProfile:
        """The dedupe profile of a cached offer with its effective status (a status update may have
        ended it), computed once per revision."""
        cached = self.profiles.get(offer_id)
        if cached is None:
            cached = profile_of(self.offers[offer_id])
        cached = _with_status(cached, status)
        self.profiles[offer_id] = cached
        return cached

    def add_coverage_key(self, key: CoverageKey) -> None:
        self.coverage_keys.add(key)
        self.coverage_keys_by_area.setdefault((key.ags, key.category), set()).add(key)

    def offer_states(self, tables: EngineTables, category: str, ags: str | None = None,
                     where: Callable[[Offer], bool] | None = None) -> Iterator[OfferState]:
        """Every offer of a category (of one municipality, if given; only those `where` accepts)
        with its effective status and remaining capacity, in id order.

        `where` looks at the cached offer before its record is read from the tables: matching
        walks a whole category, and reading every record in it cost more than the matching.
        """
        ids = self.offers_by_category.get(category, ()) if ags is None else self.offers_by_area.get((ags, category), ())
        for offer_id in sorted(ids):
            offer = self.offers[offer_id]
            if where is not None and not where(offer):
                continue
            record = tables.offers[offer_id]
            yield OfferState(offer, record["status"], remaining_capacity(record))

    def open_needs(self, tables: EngineTables, category: str, ags: str | None = None,
                   where: Callable[[Need], bool] | None = None) -> Iterator[OpenNeed]:
        """Needs of a category (of one municipality, if given; only those `where` accepts) that
        still want offers, with their uncovered quantity, in id order."""
        ids = self.needs_by_category.get(category, ()) if ags is None else self.needs_by_area.get((ags, category), ())
        for need_id in sorted(ids):
            need = self.needs[need_id]
            if where is not None and not where(need):
                continue
            record = tables.needs[need_id]
            if is_open(record):
                yield OpenNeed(need, uncovered(record))

    def keys_served_by(self, offer: Offer) -> list[CoverageKey]:
        """The coverage keys in use that an offer's area reaches (same municipality and category)."""
        return sorted(
            key for key in self.coverage_keys_by_area.get((offer.area.ags, offer.category), ())
            if offer_serves(offer, key.ags, key.district)
        )
