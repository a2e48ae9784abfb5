"""One source record after normalising: its events or its dead letter; shared by the runtime and preview."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from connectors import Event, RecordError, SourceConnector, SourceRecord
from connectors.identity import DUPLICATE_RECORD_KEY
from hub.connect.deadletter import NORMALISE, READ, dead_letter
from hub.deadletters.letter import DeadLetter
from hub.connect.offsets import Counters


@dataclass
class Outcome:
    """One source record after normalising: its events, or the dead letter it became."""

    record: SourceRecord
    events: list[Event] = field(default_factory=list)
    failure: DeadLetter | None = None
    error: BaseException | None = None
    stage: str = ""

    @property
    def duplicate_key(self) -> bool:
        return isinstance(self.error, RecordError) and self.error.reason == DUPLICATE_RECORD_KEY


def _class_name(connector: SourceConnector[Any]) -> str:
    return f"{type(connector).__module__}.{type(connector).__qualname__}"


def failed_outcome(connector: SourceConnector[Any], record: SourceRecord, stage: str, error: BaseException,
                   topic: str = "") -> Outcome:
    letter = dead_letter(connector.name, _class_name(connector), record, stage, error, topic)
    return Outcome(record, failure=letter, error=error, stage=stage)


def normalise_record(connector: SourceConnector[Any], record: SourceRecord) -> Outcome:
    """The events of a record, or its dead letter (READ: it could not be read; NORMALISE: not mapped)."""
    if record.error is not None:
        return failed_outcome(connector, record, READ, record.error)
    try:
        events = connector.normalise(record)
    except RecordError as exc:
        return failed_outcome(connector, record, NORMALISE, exc)
    if not events:
        return failed_outcome(connector, record, NORMALISE, RecordError.single("", "the record gave no event"))
    return Outcome(record, events)


def outcome_counters(batch: list[Outcome]) -> Counters:
    """The counters of normalised records: read = produced + dead-lettered + duplicate keys."""
    produced = [o for o in batch if not o.failure]
    duplicates = sum(o.duplicate_key for o in batch if o.failure)
    return Counters(read=len(batch), produced=len(produced), dead_lettered=len(batch) - len(produced) - duplicates,
                    events=sum(len(o.events) for o in produced), duplicate_keys=duplicates,
                    quality_notes=sum(len(getattr(e, "quality", None) or ()) for o in produced for e in o.events))
