"""The functional core of the hub: state and events in, new state and derived events out; no I/O, no clock."""

from __future__ import annotations

from hub.engine.config import EngineConfig
from hub.engine.coverage import CoverageKey, coverage_of
from hub.engine.departure import Departure
from hub.engine.engine import Engine, Event
from hub.engine.lifecycle import NEED_TRANSITIONS, OFFER_TRANSITIONS, transition_allowed
from hub.engine.matching import Candidate, CandidateSearch, OfferState, find_candidate_offers
from hub.engine.outcome import Derived, Outcome, Rejection
from hub.engine.store import EngineTables

__all__ = [
    "NEED_TRANSITIONS",
    "OFFER_TRANSITIONS",
    "Candidate",
    "CandidateSearch",
    "CoverageKey",
    "Departure",
    "Derived",
    "Engine",
    "EngineConfig",
    "EngineTables",
    "Event",
    "OfferState",
    "Outcome",
    "Rejection",
    "coverage_of",
    "find_candidate_offers",
    "transition_allowed",
]
