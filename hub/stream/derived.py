"""Where each derived event goes: the topic of its type, as a CloudEvents binary-mode record."""

from __future__ import annotations

from schemas import Coverage, Duplicate, EntityState, Gap, GapResolved, Match, to_kafka
from schemas._base import EventModel
from schemas.envelope import KafkaRecord

_TOPIC_OF_TYPE: dict[type[EventModel], str] = {
    Match: "matches",
    Gap: "gaps",
    GapResolved: "gaps",
    Duplicate: "duplicates",
    Coverage: "coverage",
    EntityState: "state",
}


def topic_suffix_of(model: EventModel) -> str:
    try:
        return _TOPIC_OF_TYPE[type(model)]
    except KeyError:
        raise TypeError(f"{type(model).__name__} is not a derived event type") from None


def derived_record(model: EventModel) -> tuple[str, KafkaRecord]:
    """(topic suffix, record) for one derived event."""
    return topic_suffix_of(model), to_kafka(model)
