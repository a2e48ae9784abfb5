"""In-memory caches derived from the EngineTables: parsed models, category indexes, the dedupe index.

Nothing here is state of its own: `EngineCache.rebuild` recreates all of it from the maps.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any

from schemas import Need, Offer

from hub.engine.compact import NeedView, OfferView, Place
from hub.engine.coverage import CoverageKey, OpenNeed
from hub.engine.dedupe.clusters import DuplicateIndex
from hub.engine.dedupe.config import DedupeConfig
from hub.engine.dedupe.deferred import DeferredProfile
from hub.engine.dedupe.profile import OfferProfile, profile_of_record
from hub.engine.duplicates import decisions_of, restoring_duplicate_index
from hub.engine.fit import latitude_span, offer_serves, within_reach
from hub.engine.lifecycle import is_open, remaining_capacity, uncovered
from hub.engine.matching import OfferState
from hub.engine.steps import Steps, run_steps
from hub.engine.store import EngineTables


# Height of the latitude bands of the reach index, in degrees (about 5.5 km): any height gives the
# same results; this one keeps the default 5 km reach to two or three bands.
_BAND_DEGREES = 0.05

Band = tuple[str, int]  # (category, latitude band)


def _with_status(profile: OfferProfile, status: str) -> OfferProfile:
    return profile if profile.status == status else replace(profile, status=status)


def _band_of(location: Place | None) -> int | None:
    """The latitude band of a place that gives coordinates; None when no distance can be measured to it."""
    if location is None or location.lat is None or location.lon is None:
        return None
    return math.floor(location.lat / _BAND_DEGREES)


def _bands_within(location: Place | None, max_km: float) -> range:
    """The latitude bands of every place at most `max_km` from this one; none for a place without coordinates."""
    if location is None or location.lat is None or location.lon is None:
        return range(0)
    span = latitude_span(max_km)
    return range(math.floor((location.lat - span) / _BAND_DEGREES), math.floor((location.lat + span) / _BAND_DEGREES) + 1)


def _band_key(entity: NeedView | OfferView | None) -> Band | None:
    """Where the reach index keeps an entity; None for one without coordinates (or none at all)."""
    if entity is None or (band := _band_of(entity.location)) is None:
        return None
    return entity.category, band


def _move(index: dict[Band, set[str]], entity_id: str, old: Band | None, new: Band | None) -> None:
    if old is not None:
        index.get(old, set()).discard(entity_id)
    if new is not None:
        index.setdefault(new, set()).add(entity_id)


@dataclass
class EngineCache:
    """Parsed models by id, ids by (AGS, category) and by (category, latitude band), the coverage keys
    in use and the DuplicateIndex.

    Coverage and parallel offers stay inside one municipality and walk only its (AGS, category).
    Matching reaches across municipalities, but only within a distance, and only between a need and
    an offer that both give coordinates: it walks the own municipality and the entities of the
    category in the latitude bands the distance spans. Walking the whole category made the cost of
    an event grow with every other area's state.
    """

    # what the engine reads of each need and offer (compact.py: no titles, descriptions or contact)
    needs: dict[str, NeedView] = field(default_factory=dict)
    offers: dict[str, OfferView] = field(default_factory=dict)
    needs_by_area: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    offers_by_area: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    # (category, latitude band) -> ids of the needs / offers with coordinates in it
    needs_by_band: dict[Band, set[str]] = field(default_factory=dict)
    offers_by_band: dict[Band, set[str]] = field(default_factory=dict)
    coverage_keys: set[CoverageKey] = field(default_factory=set)
    coverage_keys_by_area: dict[tuple[str, str], set[CoverageKey]] = field(default_factory=dict)
    duplicates: DuplicateIndex = field(default_factory=lambda: DuplicateIndex(track_pair_changes=True))
    # an offer's profile (text normal forms, slots) is asked for by dedupe and by parallel offers on
    # every change in its area; computing it costs more than the rest of an offer event
    profiles: dict[str, OfferProfile] = field(default_factory=dict)

    @classmethod
    def rebuild(cls, tables: EngineTables, dedupe: DedupeConfig) -> EngineCache:
        return run_steps(cls.rebuilding(tables, dedupe))

    @classmethod
    def rebuilding(cls, tables: EngineTables, dedupe: DedupeConfig,
                   seen: Callable[[str, str, Any], None] | None = None) -> Steps[EngineCache]:
        """`rebuild`, one record per step (hub/engine/steps.py). `seen("need" | "offer", id, record)` is
        called with each record read, for what else a restore derives from them (their timers): a
        worker's tables decode every value they hand out, so the records are read once."""
        cache = cls()
        for need_id, record in tables.needs.items():
            cache._keep_need(NeedView.of_record(record["need"]))  # stored by the engine: no validation
            if seen is not None:
                seen("need", need_id, record)
            yield
        indexed = []
        for offer_id, offer_record in tables.offers.items():
            if seen is not None:
                seen("offer", offer_id, offer_record)
            kept = cache._keep_offer(OfferView.of_record(offer_record["offer"]))
            if (status := offer_record["status"]) != "ended":  # an ended offer leaves the dedupe index
                # profiled from its record when its municipality is first used: the full model is not
                # kept until then, and most municipalities are not used for a while after a restore
                restored = partial(cache.profile_at_restore, tables, kept, status)
                indexed.append(DeferredProfile(offer_id, kept.area.ags, restored))
            yield
        for text in tables.coverage:
            cache.add_coverage_key(CoverageKey.parse(text))
        cache.duplicates = yield from restoring_duplicate_index(
            indexed, tables.pairs.values(), tables.clusters.values(), decisions_of(tables.reviews), dedupe
        )
        return cache

    def put_need(self, need: Need) -> None:
        self._keep_need(NeedView.of(need))

    def _keep_need(self, kept: NeedView) -> None:
        old = self.needs.get(kept.id)
        if old is not None:
            self.needs_by_area.get((old.area.ags, old.category), set()).discard(kept.id)
        self.needs[kept.id] = kept
        self.needs_by_area.setdefault((kept.area.ags, kept.category), set()).add(kept.id)
        _move(self.needs_by_band, kept.id, _band_key(old), _band_key(kept))
        self.add_coverage_key(CoverageKey.of_need(kept))

    def put_offer(self, offer: Offer) -> None:
        self._keep_offer(OfferView.of(offer))

    def _keep_offer(self, kept: OfferView) -> OfferView:
        old = self.offers.get(kept.id)
        if old is not None:
            self.offers_by_area.get((old.area.ags, old.category), set()).discard(kept.id)
        self.offers[kept.id] = kept
        self.profiles.pop(kept.id, None)
        self.offers_by_area.setdefault((kept.area.ags, kept.category), set()).add(kept.id)
        _move(self.offers_by_band, kept.id, _band_key(old), _band_key(kept))
        return kept

    def forget_need(self, need_id: str) -> None:
        """A need that left this engine (it moved to a municipality another partition holds)."""
        old = self.needs.pop(need_id)
        self.needs_by_area.get((old.area.ags, old.category), set()).discard(need_id)
        _move(self.needs_by_band, need_id, _band_key(old), None)

    def forget_offer(self, offer_id: str) -> None:
        """An offer that left this engine; `duplicates` is told by the caller (it emits what changed)."""
        old = self.offers.pop(offer_id)
        self.profiles.pop(offer_id, None)
        self.offers_by_area.get((old.area.ags, old.category), set()).discard(offer_id)
        _move(self.offers_by_band, offer_id, _band_key(old), None)

    def profile(self, tables: EngineTables, offer_id: str) -> OfferProfile:
        """The dedupe profile of a cached offer with its effective status (a status update may have
        ended it), computed once per revision from its record (the view lacks the texts it compares)."""
        record = tables.offers[offer_id]
        cached = self.profiles.get(offer_id)
        if cached is None:
            cached = profile_of_record(record["offer"])
        cached = _with_status(cached, record["status"])
        self.profiles[offer_id] = cached
        return cached

    def profile_at_restore(self, tables: EngineTables, kept: OfferView, status: str) -> OfferProfile:
        """The dedupe profile of an offer as a restore read it (`kept` its view), with the status it had
        then: the index files a restored municipality on its first use, and the offer may have changed
        by then. It is made from the offer's record, which still holds the restored revision: an event
        files the municipalities of the offers it names before it applies (`Engine.handling`)."""
        still_cached = self.offers.get(kept.id) is kept
        cached = self.profiles.get(kept.id) if still_cached else None
        if cached is None:
            cached = profile_of_record(tables.offers[kept.id]["offer"])
        cached = _with_status(cached, status)
        if still_cached:
            self.profiles[kept.id] = cached
        return cached

    def add_coverage_key(self, key: CoverageKey) -> None:
        self.coverage_keys.add(key)
        self.coverage_keys_by_area.setdefault((key.ags, key.category), set()).add(key)

    def offer_states(self, tables: EngineTables, category: str, ags: str) -> Iterator[OfferState]:
        """Every offer of a municipality and category with its effective status and remaining
        capacity, in id order."""
        return self._offer_states(tables, self.offers_by_area.get((ags, category), ()))

    def offers_in_reach(self, tables: EngineTables, need: NeedView, max_km: float) -> Iterator[OfferState]:
        """The offer states of the need's category `within_reach` of it, in id order."""
        ids = self._near(self.offers_by_area, self.offers_by_band, need.category, need, max_km)
        return self._offer_states(tables, (i for i in ids if within_reach(need, self.offers[i], max_km)))

    def _offer_states(self, tables: EngineTables, ids: Iterable[str]) -> Iterator[OfferState]:
        for offer_id in sorted(ids):
            record = tables.offers[offer_id]
            yield OfferState(self.offers[offer_id], record["status"], remaining_capacity(record))

    def open_needs(self, tables: EngineTables, category: str, ags: str) -> Iterator[OpenNeed]:
        """Needs of a municipality and category that still want offers, with their uncovered
        quantity, in id order."""
        return self._open_needs(tables, self.needs_by_area.get((ags, category), ()))

    def open_needs_in_reach(self, tables: EngineTables, category: str, offers: Iterable[OfferView],
                            max_km: float) -> Iterator[OpenNeed]:
        """Open needs of a category `within_reach` of at least one of the offers, in id order."""
        reached: set[str] = set()
        for offer in offers:
            for need_id in self._near(self.needs_by_area, self.needs_by_band, category, offer, max_km) - reached:
                if within_reach(self.needs[need_id], offer, max_km):
                    reached.add(need_id)
        return self._open_needs(tables, reached)

    def _open_needs(self, tables: EngineTables, ids: Iterable[str]) -> Iterator[OpenNeed]:
        for need_id in sorted(ids):
            record = tables.needs[need_id]
            if is_open(record):
                yield OpenNeed(self.needs[need_id], uncovered(record))

    @staticmethod
    def _near(by_area: dict[tuple[str, str], set[str]], by_band: dict[Band, set[str]], category: str,
              entity: NeedView | OfferView, max_km: float) -> set[str]:
        """Ids of the category that can be within reach of `entity` (a superset): those of its
        municipality, and those in the latitude bands `max_km` spans around its coordinates."""
        ids = set(by_area.get((entity.area.ags, category), ()))
        for band in _bands_within(entity.location, max_km):
            ids.update(by_band.get((category, band), ()))
        return ids

    def keys_served_by(self, offer: OfferView) -> list[CoverageKey]:
        """The coverage keys in use that an offer's area reaches (same municipality and category)."""
        return sorted(
            key for key in self.coverage_keys_by_area.get((offer.area.ags, offer.category), ())
            if offer_serves(offer, key.ags, key.district)
        )
