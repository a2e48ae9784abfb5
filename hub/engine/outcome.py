"""What handling one event or one tick returns: derived events, rejections and the disposition."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from schemas import Coverage, Duplicate, EntityState, Gap, GapResolved, Match

Derived = Match | Gap | GapResolved | Duplicate | Coverage | EntityState
Disposition = Literal["applied", "ignored", "pending", "rejected"]


@dataclass(frozen=True)
class Rejection:
    """An event the engine refuses; drivers turn it into a dead-letter entry, never a crash."""

    event_id: str
    entity_id: str
    reason: str
    field: str | None = None
    detail: str = ""


@dataclass
class Outcome:
    """Derived events in emission order, rejections, and what became of the input event.

    disposition: applied; ignored (an equal or older revision, nothing changed); pending (a
    status update waiting for its entity); rejected (see `rejections`).
    """

    derived: list[Derived] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    disposition: Disposition = "applied"

    def extend(self, other: Outcome) -> None:
        """Append another outcome's derived events and rejections (disposition stays)."""
        self.derived.extend(other.derived)
        self.rejections.extend(other.rejections)
