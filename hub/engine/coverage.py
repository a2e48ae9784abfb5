"""Coverage per area x category: open demand against available capacity over a horizon from `now`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from schemas import Coverage, derived_id, expand

from hub.engine.compact import NeedView
from hub.engine.fit import need_window, offer_serves, offer_valid_during
from hub.engine.matching import OfferState


@dataclass(frozen=True, order=True)
class CoverageKey:
    """An area x category; district None stands for needs that name no district."""

    ags: str
    district: str | None
    category: str

    @property
    def text(self) -> str:
        """The key in the `coverage` map."""
        return f"{self.ags}/{self.district or ''}/{self.category}"

    @classmethod
    def of_need(cls, need: NeedView) -> CoverageKey:
        return cls(need.area.ags, need.area.district, need.category)

    @classmethod
    def parse(cls, text: str) -> CoverageKey:
        ags, district, category = text.split("/", 2)
        return cls(ags, district or None, category)


@dataclass(frozen=True)
class OpenNeed:
    """A need as coverage sees it: its view (compact.py) and the quantity still uncovered."""

    need: NeedView
    uncovered: int


def _need_in_horizon(need: NeedView, now: datetime, end: datetime, horizon: timedelta) -> bool:
    start, until = need_window(need, now, horizon)
    if not (start < end and until > now):
        return False
    return need.schedule is None or bool(expand(need.schedule, max(start, now), min(until, end), limit=1))


def _offer_in_horizon(offer: OfferState, now: datetime, end: datetime) -> bool:
    if offer.status != "active" or not offer_valid_during(offer.offer, now, end):
        return False
    return offer.offer.schedule is None or bool(expand(offer.offer.schedule, now, end, limit=1))


def coverage_of(
    key: CoverageKey,
    needs: Iterable[OpenNeed],
    offers: Iterable[OfferState],
    now: datetime,
    horizon: timedelta,
    unknown_capacity: int,
) -> tuple[int, int]:
    """(open demand, available capacity) of one key; `needs` and `offers` may be any superset."""
    end = now + horizon
    demand = sum(
        item.uncovered
        for item in needs
        if CoverageKey.of_need(item.need) == key and _need_in_horizon(item.need, now, end, horizon)
    )
    capacity = sum(
        unknown_capacity if state.remaining is None else state.remaining
        for state in offers
        if state.offer.category == key.category
        and offer_serves(state.offer, key.ags, key.district)
        and _offer_in_horizon(state, now, end)
    )
    return demand, capacity


def coverage_event(key: CoverageKey, demand: int, capacity: int, seq: int, now: datetime,
                   horizon_days: int, gap_ratio: float) -> Coverage:
    """The Coverage event; its id is the key, a per-key sequence number and the figures."""
    ratio = round(capacity / demand, 4) if demand > 0 else None
    return Coverage(
        id=derived_id("coverage", key.text, horizon_days, seq, demand, capacity),
        ags=key.ags,
        district=key.district,
        category=key.category,
        horizon_days=horizon_days,
        open_demand=demand,
        available_capacity=capacity,
        ratio=ratio,
        is_gap=ratio is not None and ratio < gap_ratio,
        computed_at=now,
    )
