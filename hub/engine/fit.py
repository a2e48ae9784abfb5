"""How well one offer fits one need, filter by filter: professional work, area, schedule, language, capacity.

Each check answers pass/fail plus a sub-score and reason labels, so matching ranks with the same
code that gap reasons come from.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from schemas import expand, is_professional_only, schedules_overlap

from hub.engine.compact import NeedView, OfferView

# Offers that do not list languages are assumed to be held in German.
DEFAULT_OFFER_LANGUAGES = ("de",)
VOLUNTEER_KINDS = frozenset({"initiative"})
# the mean Earth radius of distance_km
EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True)
class Check:
    """One filter's verdict: passed or not, a sub-score 0..1 and reason labels for the match."""

    passed: bool
    score: float = 1.0
    reasons: tuple[str, ...] = ()


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, a)))


def latitude_span(max_km: float) -> float:
    """The most degrees of latitude two points at most `max_km` apart (`distance_km`) can differ by.

    No great circle between two latitudes is shorter than the meridian arc between them; the margin
    covers rounding in distance_km, so the bound never leaves out a point that `within_reach` takes.
    """
    return math.degrees(max_km / EARTH_RADIUS_KM) * (1 + 1e-9) + 1e-9


def _same_name(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


def needs_professional(need: NeedView) -> bool:
    """Paid professional work: never matched to volunteer (initiative) offers."""
    return "professional" in need.requires or is_professional_only(need.category)


def check_professional(need: NeedView, offer: OfferView) -> Check:
    if needs_professional(need) and offer.organisation.kind in VOLUNTEER_KINDS:
        return Check(False)
    return Check(True, 1.0, ("professional",) if needs_professional(need) else ())


def offer_serves(offer: OfferView, ags: str, district: str | None) -> bool:
    """Whether the offer's service area covers the district (None: anywhere in the municipality)."""
    if offer.area.ags != ags:
        return False
    if district is None or not offer.area.districts:
        return True
    return any(_same_name(district, served) for served in offer.area.districts)


def within_reach(need: NeedView, offer: OfferView, max_km: float) -> bool:
    """Whether an offer is in the need's municipality or close enough by coordinates to count at all.

    Offers elsewhere are not "in the category but in another area" for a need: they are simply not
    there for it. This also keeps each municipality's results independent of the others, so a
    worker partition (a few municipalities) and the offline driver (all of them) agree.
    """
    if offer.area.ags == need.area.ags:
        return True
    km = _km_apart(need, offer)
    return km is not None and km <= max_km


def _km_apart(need: NeedView, offer: OfferView) -> float | None:
    """The distance between a need and an offer when both give coordinates; None otherwise."""
    n, o = need.location, offer.location
    if n is None or o is None or n.lat is None or n.lon is None or o.lat is None or o.lon is None:
        return None
    return distance_km(n.lat, n.lon, o.lat, o.lon)


def check_area(need: NeedView, offer: OfferView, max_km: float) -> Check:
    if offer.area.ags == need.area.ags:
        district = need.area.district
        if district and any(_same_name(district, d) for d in offer.area.districts):
            return Check(True, 1.0, ("same_district",))
        if not offer.area.districts:
            return Check(True, 0.8, ("whole_municipality",))
        if district is None:
            return Check(True, 0.7, ("same_municipality",))
    # another district or municipality can still be close enough, if both say where they are
    km = _km_apart(need, offer)
    if km is not None:
        if km <= max_km:
            return Check(True, round(1.0 - 0.5 * km / max_km, 4), (f"within_{km:.1f}_km",))
    return Check(False)


def need_window(need: NeedView, now: datetime, horizon: timedelta) -> tuple[datetime, datetime]:
    """The span a need is about: its needed_from/needed_until, open ends filled from `now` + horizon."""
    start = need.needed_from or now
    end = need.needed_until or max(start, now) + horizon
    return start, end


def offer_valid_during(offer: OfferView, start: datetime, end: datetime) -> bool:
    """Whether the offer's validity (valid_from/valid_until) intersects [start, end)."""
    return (offer.valid_from is None or offer.valid_from < end) and (offer.valid_until is None or offer.valid_until > start)


def check_schedule(need: NeedView, offer: OfferView, now: datetime, horizon: timedelta) -> Check:
    start, end = need_window(need, now, horizon)
    if not offer_valid_during(offer, start, end):
        return Check(False)
    has_window = need.needed_from is not None or need.needed_until is not None
    if need.schedule is not None and offer.schedule is not None:
        return Check(True, 1.0, ("schedule_overlap",)) if schedules_overlap(need.schedule, offer.schedule, start, end) else Check(False)
    if has_window and offer.schedule is not None:
        return Check(True, 1.0, ("schedule_overlap",)) if expand(offer.schedule, start, end, limit=1) else Check(False)
    # one side does not say when: nothing contradicts, but nothing confirms either
    return Check(True, 0.5)


def check_language(need: NeedView, offer: OfferView) -> Check:
    if not need.languages:
        return Check(True, 0.5)
    spoken = set(offer.languages or DEFAULT_OFFER_LANGUAGES)
    shared = [code for code in need.languages if code in spoken]
    if not shared:
        return Check(False)
    return Check(True, 1.0, tuple(f"language:{code}" for code in shared))


def check_capacity(remaining: int | None, wanted: int) -> Check:
    if remaining is None:
        return Check(True, 0.5)
    if remaining <= 0:
        return Check(False)
    if remaining >= wanted:
        return Check(True, 1.0, ("capacity_fits",))
    return Check(True, round(remaining / wanted, 4), ("capacity_partial",))
