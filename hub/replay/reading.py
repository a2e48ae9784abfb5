"""Reading CloudEvents JSON lines into input events in event-time order; bad lines are reported, not fatal."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from schemas import EnvelopeError, Need, Offer, Review, StatusUpdate, from_http_structured, to_model

from hub.engine import Event

INPUT_MODELS = (Need, Offer, StatusUpdate, Review)


@dataclass(frozen=True)
class BadLine:
    """A line that is not an input event: its 1-based number and why."""

    line: int
    reason: str


@dataclass(frozen=True)
class InputEvent:
    """One input event: where it was read, its event time and CloudEvents id, and the model."""

    line: int
    time: datetime
    id: str
    model: Event


def read_event(line_no: int, text: str) -> InputEvent | BadLine:
    """Parse one structured-mode line; every problem becomes a BadLine naming the field."""
    try:
        event = from_http_structured(text)
        model = to_model(event)
    except EnvelopeError as exc:
        return BadLine(line_no, str(exc))
    if not isinstance(model, INPUT_MODELS):
        return BadLine(line_no, f"type: {event.type} is derived by the hub, not an input")
    time = event.time or getattr(model, model.time_field or "", None)
    if time is None:
        return BadLine(line_no, "time: the event has no time and its data no occurred_at")
    return InputEvent(line_no, time, event.id, model)


def read_events(lines: Iterable[str]) -> tuple[list[InputEvent], list[BadLine]]:
    """All input events sorted by event time, ties by event id (arrival order decides nothing), and the bad lines."""
    events: list[InputEvent] = []
    bad: list[BadLine] = []
    for line_no, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        result = read_event(line_no, text)
        (bad if isinstance(result, BadLine) else events).append(result)  # type: ignore[arg-type]
    events.sort(key=lambda event: (event.time, event.id))
    return events, bad


def record_lines(path: Path) -> list[str]:
    """The records of a file as one JSON text each: its lines (JSON lines), or the items of a file that is
    one JSON array, or of the one array in a JSON object (`{"offers": [...]}`), as many systems export
    them. A file that starts like JSON but is none is read as lines, so each bad line is named."""
    text = path.read_text(encoding="utf-8-sig")  # a byte-order mark from a spreadsheet's export
    if text.lstrip()[:1] in ("[", "{"):
        try:
            document = json.loads(text)
        except ValueError:
            document = None
        if isinstance(document, dict):
            arrays = [value for value in document.values() if isinstance(value, list)]
            document = arrays[0] if len(arrays) == 1 and not {"id", "title"} & document.keys() else None
        if isinstance(document, list):
            return [json.dumps(item, ensure_ascii=False) for item in document]
    return text.splitlines()
