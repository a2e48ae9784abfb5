"""EngineConfig: the service levels, matching limits and coverage thresholds the engine applies."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from hub.engine.dedupe.config import DedupeConfig


def _default_sla() -> dict[str, timedelta]:
    return {
        "critical": timedelta(hours=2),
        "high": timedelta(hours=24),
        "normal": timedelta(hours=72),
        "low": timedelta(days=7),
    }


@dataclass(frozen=True)
class EngineConfig:
    """Every number the engine decides with; the defaults follow the issue."""

    sla: dict[str, timedelta] = field(default_factory=_default_sla)
    match_distance_km: float = 5.0
    max_matches_per_need: int = 5
    coverage_horizon_days: int = 28
    coverage_gap_ratio: float = 0.5
    # An offer without a capacity ("unlimited or unknown") counts as this many slots in coverage:
    # counting it as infinite would hide every gap behind one open café.
    unknown_capacity_slots: int = 1
    # Coverage depends on `now` (the horizon moves); a full sweep at most this often in event time.
    coverage_sweep: timedelta = timedelta(hours=1)
    # A status update whose entity never arrives becomes a rejection after this long.
    pending_timeout: timedelta = timedelta(days=7)
    dedupe: DedupeConfig = field(default_factory=DedupeConfig)

    def sla_of(self, urgency: str) -> timedelta:
        """The time a need of this urgency may stay uncovered before it is a gap."""
        return self.sla[urgency]
