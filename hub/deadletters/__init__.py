"""Reading, filtering and replaying the dead-letter topic (the CLI is `koordinate deadletter`)."""

from hub.deadletters.records import (
    DeadLetterRecord,
    Selection,
    parse_position,
    parse_since,
    read_dead_letters,
    reason_counts,
)
from hub.deadletters.replay import REPLAYED_FROM, Decision, ReplayReport, plan_replay, replay

__all__ = [
    "REPLAYED_FROM",
    "DeadLetterRecord",
    "Decision",
    "ReplayReport",
    "Selection",
    "parse_position",
    "parse_since",
    "plan_replay",
    "read_dead_letters",
    "reason_counts",
    "replay",
]
