"""The connect runtime: runs source connectors, keeps their positions in `connect-offsets`, dead-letters failures."""

from __future__ import annotations

from hub.connect.deadletter import NORMALISE, POSITION_HEADER, PRODUCE, READ, dead_letter, dead_letter_view
from hub.deadletters.letter import CONNECT as PREFIX
from hub.deadletters.letter import DeadLetter
from hub.connect.offsets import ConnectorState, Counters, OffsetStore
from hub.connect.runtime import connector_states, load_connectors, run_connectors, topics_of
from hub.connect.task import SourceTask, Topics

__all__ = [
    "NORMALISE",
    "POSITION_HEADER",
    "PREFIX",
    "PRODUCE",
    "READ",
    "ConnectorState",
    "Counters",
    "DeadLetter",
    "OffsetStore",
    "SourceTask",
    "Topics",
    "connector_states",
    "dead_letter",
    "dead_letter_view",
    "load_connectors",
    "run_connectors",
    "topics_of",
]
