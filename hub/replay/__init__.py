"""The offline driver: runs the engine over CloudEvents JSON lines (`koordinate replay`, `koordinate dedupe`)."""

from __future__ import annotations

from hub.replay.driver import ReplayResult, replay_events, write_derived
from hub.replay.offers import ClusterResult, cluster_line, find_clusters_in_lines
from hub.replay.reading import BadLine, InputEvent, read_events

__all__ = [
    "BadLine",
    "ClusterResult",
    "InputEvent",
    "ReplayResult",
    "cluster_line",
    "find_clusters_in_lines",
    "read_events",
    "replay_events",
    "write_derived",
]
