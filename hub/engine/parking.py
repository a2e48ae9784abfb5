"""One parking policy: an update whose entity has not arrived yet waits for it, and gives up.

A status update (or review) can overtake the need or offer it is about: two systems publish
independently. It is parked, not dropped, and released when its entity arrives. After
`EngineConfig.pending_timeout` without the entity it gives up as an `entity_unknown` rejection,
so nothing waits forever and nothing is lost silently (the dead-letter topic keeps it for a replay).
The worker's router parks with this policy (hub/stream/routing.py), and so does the engine where it
is driven directly (`koordinate replay`).
"""

from __future__ import annotations

from datetime import datetime

from hub.engine.config import EngineConfig

__all__ = ["ENTITY_UNKNOWN", "gave_up", "gives_up_at", "why_given_up"]

ENTITY_UNKNOWN = "entity_unknown"


def gives_up_at(parked_at: datetime, config: EngineConfig) -> datetime:
    """When an update parked at `parked_at` stops waiting for its entity."""
    return parked_at + config.pending_timeout


def gave_up(parked_at: datetime, now: datetime, config: EngineConfig) -> bool:
    return gives_up_at(parked_at, config) <= now


def why_given_up(entity_id: str, config: EngineConfig) -> str:
    return f"{entity_id} did not arrive within {config.pending_timeout}"
