"""Where each derived event goes: the topic the topic spec names for its type, as a CloudEvents binary-mode record."""

from __future__ import annotations

from hub.topics.spec import topic_of_event_type
from schemas import is_canonical, to_kafka
from schemas._base import EventModel
from schemas.envelope import KafkaRecord


def topic_suffix_of(model: EventModel) -> str:
    if is_canonical(model):
        raise TypeError(f"{type(model).__name__} is not a derived event type")
    return topic_of_event_type(model.event_type).suffix


def derived_record(model: EventModel) -> tuple[str, KafkaRecord]:
    """(topic suffix, record) for one derived event."""
    return topic_suffix_of(model), to_kafka(model)
