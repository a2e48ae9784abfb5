"""Matching: the ranked candidate offers of a need, and why the others were left out (gap reasons)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from schemas import GapReason

from hub.engine.compact import NeedView, OfferView
from hub.engine.fit import (
    check_area,
    check_capacity,
    check_language,
    check_professional,
    check_schedule,
    needs_professional,
    within_reach,
)

# How much each filter's sub-score weighs in the match score; area matters most, it is where help happens.
WEIGHTS = {"area": 0.4, "schedule": 0.2, "language": 0.2, "capacity": 0.2}
# Pipeline order: an offer is blamed on the first filter it fails, and gap reasons keep this order.
REASON_ORDER: tuple[GapReason, ...] = (
    "no_offer_in_category",
    "needs_professional",
    "no_offer_in_area",
    "schedule_mismatch",
    "language_mismatch",
    "capacity_exhausted",
)


@dataclass(frozen=True)
class OfferState:
    """An offer as matching sees it: its view (compact.py), its effective status and remaining capacity."""

    offer: OfferView
    status: str
    remaining: int | None


@dataclass(frozen=True)
class Candidate:
    offer_id: str
    score: float
    reasons: tuple[str, ...]


@dataclass
class CandidateSearch:
    """Ranked candidates (best first) and the first failed filter of each offer left out."""

    candidates: list[Candidate] = field(default_factory=list)
    reasons: list[GapReason] = field(default_factory=list)


def _first_failure(need: NeedView, state: OfferState, wanted: int, now: datetime, config_km: float,
                   horizon: timedelta) -> tuple[GapReason | None, Candidate | None]:
    offer = state.offer
    professional = check_professional(need, offer)
    if not professional.passed:
        return "needs_professional", None
    area = check_area(need, offer, config_km)
    if not area.passed:
        return "no_offer_in_area", None
    schedule = check_schedule(need, offer, now, horizon)
    if not schedule.passed:
        return "schedule_mismatch", None
    language = check_language(need, offer)
    if not language.passed:
        return "language_mismatch", None
    # an offer marked full has no capacity whatever its number says
    capacity = check_capacity(0 if state.status == "full" else state.remaining, max(wanted, 1))
    if not capacity.passed:
        return "capacity_exhausted", None
    score = (
        WEIGHTS["area"] * area.score + WEIGHTS["schedule"] * schedule.score
        + WEIGHTS["language"] * language.score + WEIGHTS["capacity"] * capacity.score
    )
    reasons = area.reasons + schedule.reasons + language.reasons + capacity.reasons + professional.reasons
    return None, Candidate(offer.id, round(min(score, 1.0), 4), reasons)


def find_candidate_offers(
    need: NeedView,
    wanted: int,
    offers: Iterable[OfferState],
    now: datetime,
    max_km: float,
    horizon: timedelta,
    limit: int | None = None,
) -> CandidateSearch:
    """Candidates for `wanted` more slots of `need` among `offers`, best first (ties by offer id).

    Only offers of the need's category that are active or full and valid at `now` are looked at;
    paused and ended offers are not there for anyone.
    """
    failures: set[GapReason] = set()
    found: list[Candidate] = []
    considered = 0
    for state in offers:
        offer = state.offer
        if offer.category != need.category or state.status not in ("active", "full"):
            continue
        if offer.valid_until is not None and offer.valid_until <= now:
            continue
        if not within_reach(need, offer, max_km):
            continue
        considered += 1
        failure, candidate = _first_failure(need, state, wanted, now, max_km, horizon)
        if candidate is not None:
            found.append(candidate)
        elif failure is not None:
            failures.add(failure)
    if considered == 0:
        failures.add("no_offer_in_category")
    if needs_professional(need):
        # the coordination office must look for paid staff, whatever else is missing
        failures.add("needs_professional")
    found.sort(key=lambda c: (-c.score, c.offer_id))
    reasons = [reason for reason in REASON_ORDER if reason in failures]
    return CandidateSearch(found[:limit] if limit is not None else found, reasons)
