"""What a connector config does to its source, without Kafka: counts, dead letters by reason, samples.

`preview` reads the source from the start (no stored position), normalises every record as the
runtime would, and keeps what `koordinate connect preview` prints and writes: read = ok +
dead-lettered + duplicate keys, always.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from connectors import Event, Position, RecordError, SourceConnector
from connectors.identity import describe_position
from hub.connect.outcome import Outcome, normalise_record
from schemas import to_http_structured

SAMPLES = 5
EXAMPLES_PER_REASON = 3


@dataclass
class ReasonGroup:
    """Dead letters of one reason: how many, and where the first few are."""

    count: int = 0
    examples: list[str] = field(default_factory=list)


@dataclass
class PreviewReport:
    """The counts and samples of one preview; `events` in source order."""

    read: int = 0
    ok: int = 0
    dead_lettered: int = 0
    duplicate_keys: int = 0
    reasons: dict[str, ReasonGroup] = field(default_factory=dict)
    duplicates: ReasonGroup = field(default_factory=ReasonGroup)
    dropped: Counter[str] = field(default_factory=Counter)
    moved: Counter[str] = field(default_factory=Counter)
    unmatched: dict[str, list[str]] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)

    @property
    def entity_ids(self) -> set[str]:
        return {str(getattr(e, "id")) for e in self.events}

    @property
    def samples(self) -> list[Event]:
        return self.events[:SAMPLES]

    def add(self, outcome: Outcome) -> None:
        self.read += 1
        if outcome.failure is None:
            self.ok += 1
            self.events.extend(outcome.events)
            for event in outcome.events:
                for note in getattr(event, "quality", None) or ():
                    (self.dropped if note.code == "dropped_invalid" else self.moved)[note.field] += 1
            return
        where = describe_position(outcome.record)
        if outcome.duplicate_key:
            self.duplicate_keys += 1
            group = self.duplicates
        else:
            self.dead_lettered += 1
            error = outcome.error
            reason = error.reason_code if isinstance(error, RecordError) else type(error).__name__
            group = self.reasons.setdefault(f"{outcome.stage} {reason}", ReasonGroup())
        group.count += 1
        if len(group.examples) < EXAMPLES_PER_REASON:
            group.examples.append(where)


def outcomes(connector: SourceConnector[Any], limit: int | None = None) -> Iterator[Outcome]:
    # the connector is opened and closed here; read `unmatched` off it afterwards
    """The outcome of every record of the source read from its start; at most `limit` records."""
    connector.open()
    try:
        records = connector.poll(Position())
        try:
            for number, record in enumerate(records, start=1):
                yield normalise_record(connector, record)
                if limit is not None and number >= limit:
                    break
        finally:
            close = getattr(records, "close", None)
            if close:
                close()
    finally:
        connector.close()


def preview(connector: SourceConnector[Any], limit: int | None = None) -> PreviewReport:
    """Read and normalise the source (at most `limit` records) and count what happened."""
    report = PreviewReport()
    for outcome in outcomes(connector, limit):
        report.add(outcome)
    # file kinds note the fields whose columns a file lacks: mapped in the config, empty in every event
    report.unmatched = {name: fields for name, fields in getattr(connector, "unmatched", {}).items() if fields}
    return report


def write_events(events: list[Event], out: TextIO) -> int:
    """The events as structured-mode CloudEvents, one a line (what `koordinate replay` reads)."""
    for event in events:
        out.write(to_http_structured(event).body.decode("utf-8") + "\n")
    return len(events)


def write_events_file(events: list[Event], path: Path) -> int:
    with path.open("w", encoding="utf-8") as out:
        return write_events(events, out)
